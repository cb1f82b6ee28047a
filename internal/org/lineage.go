package org

import (
	"context"
	"fmt"

	"tinhgon/internal/civil"
)

// Ref names a unit briefly inside another answer.
type Ref struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// DecisionRef is a decision's identity inside another answer.
type DecisionRef struct {
	ID            string     `json:"id"`
	Number        string     `json:"number"`
	Issuer        string     `json:"issuer"`
	SignedDate    civil.Date `json:"signed_date"`
	EffectiveDate civil.Date `json:"effective_date"`
}

// Step is one edge of a unit's lineage with everything a reader needs.
type Step struct {
	From        Ref         `json:"from"`
	To          Ref         `json:"to"`
	Kind        OpKind      `json:"kind"`
	KindLabel   string      `json:"kind_label"`
	OperationID string      `json:"operation_id"`
	Decision    DecisionRef `json:"decision"`
	Date        civil.Date  `json:"date"`
	Depth       int         `json:"depth"`
}

// Lineage is where a unit came from and where it went, transitively.
type Lineage struct {
	Unit         Ref    `json:"unit"`
	Predecessors []Step `json:"predecessors"`
	Successors   []Step `json:"successors"`
}

// Lineage walks the lineage graph from a unit both ways, using edges dated
// on or before m.AsOf and believed at m.KnownAt.
func (r *Register) Lineage(ctx context.Context, ref string, m Moment) (Lineage, error) {
	id, err := r.Resolve(ctx, ref)
	if err != nil {
		return Lineage{}, err
	}
	preds, succs, err := r.store.LineageEdges(ctx, id, m)
	if err != nil {
		return Lineage{}, fmt.Errorf("lineage of %s: %w", id, err)
	}
	steps := [2][]Edge{preds, succs}
	// Names as they were: the source before the operation, the result on its date.
	ids := []string{id}
	var decIDs []string
	for _, es := range steps {
		for _, e := range es {
			ids = append(ids, e.From, e.To)
			decIDs = append(decIDs, e.DecisionID)
		}
	}
	vers, err := r.store.Versions(ctx, dedupe(ids), m.KnownAt)
	if err != nil {
		return Lineage{}, err
	}
	byUnit := map[string][]Unit{}
	for _, v := range vers {
		byUnit[v.ID] = append(byUnit[v.ID], v)
	}
	decs, err := r.store.Decisions(ctx, dedupe(decIDs))
	if err != nil {
		return Lineage{}, err
	}
	decByID := map[string]Decision{}
	for _, d := range decs {
		decByID[d.ID] = d
	}
	out := Lineage{Unit: refAt(byUnit[id], m.AsOf), Predecessors: []Step{}, Successors: []Step{}}
	for dir, es := range steps {
		for _, e := range es {
			d := decByID[e.DecisionID]
			s := Step{From: refAt(byUnit[e.From], dayBefore(e.Date)), To: refAt(byUnit[e.To], e.Date),
				Kind: e.Kind, KindLabel: e.Kind.Label(), OperationID: e.OperationID, Date: e.Date, Depth: e.Depth,
				Decision: DecisionRef{ID: d.ID, Number: d.Number, Issuer: d.Issuer, SignedDate: d.SignedDate, EffectiveDate: d.EffectiveDate}}
			if dir == 0 {
				out.Predecessors = append(out.Predecessors, s)
			} else {
				out.Successors = append(out.Successors, s)
			}
		}
	}
	return out, nil
}

// refAt names a unit by its version at d, else its nearest version.
func refAt(vs []Unit, d civil.Date) Ref {
	if len(vs) == 0 {
		return Ref{}
	}
	pick := vs[len(vs)-1]
	for _, v := range vs {
		if v.ValidAt(d) {
			pick = v
			break
		}
		if !v.ValidFrom.IsZero() && v.ValidFrom.After(d) {
			pick = v
			break
		}
	}
	return Ref{ID: pick.ID, Code: pick.Code, Name: pick.Name}
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
