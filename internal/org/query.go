package org

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/vntext"
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

// maxLineageDepth bounds the walk; real chains are a handful of steps.
const maxLineageDepth = 64

// Lineage walks the lineage graph from a unit both ways, using edges dated
// on or before m.AsOf and believed at m.KnownAt.
func (r *Register) Lineage(ctx context.Context, ref string, m Moment) (Lineage, error) {
	id, err := r.Resolve(ctx, ref)
	if err != nil {
		return Lineage{}, err
	}
	var steps [2][]Edge
	var depth [2][]int
	for dir := 0; dir < 2; dir++ {
		seen := map[string]bool{id: true}
		front := []string{id}
		for d := 1; len(front) > 0 && d <= maxLineageDepth; d++ {
			es, err := r.store.Edges(ctx, front, dir == 1, m)
			if err != nil {
				return Lineage{}, fmt.Errorf("lineage of %s: %w", id, err)
			}
			front = front[:0:0]
			for _, e := range es {
				steps[dir] = append(steps[dir], e)
				depth[dir] = append(depth[dir], d)
				next := e.From
				if dir == 1 {
					next = e.To
				}
				if !seen[next] {
					seen[next] = true
					front = append(front, next)
				}
			}
		}
	}
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
		for i, e := range es {
			d := decByID[e.DecisionID]
			s := Step{From: refAt(byUnit[e.From], dayBefore(e.Date)), To: refAt(byUnit[e.To], e.Date),
				Kind: e.Kind, KindLabel: e.Kind.Label(), OperationID: e.OperationID, Date: e.Date, Depth: depth[dir][i],
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

// Count is one line of a breakdown.
type Count struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Counts is the number of units (đầu mối) alive at a date, broken down.
type Counts struct {
	AsOf     civil.Date `json:"as_of"`
	Total    int        `json:"total"`
	ByKind   []Count    `json:"by_kind"`
	ByLevel  []Count    `json:"by_level"`
	ByPillar []Count    `json:"by_pillar"`
}

// CountNodes breaks a skeleton down by kind, level and pillar.
func CountNodes(nodes []Node, asOf civil.Date) Counts {
	kinds, levels, pillars := map[string]int{}, map[string]int{}, map[string]int{}
	total := 0
	for _, n := range nodes {
		if n.Kind == KindExternal {
			continue // anchors outside the province are not its đầu mối
		}
		total++
		kinds[n.Kind]++
		levels[string(n.Level)]++
		pillars[string(n.Pillar)]++
	}
	c := Counts{AsOf: asOf, Total: total}
	c.ByKind = breakdown(kinds, KindLabel)
	c.ByLevel = breakdown(levels, func(s string) string { return LevelLabel(Level(s)) })
	c.ByPillar = breakdown(pillars, func(s string) string { return PillarLabel(Pillar(s)) })
	return c
}

func breakdown(m map[string]int, label func(string) string) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{Code: k, Label: label(k), Count: n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out
}

// Counts returns the number of units alive at m, by kind, level and pillar.
func (r *Register) Counts(ctx context.Context, m Moment) (Counts, error) {
	nodes, err := r.store.Skeleton(ctx, m)
	if err != nil {
		return Counts{}, err
	}
	return CountNodes(nodes, m.AsOf), nil
}

// TreeNode is a unit in a tree with the size of what lies under it.
type TreeNode struct {
	Unit
	KindLabel   string     `json:"kind_label"`
	Children    int        `json:"children_count"`
	Descendants int        `json:"descendants_count"`
	Nodes       []TreeNode `json:"children,omitempty"`
}

// Tree is a part of the register's tree at a moment: the roots (or the
// children of a unit) down to a depth, with the counts of the whole.
type Tree struct {
	AsOf   civil.Date `json:"as_of"`
	Root   *Ref       `json:"root,omitempty"`
	Nodes  []TreeNode `json:"items"`
	Total  int        `json:"total"`
	Counts Counts     `json:"counts"`
}

// Tree returns the tree at m below root ("" for the top), depth levels deep.
func (r *Register) Tree(ctx context.Context, m Moment, root string, depth int) (Tree, error) {
	nodes, err := r.store.Skeleton(ctx, m)
	if err != nil {
		return Tree{}, err
	}
	alive := make(map[string]int, len(nodes))
	for i, n := range nodes {
		alive[n.ID] = i
	}
	children := make(map[string][]int, len(nodes)/4)
	for i, n := range nodes {
		p := n.ParentID
		if _, ok := alive[p]; !ok {
			p = ""
		}
		children[p] = append(children[p], i)
	}
	desc := make([]int, len(nodes))
	var count func(i int) int
	count = func(i int) int {
		total := 0
		for _, c := range children[nodes[i].ID] {
			total += 1 + count(c)
		}
		desc[i] = total
		return total
	}
	for _, i := range children[""] {
		count(i)
	}
	t := Tree{AsOf: m.AsOf, Counts: CountNodes(nodes, m.AsOf)}
	start := ""
	if root != "" {
		id, err := r.Resolve(ctx, root)
		if err != nil {
			return Tree{}, err
		}
		if _, ok := alive[id]; !ok {
			return Tree{}, fmt.Errorf("đơn vị %q không hoạt động vào ngày %s: %w", root, m.AsOf.VN(), ErrNotFound)
		}
		start = id
	}
	if depth < 1 {
		depth = 1
	}
	// Fetch the full versions of only the nodes shown.
	var shown []string
	var walk func(parent string, d int)
	walk = func(parent string, d int) {
		for _, i := range children[parent] {
			shown = append(shown, nodes[i].ID)
			if d < depth {
				walk(nodes[i].ID, d+1)
			}
		}
	}
	walk(start, 1)
	if start != "" {
		shown = append(shown, start)
	}
	full, err := r.store.UnitsAt(ctx, shown, m)
	if err != nil {
		return Tree{}, err
	}
	byID := make(map[string]Unit, len(full))
	for _, u := range full {
		byID[u.ID] = u
	}
	var build func(parent string, d int) []TreeNode
	build = func(parent string, d int) []TreeNode {
		out := make([]TreeNode, 0, len(children[parent]))
		for _, i := range children[parent] {
			n := nodes[i]
			tn := TreeNode{Unit: byID[n.ID], KindLabel: KindLabel(n.Kind), Children: len(children[n.ID]), Descendants: desc[i]}
			if d < depth {
				tn.Nodes = build(n.ID, d+1)
			}
			out = append(out, tn)
		}
		vntext.Sort(out, func(t TreeNode) string { return t.Name }, nil)
		return out
	}
	t.Nodes = build(start, 1)
	t.Total = len(t.Nodes)
	if start != "" {
		u := byID[start]
		t.Root = &Ref{ID: u.ID, Code: u.Code, Name: u.Name}
	}
	return t, nil
}

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
