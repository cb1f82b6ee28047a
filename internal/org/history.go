package org

import (
	"context"
	"time"

	"tinhgon/internal/civil"
)

// History is everything the register holds about one unit.
type History struct {
	Unit Ref `json:"unit"`
	// Versions are the versions believed at the known-at time, by valid date.
	Versions []Unit `json:"versions"`
	// Records are every row ever recorded, retracted ones included: the audit view.
	Records    []Unit      `json:"records"`
	Operations []Operation `json:"operations"`
	Lineage    Lineage     `json:"lineage"`
}

// History returns a unit's versions, its recorded rows, its operations and lineage.
func (r *Register) History(ctx context.Context, ref string, knownAt time.Time) (History, error) {
	id, err := r.Resolve(ctx, ref)
	if err != nil {
		return History{}, err
	}
	vs, err := r.store.Versions(ctx, []string{id}, knownAt)
	if err != nil {
		return History{}, err
	}
	recs, err := r.store.Records(ctx, id)
	if err != nil {
		return History{}, err
	}
	ops, _, err := r.store.ListOperations(ctx, OpFilter{UnitID: id, Limit: 1000})
	if err != nil {
		return History{}, err
	}
	far := civil.MustParse("9999-12-31")
	lin, err := r.Lineage(ctx, id, Moment{AsOf: far, KnownAt: knownAt})
	if err != nil {
		return History{}, err
	}
	h := History{Versions: vs, Records: recs, Operations: ops, Lineage: lin}
	if len(vs) > 0 {
		last := vs[len(vs)-1]
		h.Unit = Ref{ID: last.ID, Code: last.Code, Name: last.Name}
	} else if len(recs) > 0 {
		h.Unit = Ref{ID: recs[0].ID, Code: recs[0].Code, Name: recs[0].Name}
	}
	if h.Versions == nil {
		h.Versions = []Unit{}
	}
	if h.Operations == nil {
		h.Operations = []Operation{}
	}
	return h, nil
}
