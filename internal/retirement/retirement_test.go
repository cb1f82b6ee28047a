package retirement

import (
	"testing"

	"tinhgon/internal/civil"
)

func TestCompute(t *testing.T) {
	r, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		sex     Sex
		birth   string
		reduced bool
		age     string
		reached string
		pension string
	}{
		// LEGAL.md §2: a man born 01/1966 reaches 61y9m in 10/2027; pension from 11/2027.
		{"legal example", Male, "1966-01-15", false, "61 tuổi 9 tháng", "2027-10-01", "2027-11-01"},
		{"man before the roadmap", Male, "1955-01-01", false, "60 tuổi 0 tháng", "2015-01-01", "2015-02-01"},
		{"man last month before 2021", Male, "1960-12-20", false, "60 tuổi 0 tháng", "2020-12-01", "2021-01-01"},
		{"man first roadmap year", Male, "1961-01-05", false, "60 tuổi 3 tháng", "2021-04-01", "2021-05-01"},
		{"man at the cap", Male, "1970-06-01", false, "62 tuổi 0 tháng", "2032-06-01", "2032-07-01"},
		{"man, 2027 boundary", Male, "1966-03-01", false, "61 tuổi 9 tháng", "2027-12-01", "2028-01-01"},
		{"man, 2028 boundary", Male, "1966-04-01", false, "62 tuổi 0 tháng", "2028-04-01", "2028-05-01"},
		{"woman first roadmap year", Female, "1966-01-10", false, "55 tuổi 4 tháng", "2021-05-01", "2021-06-01"},
		{"woman, 2021 roadmap year", Female, "1966-05-01", false, "55 tuổi 4 tháng", "2021-09-01", "2021-10-01"},
		{"woman, first month past 2021", Female, "1966-09-01", false, "55 tuổi 8 tháng", "2022-05-01", "2022-06-01"},
		{"woman at the cap", Female, "1980-01-01", false, "60 tuổi 0 tháng", "2040-01-01", "2040-02-01"},
		{"woman before the roadmap", Female, "1960-06-01", false, "55 tuổi 0 tháng", "2015-06-01", "2015-07-01"},
		{"reduced route, man", Male, "1970-01-01", true, "56 tuổi 6 tháng", "2026-07-01", "2026-08-01"},
		{"reduced route, woman", Female, "1975-01-01", true, "52 tuổi 4 tháng", "2027-05-01", "2027-06-01"},
		{"birth year only means January", Male, "1966-01-01", false, "61 tuổi 9 tháng", "2027-10-01", "2027-11-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Compute(tt.sex, civil.MustParse(tt.birth), tt.reduced)
			if err != nil {
				t.Fatal(err)
			}
			if got.AgeText != tt.age || got.Reached.String() != tt.reached || got.PensionStart.String() != tt.pension {
				t.Errorf("got %s, reached %s, pension %s; want %s, %s, %s", got.AgeText, got.Reached, got.PensionStart, tt.age, tt.reached, tt.pension)
			}
			if got.Reached.Time().Year() != got.Year {
				t.Errorf("the age is reached in %d but the roadmap year applied is %d", got.Reached.Time().Year(), got.Year)
			}
			if got.LastDay.AddDays(1) != got.PensionStart {
				t.Errorf("last day %s is not the eve of the pension %s", got.LastDay, got.PensionStart)
			}
		})
	}
}

func TestRoadmapData(t *testing.T) {
	r, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	if r.Source == "" || r.EffectiveFrom.IsZero() {
		t.Fatal("the roadmap carries its source and effective date")
	}
	for _, c := range []struct {
		sex  Sex
		year int
		want int
	}{{Male, 2020, 720}, {Male, 2021, 723}, {Male, 2027, 741}, {Male, 2028, 744}, {Male, 2040, 744},
		{Female, 2021, 664}, {Female, 2034, 716}, {Female, 2035, 720}, {Female, 2050, 720}} {
		if got, _ := r.RequiredMonths(c.sex, c.year, false); got != c.want {
			t.Errorf("%s %d: %d months, want %d", c.sex, c.year, got, c.want)
		}
	}
	if _, err := r.RequiredMonths("x", 2025, false); err == nil {
		t.Error("an unknown sex is refused")
	}
	if _, err := r.Compute(Male, civil.Date{}, false); err == nil {
		t.Error("a missing birth date is refused")
	}
}
