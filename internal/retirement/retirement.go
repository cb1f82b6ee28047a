// Package retirement computes the statutory retirement age and the month
// a pension starts (Labour Code 2019 art. 169, Decree 135/2020/NĐ-CP),
// on the normal route and on the reduced-age route. The roadmap is dated
// data with its source (roadmap.json), not numbers in code.
package retirement

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"tinhgon/internal/civil"
)

// Sex selects the roadmap.
type Sex string

// The two roadmaps.
const (
	Male   Sex = "male"
	Female Sex = "female"
)

//go:embed roadmap.json
var roadmapJSON []byte

type track struct {
	First int `json:"first_months"` // required age, in months, for the first roadmap year
	Step  int `json:"step_months"`  // added each later year
	Cap   int `json:"cap_months"`   // where the roadmap stops rising
}

// Rules is a dated rule set for the retirement age.
type Rules struct {
	Source        string         `json:"source"`
	EffectiveFrom civil.Date     `json:"effective_from"`
	Note          string         `json:"note"`
	Before        map[Sex]int    `json:"before_roadmap_months"`
	Roadmap       roadmapSection `json:"roadmap"`
	ReducedMonths int            `json:"reduced_route_months"`
}

type roadmapSection struct {
	FirstYear int   `json:"first_year"`
	Male      track `json:"male"`
	Female    track `json:"female"`
}

// Current returns the rule set shipped with the product.
func Current() (Rules, error) {
	var r Rules
	if err := json.Unmarshal(roadmapJSON, &r); err != nil {
		return r, fmt.Errorf("retirement roadmap: %w", err)
	}
	return r, nil
}

// RequiredMonths is the retirement age, in months, of a person of sex s
// who reaches it in calendar year year, on the normal or reduced route.
func (r Rules) RequiredMonths(s Sex, year int, reduced bool) (int, error) {
	var t track
	switch s {
	case Male:
		t = r.Roadmap.Male
	case Female:
		t = r.Roadmap.Female
	default:
		return 0, fmt.Errorf("giới tính %q không hợp lệ (male, female)", s)
	}
	age := r.Before[s]
	if year >= r.Roadmap.FirstYear {
		age = min(t.First+(year-r.Roadmap.FirstYear)*t.Step, t.Cap)
	}
	if reduced {
		age -= r.ReducedMonths
	}
	return age, nil
}

// Result explains a person's retirement: the age used, the month it is
// reached, the last day of work and the first day of the pension.
type Result struct {
	AgeMonths    int        `json:"age_months"`
	AgeText      string     `json:"age_text"` // "61 tuổi 9 tháng"
	Year         int        `json:"year"`     // the roadmap year applied
	Reached      civil.Date `json:"reached"`  // first day of the month the age is reached
	LastDay      civil.Date `json:"last_day"` // end of that month
	PensionStart civil.Date `json:"pension_start"`
	Reduced      bool       `json:"reduced"`
	Source       string     `json:"source"`
}

// Compute finds, for a person born on birth (with only the year known, pass
// January), the roadmap year T in which the age A(T) is reached: the
// person reaches A(T) in the month birth + A(T), and T is the year that
// month falls in. Retirement is at the end of that month; the pension
// starts on the first of the next.
func (r Rules) Compute(s Sex, birth civil.Date, reduced bool) (Result, error) {
	if birth.IsZero() {
		return Result{}, fmt.Errorf("thiếu ngày sinh")
	}
	by, bm, _ := birth.Time().Date()
	born := by*12 + int(bm) - 1 // months since year 0
	// A(T) rises by at most a few months a year, so the year in which
	// birth + A(T) falls is first at or before T for exactly the T sought.
	for t := by + 1; t <= by+100; t++ {
		a, err := r.RequiredMonths(s, t, reduced)
		if err != nil {
			return Result{}, err
		}
		reached := born + a
		if reached/12 > t {
			continue
		}
		first := time.Date(reached/12, time.Month(reached%12+1), 1, 0, 0, 0, 0, time.UTC)
		next := first.AddDate(0, 1, 0)
		return Result{
			AgeMonths: a, AgeText: fmt.Sprintf("%d tuổi %d tháng", a/12, a%12), Year: t,
			Reached: civil.Of(first), LastDay: civil.Of(next.AddDate(0, 0, -1)), PensionStart: civil.Of(next),
			Reduced: reduced, Source: r.Source,
		}, nil
	}
	return Result{}, fmt.Errorf("không xác định được năm nghỉ hưu cho ngày sinh %s", birth)
}
