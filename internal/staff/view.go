package staff

import (
	"context"
	"slices"
	"sync"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// dayView is the register on one day as reports need it, built for one
// read model from the register's timeline, keyed by integers: for a whole
// country it is one pass over arrays. The service keeps the last few.
type dayView struct {
	model *Model
	day   civil.Date
	nodes []org.Node
	tree  *tree
	// children of node i are childList[childStart[i]:childStart[i+1]].
	childStart, childList []int32
	baseline              civil.Date
	baseNodes             []org.Node
	succ                  map[string]string
	// the baseline units node i took over are intoList[intoStart[i]:intoStart[i+1]]
	intoStart, intoList []int32
	merged              map[string]Merger
	mergers             []Merger
	mergedOf            []int32 // node → index in mergers, -1
	nodeUnit            []int32 // node → its model unit, -1 when it has no staff
	baseUnit            []int32 // baseline unit → its model unit, -1
	baseSucc            []int32 // baseline unit → the node that took it over, -1
	// The same by model unit: alive on the baseline day, of a level the
	// grassroots share starts from, and the node that took it over.
	baseAlive  []bool
	baseFrom   []bool
	fromLevels []org.Level
	unitSucc   []int32
	// The rules in force on the day, looked up once per class of unit: by
	// node, whether it is a public service unit and which deputy limit
	// applies (-1: none); by model unit, whether it is at a level the
	// grassroots share counts. limitSource is, per deputy limit, its source
	// joined with the share rule's.
	psu         []bool
	limit       []int16
	toLevel     []bool
	limitSource []string

	mu    sync.Mutex
	parts map[int32]*partOf // by root node, built on first use
}

// partOf is one unit and everything below it in a day's view.
type partOf struct {
	nodes, base []org.Node
	full, fullB []int32 // their indexes in the view
	tree        *tree
}

// part returns, built once per view, the part of the tree under root.
func (v *dayView) part(root int32) *partOf {
	v.mu.Lock()
	defer v.mu.Unlock()
	if p, ok := v.parts[root]; ok {
		return p
	}
	p := &partOf{}
	var walk func(i int32)
	walk = func(i int32) {
		p.nodes, p.full = append(p.nodes, v.nodes[i]), append(p.full, i)
		if len(v.intoStart) > 0 { // a day with a baseline
			for _, b := range v.intoList[v.intoStart[i]:v.intoStart[i+1]] {
				p.base, p.fullB = append(p.base, v.baseNodes[b]), append(p.fullB, b)
			}
		}
		for _, c := range v.childList[v.childStart[i]:v.childStart[i+1]] {
			walk(c)
		}
	}
	walk(root)
	p.nodes[0].ParentID = "" // the root of the report
	p.tree = newTree(p.nodes)
	if v.parts == nil {
		v.parts = map[int32]*partOf{}
	}
	v.parts[root] = p
	return p
}

// timeline is the register's timeline now, or, for an earlier known-at
// time, one laid out from the trees of the days a view needs.
func (s *Service) timeline(ctx context.Context, m org.Moment, baseline civil.Date) (*org.Timeline, error) {
	if m.KnownAt.IsZero() {
		return s.units.Timeline(ctx)
	}
	var rows []org.TimedNode
	for _, d := range []civil.Date{m.AsOf, baseline} {
		if d.IsZero() {
			continue
		}
		nodes, err := s.units.Skeleton(ctx, org.Moment{AsOf: d, KnownAt: m.KnownAt})
		if err != nil {
			return nil, err
		}
		for _, n := range nodes {
			rows = append(rows, org.TimedNode{Node: n, From: d, To: d.AddDays(1)})
		}
	}
	return org.NewTimeline(rows), nil
}

func (s *Service) buildView(ctx context.Context, model *Model, m org.Moment) (*dayView, error) {
	baseline := s.baselineDay(m.AsOf)
	if baseline.After(m.AsOf) {
		baseline = civil.Date{}
	}
	tl, err := s.timeline(ctx, m, baseline)
	if err != nil {
		return nil, err
	}
	dt := tl.Day(m.AsOf)
	nodes := dt.Nodes
	shape := s.shapeOf(dt)
	v := &dayView{model: model, day: m.AsOf, nodes: nodes, tree: shape.tree, baseline: baseline,
		childStart: shape.childStart, childList: shape.childList}
	v.rules(s.rules, tl, dt)
	v.mergersOf(model, dt)
	modelOf := model.unitsOf(tl)
	grass, _ := at(s.rules.Grassroots, m.AsOf)
	// The grassroots share's levels, looked up once per class of unit.
	classes := tl.Classes()
	toClass, fromClass := make([]bool, len(classes)), make([]bool, len(classes))
	for c, n := range classes {
		toClass[c], fromClass[c] = slices.Contains(grass.ToLevels, n.Level), slices.Contains(grass.FromLevels, n.Level)
	}
	v.toLevel = make([]bool, len(model.units))
	v.nodeUnit = make([]int32, len(nodes))
	for i, u := range dt.Unit {
		mu := modelOf[u]
		v.nodeUnit[i] = mu
		if mu >= 0 {
			v.toLevel[mu] = toClass[dt.Class[i]]
		}
	}
	if v.baseline.IsZero() {
		return v, nil
	}
	bt := model.baseTreeOf(tl, v.baseline, m.KnownAt.IsZero())
	v.baseNodes, v.baseUnit = bt.nodes, bt.unit
	v.fromLevels = grass.FromLevels
	v.baseAlive, v.baseFrom, v.unitSucc = make([]bool, len(model.units)), make([]bool, len(model.units)), make([]int32, len(model.units))
	for u := range v.unitSucc {
		v.unitSucc[u] = -1
	}
	v.baseSucc = make([]int32, len(v.baseNodes))
	d := toDay(m.AsOf, openFrom)
	for i := range v.baseNodes {
		v.baseSucc[i] = -1
		u := bt.unit[i]
		if u >= 0 {
			v.baseAlive[u], v.baseFrom[u] = true, fromClass[bt.class[i]]
		}
		// The unit alive on the day that took this one over: the last step
		// of its chain taken by then.
		cur := bt.tlUnit[i]
		for _, st := range bt.chain[i] {
			if st.on > d {
				break
			}
			cur = st.to
		}
		if cur < 0 {
			continue
		}
		if n := dt.NodeOf[cur]; n >= 0 {
			v.baseSucc[i] = n
			if u >= 0 {
				v.unitSucc[u] = n
			}
		}
	}
	v.intoStart, v.intoList = group(v.baseSucc, len(nodes))
	return v, nil
}

// dayShape is what a register's tree gives every view of it: the order
// of the roll-up and each node's children. The timeline shares one tree
// among the days between two changes, and so the shape is laid out once
// for them all.
type dayShape struct {
	tree                  *tree
	childStart, childList []int32
}

// shapesKept bounds the shapes the service keeps.
const shapesKept = 64

func (s *Service) shapeOf(dt *org.DayTree) *dayShape {
	s.mu.Lock()
	sh, ok := s.shapes[dt]
	s.mu.Unlock()
	if ok {
		return sh
	}
	sh = &dayShape{tree: dayTree(dt)}
	sh.childStart, sh.childList = group(dt.Parent, len(dt.Nodes))
	s.mu.Lock()
	if s.shapes == nil || len(s.shapes) >= shapesKept {
		s.shapes = map[*org.DayTree]*dayShape{}
	}
	s.shapes[dt] = sh
	s.mu.Unlock()
	return sh
}

// group lists, for each of n groups, the indexes i with of[i] equal to it
// (-1: none), in one array: group g's are list[start[g]:start[g+1]].
func group(of []int32, n int) (start, list []int32) {
	start = make([]int32, n+1)
	for _, g := range of {
		if g >= 0 {
			start[g+1]++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	next := slices.Clone(start[:n])
	list = make([]int32, start[n])
	for i, g := range of {
		if g >= 0 {
			list[next[g]] = int32(i)
			next[g]++
		}
	}
	return start, list
}

// rules looks up, once per class of unit, the rules in force on the day.
func (v *dayView) rules(r *Rules, tl *org.Timeline, dt *org.DayTree) {
	prof, _ := at(r.ProfessionalShare, v.day)
	classes := tl.Classes()
	psu, limit := make([]bool, len(classes)), make([]int16, len(classes))
	for c, n := range classes {
		psu[c] = slices.Contains(prof.Pillars, n.Pillar)
		limit[c] = -1
		for j := len(r.DeputyLimits) - 1; j >= 0; j-- {
			if l := r.DeputyLimits[j]; l.In(v.day) && l.Level == n.Level && slices.Contains(l.Kinds, n.Kind) {
				limit[c] = int16(j)
				break
			}
		}
	}
	v.psu, v.limit = make([]bool, len(dt.Nodes)), make([]int16, len(dt.Nodes))
	for i, c := range dt.Class {
		v.psu[i], v.limit[i] = psu[c], limit[c]
	}
	share, hasShare := at(r.DeputyShare, v.day)
	v.limitSource = make([]string, len(r.DeputyLimits))
	for j, l := range r.DeputyLimits {
		v.limitSource[j] = l.Source
		if hasShare {
			v.limitSource[j] += "; " + share.Source
		}
	}
}

// mergersOf marks the nodes formed by mergers on or before the day.
func (v *dayView) mergersOf(model *Model, dt *org.DayTree) {
	v.merged = mergers(model.edges, v.day)
	v.mergedOf = make([]int32, len(dt.Nodes))
	for i := range v.mergedOf {
		v.mergedOf[i] = -1
	}
	for id, mg := range v.merged {
		if n, ok := dt.Lookup(id); ok {
			v.mergedOf[n] = int32(len(v.mergers))
			v.mergers = append(v.mergers, mg)
		}
	}
}

// baseTreeOf is the tree of the baseline day, laid out once per model and
// timeline: each node's model unit and the chain of units that took it over.
type baseTreeOf struct {
	day      civil.Date
	timeline *org.Timeline
	nodes    []org.Node
	unit     []int32  // model unit of each node, -1
	tlUnit   []int32  // timeline unit of each node
	class    []int32  // timeline class of each node
	chain    [][]step // the successors of each node, by date
}

// step is one link of a chain of successors: from day on, timeline unit
// to (-1: a unit the timeline does not know).
type step struct {
	on day
	to int32
}

// unitsOf maps each unit of a timeline to the model's unit, -1 when it has
// no staff; kept for the last timeline asked about.
func (m *Model) unitsOf(tl *org.Timeline) []int32 {
	m.baseMu.Lock()
	defer m.baseMu.Unlock()
	if m.tl == tl {
		return m.tlUnits
	}
	out := make([]int32, tl.Units())
	for u := range out {
		out[u] = -1
	}
	for u, id := range m.units {
		if t, ok := tl.Index(id); ok {
			out[t] = int32(u)
		}
	}
	m.tl, m.tlUnits = tl, out
	return out
}

// baseTreeOf lays out the baseline tree; keep says whether to keep it.
func (m *Model) baseTreeOf(tl *org.Timeline, baseline civil.Date, keep bool) *baseTreeOf {
	modelOf := m.unitsOf(tl)
	m.baseMu.Lock()
	defer m.baseMu.Unlock()
	if bt := m.baseTree; bt != nil && bt.day == baseline && bt.timeline == tl {
		return bt
	}
	dt := tl.Day(baseline)
	n := len(dt.Nodes)
	bt := &baseTreeOf{day: baseline, timeline: tl, nodes: dt.Nodes, unit: make([]int32, n), tlUnit: dt.Unit, class: dt.Class, chain: make([][]step, n)}
	next := firstExits(m.edges, baseline)
	for i, node := range dt.Nodes {
		bt.unit[i] = modelOf[dt.Unit[i]]
		cur := node.ID
		for range 64 {
			e, ok := next[cur]
			if !ok {
				break
			}
			to, ok := tl.Index(e.To)
			if !ok {
				to = -1
			}
			bt.chain[i] = append(bt.chain[i], step{on: toDay(e.Date, openFrom), to: to})
			cur = e.To
		}
	}
	if keep {
		m.baseTree = bt
	}
	return bt
}

// firstExits maps each unit that ended after the baseline day to the first
// edge out of it (edges come by date).
func firstExits(edges []org.Edge, baseline civil.Date) map[string]org.Edge {
	next := map[string]org.Edge{}
	for _, e := range edges {
		if e.From == e.To || !e.Kind.EndsInputs() || !e.Date.After(baseline) {
			continue
		}
		if _, ok := next[e.From]; !ok {
			next[e.From] = e
		}
	}
	return next
}

// Successors maps each unit of the baseline day to the unit alive on d
// that took it over (itself while alive), following the lineage edges in
// date order; units with no successor alive on d are left out. It serves
// trees that are not a register's day, such as a scheme's simulation.
func Successors(edges []org.Edge, base []org.Node, baseline, d civil.Date, alive func(id string) bool) map[string]string {
	sorted := slices.Clone(edges)
	slices.SortStableFunc(sorted, func(a, b org.Edge) int { return a.Date.Time().Compare(b.Date.Time()) })
	next := firstExits(sorted, baseline)
	out := make(map[string]string, len(base))
	for _, n := range base {
		cur := n.ID
		for range 64 {
			e, ok := next[cur]
			if !ok || e.Date.After(d) {
				break
			}
			cur = e.To
		}
		if alive(cur) {
			out[n.ID] = cur
		}
	}
	return out
}

// Mergers lists the units formed by mergers on or before d, from the
// model's lineage.
func (m *Model) Mergers(d civil.Date) map[string]Merger { return mergers(m.edges, d) }

// SuccessorsOn maps the baseline units to the units alive on d that took
// them over, from the model's lineage.
func (m *Model) SuccessorsOn(base []org.Node, baseline, d civil.Date, alive func(id string) bool) map[string]string {
	return Successors(m.edges, base, baseline, d, alive)
}
