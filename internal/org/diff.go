package org

import (
	"context"
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/vntext"
)

// Change is one difference between two dates.
type Change struct {
	Unit   Ref      `json:"unit"`
	Before *Unit    `json:"before,omitempty"`
	After  *Unit    `json:"after,omitempty"`
	Fields []string `json:"fields,omitempty"`
}

// Diff lists what changed in the register between two dates.
type Diff struct {
	From    civil.Date `json:"from"`
	To      civil.Date `json:"to"`
	Added   []Change   `json:"added"`
	Ended   []Change   `json:"ended"`
	Renamed []Change   `json:"renamed"`
	Moved   []Change   `json:"moved"`
	Changed []Change   `json:"changed"`
	Before  Counts     `json:"counts_before"`
	After   Counts     `json:"counts_after"`
}

// Diff compares the register at two valid dates, both read at knownAt.
func (r *Register) Diff(ctx context.Context, from, to civil.Date, knownAt time.Time) (Diff, error) {
	a, err := r.store.Snapshot(ctx, Moment{AsOf: from, KnownAt: knownAt})
	if err != nil {
		return Diff{}, err
	}
	b, err := r.store.Snapshot(ctx, Moment{AsOf: to, KnownAt: knownAt})
	if err != nil {
		return Diff{}, err
	}
	return DiffSnapshots(from, to, a, b), nil
}

// DiffSnapshots compares two snapshots of the register.
func DiffSnapshots(from, to civil.Date, a, b []Unit) Diff {
	d := Diff{From: from, To: to, Added: []Change{}, Ended: []Change{}, Renamed: []Change{}, Moved: []Change{}, Changed: []Change{}}
	before := make(map[string]*Unit, len(a))
	for i := range a {
		before[a[i].ID] = &a[i]
	}
	after := make(map[string]*Unit, len(b))
	for i := range b {
		after[b[i].ID] = &b[i]
	}
	ref := func(u *Unit) Ref { return Ref{ID: u.ID, Code: u.Code, Name: u.Name} }
	for i := range b {
		u := &b[i]
		old, ok := before[u.ID]
		if !ok {
			d.Added = append(d.Added, Change{Unit: ref(u), After: u})
			continue
		}
		var fields []string
		oa, na := old.Attrs(), u.Attrs()
		if oa.Name != na.Name || oa.ShortName != na.ShortName {
			d.Renamed = append(d.Renamed, Change{Unit: ref(u), Before: old, After: u})
		}
		if oa.ParentID != na.ParentID {
			d.Moved = append(d.Moved, Change{Unit: ref(u), Before: old, After: u})
		}
		for _, f := range []struct {
			name string
			x, y string
		}{{"code", oa.Code, na.Code}, {"kind", oa.Kind, na.Kind}, {"pillar", string(oa.Pillar), string(na.Pillar)},
			{"level", string(oa.Level), string(na.Level)}, {"area_code", oa.AreaCode, na.AreaCode}} {
			if f.x != f.y {
				fields = append(fields, f.name)
			}
		}
		if len(fields) > 0 {
			d.Changed = append(d.Changed, Change{Unit: ref(u), Before: old, After: u, Fields: fields})
		}
	}
	for i := range a {
		if _, ok := after[a[i].ID]; !ok {
			d.Ended = append(d.Ended, Change{Unit: ref(&a[i]), Before: &a[i]})
		}
	}
	for _, l := range [][]Change{d.Added, d.Ended, d.Renamed, d.Moved, d.Changed} {
		vntext.Sort(l, func(c Change) string { return c.Unit.Name }, func(x, y Change) int { return strings.Compare(x.Unit.Code, y.Unit.Code) })
	}
	d.Before, d.After = countUnits(a, from), countUnits(b, to)
	return d
}

func countUnits(us []Unit, d civil.Date) Counts {
	nodes := make([]Node, len(us))
	for i, u := range us {
		nodes[i] = Node{ID: u.ID, ParentID: u.ParentID, Kind: u.Kind, Level: u.Level, Pillar: u.Pillar}
	}
	return CountNodes(nodes, d)
}
