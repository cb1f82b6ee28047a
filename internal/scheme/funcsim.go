package scheme

import (
	"context"
	"slices"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
)

// funcSandbox is the catalogue's assignments held in memory for a
// simulation: those valid on the scheme's effective date, and what the
// operations record. Rows starting after that day are not read: the real
// application still refuses an operation they would stop.
type funcSandbox struct {
	functions []function.Function
	rows      []function.Assignment
	known     map[string]bool // version ids of rows
	gone      map[string]bool // retracted rows, by version id
}

func newFuncSandbox(functions []function.Function, rows []function.Assignment) *funcSandbox {
	f := &funcSandbox{functions: functions, rows: slices.Clone(rows), known: make(map[string]bool, len(rows)), gone: map[string]bool{}}
	for _, a := range rows {
		f.known[a.VersionID] = true
	}
	return f
}

func (f *funcSandbox) byRef(refs []string) []function.Function {
	var out []function.Function
	for _, fn := range f.functions {
		if slices.Contains(refs, fn.ID) || slices.Contains(refs, fn.Code) {
			out = append(out, fn)
		}
	}
	return out
}

func (f *funcSandbox) of(unitIDs []string, keep func(a function.Assignment) bool) []function.Assignment {
	var out []function.Assignment
	for _, a := range f.rows {
		if !f.gone[a.VersionID] && slices.Contains(unitIDs, a.UnitID) && keep(a) {
			out = append(out, a)
		}
	}
	return out
}

func (f *funcSandbox) owns(rowID string) bool { return f.known[rowID] }

// believed lists the rows not retracted.
func (f *funcSandbox) believed() []function.Assignment {
	out := make([]function.Assignment, 0, len(f.rows))
	for _, a := range f.rows {
		if !f.gone[a.VersionID] {
			out = append(out, a)
		}
	}
	return out
}

// The catalogue's half of the simulation's transaction (function.Tx).

func (t *simTx) FunctionsByRef(_ context.Context, refs []string) ([]function.Function, error) {
	return t.funcs.byRef(refs), nil
}

func (t *simTx) UnitFunctions(_ context.Context, unitIDs []string, d civil.Date) ([]function.Assignment, error) {
	return t.funcs.of(unitIDs, func(a function.Assignment) bool { return a.ValidAt(d) }), nil
}

func (t *simTx) UnitFunctionsAfter(_ context.Context, unitIDs []string, d civil.Date) ([]function.Assignment, error) {
	return t.funcs.of(unitIDs, func(a function.Assignment) bool { return a.ValidFrom.After(d) }), nil
}

func (t *simTx) InsertFunctionAssignments(_ context.Context, as []function.Assignment) error {
	t.funcs.rows = append(t.funcs.rows, as...)
	for _, a := range as {
		t.funcs.known[a.VersionID] = true
	}
	return nil
}

var _ function.Tx = (*simTx)(nil)

// functionFindings runs the one-lead rule on the catalogue after the
// operations and on the register as it is, and keeps what the scheme brings.
func (s *Service) functionFindings(ctx context.Context, sim *Simulation) ([]Finding, error) {
	f, base := sim.funcs, sim.funcBase
	alive := map[string]bool{}
	names := map[string]string{}
	for id, n := range sim.names {
		names[id] = n
	}
	for _, u := range sim.Units {
		alive[u.ID], names[u.ID] = true, u.Name
	}
	rules := s.functions.Rules()
	after := function.CheckLeads(rules, sim.Day, f.functions, f.believed(), func(id string) bool { return alive[id] },
		func(id string) string { return names[id] })
	now, err := s.units.Skeleton(ctx, org.Moment{AsOf: sim.Day})
	if err != nil {
		return nil, err
	}
	aliveNow := map[string]bool{}
	for _, n := range now {
		aliveNow[n.ID] = true
	}
	before := function.CheckLeads(rules, sim.Day, f.functions, base, func(id string) bool { return aliveNow[id] },
		func(id string) string { return names[id] })
	known := map[string]bool{}
	for _, x := range before {
		known[x.Rule+"\x00"+x.Detail] = true
	}
	var out []Finding
	for _, x := range after {
		if !known[x.Rule+"\x00"+x.Detail] {
			out = append(out, fromStaff(x))
		}
	}
	return out, nil
}
