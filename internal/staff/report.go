package staff

import (
	"fmt"
	"math"
	"slices"
	"sync"

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
	// QuotaYear, when set, is the year whose quotas are compared with the
	// headcount; otherwise the year of AsOf.
	QuotaYear int
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

	// Set by the service, which keeps a view of each day: the tree of Nodes
	// already built, the view's index of each of Nodes (nil: the whole view)
	// and of each of BaseNodes (nil: the whole view).
	view    *dayView
	pre     *tree
	full    []int32
	fullB   []int32
	partial bool // Nodes are one part of the tree: the baseline's lost staff is not counted
}

// unitOf is the model unit of the scope's i-th node, -1 if it has no staff.
func (s *Scope) unitOf(m *Model, i int) int32 {
	if s.view != nil && s.view.model == m {
		if s.full != nil {
			return s.view.nodeUnit[s.full[i]]
		}
		return s.view.nodeUnit[i]
	}
	if u, ok := m.unitIdx[s.Nodes[i].ID]; ok {
		return u
	}
	return -1
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
	year := s.AsOf.Time().Year()
	if s.QuotaYear != 0 {
		year = s.QuotaYear
	}
	quotas := m.quotasOf(int32(year))
	cutCats := t.cutCategories()

	var grassCats [nCategories]bool
	for _, c := range t.grass.Categories {
		grassCats[catIndex(c)] = true
	}
	fast := t.fastBaseline(m, grassCats)
	if s.view != nil {
		// The service's path: each unit's counts on the day are looked up in
		// its series; a whole country's units are shared between two workers.
		look := func(lo, hi int) {
			for i := lo; i < hi; i++ {
				u := s.unitOf(m, i)
				if u < 0 {
					continue
				}
				o := &t.own[i]
				vi := i // the node's index in the day's view
				if s.full != nil {
					vi = int(s.full[i])
				}
				psu := s.view.psu[vi]
				if c := m.series.at(u, d); c != nil {
					o.fill(c, psu, cutCats)
				}
				t.quota(o, quotas[u])
				t.deputies(int32(i))
			}
		}
		if n := len(s.Nodes); n > 20000 {
			var wg sync.WaitGroup
			wg.Go(func() { look(0, n/2) })
			look(n/2, n)
			wg.Wait()
		} else {
			look(0, n)
		}
	}
	for i, node := range s.Nodes {
		if s.view != nil {
			break
		}
		u := s.unitOf(m, i)
		if u < 0 {
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
		t.quota(o, quotas[u])
		t.deputies(int32(i))
	}
	if fast != nil {
		m.gone(t, fast, d)
	}
	switch part := t.partBaseline(m, grassCats); {
	case fast != nil:
		m.baselineFast(t, fast, cutCats, grassCats)
	case part != nil:
		m.baselinePart(t, part, cutCats, grassCats, d)
	default:
		m.baseline(t)
	}
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
	o := &t.own[i]
	o.maxDeps = -1
	var lim DeputyLimit
	var merged Merger
	var isMerged bool
	joined := "" // the limit's source and the share rule's, when the view joined them
	if v := t.view; v != nil {
		// The view looked the limit and the merger up once for the day.
		vi := i
		if t.full != nil {
			vi = t.full[i]
		}
		j := v.limit[vi]
		if j < 0 {
			return
		}
		lim, joined = t.rules.DeputyLimits[j], v.limitSource[j]
		if mi := v.mergedOf[vi]; mi >= 0 {
			merged, isMerged = v.mergers[mi], true
		}
	} else {
		node := t.Nodes[i]
		var ok bool
		if lim, ok = t.rules.DeputyLimitFor(node.Kind, node.Level, t.AsOf); !ok {
			return
		}
		merged, isMerged = t.Merged[node.ID]
	}
	max := int32(lim.Max)
	source := lim.Source
	t.limitID[i] = lim.ID
	var deadline civil.Date
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
			if joined != "" {
				source = joined
			} else {
				source += "; " + share.Source
			}
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
	// Where each baseline unit's staff is counted: an index of Nodes, or -1.
	var local []int32 // view node → index in Nodes, for a part of the tree
	if v := t.view; v != nil && t.full != nil {
		local = make([]int32, len(v.nodes))
		for i := range local {
			local[i] = -1
		}
		for i, f := range t.full {
			local[f] = int32(i)
		}
	}
	target := func(k int, id string) (unit, node int32) {
		if v := t.view; v != nil && v.model == m {
			b := int32(k)
			if t.fullB != nil {
				b = t.fullB[k]
			}
			unit, node = v.baseUnit[b], v.baseSucc[b]
			if local != nil && node >= 0 {
				node = local[node]
			}
			return unit, node
		}
		unit, node = -1, -1
		if u, ok := m.unitIdx[id]; ok {
			unit = u
		}
		if n, ok := t.tree.index(t.Successor[id]); ok {
			node = n
		}
		return unit, node
	}
	for k, bn := range t.BaseNodes {
		u, succ := target(k, bn.ID)
		if u < 0 {
			continue
		}
		o := &t.lost
		if succ >= 0 {
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

// fill sets a unit's counts from its series.
func (o *tally) fill(c *counters, psu bool, cutCats [nCategories]bool) {
	var hc, budget int32
	for k := range nCategories {
		o.cat[k] = c[cCat+k]
		hc += c[cCat+k]
		budget += c[cBudget+k]
		if cutCats[k] {
			o.cutNow += c[cBudget+k]
		}
	}
	o.budget, o.own = budget, hc-budget
	o.heads, o.deps, o.surplusMark = c[cHeads], c[cDeps], c[cSurplus]
	o.professional, o.concurrent = c[cProf], c[cConc]
	if psu {
		o.psuStaff, o.psuProf = hc, c[cProf]
	}
}

// quota compares a unit's headcount with its quotas of the year.
func (t *Tallies) quota(o *tally, qs yearQuota) {
	if qs.set == 0 {
		return
	}
	o.quotaSet = true
	for c := range nCategories {
		if qs.set&(1<<c) == 0 {
			continue
		}
		q := qs.count[c]
		o.quota += q
		if have := o.cat[c]; have > q {
			o.overQuota += have - q
		} else {
			o.underQuota += q - have
		}
	}
}

// gone counts, on the whole tree, those of the grassroots baseline now at
// the grassroots, against the unit that took over their baseline unit:
// only the assignments of the people who were at a starting level are read.
func (m *Model) gone(t *Tallies, bc *baseCounts, d day) {
	v := t.view
	for _, k := range bc.candidates(m, v) {
		a := &m.asgs[k]
		if !a.at(d) || !v.toLevel[a.unit] {
			continue
		}
		if n := v.unitSucc[bc.origin[k]]; n >= 0 {
			t.own[n].gone++
		} else {
			t.lost.gone++
		}
	}
}

// yearQuota is a unit's quotas of one year, by category.
type yearQuota struct {
	count [nCategories]int32
	set   uint8 // bit c: a quota is set for category c
}

// quotasOf lays out, once per model and year, each unit's quotas.
func (m *Model) quotasOf(year int32) []yearQuota {
	m.baseMu.Lock()
	defer m.baseMu.Unlock()
	if qs, ok := m.years[year]; ok {
		return qs
	}
	qs := make([]yearQuota, len(m.units))
	for u, list := range m.quotaOf {
		for _, q := range list {
			if q.year == year {
				qs[u].count[q.cat] = q.count
				qs[u].set |= 1 << q.cat
			}
		}
	}
	if m.years == nil {
		m.years = map[int32][]yearQuota{}
	}
	m.years[year] = qs
	return qs
}

// baseCounts are the staff on a baseline day, per model unit and per
// person: the day is fixed by the rule, so they are counted once per model.
type baseCounts struct {
	all, budget [][nCategories]int32 // per model unit: primary headcount by category; budget-paid
	personUnit  []int32              // per person (first version): the unit of their primary post that day, -1
	personCat   []uint8              // their category that day
	// origin is personUnit by assignment, in the assignments' order, so
	// that a pass over them reads it in sequence; -1 for people outside the
	// categories the grassroots share counts.
	origin []int32

	candMu  sync.Mutex
	cands   map[string][]int32 // by the levels the grassroots share starts from
	grouped []candGroups
}

// candidates lists the primary assignments of the people whose baseline
// unit is of a level the grassroots share starts from: few, compared with
// all. They depend on the baseline tree only, shared by every day's view.
func (bc *baseCounts) candidates(m *Model, v *dayView) []int32 {
	// baseFrom depends only on the baseline tree (fixed for the model)
	// and the levels the rule starts from.
	key := fmt.Sprint(v.fromLevels)
	bc.candMu.Lock()
	defer bc.candMu.Unlock()
	if c, ok := bc.cands[key]; ok {
		return c
	}
	var out []int32
	for k := range m.asgs {
		if o := bc.origin[k]; o >= 0 && v.baseFrom[o] && m.asgs[k].flags&fPrimary != 0 {
			out = append(out, int32(k))
		}
	}
	if bc.cands == nil {
		bc.cands = map[string][]int32{}
	}
	bc.cands[key] = out
	return out
}

// candidatesByUnit groups the candidates by their baseline unit, once
// per list of candidates.
func (bc *baseCounts) candidatesByUnit(m *Model, v *dayView) [][]int32 {
	cands := bc.candidates(m, v)
	bc.candMu.Lock()
	defer bc.candMu.Unlock()
	for _, g := range bc.grouped {
		if g.of == len(cands) && (len(cands) == 0 || &g.list[0] == &cands[0]) {
			return g.byUnit
		}
	}
	g := candGroups{list: cands, of: len(cands), byUnit: make([][]int32, len(m.units))}
	for _, k := range cands {
		o := bc.origin[k]
		g.byUnit[o] = append(g.byUnit[o], k)
	}
	bc.grouped = append(bc.grouped, g)
	return g.byUnit
}

// candGroups is a list of candidates grouped by baseline unit.
type candGroups struct {
	list   []int32
	of     int
	byUnit [][]int32
}

// baseKey names baseline counts: the day and the categories counted.
type baseKey struct {
	day  day
	cats [nCategories]bool
}

// baseAt counts, once per model, the staff on day b.
func (m *Model) baseAt(b day, grassCats [nCategories]bool) *baseCounts {
	key := baseKey{b, grassCats}
	m.baseMu.Lock()
	defer m.baseMu.Unlock()
	if bc, ok := m.bases[key]; ok {
		return bc
	}
	bc := &baseCounts{all: make([][nCategories]int32, len(m.units)), budget: make([][nCategories]int32, len(m.units)),
		personUnit: make([]int32, len(m.people)), personCat: make([]uint8, len(m.people))}
	for i := range bc.personUnit {
		bc.personUnit[i] = -1
	}
	for u := range m.units {
		for k := m.unitStart[u]; k < m.unitStart[u+1]; k++ {
			a := &m.asgs[k]
			if a.flags&fPrimary == 0 || !a.at(b) {
				continue
			}
			c := m.catAt(a, b)
			bc.all[u][c]++
			if a.flags&fBudget != 0 {
				bc.budget[u][c]++
			}
			bc.personUnit[a.person], bc.personCat[a.person] = int32(u), uint8(c)
		}
	}
	bc.origin = make([]int32, len(m.asgs))
	for k := range m.asgs {
		p := m.asgs[k].person
		bc.origin[k] = -1
		if grassCats[bc.personCat[p]] {
			bc.origin[k] = bc.personUnit[p]
		}
	}
	if m.bases == nil {
		m.bases = map[baseKey]*baseCounts{}
	}
	m.bases[key] = bc
	return bc
}

// fastBaseline returns the baseline counts when the scope is a whole day
// view of the model, nil otherwise (a part of the tree, or a test's scope).
func (t *Tallies) fastBaseline(m *Model, grassCats [nCategories]bool) *baseCounts {
	if t.Baseline.IsZero() || t.partial || t.view == nil || t.view.model != m || t.full != nil {
		return nil
	}
	return m.baseAt(toDay(t.Baseline, openFrom), grassCats)
}

// partBaseline returns the baseline counts for a part of a day's view.
func (t *Tallies) partBaseline(m *Model, grassCats [nCategories]bool) *baseCounts {
	if t.Baseline.IsZero() || !t.partial || t.view == nil || t.view.model != m || t.full == nil {
		return nil
	}
	return m.baseAt(toDay(t.Baseline, openFrom), grassCats)
}

// baselinePart adds the counts of the baseline units that went into the
// part to the units that took them over, and counts those of their people
// at the grassroots now, wherever they are.
func (m *Model) baselinePart(t *Tallies, bc *baseCounts, cutCats, grassCats [nCategories]bool, d day) {
	v := t.view
	local := make(map[int32]int32, len(t.full))
	for i, f := range t.full {
		local[f] = int32(i)
	}
	byUnit := bc.candidatesByUnit(m, v)
	for _, b := range t.fullB {
		u := v.baseUnit[b]
		n, ok := local[v.baseSucc[b]]
		if u < 0 || !ok {
			continue
		}
		o := &t.own[n]
		for c := range nCategories {
			if cutCats[c] {
				o.cutBase += bc.budget[u][c]
			}
			if grassCats[c] && v.baseFrom[u] {
				o.goneBase += bc.all[u][c]
			}
		}
		for _, k := range byUnit[u] {
			if a := &m.asgs[k]; a.at(d) && v.toLevel[a.unit] {
				o.gone++
			}
		}
	}
}

// baselineFast adds each baseline unit's counts to the unit that took it over.
func (m *Model) baselineFast(t *Tallies, bc *baseCounts, cutCats, grassCats [nCategories]bool) {
	v := t.view
	for u := range m.units {
		var cut, grass int32
		for c := range nCategories {
			if cutCats[c] {
				cut += bc.budget[u][c]
			}
			if grassCats[c] && v.baseFrom[u] {
				grass += bc.all[u][c]
			}
		}
		if cut == 0 && grass == 0 {
			continue
		}
		o := &t.lost
		if n := v.unitSucc[u]; n >= 0 {
			o = &t.own[n]
		} else if !v.baseAlive[u] {
			continue
		}
		o.cutBase += cut
		o.goneBase += grass
	}
}

// grassroots tells whether a person's primary assignment on d is at a
// level the grassroots share counts, in one pass over the scope's units.
// It serves the plain pass; the service's views count this as gone().
func (m *Model) grassroots(t *Tallies, d day) func(person int32) bool {
	toLevel := func(u int32) bool {
		i, ok := t.tree.index(m.units[u])
		return ok && slices.Contains(t.grass.ToLevels, t.Nodes[i].Level)
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

// Successors maps each baseline unit to the unit that took it over on the
// report's day (the service keeps this as indexes; here it is spelt out).
func (t *Tallies) Successors() map[string]string {
	if t.Successor != nil || t.view == nil {
		return t.Successor
	}
	v := t.view
	out := make(map[string]string, len(v.baseNodes))
	for i, b := range v.baseNodes {
		if n := v.baseSucc[i]; n >= 0 {
			out[b.ID] = v.nodes[n].ID
		}
	}
	return out
}
