package sheet

import "testing"

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
		d, ok := ParseDate(tt.in, tt.yearOnly, false)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q, yearOnly=%v) = %q, want %q", tt.in, tt.yearOnly, got, tt.want)
		}
	}
	// Workbooks from old Mac Excel count days from 1904.
	if d, ok := ParseDate("27833", false, true); !ok || d.String() != "1980-03-15" {
		t.Errorf("1904 serial = %v %v, want 1980-03-15", d, ok)
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
		got, ok := DecisionNumber(tt.in)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("DecisionNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
