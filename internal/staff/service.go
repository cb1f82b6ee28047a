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
	views  []*dayView // the last few days asked about, newest last
	shapes map[*org.DayTree]*dayShape
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
	// A model as new as the clock read, or newer (built by a caller this
	// one waited behind), holds every write the caller can expect: taking
	// it makes callers queued behind one rebuild share it.
	if s.cached != nil && s.clock >= clock {
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

// BaselineDay is the last day of the baseline year of the budget cut in
// force on d; zero when none.
func (s *Service) BaselineDay(d civil.Date) civil.Date { return s.baselineDay(d) }

// Check runs the rules on tallies of a model that is not the service's own
// (a scheme's simulation), with the units alive on the tallies' day.
func (s *Service) Check(model *Model, t *Tallies, units map[string]org.Unit, horizon int) []Finding {
	fs := model.Findings(t, Context{Units: units, Places: s.places, Retirement: s.retire, HorizonMonths: horizon})
	SortFindings(fs)
	return fs
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
	return s.TallyYear(ctx, m, 0)
}

// TallyYear is Tally with the quotas of another year than m.AsOf's (0: its
// own), for comparing two days with the quotas of one year.
func (s *Service) TallyYear(ctx context.Context, m org.Moment, quotaYear int) (*Tallies, *Model, error) {
	model, v, err := s.view(ctx, m)
	if err != nil {
		return nil, nil, err
	}
	scope := Scope{AsOf: m.AsOf, QuotaYear: quotaYear, Nodes: v.nodes, Baseline: v.baseline, BaseNodes: v.baseNodes, Successor: v.succ,
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
	root, ok := v.tree.index(rootID)
	if !ok {
		return nil, fmt.Errorf("đơn vị %s không hoạt động vào ngày %s: %w", rootID, m.AsOf.VN(), org.ErrNotFound)
	}
	p := v.part(root)
	scope := Scope{AsOf: m.AsOf, Nodes: p.nodes, Baseline: v.baseline, BaseNodes: p.base, Successor: v.succ,
		Merged: v.merged, view: v, pre: p.tree, full: p.full, fullB: p.fullB, partial: true}
	return model.Tally(s.rules, scope), nil
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
