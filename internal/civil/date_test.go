package civil

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2025-03-01", true}, {"2024-02-29", true}, {"2025-02-29", false}, {"2025-13-45", false},
		{"01/03/2025", false}, {"", false}, {"2025-3-1", false},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("Parse(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestJSONAndScan(t *testing.T) {
	var v struct {
		A Date `json:"a"`
		B Date `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a":"2025-07-01","b":null}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A.String() != "2025-07-01" || !v.B.IsZero() || v.A.VN() != "01/07/2025" {
		t.Fatalf("decoded %+v", v)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"a":"2025-07-01","b":null}` {
		t.Errorf("encoded %s", b)
	}
	if err := json.Unmarshal([]byte(`{"a":"2025-02-30"}`), &v); err == nil {
		t.Error("an impossible date must not decode")
	}
	var d Date
	for _, src := range []any{"2025-07-01", []byte("2025-07-01"), time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), "2025-07-01T00:00:00Z"} {
		if err := d.Scan(src); err != nil || d.String() != "2025-07-01" {
			t.Errorf("Scan(%v) = %v, %v", src, d, err)
		}
	}
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Errorf("Scan(nil) = %v, %v", d, err)
	}
	if v, _ := (Date{}).Value(); v != nil {
		t.Errorf("unset date stores NULL, got %v", v)
	}
}

func TestOrder(t *testing.T) {
	a, b := MustParse("2025-06-30"), MustParse("2025-07-01")
	if !a.Before(b) || !b.After(a) || a.AddDays(1) != b {
		t.Error("order of days")
	}
}

func TestDays(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int32
	}{
		{"1970-01-01", 0},
		{"1970-01-02", 1},
		{"1969-12-31", -1},
		{"1945-09-02", -8887},
		{"2025-07-01", 20270},
	} {
		if got := MustParse(tc.in).Days(); got != tc.want {
			t.Errorf("%s: Days() = %d, want %d", tc.in, got, tc.want)
		}
	}
}
