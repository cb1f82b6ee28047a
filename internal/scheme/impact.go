package scheme

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// Figure is one number before and after a scheme.
type Figure struct {
	Before int `json:"before"`
	After  int `json:"after"`
	Change int `json:"change"`
}

func figure(before, after int) Figure {
	return Figure{Before: before, After: after, Change: after - before}
}

// Group is a figure for one kind, level or pillar of units.
type Group struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Figure
}

// Leaver is a person who leaves with the scheme.
type Leaver struct {
	PersonID    string `json:"person_id"`
	PersonCode  string `json:"person_code"`
	PersonName  string `json:"person_name"`
	UnitID      string `json:"unit_id"`
	UnitName    string `json:"unit_name"`
	Policy      string `json:"policy"`
	PolicyLabel string `json:"policy_label"`
}

// Money is a yearly salary fund before and after, in VND as decimal strings.
type Money struct {
	Before string `json:"before"`
	After  string `json:"after"`
	Change string `json:"change"`
	// BaseSalary is the monthly base salary both are computed with (the one
	// in force on the effective date), and its source.
	BaseSalary       string `json:"base_salary"`
	BaseSalarySource string `json:"base_salary_source"`
	PeopleBefore     int    `json:"people_before"`
	PeopleAfter      int    `json:"people_after"`
}

// Impact is what a scheme changes, from its simulation (or, once applied,
// from the register): the register on the base date against the register
// after the scheme on its effective date.
type Impact struct {
	BaseDate        civil.Date `json:"base_date"`
	EffectiveDate   civil.Date `json:"effective_date"`
	Simulated       bool       `json:"simulated"`
	Units           Figure     `json:"units"`
	ByKind          []Group    `json:"by_kind"`
	ByLevel         []Group    `json:"by_level"`
	ByPillar        []Group    `json:"by_pillar"`
	Headcount       Figure     `json:"headcount"`
	BudgetPaid      Figure     `json:"budget_paid"`
	Quota           Figure     `json:"quota"`
	Heads           Figure     `json:"heads"`
	Deputies        Figure     `json:"deputies"`
	SurplusDeputies Figure     `json:"surplus_deputies"`
	Leaving         int        `json:"leaving"`
	Leavers         []Leaver   `json:"leavers"`
	SalaryFund      Money      `json:"salary_fund"`
	// TargetsAfter are the reduction and structure targets after the scheme.
	TargetsAfter []staff.Target `json:"targets_after"`
}

//go:embed policies.json
var policiesJSON []byte

// Policy is a policy a person leaving goes under.
type Policy struct {
	Code   string `json:"code"`
	Label  string `json:"label"`
	Source string `json:"source"`
}

// Policies lists the policies a placement may name.
func Policies() []Policy {
	var p struct {
		Policies []Policy `json:"policies"`
	}
	if err := json.Unmarshal(policiesJSON, &p); err != nil {
		panic(fmt.Sprintf("policies.json: %v", err)) // embedded at build time: a bad file is a build defect
	}
	return p.Policies
}

// side is the register on one side of a scheme.
type side struct {
	units  []org.Node
	counts staff.Summary
	people int
	pay    int64 // ten-thousandths of the base salary per month
}

// impactOf computes the impact of a scheme: sim is its simulation, nil
// once it has been applied.
func (s *Service) impactOf(ctx context.Context, sc *Scheme, sim *Simulation) (*Impact, error) {
	// Both sides compare with the quotas of the effective date's year: a
	// base date in the year before would otherwise compare two years' quotas.
	year := sc.EffectiveDate.Time().Year()
	before, err := s.registerSide(ctx, sc.Base(), year)
	if err != nil {
		return nil, err
	}
	var after side
	if sim != nil {
		after.units = make([]org.Node, len(sim.Units))
		for i, u := range sim.Units {
			after.units[i] = org.Node{ID: u.ID, Kind: u.Kind, Level: u.Level, Pillar: u.Pillar}
		}
		after.counts = sim.Tallies.Total()
		after.people, after.pay = sim.Model.PayRoll(sim.Day)
	} else if after, err = s.registerSide(ctx, sc.EffectiveDate, year); err != nil {
		return nil, err
	}
	im := &Impact{BaseDate: sc.Base(), EffectiveDate: sc.EffectiveDate, Simulated: sim != nil,
		Units:           figure(len(before.units), len(after.units)),
		Headcount:       figure(before.counts.Headcount, after.counts.Headcount),
		BudgetPaid:      figure(before.counts.ByFunding[staff.Budget], after.counts.ByFunding[staff.Budget]),
		Quota:           figure(deref(before.counts.Quota), deref(after.counts.Quota)),
		Heads:           figure(before.counts.Heads, after.counts.Heads),
		Deputies:        figure(before.counts.Deputies, after.counts.Deputies),
		SurplusDeputies: figure(before.counts.SurplusDeputies, after.counts.SurplusDeputies),
		TargetsAfter:    after.counts.Targets,
	}
	im.ByKind = groups(before.units, after.units, func(n org.Node) (string, string) { return n.Kind, org.KindLabel(n.Kind) })
	im.ByLevel = groups(before.units, after.units, func(n org.Node) (string, string) { return string(n.Level), org.LevelLabel(n.Level) })
	im.ByPillar = groups(before.units, after.units, func(n org.Node) (string, string) { return string(n.Pillar), org.PillarLabel(n.Pillar) })
	if im.Leavers, err = s.leavers(ctx, sc, sim); err != nil {
		return nil, err
	}
	im.Leaving = len(im.Leavers)
	if b, ok := s.pay.On(sc.EffectiveDate); ok {
		yb, ya := b.Yearly(before.pay), b.Yearly(after.pay)
		im.SalaryFund = Money{Before: vnd(yb), After: vnd(ya), Change: vnd(ya - yb), BaseSalary: vnd(b.Amount),
			BaseSalarySource: b.Source, PeopleBefore: before.people, PeopleAfter: after.people}
	}
	return im, nil
}

// registerSide reads the register and its staffing on d.
func (s *Service) registerSide(ctx context.Context, d civil.Date, quotaYear int) (side, error) {
	var out side
	nodes, err := s.units.Skeleton(ctx, org.Moment{AsOf: d})
	if err != nil {
		return out, err
	}
	t, model, err := s.staff.TallyYear(ctx, org.Moment{AsOf: d}, quotaYear)
	if err != nil {
		return out, err
	}
	out.units, out.counts = nodes, t.Total()
	out.people, out.pay = model.PayRoll(d)
	return out, nil
}

// leavers lists the people the scheme's placements send away, with the
// policy each leaves under; with a simulation, also those whose post ended
// with no other.
func (s *Service) leavers(ctx context.Context, sc *Scheme, sim *Simulation) ([]Leaver, error) {
	model, err := s.staff.Model(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	labels := map[string]string{}
	for _, p := range Policies() {
		labels[p.Code] = p.Label
	}
	names := map[string]string{}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		u, err := s.units.UnitsAt(ctx, []string{id}, org.Moment{AsOf: sc.Base()})
		if err == nil && len(u) > 0 {
			names[id] = u[0].Name
		}
		return names[id]
	}
	day := sc.EffectiveDate.AddDays(-1)
	seen := map[string]bool{}
	var out []Leaver
	add := func(ref, policy string) {
		p, ok := model.Lookup(ref, day)
		if !ok || seen[p.ID] {
			return
		}
		seen[p.ID] = true
		out = append(out, Leaver{PersonID: p.ID, PersonCode: p.Code, PersonName: p.Name, UnitID: p.UnitID, UnitName: name(p.UnitID),
			Policy: policy, PolicyLabel: labels[policy]})
	}
	for _, op := range sc.Operations {
		for _, pl := range op.Placements {
			if pl.Leave {
				add(pl.Person, pl.Policy)
			}
		}
	}
	if sim != nil {
		for _, id := range sim.Leaving {
			add(id, "")
		}
	}
	slices.SortFunc(out, func(a, b Leaver) int { return compare(a.UnitName+a.PersonName, b.UnitName+b.PersonName) })
	if out == nil {
		out = []Leaver{}
	}
	return out, nil
}

// groups counts units before and after by a key, in the order keys first appear.
func groups(before, after []org.Node, key func(org.Node) (string, string)) []Group {
	var out []Group
	at := map[string]int{}
	count := func(ns []org.Node, after bool) {
		for _, n := range ns {
			k, label := key(n)
			i, ok := at[k]
			if !ok {
				i = len(out)
				at[k] = i
				out = append(out, Group{Key: k, Label: label})
			}
			if after {
				out[i].After++
			} else {
				out[i].Before++
			}
		}
	}
	count(before, false)
	count(after, true)
	for i := range out {
		out[i].Change = out[i].After - out[i].Before
	}
	slices.SortStableFunc(out, func(a, b Group) int { return compare(a.Key, b.Key) })
	return out
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// vnd writes an amount of đồng as the API's decimal string.
func vnd(n int64) string { return strconv.FormatInt(n, 10) }
