package scheme

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// simDecision stands for the approving decision during a simulation.
const simDecision = "decision-of-the-scheme"

// simTx is a copy of the register and the staffing in memory, on which the
// register's own code applies a scheme's operations: it implements org.Tx
// and staff.Tx. Methods both halves have go to the register's half.
type simTx struct {
	*org.Sandbox
	staff *staff.Sandbox
	funcs *funcSandbox
}

// The staff half, named so that the register's half answers the shared ones.
func (t *simTx) PersonID(ctx context.Context, ref string) (string, bool, error) {
	return t.staff.PersonID(ctx, ref)
}
func (t *simTx) PersonsByCode(ctx context.Context, codes []string) (map[string]string, error) {
	return t.staff.PersonsByCode(ctx, codes)
}
func (t *simTx) CurrentPerson(ctx context.Context, id string) (staff.Person, bool, error) {
	return t.staff.CurrentPerson(ctx, id)
}
func (t *simTx) PersonAssignments(ctx context.Context, ids []string) ([]staff.Assignment, error) {
	return t.staff.PersonAssignments(ctx, ids)
}
func (t *simTx) UnitAssignments(ctx context.Context, ids []string, d civil.Date) ([]staff.Assignment, error) {
	return t.staff.UnitAssignments(ctx, ids, d)
}
func (t *simTx) UnitQuotas(ctx context.Context, ids []string, year int) ([]staff.Quota, error) {
	return t.staff.UnitQuotas(ctx, ids, year)
}
func (t *simTx) UnitQuotasFrom(ctx context.Context, ids []string, year int) ([]staff.Quota, error) {
	return t.staff.UnitQuotasFrom(ctx, ids, year)
}
func (t *simTx) UnitAssignmentsAfter(ctx context.Context, ids []string, d civil.Date) ([]staff.Assignment, error) {
	return t.staff.UnitAssignmentsAfter(ctx, ids, d)
}
func (t *simTx) ChangedSince(ctx context.Context, opID string, created []string) (int, error) {
	return t.staff.ChangedSince(ctx, opID, created)
}
func (t *simTx) DecisionsByNumber(ctx context.Context, number string) ([]org.Decision, error) {
	return t.staff.DecisionsByNumber(ctx, number)
}
func (t *simTx) InsertPeople(ctx context.Context, ps []staff.Person) error {
	return t.staff.InsertPeople(ctx, ps)
}
func (t *simTx) InsertAssignments(ctx context.Context, as []staff.Assignment) error {
	return t.staff.InsertAssignments(ctx, as)
}
func (t *simTx) InsertQuotas(ctx context.Context, qs []staff.Quota) error {
	return t.staff.InsertQuotas(ctx, qs)
}
func (t *simTx) StaffByOperation(ctx context.Context, opID string) ([]staff.Assignment, []staff.Quota, []staff.Assignment, error) {
	return t.staff.StaffByOperation(ctx, opID)
}

var (
	_ org.Tx   = (*simTx)(nil)
	_ staff.Tx = (*simTx)(nil)
)

// Simulation is a scheme applied to a copy of the register in memory.
type Simulation struct {
	Day   civil.Date
	Units []org.Unit // alive on Day after the operations
	// Failed is the index of the operation the register refused, -1 when
	// every one applied; Refusal says why.
	Failed  int
	Refusal *org.ValidationError
	Model   *staff.Model // the staffing after the operations (plain counting path)
	Tallies *staff.Tallies
	Leaving []string // people whose primary post ended with no other
	Edges   []org.Edge
	Ops     []org.Operation // as recorded in the copy
	Touched map[string]bool // units the operations took, gave or moved

	funcs    *funcSandbox
	funcBase []function.Assignment
	names    map[string]string
	base     *base
}

// base is what every simulation of the register at one clock starts from.
type base struct {
	clock    int64
	versions []org.Unit
	names    map[string]string // unit id → its latest name
	mu       sync.Mutex
	funcs    map[civil.Date]*funcBase
	findings map[civil.Date][]staff.Finding
}

// findingsOn checks the rules on the register on d, once per base: a
// scheme's check keeps what it finds after the scheme and not before.
func (s *Service) findingsOn(ctx context.Context, b *base, d civil.Date) ([]staff.Finding, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if fs, ok := b.findings[d]; ok {
		return fs, nil
	}
	fs, err := s.staff.Findings(ctx, org.Moment{AsOf: d}, 0)
	if err != nil {
		return nil, err
	}
	if b.findings == nil {
		b.findings = map[civil.Date][]staff.Finding{}
	}
	b.findings[d] = fs
	return fs, nil
}

// funcBase is the catalogue on one day.
type funcBase struct {
	functions []function.Function
	rows      []function.Assignment
}

// funcsOn reads the catalogue valid on d, once per base.
func (s *Service) funcsOn(ctx context.Context, b *base, d civil.Date) (*funcBase, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if f, ok := b.funcs[d]; ok {
		return f, nil
	}
	m := org.Moment{AsOf: d}
	fs, err := s.functions.Store().FunctionsAt(ctx, m)
	if err != nil {
		return nil, err
	}
	rows, err := s.functions.Store().FunctionAssignmentsAt(ctx, m, nil, nil)
	if err != nil {
		return nil, err
	}
	f := &funcBase{functions: fs, rows: rows}
	if b.funcs == nil {
		b.funcs = map[civil.Date]*funcBase{}
	}
	b.funcs[d] = f
	return f, nil
}

// baseOf returns the believed versions of the province's units, read once
// per register clock.
func (s *Service) baseOf(ctx context.Context) (*base, *staff.Model, error) {
	clock, err := s.staff.Store().Clock(ctx)
	if err != nil {
		return nil, nil, err
	}
	model, err := s.staff.Model(ctx, time.Time{})
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	b := s.base
	s.mu.Unlock()
	if b != nil && b.clock == clock {
		return b, model, nil
	}
	tl, err := s.units.Timeline(ctx)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, tl.Units())
	for u := range ids {
		ids[u] = tl.ID(int32(u))
	}
	vs, err := s.units.Versions(ctx, ids, time.Time{})
	if err != nil {
		return nil, nil, fmt.Errorf("simulation: read the register: %w", err)
	}
	b = &base{clock: clock, versions: vs, names: make(map[string]string, len(vs))}
	for _, v := range vs {
		b.names[v.ID] = v.Name // versions come by valid_from: the latest wins
	}
	s.mu.Lock()
	s.base = b
	s.mu.Unlock()
	return b, model, nil
}

// Simulate applies the scheme's operations to a copy of the register as
// it is now, and counts the staffing on the effective date after them.
// When the register refuses an operation, the copy is counted as the
// operations before it left it.
func (s *Service) Simulate(ctx context.Context, sc *Scheme) (*Simulation, error) {
	ops := sc.operations(simDecision)
	sim, err := s.simulate(ctx, sc, ops)
	if err != nil || sim.Failed < 0 {
		return sim, err
	}
	// The refused operation may have written part of its effect to the
	// copy: start again without it and those after it.
	again, err := s.simulate(ctx, sc, ops[:sim.Failed])
	if err != nil {
		return nil, err
	}
	again.Failed, again.Refusal = sim.Failed, sim.Refusal
	return again, nil
}

func (s *Service) simulate(ctx context.Context, sc *Scheme, ops []org.Operation) (*Simulation, error) {
	b, model, err := s.baseOf(ctx)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	osb := org.NewSandbox(b.versions, now, func(ctx context.Context, id string) (bool, error) {
		_, err := s.units.Decision(ctx, id)
		if errors.Is(err, org.ErrNotFound) {
			return false, nil
		}
		return err == nil, err
	})
	osb.Decisions = append(osb.Decisions, org.Decision{ID: simDecision})
	ssb := staff.NewSandbox(model, osb, now)
	fb, err := s.funcsOn(ctx, b, sc.EffectiveDate)
	if err != nil {
		return nil, err
	}
	fsb := newFuncSandbox(fb.functions, fb.rows)
	osb.Other = func(ctx context.Context, rowID, by, byOp, reason string) error {
		if fsb.owns(rowID) {
			fsb.gone[rowID] = true
			return nil
		}
		return ssb.Retract(ctx, rowID, by, byOp, reason)
	}
	tx := &simTx{Sandbox: osb, staff: ssb, funcs: fsb}
	sim := &Simulation{Day: sc.EffectiveDate, Failed: -1, Touched: map[string]bool{}, funcs: fsb, funcBase: fb.rows, names: b.names, base: b}
	for i, op := range ops {
		rec, err := s.reg.ApplyIn(ctx, tx, op, "mô phỏng")
		if v, ok := org.AsValidation(err); ok {
			// What the refused operation wrote is not rolled back in the
			// copy: the simulation stops there.
			sim.Failed, sim.Refusal = i, v
			break
		}
		if err != nil {
			return nil, fmt.Errorf("simulation: operation %d: %w", i+1, err)
		}
		sim.Ops = append(sim.Ops, rec)
	}
	sim.Edges = osb.Edges
	for _, e := range sim.Edges {
		sim.Touched[e.From], sim.Touched[e.To] = true, true
	}
	for _, op := range sim.Ops {
		for _, ref := range op.Inputs {
			if id, ok, _ := osb.ResolveRef(ctx, ref); ok {
				sim.Touched[id] = true
			}
		}
		for _, m := range op.Moves {
			if id, ok, _ := osb.ResolveRef(ctx, m.Unit); ok {
				sim.Touched[id] = true
			}
		}
	}
	sim.Units = osb.At(sim.Day)
	sim.Model = ssb.Model(osb.Edges)
	sim.Leaving = ssb.Leaving(sim.Day)
	t, err := s.tallyAfter(ctx, sim)
	if err != nil {
		return nil, err
	}
	sim.Tallies = t
	return sim, nil
}

// tallyAfter counts the simulated staffing, with the baseline of the
// reduction targets taken from the register.
func (s *Service) tallyAfter(ctx context.Context, sim *Simulation) (*staff.Tallies, error) {
	nodes := make([]org.Node, len(sim.Units))
	alive := make(map[string]bool, len(sim.Units))
	for i, u := range sim.Units {
		nodes[i] = org.Node{ID: u.ID, ParentID: u.ParentID, Kind: u.Kind, Level: u.Level, Pillar: u.Pillar}
		alive[u.ID] = true
	}
	scope := staff.Scope{AsOf: sim.Day, Nodes: nodes, Merged: sim.Model.Mergers(sim.Day)}
	if bl := s.staff.BaselineDay(sim.Day); !bl.IsZero() && !bl.After(sim.Day) {
		baseNodes, err := s.units.Skeleton(ctx, org.Moment{AsOf: bl})
		if err != nil {
			return nil, err
		}
		scope.Baseline, scope.BaseNodes = bl, baseNodes
		scope.Successor = sim.Model.SuccessorsOn(baseNodes, bl, sim.Day, func(id string) bool { return alive[id] })
	}
	return sim.Model.Tally(s.staff.Rules(), scope), nil
}

// refusalFindings turns the register's refusal of an operation into findings.
func refusalFindings(sim *Simulation, sc *Scheme) []Finding {
	if sim.Refusal == nil {
		return nil
	}
	var out []Finding
	for _, e := range sim.Refusal.Errors {
		field := fmt.Sprintf("operations[%d]", sim.Failed)
		if e.Field != "" {
			field += "." + e.Field
		}
		out = append(out, Finding{Severity: Error, Rule: "thao-tac-hop-le", Title: "Thao tác không thực hiện được",
			Message: fmt.Sprintf("Thao tác %d (%s): %s", sim.Failed+1, sc.Operations[sim.Failed].Kind.Label(), e.Detail),
			Source:  "Sổ đăng ký tổ chức bộ máy", Field: field})
	}
	if rest := len(sc.Operations) - sim.Failed - 1; rest > 0 {
		out = append(out, Finding{Severity: Warning, Rule: "thao-tac-hop-le", Title: "Các thao tác sau chưa được mô phỏng",
			Message: fmt.Sprintf("%d thao tác sau thao tác %d chưa được mô phỏng vì thao tác đó không thực hiện được", rest, sim.Failed+1),
			Source:  "Sổ đăng ký tổ chức bộ máy", Field: "operations"})
	}
	return out
}

// unitNames maps ids to names over the simulated units.
func unitNames(us []org.Unit) map[string]org.Unit {
	out := make(map[string]org.Unit, len(us))
	for _, u := range us {
		out[u.ID] = u
	}
	return out
}
