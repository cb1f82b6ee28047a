package staffsheet

import (
	"reflect"
	"strings"
	"testing"

	"tinhgon/internal/staff"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		yearOnly bool
		want     string // YYYY-MM-DD, "" for refused
	}{
		{"15/03/1980", false, "1980-03-15"},
		{"5/3/1980", false, "1980-03-05"},
		{"1980-03-15", false, "1980-03-15"},
		{"15-03-1980", false, "1980-03-15"},
		{"15.03.1980", false, "1980-03-15"},
		{"1980-03-15T00:00:00Z", false, "1980-03-15"}, // an ISO date cell read raw
		{"29295", false, "1980-03-15"},                // an Excel serial day
		{"29295.75", false, "1980-03-15"},             // with a time of day
		{"29/02/2024", false, "2024-02-29"},
		{"1968", true, "1968-01-01"},
		{"1968", false, ""}, // a year alone only for the birth date
		{"31/02/1980", false, ""},
		{"29/02/2023", false, ""},
		{"15/13/1980", false, ""},
		{"01/02/68", false, ""}, // two-digit years are ambiguous
		{"15/03/1880", false, ""},
		{"hôm qua", false, ""},
		{"0", false, ""},
		{"-5", false, ""},
	}
	for _, tt := range tests {
		d, ok := parseDate(tt.in, tt.yearOnly, false)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("parseDate(%q, yearOnly=%v) = %q, want %q", tt.in, tt.yearOnly, got, tt.want)
		}
	}
	// Workbooks from old Mac Excel count days from 1904.
	if d, ok := parseDate("27833", false, true); !ok || d.String() != "1980-03-15" {
		t.Errorf("1904 serial = %v %v, want 1980-03-15", d, ok)
	}
}

func TestParseCoef(t *testing.T) {
	tests := []struct {
		in   string
		want staff.Coef
		ok   bool
	}{
		{"4,98", 498, true},
		{"4.98", 498, true},
		{"4.9800000000000004", 498, true}, // Excel's binary float for 4.98
		{"2.3399999999999999", 234, true},
		{"10", 1000, true},
		{"0,5", 50, true},
		{"4,987", 0, false},
		{"-1", 0, false},
		{"bốn", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseCoef(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseCoef(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseAllowances(t *testing.T) {
	tests := []struct {
		in     string
		want   []staff.Allowance
		reason string // substring; "" for a good value
	}{
		{"thâm niên vượt khung 5%; khu vực 0,5", []staff.Allowance{
			{Kind: "thâm niên vượt khung", Percent: 5}, {Kind: "khu vực", Coef: 50}}, ""},
		{"công vụ 25 %;\nkhu vực 0.7;", []staff.Allowance{
			{Kind: "công vụ", Percent: 25}, {Kind: "khu vực", Coef: 70}}, ""},
		{"trách nhiệm 0,3", []staff.Allowance{{Kind: "trách nhiệm", Coef: 30}}, ""},
		{"khu vực", nil, "không đúng dạng"},
		{"5%", nil, "không đúng dạng"},
		{"khu vực 0,5, công vụ 25%", nil, "không đúng dạng"},
		{"khu vực 16", nil, "vượt mức"},
		{"thâm niên 120%", nil, "vượt mức"},
	}
	for _, tt := range tests {
		got, reason := parseAllowances(tt.in, 15)
		if !reflect.DeepEqual(got, tt.want) || !strings.Contains(reason, tt.reason) || (tt.reason == "") != (reason == "") {
			t.Errorf("parseAllowances(%q) = %+v, %q; want %+v, %q", tt.in, got, reason, tt.want, tt.reason)
		}
	}
}

func TestChoiceMatch(t *testing.T) {
	l := newLists()
	tests := []struct {
		list *choiceList
		in   string
		want string // "" for refused
	}{
		{l.category, "công chức", "cong_chuc"},
		{l.category, "CÔNG CHỨC", "cong_chuc"},
		{l.category, "cong chuc", "cong_chuc"},
		{l.category, "cong_chuc", "cong_chuc"},
		{l.category, "Người hoạt động không chuyên trách", "khong_chuyen_trach"},
		{l.category, "công chứk", ""},
		{l.sex, "Nữ", "nu"},
		{l.sex, "NU", "nu"},
		{l.position, "chuyen mon nghiep vu", "professional"},
		{l.funding, "nguồn thu sự nghiệp", "own_revenue"},
		{l.yesNo, "x", codeYes},
		{l.yesNo, "TRUE", codeYes},
		{l.yesNo, "khong", codeNo},
		{l.yesNo, "có thể", ""},
	}
	for _, tt := range tests {
		got, ok := tt.list.match(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s.match(%q) = %q, %v; want %q", tt.list.Name, tt.in, got, ok, tt.want)
		}
	}
}

func TestDecisionNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Quyết định số 123/QĐ-UBND", "123/QĐ-UBND"},
		{"123/QĐ-UBND", "123/QĐ-UBND"},
		{"Nghị quyết số 12/2024/NQ-HĐND", "12/2024/NQ-HĐND"},
		{"QUYẾT ĐỊNH SỐ 45/QĐ-SNV", "45/QĐ-SNV"},
		{"Quyết định 123", ""},
		{"số QĐ-UBND", ""},
	}
	for _, tt := range tests {
		got, ok := decisionNumber(tt.in)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("decisionNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
