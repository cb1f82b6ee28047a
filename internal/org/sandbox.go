package org

import (
	"context"
	"fmt"
	"slices"
	"time"

	"tinhgon/internal/civil"
)

// Sandbox is a copy of a province's register held in memory, on which
// operations are applied by the register's own code (Register.ApplyIn)
// without touching the database: a scheme's simulation. It implements Tx;
// what an operation records is kept in the sandbox only.
type Sandbox struct {
	now       time.Time
	versions  []Unit // believed versions: the base's, then those recorded here
	retracted map[string]bool
	byID      map[string][]int // unit id → indexes in versions
	byRow     map[string]int   // version id → index in versions
	byCode    map[string]string
	byParent  map[string][]int
	decisions func(ctx context.Context, id string) (bool, error)
	// What the operations recorded.
	Edges      []Edge
	Operations []Operation
	Decisions  []Decision
	// Other is where rows the register does not own (staff, functions) are
	// retracted: Retract hands it the ids it does not know.
	Other func(ctx context.Context, rowID, by, byOperation, reason string) error
}

var _ Tx = (*Sandbox)(nil)

// NewSandbox copies the believed versions of a province; decisions tells
// whether a decision exists in the register.
func NewSandbox(versions []Unit, now time.Time, decisions func(ctx context.Context, id string) (bool, error)) *Sandbox {
	s := &Sandbox{now: now, versions: slices.Clone(versions), retracted: map[string]bool{},
		byID: make(map[string][]int, len(versions)), byRow: make(map[string]int, len(versions)), byCode: map[string]string{}, byParent: map[string][]int{}, decisions: decisions}
	for i := range s.versions {
		s.index(i)
	}
	return s
}

func (s *Sandbox) index(i int) {
	u := &s.versions[i]
	s.byID[u.ID] = append(s.byID[u.ID], i)
	s.byRow[u.VersionID] = i
	if u.Code != "" {
		s.byCode[u.Code] = u.ID // later versions win, as the store's newest recorded does
	}
	s.byParent[u.ParentID] = append(s.byParent[u.ParentID], i)
}

// Now implements Tx.
func (s *Sandbox) Now() time.Time { return s.now }

// ResolveRef implements Tx.
func (s *Sandbox) ResolveRef(_ context.Context, ref string) (string, bool, error) {
	if _, ok := s.byID[ref]; ok {
		return ref, true, nil
	}
	id, ok := s.byCode[ref]
	return id, ok, nil
}

// CodeTaken implements Tx.
func (s *Sandbox) CodeTaken(_ context.Context, code, except string) (bool, error) {
	for _, id := range []string{code, s.byCode[code]} {
		if id == "" || id == except {
			continue
		}
		for _, i := range s.byID[id] {
			if v := &s.versions[i]; !s.retracted[v.VersionID] && (v.Code == code || v.ID == code) {
				return true, nil
			}
		}
	}
	return false, nil
}

// Versions implements Tx: the believed versions, by valid_from.
func (s *Sandbox) Versions(_ context.Context, ids []string) ([]Unit, error) {
	var out []Unit
	for _, id := range ids {
		for _, i := range s.byID[id] {
			if v := s.versions[i]; !s.retracted[v.VersionID] {
				out = append(out, v)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Unit) int {
		switch {
		case a.ValidFrom.Before(b.ValidFrom):
			return -1
		case b.ValidFrom.Before(a.ValidFrom):
			return 1
		}
		return 0
	})
	return out, nil
}

// ChildrenAt implements Tx.
func (s *Sandbox) ChildrenAt(_ context.Context, parentID string, d civil.Date) ([]Unit, error) {
	var out []Unit
	for _, i := range s.byParent[parentID] {
		if v := s.versions[i]; !s.retracted[v.VersionID] && v.ValidAt(d) {
			out = append(out, v)
		}
	}
	return out, nil
}

// ChildrenEver implements Tx.
func (s *Sandbox) ChildrenEver(_ context.Context, id string) ([]Unit, error) {
	var out []Unit
	for _, i := range s.byParent[id] {
		if v := s.versions[i]; !s.retracted[v.VersionID] {
			out = append(out, v)
		}
	}
	return out, nil
}

// DecisionExists implements Tx.
func (s *Sandbox) DecisionExists(ctx context.Context, id string) (bool, error) {
	for _, d := range s.Decisions {
		if d.ID == id {
			return true, nil
		}
	}
	if s.decisions == nil {
		return false, nil
	}
	return s.decisions(ctx, id)
}

// InsertDecision implements Tx.
func (s *Sandbox) InsertDecision(_ context.Context, d Decision) error {
	s.Decisions = append(s.Decisions, d)
	return nil
}

// InsertOperation implements Tx.
func (s *Sandbox) InsertOperation(_ context.Context, op Operation, _ []OpUnit) error {
	s.Operations = append(s.Operations, op)
	return nil
}

// InsertVersion implements Tx.
func (s *Sandbox) InsertVersion(_ context.Context, u Unit) error {
	s.versions = append(s.versions, u)
	s.index(len(s.versions) - 1)
	return nil
}

// InsertEdge implements Tx.
func (s *Sandbox) InsertEdge(_ context.Context, e Edge) error {
	s.Edges = append(s.Edges, e)
	return nil
}

// Retract implements Tx: a unit version of the sandbox, or a row Other knows.
func (s *Sandbox) Retract(ctx context.Context, rowID, by, byOperation, reason string) error {
	if _, ok := s.byRow[rowID]; ok {
		if s.retracted[rowID] {
			return fmt.Errorf("retract %s: already retracted", rowID)
		}
		s.retracted[rowID] = true
		return nil
	}
	if s.Other != nil {
		return s.Other(ctx, rowID, by, byOperation, reason)
	}
	return fmt.Errorf("retract %s: no such row in the simulation", rowID)
}

// At lists the units alive on d in the sandbox.
func (s *Sandbox) At(d civil.Date) []Unit {
	var out []Unit
	for _, v := range s.versions {
		if !s.retracted[v.VersionID] && v.ValidAt(d) {
			out = append(out, v)
		}
	}
	return out
}

// The rest of Tx serves reverts and corrections, which a simulation does
// not run.
func (s *Sandbox) unsupported(what string) error {
	return fmt.Errorf("%s: not available in a simulation", what)
}

// Operation implements Tx.
func (s *Sandbox) Operation(context.Context, string) (Operation, error) {
	return Operation{}, s.unsupported("operation")
}

// OperationUnits implements Tx.
func (s *Sandbox) OperationUnits(context.Context, string) ([]OpUnit, error) {
	return nil, s.unsupported("operation units")
}

// VersionsByOperation implements Tx.
func (s *Sandbox) VersionsByOperation(context.Context, string) ([]Unit, error) {
	return nil, s.unsupported("versions by operation")
}

// RetractedBy implements Tx.
func (s *Sandbox) RetractedBy(context.Context, string) ([]Unit, error) {
	return nil, s.unsupported("retracted by")
}

// EdgeIDsByOperation implements Tx.
func (s *Sandbox) EdgeIDsByOperation(context.Context, string) ([]string, error) {
	return nil, s.unsupported("edges by operation")
}

// OperationsUsing implements Tx.
func (s *Sandbox) OperationsUsing(context.Context, []string, string) ([]string, error) {
	return nil, s.unsupported("operations using")
}
