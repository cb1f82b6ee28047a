package staff

import (
	"context"
	"fmt"
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
	s.cached, s.clock = m, clock
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

// Tally counts the staffing on m.AsOf as believed at m.KnownAt.
func (s *Service) Tally(ctx context.Context, m org.Moment) (*Tallies, *Model, error) {
	model, err := s.Model(ctx, m.KnownAt)
	if err != nil {
		return nil, nil, err
	}
	nodes, err := s.units.Skeleton(ctx, m)
	if err != nil {
		return nil, nil, err
	}
	scope := Scope{AsOf: m.AsOf, Nodes: nodes, Baseline: s.baselineDay(m.AsOf)}
	edges := model.edges
	scope.Merged = mergers(edges, m.AsOf)
	if !scope.Baseline.IsZero() && !scope.Baseline.After(m.AsOf) {
		if scope.BaseNodes, err = s.units.Skeleton(ctx, org.Moment{AsOf: scope.Baseline, KnownAt: m.KnownAt}); err != nil {
			return nil, nil, err
		}
		scope.Successor = successors(scope.BaseNodes, nodes, edges, m.AsOf)
	} else {
		scope.Baseline = civil.Date{}
	}
	return model.Tally(s.rules, scope), model, nil
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

// successors maps each unit alive on the baseline day to the unit alive on
// d that took it over, following lineage forward; a unit that was split
// goes to its first successor, one that ended without any to nothing.
func successors(base, now []org.Node, edges []org.Edge, d civil.Date) map[string]string {
	alive := make(map[string]bool, len(now))
	for _, n := range now {
		alive[n.ID] = true
	}
	next := map[string]string{}
	for _, e := range edges { // edges come by date: the first one out of a unit wins
		if !e.Date.After(d) && e.From != e.To {
			if _, ok := next[e.From]; !ok {
				next[e.From] = e.To
			}
		}
	}
	out := make(map[string]string, len(base))
	for _, b := range base {
		id := b.ID
		for step := 0; step < 64 && !alive[id]; step++ {
			n, ok := next[id]
			if !ok {
				break
			}
			id = n
		}
		if alive[id] {
			out[b.ID] = id
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
