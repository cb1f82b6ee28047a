package staffsheet

import (
	"reflect"
	"strings"
	"testing"

	"tinhgon/internal/staff"
)

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
