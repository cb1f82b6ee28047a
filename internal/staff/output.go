package staff

import (
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/civil"
)

// Counts is the staffing of a unit (or of a unit and all below it) on a day.
type Counts struct {
	Headcount  int              `json:"headcount"`
	ByCategory map[Category]int `json:"by_category"`
	ByFunding  map[Funding]int  `json:"by_funding"`
	// Quota is the staff quota of the year; null when none is set.
	Quota *int `json:"quota"`
	// Surplus and Shortage compare headcount with quota, category by
	// category and unit by unit: one unit's shortage never hides another's surplus.
	Surplus         int  `json:"surplus"`
	Shortage        int  `json:"shortage"`
	Heads           int  `json:"heads"`
	Deputies        int  `json:"deputies"`
	MaxDeputies     *int `json:"max_deputies,omitempty"`
	SurplusDeputies int  `json:"surplus_deputies"`
	// SurplusMarked counts the deputies a merger's choice recorded as surplus.
	SurplusMarked int `json:"surplus_marked"`
	Concurrent    int `json:"concurrent"`
	Professional  int `json:"professional"`
}

func (t *tally) counts(own bool) Counts {
	c := Counts{Headcount: int(t.headcount()), ByCategory: map[Category]int{}, ByFunding: map[Funding]int{
		Budget: int(t.budget), OwnRevenue: int(t.own)}, Surplus: int(t.overQuota), Shortage: int(t.underQuota),
		Heads: int(t.heads), Deputies: int(t.deps), SurplusDeputies: int(t.surplusDeps), SurplusMarked: int(t.surplusMark),
		Concurrent: int(t.concurrent), Professional: int(t.professional)}
	for i, l := range Categories {
		c.ByCategory[l.Code] = int(t.cat[i])
	}
	if t.quotaSet {
		q := int(t.quota)
		c.Quota = &q
	}
	if own && t.maxDeps >= 0 {
		m := int(t.maxDeps)
		c.MaxDeputies = &m
	}
	return c
}

// Target is how far a reduction or structure target is on the day.
type Target struct {
	Rule   string `json:"rule"`
	Label  string `json:"label"`
	Source string `json:"source"`
	// Percent is the target share (20 for "at least 20% fewer").
	Percent int `json:"percent"`
	// Base is what the share is taken of; Value the current count.
	Base  int `json:"base"`
	Value int `json:"value"`
	// Current is the current share in percent, one decimal.
	Current float64 `json:"current"`
	// Goal is the count that meets the target.
	Goal     int        `json:"goal"`
	Met      bool       `json:"met"`
	Deadline civil.Date `json:"deadline"`
	Detail   string     `json:"detail"`
}

func (t *Tallies) targets(x *tally) []Target {
	out := []Target{}
	if c := t.cut; c.ID != "" && x.cutBase > 0 {
		goal := int(x.cutBase) * (100 - c.Percent) / 100
		reduced := x.cutBase - x.cutNow
		out = append(out, Target{Rule: c.ID, Label: fmt.Sprintf("Giảm tối thiểu %d%% biên chế hưởng lương ngân sách so với năm %d", c.Percent, t.Baseline.Time().Year()),
			Source: c.Source, Percent: c.Percent, Base: int(x.cutBase), Value: int(x.cutNow), Current: percent(reduced, x.cutBase),
			Goal: goal, Met: int(x.cutNow) <= goal, Deadline: c.By,
			Detail: fmt.Sprintf("%d người ngày %s, nay %d: đã giảm %.1f%%, cần còn tối đa %d", x.cutBase, t.Baseline.VN(), x.cutNow, percent(reduced, x.cutBase), goal)})
	}
	if p := t.prof; p.ID != "" && x.psuStaff > 0 {
		goal := (int(x.psuStaff)*p.Percent + 99) / 100
		out = append(out, Target{Rule: p.ID, Label: fmt.Sprintf("Tối thiểu %d%% vị trí chuyên môn, nghiệp vụ trong đơn vị sự nghiệp công lập", p.Percent),
			Source: p.Source, Percent: p.Percent, Base: int(x.psuStaff), Value: int(x.psuProf), Current: percent(x.psuProf, x.psuStaff),
			Goal: goal, Met: int(x.psuProf) >= goal,
			Detail: fmt.Sprintf("%d/%d người ở vị trí chuyên môn, nghiệp vụ (%.1f%%)", x.psuProf, x.psuStaff, percent(x.psuProf, x.psuStaff))})
	}
	if g := t.grass; g.ID != "" && x.goneBase > 0 {
		goal := (int(x.goneBase)*g.Percent + 99) / 100
		out = append(out, Target{Rule: g.ID, Label: fmt.Sprintf("Cử khoảng %d%% cán bộ, công chức, viên chức về công tác ở cơ sở", g.Percent),
			Source: g.Source, Percent: g.Percent, Base: int(x.goneBase), Value: int(x.gone), Current: percent(x.gone, x.goneBase),
			Goal: goal, Met: int(x.gone) >= goal,
			Detail: fmt.Sprintf("%d trong %d người cấp tỉnh ngày %s nay công tác ở cấp xã (%.1f%%)", x.gone, x.goneBase, t.Baseline.VN(), percent(x.gone, x.goneBase))})
	}
	return out
}

// Row is one unit's line of a staffing report.
type Row struct {
	UnitID string `json:"unit_id"`
	// Depth is the unit's depth below the report's root.
	Depth int `json:"depth"`
	// Own counts the unit's own staff; RolledUp adds every unit below it.
	Own      Counts   `json:"own"`
	RolledUp Counts   `json:"rolled_up"`
	Targets  []Target `json:"targets"`
}

// Summary is the total of a report.
type Summary struct {
	Counts
	Targets []Target `json:"targets"`
}

// Total is the report's total over the whole province.
func (t *Tallies) Total() Summary {
	x := t.total()
	return Summary{Counts: x.counts(false), Targets: t.targets(&x)}
}

// Subtotal is the total of a unit and all below it.
func (t *Tallies) Subtotal(unitID string) (Summary, bool) {
	i, ok := t.tree.index(unitID)
	if !ok {
		return Summary{}, false
	}
	return Summary{Counts: t.up[i].counts(false), Targets: t.targets(&t.up[i])}, true
}

// Rows lists the units below root (all units when root is ""), in tree
// order (each unit before its children), for paging by the caller.
func (t *Tallies) Rows(root string) []Row {
	var out []Row
	var walk func(i int32, depth int)
	children := make([][]int32, len(t.Nodes))
	var roots []int32
	for i, p := range t.tree.parent {
		if p >= 0 {
			children[p] = append(children[p], int32(i))
		} else {
			roots = append(roots, int32(i))
		}
	}
	// The skeleton comes in no set order: units are listed by id (the order
	// they were recorded), so that pages and exports are stable.
	byID := func(a, b int32) int { return strings.Compare(t.Nodes[a].ID, t.Nodes[b].ID) }
	slices.SortFunc(roots, byID)
	for _, c := range children {
		slices.SortFunc(c, byID)
	}
	walk = func(i int32, depth int) {
		out = append(out, Row{UnitID: t.Nodes[i].ID, Depth: depth, Own: t.own[i].counts(true),
			RolledUp: t.up[i].counts(false), Targets: t.targets(&t.up[i])})
		for _, c := range children[i] {
			walk(c, depth+1)
		}
	}
	if root != "" {
		if i, ok := t.tree.index(root); ok {
			walk(i, 0)
		}
		return out
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

// Has reports whether the unit is alive on the report's day.
func (t *Tallies) Has(unitID string) bool { _, ok := t.tree.index(unitID); return ok }
