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
	AsOf  civil.Date
	Nodes []org.Node
	// Baseline is the last day of the baseline year and BaseNodes the
	// units alive then; Successor maps a baseline unit to the unit alive on
	// AsOf that took its staff (itself when still alive).
	Baseline  civil.Date
	BaseNodes []org.Node
	Successor map[string]string
	Merged    map[string]Merger
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
	// lost is the baseline staff of units that ended with no successor:
	// counted in the total only.
	lost tally
}

// Tally counts the model's staffing in scope.
func (m *Model) Tally(r *Rules, s Scope) *Tallies {
	t := &Tallies{Scope: s, rules: r, tree: newTree(s.Nodes)}
	n := len(s.Nodes)
	t.own, t.up = make([]tally, n), make([]tally, n)
	t.deadline, t.limit = make([]civil.Date, n), make([]string, n)
	t.cut, _ = at(r.BudgetCut, s.AsOf)
	t.prof, _ = at(r.ProfessionalShare, s.AsOf)
	t.grass, _ = at(r.Grassroots, s.AsOf)
	d := toDay(s.AsOf, openFrom)
	year := s.AsOf.Time().Year()
	cutCats := t.cutCategories()

	// Units of the model → nodes of the tree.
	nodeOf := make([]int32, len(m.units))
	for u, id := range m.units {
		nodeOf[u] = -1
		if i, ok := t.tree.idx[id]; ok {
			nodeOf[u] = i
		}
	}
	for u := range m.units {
		i := nodeOf[u]
		if i < 0 {
			continue
		}
		o := &t.own[i]
		node := s.Nodes[i]
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
	}
	for k, c := range m.quotas {
		if k.year != year {
			continue
		}
		if i := nodeOf[k.unit]; i >= 0 {
			o := &t.own[i]
			o.quota += int32(c)
			o.quotaSet = true
			have := o.cat[catIndex(k.cat)]
			if have > int32(c) {
				o.overQuota += have - int32(c)
			} else {
				o.underQuota += int32(c) - have
			}
		}
	}
	for i := range t.own {
		t.deputies(int32(i))
	}
	m.baseline(t)
	for i := range t.up {
		t.up[i] = t.own[i]
	}
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
	base := newTree(t.BaseNodes)
	cutCats := t.cutCategories()
	// Who is at the grassroots now: one pass, a bit per person version.
	atGrass := make([]bool, len(m.people))
	for u, id := range m.units {
		i, ok := t.tree.idx[id]
		if !ok || !slices.Contains(t.grass.ToLevels, t.Nodes[i].Level) {
			continue
		}
		for k := m.unitStart[u]; k < m.unitStart[u+1]; k++ {
			if a := &m.asgs[k]; a.flags&fPrimary != 0 && a.at(d) {
				atGrass[a.person] = true
			}
		}
	}
	for u, id := range m.units {
		bi, ok := base.idx[id]
		if !ok {
			continue
		}
		succ, ok := t.tree.idx[t.Successor[id]]
		fromLevel := slices.Contains(t.grass.FromLevels, base.nodes[bi].Level)
		o := &t.lost
		if ok {
			o = &t.own[succ]
		}
		for k := m.unitStart[u]; k < m.unitStart[u+1]; k++ {
			a := &m.asgs[k]
			if a.flags&fPrimary == 0 || !a.at(b) {
				continue
			}
			if a.flags&fBudget != 0 && cutCats[m.catAt(a, b)] {
				o.cutBase++
			}
			if fromLevel {
				o.goneBase++
				if atGrass[a.person] {
					o.gone++
				}
			}
		}
	}
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
