package pay

import (
	"testing"

	"tinhgon/internal/civil"
)

func TestOn(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		day  string
		want int64
		ok   bool
	}{
		{"2019-06-30", 0, false},
		{"2019-07-01", 1490000, true},
		{"2023-06-30", 1490000, true},
		{"2023-07-01", 1800000, true},
		{"2024-06-30", 1800000, true},
		{"2024-07-01", 2340000, true},
		{"2026-01-01", 2340000, true},
	} {
		b, ok := tab.On(civil.MustParse(tc.day))
		if ok != tc.ok || b.Amount != tc.want {
			t.Errorf("%s: %d %v, want %d %v", tc.day, b.Amount, ok, tc.want, tc.ok)
		}
		if ok && b.Source == "" {
			t.Errorf("%s: no source", tc.day)
		}
	}
	// 4,98 + 0,7 leadership allowance for a year at 2,340,000 VND.
	b, _ := tab.On(civil.MustParse("2025-01-01"))
	if got, want := b.Yearly(56800), int64(568*2340000*12/100); got != want {
		t.Errorf("Yearly = %d, want %d", got, want)
	}
}
