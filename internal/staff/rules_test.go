package staff_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/retirement"
	"tinhgon/internal/staff"
)

// The helpers below build small, in-memory provinces: people, their
// assignments and quotas, and the register's tree as hand-made nodes.

var knownAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func day(s string) civil.Date { return civil.MustParse(s) }

func loadRules(t *testing.T) *staff.Rules {
	t.Helper()
	r, err := staff.LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func retirementRules(t *testing.T) *retirement.Rules {
	t.Helper()
	r, err := retirement.Current()
	if err != nil {
		t.Fatal(err)
	}
	return &r
}

// world collects the rows of a model.
type world struct {
	people []staff.Person
	asgs   []staff.Assignment
	quotas []staff.Quota
}

// opt changes an assignment (or, for born/hometown/sex, the person).
type opt func(p *staff.Person, a *staff.Assignment)

func from(s string) opt { return func(_ *staff.Person, a *staff.Assignment) { a.ValidFrom = day(s) } }
func until(s string) opt {
	return func(_ *staff.Person, a *staff.Assignment) { a.ValidTo = day(s) }
}
func as(post staff.Post) opt { return func(_ *staff.Person, a *staff.Assignment) { a.Post = post } }

// concurrent makes the assignment a concurrent post (kiêm nhiệm).
func concurrent(_ *staff.Person, a *staff.Assignment) { a.Primary = false }
func ownRevenue(_ *staff.Person, a *staff.Assignment) { a.Funding = staff.OwnRevenue }
func professional(_ *staff.Person, a *staff.Assignment) {
	a.Position = staff.Professional
}
func hometown(code string) opt {
	return func(p *staff.Person, _ *staff.Assignment) { p.Hometown = code }
}
func born(sex staff.Sex, s string) opt {
	return func(p *staff.Person, _ *staff.Assignment) { p.Sex, p.BirthDate = sex, day(s) }
}

// hire adds a person of a category with a primary, budget-paid, support
// staff assignment to unit (open-ended unless the options say otherwise).
func (w *world) hire(id string, cat staff.Category, unit string, opts ...opt) {
	p := staff.Person{ID: id, Code: "C-" + id, Name: "Người " + id, Category: cat, Sex: staff.Male}
	a := staff.Assignment{ID: fmt.Sprintf("a%d", len(w.asgs)), PersonID: id, UnitID: unit, Post: staff.Staff,
		Position: staff.Support, Funding: staff.Budget, Primary: true}
	for _, o := range opts {
		o(&p, &a)
	}
	w.people = append(w.people, p)
	w.asgs = append(w.asgs, a)
}

// hireN adds n people named prefix1…prefixN.
func (w *world) hireN(prefix string, n int, cat staff.Category, unit string, opts ...opt) {
	for i := 1; i <= n; i++ {
		w.hire(fmt.Sprintf("%s%d", prefix, i), cat, unit, opts...)
	}
}

// assign adds another assignment of an existing person (primary unless
// concurrent is given). Person options are ignored.
func (w *world) assign(person, unit string, opts ...opt) {
	var p staff.Person
	a := staff.Assignment{ID: fmt.Sprintf("a%d", len(w.asgs)), PersonID: person, UnitID: unit, Post: staff.Staff,
		Position: staff.Support, Funding: staff.Budget, Primary: true}
	for _, o := range opts {
		o(&p, &a)
	}
	w.asgs = append(w.asgs, a)
}

func (w *world) quota(unit string, year int, cat staff.Category, n int) {
	w.quotas = append(w.quotas, staff.Quota{UnitID: unit, Year: year, Category: cat, Count: n})
}

// carried is a quota an operation carried over to unit: it adds to the
// unit's quota instead of replacing it.
func (w *world) carried(unit string, year int, cat staff.Category, n int, op string) {
	w.quotas = append(w.quotas, staff.Quota{UnitID: unit, Year: year, Category: cat, Count: n, OperationID: op})
}

func (w *world) model() *staff.Model { return staff.Build(knownAt, w.people, w.asgs, w.quotas) }

func node(id, parent, kind string, level org.Level, pillar org.Pillar) org.Node {
	return org.Node{ID: id, ParentID: parent, Kind: kind, Level: level, Pillar: pillar}
}

// unitsOf names every node by its id; areas gives the area codes.
func unitsOf(nodes []org.Node, areas map[string]string) map[string]org.Unit {
	out := map[string]org.Unit{}
	for _, n := range nodes {
		out[n.ID] = org.Unit{ID: n.ID, Name: "Đơn vị " + n.ID, Kind: n.Kind, Level: n.Level, Pillar: n.Pillar,
			ParentID: n.ParentID, AreaCode: areas[n.ID]}
	}
	return out
}

// places is a fake gazetteer: each known hometown lists the areas it lies in.
type places map[string][]string

func (p places) Within(hometown, area string) (within, known bool) {
	in, ok := p[hometown]
	if !ok {
		return false, false
	}
	return slices.Contains(in, area), true
}

func ofRule(fs []staff.Finding, rule string) []staff.Finding { return staff.OfRule(fs, rule) }

func rowOf(t *testing.T, ts *staff.Tallies, id string) staff.Row {
	t.Helper()
	for _, r := range ts.Rows("") {
		if r.UnitID == id {
			return r
		}
	}
	t.Fatalf("no row for %s", id)
	return staff.Row{}
}

func targetOf(ts []staff.Target, rule string) (staff.Target, bool) {
	for _, x := range ts {
		if x.Rule == rule {
			return x, true
		}
	}
	return staff.Target{}, false
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

func personIDs(fs []staff.Finding) string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.PersonID)
	}
	slices.Sort(ids)
	return strings.Join(ids, ",")
}

// deputyTree is a province's People's Committee with one department (so)
// and an office (vp) whose kind has no deputy limit.
var deputyTree = []org.Node{
	node("ubnd", "", "peoples_committee", org.LevelProvince, org.PillarState),
	node("so", "ubnd", "specialized_agency", org.LevelProvince, org.PillarState),
	node("vp", "ubnd", "office", org.LevelProvince, org.PillarState),
}

func TestDeputies(t *testing.T) {
	rules := loadRules(t)
	merged := map[string]staff.Merger{"so": {Inputs: 2, Date: day("2025-03-01")}}
	for _, c := range []struct {
		name string
		asOf string
		// deps are primary deputies of so, conc concurrent ones (primary
		// in vp), staffN other staff; ended adds a deputy whose
		// assignment ended on 2025-07-01. Every case has one head.
		deps, conc, staffN int
		ended              bool
		merged             bool

		wantDeps, wantHC, wantMax, wantSurplus int
		sev                                    staff.Severity // "" when no finding
		deadline                               string
		src, notSrc                            []string
	}{
		{name: "3 deputies: within the limit", asOf: "2025-07-15", deps: 3, staffN: 16,
			wantDeps: 3, wantHC: 20, wantMax: 3},
		{name: "5 deputies the day before Decree 45", asOf: "2025-02-28", deps: 5, staffN: 14,
			wantDeps: 5, wantHC: 20, wantMax: -1},
		{name: "5 deputies the day Decree 45 takes effect", asOf: "2025-03-01", deps: 5, staffN: 14,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Violation,
			src: []string{"45/2025"}, notSrc: []string{"150/2025"}},
		{name: "last day of Decree 45", asOf: "2025-06-30", deps: 5, staffN: 14,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Violation,
			src: []string{"45/2025"}, notSrc: []string{"150/2025"}},
		{name: "first day of Decree 150", asOf: "2025-07-01", deps: 5, staffN: 14,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Violation,
			src: []string{"150/2025"}, notSrc: []string{"45/2025"}},

		{name: "merged: the day it is formed", asOf: "2025-03-01", deps: 5, staffN: 14, merged: true,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Warning, deadline: "2030-03-01",
			src: []string{"45/2025"}, notSrc: []string{"187-KL/TW"}},
		{name: "merged: the day before Conclusion 187", asOf: "2025-08-28", deps: 5, staffN: 14, merged: true,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Warning, deadline: "2030-03-01",
			src: []string{"150/2025"}, notSrc: []string{"187-KL/TW", "45/2025"}},
		{name: "merged: Conclusion 187 applies, the earlier deadline kept", asOf: "2025-08-29", deps: 5, staffN: 14, merged: true,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Warning, deadline: "2030-03-01",
			src: []string{"150/2025", "187-KL/TW"}},
		{name: "merged: on the deadline", asOf: "2030-03-01", deps: 5, staffN: 14, merged: true,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Warning, deadline: "2030-03-01"},
		{name: "merged: the day after the deadline", asOf: "2030-03-02", deps: 5, staffN: 14, merged: true,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Violation, deadline: "2030-03-01"},

		// Concurrent deputies count as deputies, not as headcount: 3+2
		// deputies, headcount 1 head + 3 = 4, so 50% allows only 2.
		{name: "share: the day before Conclusion 187", asOf: "2025-08-28", deps: 3, conc: 2,
			wantDeps: 5, wantHC: 4, wantMax: 3, wantSurplus: 2, sev: staff.Violation,
			src: []string{"150/2025"}, notSrc: []string{"187-KL/TW"}},
		{name: "share: 50% of headcount binds", asOf: "2025-08-29", deps: 3, conc: 2,
			wantDeps: 5, wantHC: 4, wantMax: 2, wantSurplus: 3, sev: staff.Warning, deadline: "2030-12-31",
			src: []string{"150/2025", "187-KL/TW"}},
		{name: "share: on comply_by", asOf: "2030-12-31", deps: 3, conc: 2,
			wantDeps: 5, wantHC: 4, wantMax: 2, wantSurplus: 3, sev: staff.Warning, deadline: "2030-12-31"},
		{name: "share: after comply_by", asOf: "2031-01-01", deps: 3, conc: 2,
			wantDeps: 5, wantHC: 4, wantMax: 2, wantSurplus: 3, sev: staff.Violation, deadline: "2030-12-31"},

		{name: "ended deputy counts the day before it ends", asOf: "2025-06-30", deps: 5, staffN: 14, ended: true,
			wantDeps: 6, wantHC: 21, wantMax: 3, wantSurplus: 3, sev: staff.Violation},
		{name: "ended deputy no longer counts", asOf: "2025-07-01", deps: 5, staffN: 14, ended: true,
			wantDeps: 5, wantHC: 20, wantMax: 3, wantSurplus: 2, sev: staff.Violation},
	} {
		t.Run(c.name, func(t *testing.T) {
			var w world
			w.hire("gd", staff.CongChuc, "so", as(staff.Head))
			w.hireN("pgd", c.deps, staff.CongChuc, "so", as(staff.Deputy))
			for i := 1; i <= c.conc; i++ {
				id := fmt.Sprintf("kn%d", i)
				w.hire(id, staff.CongChuc, "vp")
				w.assign(id, "so", as(staff.Deputy), concurrent)
			}
			w.hireN("cv", c.staffN, staff.CongChuc, "so")
			if c.ended {
				w.hire("cu", staff.CongChuc, "so", as(staff.Deputy), until("2025-07-01"))
			}
			scope := staff.Scope{AsOf: day(c.asOf), Nodes: deputyTree}
			if c.merged {
				scope.Merged = merged
			}
			m := w.model()
			ts := m.Tally(rules, scope)
			own := rowOf(t, ts, "so").Own
			if own.Deputies != c.wantDeps || own.Headcount != c.wantHC || deref(own.MaxDeputies) != c.wantMax ||
				own.SurplusDeputies != c.wantSurplus || own.Concurrent != c.conc {
				t.Errorf("deputies %d headcount %d max %d surplus %d concurrent %d, want %d %d %d %d %d",
					own.Deputies, own.Headcount, deref(own.MaxDeputies), own.SurplusDeputies, own.Concurrent,
					c.wantDeps, c.wantHC, c.wantMax, c.wantSurplus, c.conc)
			}
			fs := ofRule(m.Findings(ts, staff.Context{Units: unitsOf(deputyTree, nil)}), "cap-pho")
			if c.sev == "" {
				if len(fs) != 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 {
				t.Fatalf("findings %+v, want one", fs)
			}
			f := fs[0]
			if f.UnitID != "so" || f.Severity != c.sev || f.Deadline.String() != c.deadline {
				t.Errorf("finding on %s %s deadline %q, want so %s %q", f.UnitID, f.Severity, f.Deadline, c.sev, c.deadline)
			}
			if want := fmt.Sprintf("dôi dư %d cấp phó", c.wantSurplus); !strings.Contains(f.Detail, want) {
				t.Errorf("detail %q lacks %q", f.Detail, want)
			}
			for _, s := range c.src {
				if !strings.Contains(f.Source, s) {
					t.Errorf("source %q lacks %q", f.Source, s)
				}
			}
			for _, s := range c.notSrc {
				if strings.Contains(f.Source, s) {
					t.Errorf("source %q has %q", f.Source, s)
				}
			}
		})
	}
}

// TestDeputiesMergedExtra: Conclusion 187-KL/TW lets a body formed by
// merging two bodies keep one deputy above the 50% cap (two for three or
// more), never above the decree's maximum.
func TestDeputiesMergedExtra(t *testing.T) {
	rules := loadRules(t)
	for _, c := range []struct {
		inputs, wantMax int
	}{{0, 2}, {2, 3}, {3, 3}} { // headcount 4: 50% is 2; min with Decree 150's 3
		var w world
		w.hire("gd", staff.CongChuc, "so", as(staff.Head))
		w.hireN("pgd", 3, staff.CongChuc, "so", as(staff.Deputy))
		scope := staff.Scope{AsOf: day("2025-09-01"), Nodes: deputyTree}
		if c.inputs > 0 {
			scope.Merged = map[string]staff.Merger{"so": {Inputs: c.inputs, Date: day("2025-03-01")}}
		}
		own := rowOf(t, w.model().Tally(rules, scope), "so").Own
		if deref(own.MaxDeputies) != c.wantMax {
			t.Errorf("merged from %d: max deputies %d, want %d", c.inputs, deref(own.MaxDeputies), c.wantMax)
		}
	}
}

func TestQuota(t *testing.T) {
	rules := loadRules(t)
	nodes := []org.Node{
		node("ubnd", "", "peoples_committee", org.LevelProvince, org.PillarState),
		node("a", "ubnd", "specialized_agency", org.LevelProvince, org.PillarState),
		node("b", "ubnd", "specialized_agency", org.LevelProvince, org.PillarState),
	}
	var w world
	w.hireN("a-cc", 5, staff.CongChuc, "a")
	w.hireN("a-vc", 2, staff.VienChuc, "a")
	w.hireN("a-kn", 2, staff.CongChuc, "b") // concurrent in a: not headcount
	for i := 1; i <= 2; i++ {
		w.assign(fmt.Sprintf("a-kn%d", i), "a", concurrent)
	}
	w.hireN("b-cc", 3, staff.CongChuc, "b", ownRevenue)
	w.quota("a", 2025, staff.CongChuc, 3) // replaced by the next decision
	w.quota("a", 2025, staff.CongChuc, 4)
	w.quota("a", 2025, staff.VienChuc, 3)
	w.quota("a", 2024, staff.CongChuc, 10)
	w.quota("a", 2022, staff.CongChuc, 4)
	w.carried("b", 2025, staff.CongChuc, 3, "op1") // two merged units' quotas add up
	w.carried("b", 2025, staff.CongChuc, 2, "op1")
	m := w.model()
	for _, c := range []struct {
		name                          string
		asOf                          string
		unit                          string
		hc, quota, surplus, shortage  int
		finding                       bool
		rolledSurplus, rolledShortage int
	}{
		// 5 công chức against 4, 2 viên chức against 3: a shortage of
		// viên chức does not offset the surplus of công chức.
		{name: "surplus and shortage per category", asOf: "2025-06-01", unit: "a", hc: 7, quota: 7, surplus: 1, shortage: 1, finding: true},
		{name: "exactly at quota", asOf: "2025-06-01", unit: "b", hc: 5, quota: 5},
		{name: "another year's quota", asOf: "2024-06-01", unit: "a", hc: 7, quota: 10, shortage: 5},
		{name: "no quota for the year", asOf: "2023-06-01", unit: "a", hc: 7, quota: -1},
		{name: "the day before Regulation 70", asOf: "2022-07-17", unit: "a", hc: 7, quota: 4, surplus: 1},
		{name: "the day Regulation 70 takes effect", asOf: "2022-07-18", unit: "a", hc: 7, quota: 4, surplus: 1, finding: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			ts := m.Tally(rules, staff.Scope{AsOf: day(c.asOf), Nodes: nodes})
			own := rowOf(t, ts, c.unit).Own
			if own.Headcount != c.hc || deref(own.Quota) != c.quota || own.Surplus != c.surplus || own.Shortage != c.shortage {
				t.Errorf("headcount %d quota %d surplus %d shortage %d, want %d %d %d %d",
					own.Headcount, deref(own.Quota), own.Surplus, own.Shortage, c.hc, c.quota, c.surplus, c.shortage)
			}
			var got []staff.Finding
			for _, f := range ofRule(m.Findings(ts, staff.Context{Units: unitsOf(nodes, nil)}), "bien-che") {
				if f.UnitID == c.unit {
					got = append(got, f)
				}
			}
			switch {
			case !c.finding && len(got) != 0:
				t.Errorf("findings %+v, want none", got)
			case c.finding && len(got) != 1:
				t.Errorf("findings %+v, want one", got)
			case c.finding:
				want := fmt.Sprintf("có %d người, biên chế năm %s là %d; số người vượt biên chế ở các loại được giao: %d", c.hc, c.asOf[:4], c.quota, c.surplus)
				if !strings.Contains(got[0].Detail, want) || got[0].Severity != staff.Violation {
					t.Errorf("finding %+v, want %s violation", got[0], want)
				}
			}
		})
	}
	// Roll-up: a's surplus and b's exact match; the parent has no quota
	// of its own but the rolled-up counts carry the children's.
	ts := m.Tally(rules, staff.Scope{AsOf: day("2025-06-01"), Nodes: nodes})
	up := rowOf(t, ts, "ubnd").RolledUp
	if up.Headcount != 12 || deref(up.Quota) != 12 || up.Surplus != 1 || up.Shortage != 1 ||
		up.ByFunding[staff.OwnRevenue] != 3 || up.ByFunding[staff.Budget] != 9 || up.Concurrent != 2 {
		t.Errorf("rolled up %+v, want headcount 12, quota 12, surplus 1, shortage 1, own revenue 3, budget 9, concurrent 2", up)
	}
	if own := rowOf(t, ts, "ubnd").Own; own.Quota != nil {
		t.Errorf("ubnd own quota %d, want none", *own.Quota)
	}
}

// cutWorld: on 2024-12-31 department a has 10 budget-paid công chức, one
// paid from its own revenue and two budget-paid người lao động; department
// l has 2 budget-paid viên chức. On 2025-03-01 a is merged into n, which
// takes `now` of the công chức (and the others); l ends with no successor.
func cutWorld(now int) *staff.Model {
	var w world
	for i := 1; i <= 10; i++ {
		id := fmt.Sprintf("cc%d", i)
		w.hire(id, staff.CongChuc, "a", until("2025-03-01"))
		if i <= now {
			w.assign(id, "n", from("2025-03-01"))
		}
	}
	w.hire("own", staff.CongChuc, "a", ownRevenue, until("2025-03-01"))
	w.assign("own", "n", ownRevenue, from("2025-03-01"))
	w.hireN("nld", 2, staff.NguoiLaoDong, "a", until("2025-03-01"))
	w.assign("nld1", "n", from("2025-03-01"))
	w.assign("nld2", "n", from("2025-03-01"))
	w.hireN("vc", 2, staff.VienChuc, "l", until("2025-03-01"))
	return w.model()
}

var (
	cutBase = []org.Node{
		node("ubnd", "", "peoples_committee", org.LevelProvince, org.PillarState),
		node("a", "ubnd", "specialized_agency", org.LevelProvince, org.PillarState),
		node("l", "ubnd", "specialized_agency", org.LevelProvince, org.PillarState),
	}
	cutNow = []org.Node{
		node("ubnd", "", "peoples_committee", org.LevelProvince, org.PillarState),
		node("n", "ubnd", "specialized_agency", org.LevelProvince, org.PillarState),
	}
)

// cutScope is the scope on asOf; before the merger the tree is the
// baseline's and every unit is its own successor.
func cutScope(asOf string, withLost bool) staff.Scope {
	base := cutBase
	if !withLost {
		base = cutBase[:2]
	}
	if day(asOf).Before(day("2025-03-01")) {
		return staff.Scope{AsOf: day(asOf), Nodes: base, Baseline: day("2024-12-31"), BaseNodes: base,
			Successor: map[string]string{"ubnd": "ubnd", "a": "a", "l": "l"}}
	}
	return staff.Scope{AsOf: day(asOf), Nodes: cutNow, Baseline: day("2024-12-31"), BaseNodes: base,
		Successor: map[string]string{"ubnd": "ubnd", "a": "n"}}
}

func TestBudgetCut(t *testing.T) {
	rules := loadRules(t)
	for _, c := range []struct {
		name      string
		now       int
		asOf      string
		lost      bool
		unit      string // "" for the total
		base, val int
		current   float64
		goal      int
		met       bool
		none      bool // no target at all
		finding   staff.Severity
		detail    string
	}{
		{name: "8 of 10: 20.0% met", now: 8, asOf: "2025-06-01", unit: "n", base: 10, val: 8, current: 20, goal: 8, met: true},
		{name: "9 of 10: not met", now: 9, asOf: "2025-06-01", unit: "n", base: 10, val: 9, current: 10, goal: 8,
			finding: staff.Info, detail: "đã giảm 10.0% (10 → 9 người) so với ngày 31/12/2024"},
		{name: "total: 8 of 10", now: 8, asOf: "2025-06-01", base: 10, val: 8, current: 20, goal: 8, met: true},
		{name: "total counts a unit with no successor", now: 8, asOf: "2025-06-01", lost: true, base: 12, val: 8, current: 33.3, goal: 9, met: true},
		{name: "the lost unit is not in its successor's subtotal", now: 8, asOf: "2025-06-01", lost: true, unit: "n", base: 10, val: 8, current: 20, goal: 8, met: true},
		{name: "the day before the cut rule", now: 9, asOf: "2025-01-03", none: true},
		{name: "the day the cut rule takes effect", now: 9, asOf: "2025-01-04", base: 10, val: 10, current: 0, goal: 8,
			finding: staff.Info, detail: "đã giảm 0.0% (10 → 10 người)"},
		{name: "on the deadline", now: 9, asOf: "2031-12-31", base: 10, val: 9, current: 10, goal: 8, finding: staff.Info},
		{name: "the day after the deadline", now: 9, asOf: "2032-01-01", base: 10, val: 9, current: 10, goal: 8, finding: staff.Violation},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := cutWorld(c.now)
			ts := m.Tally(rules, cutScope(c.asOf, c.lost))
			var targets []staff.Target
			if c.unit == "" {
				targets = ts.Total().Targets
			} else {
				s, ok := ts.Subtotal(c.unit)
				if !ok {
					t.Fatalf("no subtotal of %s", c.unit)
				}
				targets = s.Targets
			}
			x, ok := targetOf(targets, "giam-20")
			if c.none {
				if ok {
					t.Errorf("target %+v, want none", x)
				}
			} else if !ok {
				t.Errorf("no giam-20 target in %+v", targets)
			} else if x.Base != c.base || x.Value != c.val || x.Current != c.current || x.Goal != c.goal || x.Met != c.met ||
				x.Percent != 20 || x.Deadline.String() != "2031-12-31" {
				t.Errorf("target base %d value %d current %.1f goal %d met %v, want %d %d %.1f %d %v (%+v)",
					x.Base, x.Value, x.Current, x.Goal, x.Met, c.base, c.val, c.current, c.goal, c.met, x)
			}
			fs := ofRule(m.Findings(ts, staff.Context{Units: unitsOf(cutNow, nil)}), "giam-20")
			if c.finding == "" {
				if len(fs) != 0 {
					t.Errorf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Severity != c.finding || fs[0].Deadline.String() != "2031-12-31" ||
				!strings.Contains(fs[0].Detail, c.detail) {
				t.Errorf("findings %+v, want one %s with %q", fs, c.finding, c.detail)
			}
		})
	}
}

func TestProfessionalShare(t *testing.T) {
	rules := loadRules(t)
	nodes := []org.Node{
		node("ubnd", "", "peoples_committee", org.LevelProvince, org.PillarState),
		node("bv", "ubnd", "hospital", org.LevelProvince, org.PillarPublicService),
		node("so", "ubnd", "specialized_agency", org.LevelProvince, org.PillarState),
	}
	for _, c := range []struct {
		name    string
		asOf    string
		prof    int
		finding bool
		target  bool
		met     bool
		goal    int
	}{
		{name: "13 of 20", asOf: "2025-06-01", prof: 13, target: true, met: true, goal: 13},
		{name: "12 of 20", asOf: "2025-06-01", prof: 12, finding: true, target: true, goal: 13},
		{name: "the day the rule takes effect", asOf: "2020-09-15", prof: 12, finding: true, target: true, goal: 13},
		{name: "the day before the rule", asOf: "2020-09-14", prof: 12},
	} {
		t.Run(c.name, func(t *testing.T) {
			var w world
			w.hireN("p", c.prof, staff.VienChuc, "bv", professional)
			w.hireN("s", 20-c.prof, staff.VienChuc, "bv")
			w.hire("kn", staff.CongChuc, "so", professional)
			w.assign("kn", "bv", concurrent, professional) // concurrent: not counted
			w.hireN("q", 20, staff.CongChuc, "so")         // a state body: never checked
			m := w.model()
			ts := m.Tally(rules, staff.Scope{AsOf: day(c.asOf), Nodes: nodes})
			row := rowOf(t, ts, "bv")
			if row.Own.Professional != c.prof || row.Own.Headcount != 20 {
				t.Errorf("professional %d headcount %d, want %d 20", row.Own.Professional, row.Own.Headcount, c.prof)
			}
			x, ok := targetOf(row.Targets, "chuyen-mon-65")
			if ok != c.target || (ok && (x.Base != 20 || x.Value != c.prof || x.Goal != c.goal || x.Met != c.met)) {
				t.Errorf("target %v %+v, want %v base 20 value %d goal %d met %v", ok, x, c.target, c.prof, c.goal, c.met)
			}
			if x, ok := targetOf(rowOf(t, ts, "so").Targets, "chuyen-mon-65"); ok {
				t.Errorf("state body has target %+v", x)
			}
			fs := ofRule(m.Findings(ts, staff.Context{Units: unitsOf(nodes, nil)}), "chuyen-mon-65")
			if !c.finding {
				if len(fs) != 0 {
					t.Errorf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].UnitID != "bv" || !strings.Contains(fs[0].Detail, fmt.Sprintf("%d/20", c.prof)) {
				t.Errorf("findings %+v, want one on bv with %d/20", fs, c.prof)
			}
		})
	}
}

func TestGrassroots(t *testing.T) {
	rules := loadRules(t)
	nodes := []org.Node{
		node("ubnd", "", "peoples_committee", org.LevelProvince, org.PillarState),
		node("so", "ubnd", "specialized_agency", org.LevelProvince, org.PillarState),
		node("xa", "", "peoples_committee", org.LevelCommune, org.PillarState),
	}
	scope := func(asOf string) staff.Scope {
		return staff.Scope{AsOf: day(asOf), Nodes: nodes, Baseline: day("2024-12-31"), BaseNodes: nodes,
			Successor: map[string]string{"ubnd": "ubnd", "so": "so", "xa": "xa"}}
	}
	for _, c := range []struct {
		name  string
		moved int
		asOf  string
		none  bool
		value int
		met   bool
	}{
		{name: "one of 20 moved to a commune", moved: 1, asOf: "2025-06-01", value: 1, met: true},
		{name: "none moved", moved: 0, asOf: "2025-06-01"},
		{name: "the day before the move", moved: 1, asOf: "2025-01-31"},
		{name: "the day of the move", moved: 1, asOf: "2025-02-01", value: 1, met: true},
		{name: "the day before the rule", moved: 1, asOf: "2024-12-31", none: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var w world
			for i := 1; i <= 20; i++ {
				id := fmt.Sprintf("p%d", i)
				if i <= c.moved {
					w.hire(id, staff.CongChuc, "so", until("2025-02-01"))
					w.assign(id, "xa", from("2025-02-01"))
				} else {
					w.hire(id, staff.CongChuc, "so")
				}
			}
			w.hireN("x", 4, staff.CongChuc, "xa") // at the commune already: not in the base
			w.hire("late", staff.CongChuc, "so", from("2025-01-01"))
			w.assign("late", "xa", from("2025-03-01"), concurrent) // concurrent: not moved
			ts := w.model().Tally(rules, scope(c.asOf))
			x, ok := targetOf(ts.Total().Targets, "ve-co-so-5")
			if c.none {
				if ok {
					t.Errorf("target %+v, want none", x)
				}
				return
			}
			if !ok || x.Base != 20 || x.Value != c.value || x.Goal != 1 || x.Met != c.met || x.Current != float64(c.value)*5 {
				t.Errorf("target %v %+v, want base 20 value %d goal 1 met %v", ok, x, c.value, c.met)
			}
			// Counted in the unit the people came from.
			s, _ := ts.Subtotal("so")
			if y, _ := targetOf(s.Targets, "ve-co-so-5"); y.Base != 20 || y.Value != c.value {
				t.Errorf("so target %+v, want base 20 value %d", y, c.value)
			}
		})
	}
}

// commune is a commune's party committee, people's committee and people's
// council (area X1) and another commune's council (area X2).
var commune = []org.Node{
	node("dx", "", "party_committee", org.LevelCommune, org.PillarParty),
	node("ubx", "", "peoples_committee", org.LevelCommune, org.PillarState),
	node("hdx", "", "peoples_council", org.LevelCommune, org.PillarState),
	node("hdy", "", "peoples_council", org.LevelCommune, org.PillarState),
}

var communeAreas = map[string]string{"dx": "X1", "ubx": "X1", "hdx": "X1", "hdy": "X2"}

var gazetteer = places{"X1-a": {"X1-a", "X1", "P1"}, "Y1-a": {"Y1-a", "Y1", "P1"}}

func TestNonLocal(t *testing.T) {
	rules := loadRules(t)
	for _, c := range []struct {
		name, hometown, asOf string
		want                 bool
	}{
		{name: "local secretary", hometown: "X1-a", asOf: "2025-04-14", want: true},
		{name: "local secretary the day before Directive 45", hometown: "X1-a", asOf: "2025-04-13"},
		{name: "secretary from elsewhere", hometown: "Y1-a", asOf: "2025-04-14"},
		{name: "unknown hometown", hometown: "ZZ", asOf: "2025-04-14"},
		{name: "no hometown", hometown: "", asOf: "2025-04-14"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var w world
			w.hire("bt", staff.CanBo, "dx", as(staff.Head), hometown(c.hometown))
			w.assign("bt", "hdx", as(staff.Head), concurrent)
			w.hire("pbt", staff.CanBo, "dx", as(staff.Deputy), hometown("X1-a")) // not a head
			m := w.model()
			ts := m.Tally(rules, staff.Scope{AsOf: day(c.asOf), Nodes: commune})
			fs := ofRule(m.Findings(ts, staff.Context{Units: unitsOf(commune, communeAreas), Places: gazetteer}), "khong-dia-phuong")
			if !c.want {
				if len(fs) != 0 {
					t.Errorf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].UnitID != "dx" || fs[0].PersonID != "bt" || fs[0].Severity != staff.Violation ||
				!strings.Contains(fs[0].Detail, "Bí thư Đảng ủy xã") {
				t.Errorf("findings %+v, want one on bt in dx", fs)
			}
		})
	}
}

func TestSecretaryChairsCouncil(t *testing.T) {
	rules := loadRules(t)
	for _, c := range []struct {
		name    string
		asOf    string
		council string // where the secretary also heads, "" for nowhere
		want    bool
	}{
		{name: "secretary is not the chair", asOf: "2025-04-14", want: true},
		{name: "secretary is not the chair, the day before Directive 45", asOf: "2025-04-13"},
		{name: "secretary chairs the council concurrently", asOf: "2025-04-14", council: "hdx"},
		{name: "secretary chairs another commune's council", asOf: "2025-04-14", council: "hdy", want: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var w world
			w.hire("bt", staff.CanBo, "dx", as(staff.Head))
			w.hire("ct", staff.CanBo, "hdx", as(staff.Head))
			if c.council != "" {
				w.assign("bt", c.council, as(staff.Head), concurrent)
			}
			m := w.model()
			ts := m.Tally(rules, staff.Scope{AsOf: day(c.asOf), Nodes: commune})
			fs := ofRule(m.Findings(ts, staff.Context{Units: unitsOf(commune, communeAreas)}), "bi-thu-chu-tich-hdnd")
			if !c.want {
				if len(fs) != 0 {
					t.Errorf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].UnitID != "dx" || fs[0].PersonID != "bt" || fs[0].Severity != staff.Warning {
				t.Errorf("findings %+v, want one warning on bt in dx", fs)
			}
		})
	}
}

func TestOnePrimary(t *testing.T) {
	rules := loadRules(t)
	nodes := []org.Node{
		node("u1", "", "specialized_agency", org.LevelProvince, org.PillarState),
		node("u2", "", "specialized_agency", org.LevelProvince, org.PillarState),
	}
	var w world
	// overlap holds both primary posts from 2025-06-01 to 2025-07-01.
	w.hire("overlap", staff.CongChuc, "u1", from("2025-01-01"), until("2025-07-01"))
	w.assign("overlap", "u2", from("2025-06-01"))
	// next moves from u1 to u2 on 2025-07-01 with no gap and no overlap.
	w.hire("next", staff.CongChuc, "u1", from("2025-01-01"), until("2025-07-01"))
	w.assign("next", "u2", from("2025-07-01"))
	// both holds a concurrent post besides the primary one.
	w.hire("both", staff.CongChuc, "u1")
	w.assign("both", "u2", concurrent)
	m := w.model()
	for _, c := range []struct{ asOf, want string }{
		{"2025-05-31", ""},
		{"2025-06-01", "overlap"},
		{"2025-06-30", "overlap"},
		{"2025-07-01", ""},
	} {
		ts := m.Tally(rules, staff.Scope{AsOf: day(c.asOf), Nodes: nodes})
		fs := ofRule(m.Findings(ts, staff.Context{}), "mot-vi-tri-chinh")
		if got := personIDs(fs); got != c.want {
			t.Errorf("%s: findings on %q, want %q", c.asOf, got, c.want)
		}
		for _, f := range fs {
			if !strings.Contains(f.Detail, "có 2 vị trí công tác chính") || f.Severity != staff.Violation {
				t.Errorf("%s: finding %+v", c.asOf, f)
			}
		}
	}
}

func TestRetirement(t *testing.T) {
	rules := loadRules(t)
	ret := retirementRules(t)
	// LEGAL.md §2: a man reaching the age in 2026 needs 60y3m + 5×3m =
	// 61y6m; born 03/1965 he reaches it in 09/2026 (in 2025 he would need
	// 61y3m, reached in 06/2026, not in 2025). He works to 30/09/2026.
	// A woman reaching it in 2027 needs 55y4m + 6×4m = 57y4m; born
	// 06/1970 she reaches it in 10/2027 (in 2026: 57y, reached in
	// 06/2027, not in 2026), works to 31/10/2027.
	for _, c := range []struct {
		sex                  retirement.Sex
		birth, last, pension string
	}{
		{retirement.Male, "1965-03-15", "2026-09-30", "2026-10-01"},
		{retirement.Female, "1970-06-10", "2027-10-31", "2027-11-01"},
	} {
		r, err := ret.Compute(c.sex, day(c.birth), false)
		if err != nil || r.LastDay.String() != c.last || r.PensionStart.String() != c.pension {
			t.Fatalf("%s born %s: %+v %v, want last day %s, pension %s", c.sex, c.birth, r, err, c.last, c.pension)
		}
	}
	nodes := []org.Node{node("so", "", "specialized_agency", org.LevelProvince, org.PillarState)}
	var w world
	w.hire("ong", staff.CongChuc, "so", born(staff.Male, "1965-03-15"))
	w.hire("ba", staff.CongChuc, "so", born(staff.Female, "1970-06-10"))
	w.hire("di", staff.CongChuc, "so", born(staff.Male, "1965-03-15"), until("2025-09-01")) // left before
	w.hire("kn", staff.CongChuc, "so", born(staff.Male, "1965-03-15"), concurrent)          // no primary post
	m := w.model()
	for _, c := range []struct {
		asOf    string
		horizon int
		want    string
	}{
		{"2025-09-29", 0, ""},     // 30/09/2026 is a day past 12 months
		{"2025-09-30", 0, "ong"},  // exactly 12 months ahead
		{"2025-09-29", 24, "ong"}, // a longer horizon
		{"2026-09-30", 0, "ong"},  // his last day
		{"2026-10-01", 0, ""},     // retired; her day is 13 months ahead
		{"2026-10-30", 0, ""},     // hers is 12 months and a day ahead
		{"2026-10-31", 0, "ba"},   // hers is exactly 12 months ahead
		{"2027-10-31", 0, "ba"},   // her last day
		{"2027-11-01", 0, ""},     // retired
	} {
		ts := m.Tally(rules, staff.Scope{AsOf: day(c.asOf), Nodes: nodes})
		fs := ofRule(m.Findings(ts, staff.Context{Units: unitsOf(nodes, nil), Retirement: ret, HorizonMonths: c.horizon}), "nghi-huu")
		if got := personIDs(fs); got != c.want {
			t.Errorf("%s (horizon %d): retiring %q, want %q", c.asOf, c.horizon, got, c.want)
		}
		for _, f := range fs {
			want := map[string]string{"ong": "2026-09-30", "ba": "2027-10-31"}[f.PersonID]
			if f.Deadline.String() != want || f.UnitID != "so" || f.Severity != staff.Info {
				t.Errorf("%s: finding %+v, want deadline %s in so", c.asOf, f, want)
			}
		}
	}
}

// TestPersonVersions: a person whose category changed on 2025-06-01 counts
// in the category valid on the day, in the tally and in the baseline.
func TestPersonVersions(t *testing.T) {
	rules := loadRules(t)
	nodes := []org.Node{node("so", "", "specialized_agency", org.LevelProvince, org.PillarState)}
	w := world{
		people: []staff.Person{ // out of order on purpose
			{ID: "p", Name: "Mới", Category: staff.VienChuc, ValidFrom: day("2025-06-01")},
			{ID: "p", Name: "Cũ", Category: staff.NguoiLaoDong, ValidTo: day("2025-06-01")},
		},
		asgs: []staff.Assignment{{PersonID: "p", UnitID: "so", Post: staff.Staff, Primary: true, Funding: staff.Budget}},
	}
	w.hire("q", staff.VienChuc, "so")
	m := w.model()
	if m.People() != 2 {
		t.Errorf("people %d, want 2", m.People())
	}
	for _, c := range []struct {
		asOf     string
		vc, nld  int
		cutValue int
	}{
		{"2025-05-31", 1, 1, 1},
		{"2025-06-01", 2, 0, 2},
	} {
		ts := m.Tally(rules, staff.Scope{AsOf: day(c.asOf), Nodes: nodes,
			Baseline: day("2024-12-31"), BaseNodes: nodes, Successor: map[string]string{"so": "so"}})
		own := rowOf(t, ts, "so").Own
		if own.Headcount != 2 || own.ByCategory[staff.VienChuc] != c.vc || own.ByCategory[staff.NguoiLaoDong] != c.nld {
			t.Errorf("%s: by category %v, want %d viên chức, %d người lao động", c.asOf, own.ByCategory, c.vc, c.nld)
		}
		// On the baseline day p was a người lao động: only q is in the
		// cut's base, whatever p's category now.
		x, ok := targetOf(ts.Total().Targets, "giam-20")
		if !ok || x.Base != 1 || x.Value != c.cutValue {
			t.Errorf("%s: cut target %v %+v, want base 1 value %d", c.asOf, ok, x, c.cutValue)
		}
	}
}
