package staff

import (
	"math"
	"slices"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// Merger says that a unit was formed by merging units, for the deputies
// it may keep above the limit for a while.
type Merger struct {
	Inputs int
	Date   civil.Date
}

// Scope is what a report is computed over: the tree on the day, the tree
// on the baseline day, where each baseline unit went, and which units
// were formed by mergers.
type Scope struct {
	AsOf civil.Date
	// Nodes are the units reported on: the whole tree on the day, or one
	// unit and everything below it.
	Nodes []org.Node
	// Baseline is the last day of the baseline year and BaseNodes the
	// units alive then (those whose staff went into Nodes, for a part of
	// the tree); Successor maps a baseline unit to the unit alive on AsOf
	// that took its staff (itself when still alive).
	Baseline  civil.Date
	BaseNodes []org.Node
	Successor map[string]string
	Merged    map[string]Merger

	// Set by the service, which keeps them per day: the tree of Nodes
	// already built, and each model unit's level on the day (whole tree).
	pre     *tree
	levelOf []org.Level
	partial bool // Nodes are one part of the tree: the baseline's lost staff is not counted
}

// Tallies are a model's counts on a day, per unit and rolled up the tree.
type Tallies struct {
	Scope
	rules *Rules
	tree  *tree
	own   []tally
	up    []tally
	cut   BudgetCut
	prof  ProfessionalShare
	grass Grassroots
	// deadline of each unit's surplus deputies; zero when none
	deadline []civil.Date
	limit    []string // source of each unit's deputy limit
	limitID  []string // id of the rule that set it
	// lost is the baseline staff of units that ended with no successor:
	// counted in the total only.
	lost tally
}

// Tally counts the model's staffing in scope.
func (m *Model) Tally(r *Rules, s Scope) *Tallies {
	tr := s.pre
	if tr == nil {
		tr = newTree(s.Nodes)
	}
	t := &Tallies{Scope: s, rules: r, tree: tr}
	n := len(s.Nodes)
	t.own, t.up = make([]tally, n), make([]tally, n)
	t.deadline, t.limit, t.limitID = make([]civil.Date, n), make([]string, n), make([]string, n)
	t.cut, _ = at(r.BudgetCut, s.AsOf)
	t.prof, _ = at(r.ProfessionalShare, s.AsOf)
	t.grass, _ = at(r.Grassroots, s.AsOf)
	d := toDay(s.AsOf, openFrom)
	year := int32(s.AsOf.Time().Year())
	cutCats := t.cutCategories()

	for i, node := range s.Nodes {
		u, ok := m.unitIdx[node.ID]
		if !ok {
			continue
		}
		o := &t.own[i]
		psu := slices.Contains(t.prof.Pillars, node.Pillar)
		for k := m.unitStart[u]; k < m.unitStart[u+1]; k++ {
			a := &m.asgs[k]
			if !a.at(d) {
				continue
			}
			switch a.post {
			case pHead:
				o.heads++
			case pDeputy:
				o.deps++
				if a.flags&fSurplus != 0 {
					o.surplusMark++
				}
			}
			if a.flags&fPrimary == 0 {
				o.concurrent++
				continue
			}
			c := m.catAt(a, d)
			o.cat[c]++
			if a.flags&fBudget != 0 {
				o.budget++
				if cutCats[c] {
					o.cutNow++
				}
			} else {
				o.own++
			}
			if a.flags&fProfessional != 0 {
				o.professional++
			}
			if psu {
				o.psuStaff++
				if a.flags&fProfessional != 0 {
					o.psuProf++
				}
			}
		}
		for _, q := range m.quotas[u] {
			if q.year != year {
				continue
			}
			o.quota += q.count
			o.quotaSet = true
			if have := o.cat[q.cat]; have > q.count {
				o.overQuota += have - q.count
			} else {
				o.underQuota += q.count - have
			}
		}
		t.deputies(int32(i))
	}
	m.baseline(t)
	copy(t.up, t.own)
	for _, i := range t.tree.post {
		if p := t.tree.parent[i]; p >= 0 {
			t.up[p].add(&t.up[i])
		}
	}
	return t
}

// deputies sets the unit's deputy limit, its surplus and the deadline to
// resolve it.
func (t *Tallies) deputies(i int32) {
	o, node := &t.own[i], t.Nodes[i]
	o.maxDeps = -1
	lim, ok := t.rules.DeputyLimitFor(node.Kind, node.Level, t.AsOf)
	if !ok {
		return
	}
	max := int32(lim.Max)
	source := lim.Source
	t.limitID[i] = lim.ID
	var deadline civil.Date
	merged, isMerged := t.Merged[node.ID]
	if isMerged && lim.GraceYears > 0 {
		deadline = civil.Of(merged.Date.Time().AddDate(lim.GraceYears, 0, 0))
	}
	if share, ok := at(t.rules.DeputyShare, t.AsOf); ok {
		// At most a share of the staff; a merged body keeps a temporary
		// excess above that share until the date to comply by.
		byShare := o.headcount() * int32(share.MaxPercent) / 100
		if isMerged && !t.AsOf.After(share.ComplyBy) {
			byShare += int32(share.Extra(merged.Inputs))
		}
		if byShare < max || isMerged {
			source += "; " + share.Source
			if deadline.IsZero() || share.ComplyBy.Before(deadline) {
				deadline = share.ComplyBy
			}
		}
		if byShare < max {
			max = byShare
			t.limitID[i] = share.ID
		}
	}
	o.maxDeps = max
	t.limit[i] = source
	if o.deps > max {
		o.surplusDeps = o.deps - max
		t.deadline[i] = deadline
	}
}

// baseline counts, for the budget cut and the grassroots share, the staff
// on the baseline day, each in the unit that took over their unit.
func (m *Model) baseline(t *Tallies) {
	if t.Baseline.IsZero() {
		return
	}
	b := toDay(t.Baseline, openFrom)
	d := toDay(t.AsOf, openFrom)
	cutCats := t.cutCategories()
	var grassCats [nCategories]bool
	for _, c := range t.grass.Categories {
		grassCats[catIndex(c)] = true
	}
	grass := m.grassroots(t, d)
	for _, bn := range t.BaseNodes {
		u, ok := m.unitIdx[bn.ID]
		if !ok {
			continue
		}
		o := &t.lost
		if succ, ok := t.tree.idx[t.Successor[bn.ID]]; ok {
			o = &t.own[succ]
		} else if t.partial {
			continue
		}
		fromLevel := slices.Contains(t.grass.FromLevels, bn.Level)
		for k := m.unitStart[u]; k < m.unitStart[u+1]; k++ {
			a := &m.asgs[k]
			if a.flags&fPrimary == 0 || !a.at(b) {
				continue
			}
			c := m.catAt(a, b)
			if a.flags&fBudget != 0 && cutCats[c] {
				o.cutBase++
			}
			if fromLevel && grassCats[c] {
				o.goneBase++
				if grass(a.person) {
					o.gone++
				}
			}
		}
	}
}

// grassroots tells whether a person's primary assignment on d is at a
// level the grassroots share counts. Over the whole tree it is one pass;
// over a part, each person's own assignments are read.
func (m *Model) grassroots(t *Tallies, d day) func(person int32) bool {
	toLevel := func(u int32) bool {
		if t.levelOf != nil {
			return slices.Contains(t.grass.ToLevels, t.levelOf[u])
		}
		i, ok := t.tree.idx[m.units[u]]
		return ok && slices.Contains(t.grass.ToLevels, t.Nodes[i].Level)
	}
	if t.partial && t.levelOf != nil {
		return func(person int32) bool {
			for _, k := range m.assignmentsOf(person) {
				if a := &m.asgs[k]; a.flags&fPrimary != 0 && a.at(d) && toLevel(a.unit) {
					return true
				}
			}
			return false
		}
	}
	at := make([]bool, len(m.people))
	for u := range m.units {
		if !toLevel(int32(u)) {
			continue
		}
		for k := m.unitStart[u]; k < m.unitStart[u+1]; k++ {
			if a := &m.asgs[k]; a.flags&fPrimary != 0 && a.at(d) {
				at[a.person] = true
			}
		}
	}
	return func(person int32) bool { return at[person] }
}

// cutCategories marks the category indexes the budget cut counts.
func (t *Tallies) cutCategories() [nCategories]bool {
	var out [nCategories]bool
	for _, c := range t.cut.Categories {
		out[catIndex(c)] = true
	}
	return out
}

// Total is the counts over every root of the tree, with the baseline staff
// of units that ended without successor.
func (t *Tallies) total() tally {
	tot := t.lost
	tot.quotaSet = false
	for i, p := range t.tree.parent {
		if p < 0 {
			tot.add(&t.up[i])
		}
	}
	return tot
}

func percent(part, whole int32) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(float64(part)*1000/float64(whole)) / 10
}
