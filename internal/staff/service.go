package staff

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/retirement"
)

// Service is the staffing of a province: writes that keep the rules of
// the register, and reports and findings from an in-memory read model.
type Service struct {
	store  Store
	units  org.Reader
	ids    org.IDs
	rules  *Rules
	retire *retirement.Rules
	places Places

	mu     sync.Mutex
	cached *Model
	clock  int64
	views  []*dayView // the last few days asked about, newest last
}

// NewService returns the staffing service over a store and the register's reader.
func NewService(s Store, units org.Reader, ids org.IDs, places Places) (*Service, error) {
	rules, err := LoadRules()
	if err != nil {
		return nil, err
	}
	ret, err := retirement.Current()
	if err != nil {
		return nil, fmt.Errorf("retirement rules: %w", err)
	}
	return &Service{store: s, units: units, ids: ids, rules: rules, retire: &ret, places: places}, nil
}

// Rules returns the rule set the service checks.
func (s *Service) Rules() *Rules { return s.rules }

// Store returns the underlying store.
func (s *Service) Store() Store { return s.store }

// Model returns the read model believed at knownAt. The model of now is
// kept and rebuilt only after a write has moved the province's clock.
func (s *Service) Model(ctx context.Context, knownAt time.Time) (*Model, error) {
	if !knownAt.IsZero() {
		return s.load(ctx, knownAt)
	}
	clock, err := s.store.Clock(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cached != nil && s.clock == clock {
		return s.cached, nil
	}
	m, err := s.load(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	// The views of the model replaced are of no more use: let them go.
	s.cached, s.clock, s.views = m, clock, nil
	return m, nil
}

// load reads the rows and lineage believed at knownAt into a new model.
func (s *Service) load(ctx context.Context, knownAt time.Time) (*Model, error) {
	b := NewBuilder(knownAt)
	if err := s.store.Load(ctx, knownAt, b); err != nil {
		return nil, err
	}
	m := b.Finish()
	edges, err := s.store.Edges(ctx, knownAt)
	if err != nil {
		return nil, err
	}
	m.edges = edges
	return m, nil
}

// baselineDay is the last day of the baseline year of the budget cut in force on d.
func (s *Service) baselineDay(d civil.Date) civil.Date {
	cut, ok := at(s.rules.BudgetCut, d)
	if !ok || cut.BaselineYear == 0 {
		return civil.Date{}
	}
	return civil.MustParse(fmt.Sprintf("%04d-12-31", cut.BaselineYear))
}

// Tally counts the staffing on m.AsOf as believed at m.KnownAt, over the
// whole province.
func (s *Service) Tally(ctx context.Context, m org.Moment) (*Tallies, *Model, error) {
	model, v, err := s.view(ctx, m)
	if err != nil {
		return nil, nil, err
	}
	scope := Scope{AsOf: m.AsOf, Nodes: v.nodes, Baseline: v.baseline, BaseNodes: v.baseNodes, Successor: v.succ,
		Merged: v.merged, view: v, pre: v.tree}
	return model.Tally(s.rules, scope), model, nil
}

// TallyUnder counts the staffing of one unit and all below it: only their
// assignments are read, so a province's report out of a country's costs
// what the province's does.
func (s *Service) TallyUnder(ctx context.Context, m org.Moment, rootID string) (*Tallies, error) {
	model, v, err := s.view(ctx, m)
	if err != nil {
		return nil, err
	}
	root, ok := v.tree.idx[rootID]
	if !ok {
		return nil, fmt.Errorf("đơn vị %s không hoạt động vào ngày %s: %w", rootID, m.AsOf.VN(), org.ErrNotFound)
	}
	p := v.part(root)
	scope := Scope{AsOf: m.AsOf, Nodes: p.nodes, Baseline: v.baseline, BaseNodes: p.base, Successor: v.succ,
		Merged: v.merged, view: v, pre: p.tree, full: p.full, fullB: p.fullB, partial: true}
	return model.Tally(s.rules, scope), nil
}

// dayView is the register on one day as reports need it, built for one
// read model: for a whole country it costs more than the report itself,
// so the service keeps the last few.
type dayView struct {
	model     *Model
	day       civil.Date
	nodes     []org.Node
	tree      *tree
	children  [][]int32
	baseline  civil.Date
	baseNodes []org.Node
	succ      map[string]string
	into      [][]int32 // node → the baseline units it took over
	merged    map[string]Merger
	nodeUnit  []int32 // node → its model unit, -1 when it has no staff
	baseUnit  []int32 // baseline unit → its model unit, -1
	baseSucc  []int32 // baseline unit → the node that took it over, -1
	// The same by model unit: alive on the baseline day, of a level the
	// grassroots share starts from, and the node that took it over.
	baseAlive  []bool
	baseFrom   []bool
	fromLevels []org.Level
	unitSucc   []int32
	// The rules in force on the day, looked up once: by node, whether it
	// is a public service unit and which deputy limit applies (-1: none);
	// by model unit, whether it is at a level the grassroots share counts.
	psu     []bool
	limit   []int16
	toLevel []bool

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
		if len(v.into) > 0 { // a day with a baseline
			for _, b := range v.into[i] {
				p.base, p.fullB = append(p.base, v.baseNodes[b]), append(p.fullB, b)
			}
		}
		for _, c := range v.children[i] {
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

// viewsKept is how many days' views the service keeps.
const viewsKept = 8

func (s *Service) view(ctx context.Context, m org.Moment) (*Model, *dayView, error) {
	model, err := s.Model(ctx, m.KnownAt)
	if err != nil {
		return nil, nil, err
	}
	cache := m.KnownAt.IsZero()
	if cache {
		s.mu.Lock()
		for _, v := range s.views {
			if v.model == model && v.day == m.AsOf {
				s.mu.Unlock()
				return model, v, nil
			}
		}
		s.mu.Unlock()
	}
	v, err := s.buildView(ctx, model, m)
	if err != nil {
		return nil, nil, err
	}
	if cache {
		s.mu.Lock()
		s.views = append(s.views, v)
		if len(s.views) > viewsKept {
			s.views = s.views[1:]
		}
		s.mu.Unlock()
	}
	return model, v, nil
}

func (s *Service) buildView(ctx context.Context, model *Model, m org.Moment) (*dayView, error) {
	nodes, err := s.units.Skeleton(ctx, m)
	if err != nil {
		return nil, err
	}
	v := &dayView{model: model, day: m.AsOf, nodes: nodes, tree: newTree(nodes), baseline: s.baselineDay(m.AsOf),
		merged: mergers(model.edges, m.AsOf)}
	v.children = make([][]int32, len(nodes))
	for i, p := range v.tree.parent {
		if p >= 0 {
			v.children[p] = append(v.children[p], int32(i))
		}
	}
	prof, _ := at(s.rules.ProfessionalShare, m.AsOf)
	grassRule, _ := at(s.rules.Grassroots, m.AsOf)
	v.psu, v.limit = make([]bool, len(nodes)), make([]int16, len(nodes))
	for i, n := range nodes {
		v.psu[i] = slices.Contains(prof.Pillars, n.Pillar)
		v.limit[i] = -1
		for j := len(s.rules.DeputyLimits) - 1; j >= 0; j-- {
			if l := s.rules.DeputyLimits[j]; l.In(m.AsOf) && l.Level == n.Level && slices.Contains(l.Kinds, n.Kind) {
				v.limit[i] = int16(j)
				break
			}
		}
	}
	v.toLevel = make([]bool, len(model.units))
	v.nodeUnit = make([]int32, len(nodes))
	for i := range v.nodeUnit {
		v.nodeUnit[i] = -1
	}
	for u, id := range model.units {
		if i, ok := v.tree.idx[id]; ok {
			v.toLevel[u] = slices.Contains(grassRule.ToLevels, nodes[i].Level)
			v.nodeUnit[i] = int32(u)
		}
	}
	if v.baseline.IsZero() || v.baseline.After(m.AsOf) {
		v.baseline = civil.Date{}
		return v, nil
	}
	bt, err := s.baseTree(ctx, model, v.baseline, m.KnownAt)
	if err != nil {
		return nil, err
	}
	v.baseNodes, v.baseUnit = bt.nodes, bt.unit
	grass, _ := at(s.rules.Grassroots, m.AsOf)
	v.fromLevels = grass.FromLevels
	v.baseAlive, v.baseFrom, v.unitSucc = make([]bool, len(model.units)), make([]bool, len(model.units)), make([]int32, len(model.units))
	for u := range v.unitSucc {
		v.unitSucc[u] = -1
	}
	v.into = make([][]int32, len(nodes))
	v.baseSucc = make([]int32, len(v.baseNodes))
	d := toDay(m.AsOf, openFrom)
	for i, b := range v.baseNodes {
		v.baseSucc[i] = -1
		u := bt.unit[i]
		if u >= 0 {
			v.baseAlive[u], v.baseFrom[u] = true, slices.Contains(grass.FromLevels, b.Level)
		}
		// The unit alive on the day that took this one over: the last step
		// of its chain taken by then.
		cur := b.ID
		for _, st := range bt.chain[i] {
			if st.on > d {
				break
			}
			cur = st.to
		}
		if n, ok := v.tree.idx[cur]; ok {
			v.baseSucc[i] = n
			v.into[n] = append(v.into[n], int32(i))
			if u >= 0 {
				v.unitSucc[u] = n
			}
		}
	}
	return v, nil
}

// baseTreeOf is the tree of the baseline day, laid out once per model:
// each unit's model unit and the chain of units that took it over.
type baseTreeOf struct {
	day   civil.Date
	nodes []org.Node
	unit  []int32  // model unit of each node, -1
	chain [][]step // the successors of each node, by date
}

// step is one link of a chain of successors: from day on, unit to.
type step struct {
	on day
	to string
}

func (s *Service) baseTree(ctx context.Context, model *Model, baseline civil.Date, knownAt time.Time) (*baseTreeOf, error) {
	model.baseMu.Lock()
	defer model.baseMu.Unlock()
	if bt := model.baseTree; bt != nil && bt.day == baseline {
		return bt, nil
	}
	nodes, err := s.units.Skeleton(ctx, org.Moment{AsOf: baseline, KnownAt: knownAt})
	if err != nil {
		return nil, err
	}
	bt := &baseTreeOf{day: baseline, nodes: nodes, unit: make([]int32, len(nodes)), chain: make([][]step, len(nodes))}
	// The first edge out of a unit that ended (edges come by date).
	next := map[string]org.Edge{}
	for _, e := range model.edges {
		if e.From == e.To || !slices.Contains(endsInputs, e.Kind) || !e.Date.After(baseline) {
			continue
		}
		if _, ok := next[e.From]; !ok {
			next[e.From] = e
		}
	}
	for i, n := range nodes {
		bt.unit[i] = -1
		if u, ok := model.unitIdx[n.ID]; ok {
			bt.unit[i] = u
		}
		cur := n.ID
		for range 64 {
			e, ok := next[cur]
			if !ok {
				break
			}
			bt.chain[i] = append(bt.chain[i], step{on: toDay(e.Date, openFrom), to: e.To})
			cur = e.To
		}
	}
	if knownAt.IsZero() {
		model.baseTree = bt
	}
	return bt, nil
}

// mergers lists the units formed on or before d by merging two or more
// units (a merger's output, or the target of an absorption).
func mergers(edges []org.Edge, d civil.Date) map[string]Merger {
	byOp := map[string][]org.Edge{}
	for _, e := range edges {
		if (e.Kind == org.OpMerge || e.Kind == org.OpAbsorb) && !e.Date.After(d) {
			byOp[e.OperationID] = append(byOp[e.OperationID], e)
		}
	}
	out := map[string]Merger{}
	for _, es := range byOp {
		inputs := map[string]bool{}
		for _, e := range es {
			inputs[e.From] = true
		}
		for _, e := range es {
			n := len(inputs)
			if e.Kind == org.OpAbsorb {
				n++ // the target is one of the merged bodies
			}
			if n >= 2 {
				if prev, ok := out[e.To]; !ok || prev.Date.Before(e.Date) {
					out[e.To] = Merger{Inputs: n, Date: e.Date}
				}
			}
		}
	}
	return out
}

// Findings checks the rules on m.AsOf; horizon, when positive, is the
// number of months ahead in which retirements are listed.
func (s *Service) Findings(ctx context.Context, m org.Moment, horizon int) ([]Finding, error) {
	t, model, err := s.Tally(ctx, m)
	if err != nil {
		return nil, err
	}
	us, err := s.units.Snapshot(ctx, m)
	if err != nil {
		return nil, err
	}
	units := make(map[string]org.Unit, len(us))
	for _, u := range us {
		units[u.ID] = u
	}
	fs := model.Findings(t, Context{Units: units, Places: s.places, Retirement: s.retire, HorizonMonths: horizon})
	SortFindings(fs)
	return fs, nil
}
