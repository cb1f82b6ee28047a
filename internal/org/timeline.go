package org

import (
	"math"
	"slices"
	"strings"
	"sync"

	"tinhgon/internal/civil"
)

// Timeline is the tree facts of every unit version believed now, keyed by
// integers. A day's tree is then one pass over arrays with no string map:
// what a report over a whole country, on a day never asked before, needs
// to stay within its time (docs/performance.md). It is immutable.
type Timeline struct {
	ids     []string // unit index → id, in id order
	index   map[string]int32
	classes []Node  // distinct (kind, level, pillar); ID and ParentID empty
	start   []int32 // unit u's versions are vers[start[u]:start[u+1]], by start
	vers    []tlVersion
	// bounds are the days on which some version starts or ends, in order:
	// every day between two of them has the same tree, laid out once.
	bounds []int32
	mu     sync.Mutex
	days   map[int]*DayTree // by interval of bounds
}

// daysKept bounds how many intervals' trees a timeline keeps.
const daysKept = 64

type tlVersion struct {
	node     Node
	parent   int32 // the parent's unit index, -1
	class    int32
	from, to int32 // days since 1970, open ends at the extremes
}

// TimedNode is a version's tree facts with its valid interval (zero: open).
type TimedNode struct {
	Node
	From, To civil.Date
}

// NewTimeline lays out the versions, in any order.
func NewTimeline(rows []TimedNode) *Timeline {
	t := &Timeline{index: make(map[string]int32, len(rows))}
	for i := range rows {
		if _, ok := t.index[rows[i].ID]; !ok {
			t.index[rows[i].ID] = 0
			t.ids = append(t.ids, rows[i].ID)
		}
	}
	slices.Sort(t.ids)
	for i, id := range t.ids {
		t.index[id] = int32(i)
	}
	type classKey struct {
		kind   string
		level  Level
		pillar Pillar
	}
	classes := map[classKey]int32{}
	t.vers = make([]tlVersion, len(rows))
	t.start = make([]int32, len(t.ids)+1)
	for i := range rows {
		r := &rows[i]
		k := classKey{r.Kind, r.Level, r.Pillar}
		c, ok := classes[k]
		if !ok {
			c = int32(len(t.classes))
			classes[k] = c
			t.classes = append(t.classes, Node{Kind: r.Kind, Level: r.Level, Pillar: r.Pillar})
		}
		parent, ok := t.index[r.ParentID]
		if !ok || r.ParentID == r.ID {
			parent = -1
		}
		from, to := int32(math.MinInt32), int32(math.MaxInt32)
		if !r.From.IsZero() {
			from = r.From.Days()
		}
		if !r.To.IsZero() {
			to = r.To.Days()
		}
		t.vers[i] = tlVersion{node: r.Node, parent: parent, class: c, from: from, to: to}
	}
	slices.SortFunc(t.vers, func(a, b tlVersion) int {
		if c := strings.Compare(a.node.ID, b.node.ID); c != 0 {
			return c
		}
		return int(a.from) - int(b.from)
	})
	for i := range t.vers {
		t.start[t.index[t.vers[i].node.ID]+1]++
	}
	for u := 1; u < len(t.start); u++ {
		t.start[u] += t.start[u-1]
	}
	for _, v := range t.vers {
		for _, b := range []int32{v.from, v.to} {
			if b != math.MinInt32 && b != math.MaxInt32 {
				t.bounds = append(t.bounds, b)
			}
		}
	}
	slices.Sort(t.bounds)
	t.bounds = slices.Compact(t.bounds)
	return t
}

// Units is the number of units the timeline knows.
func (t *Timeline) Units() int { return len(t.ids) }

// ID is unit u's id.
func (t *Timeline) ID(u int32) string { return t.ids[u] }

// Index is the unit index of an id.
func (t *Timeline) Index(id string) (int32, bool) {
	u, ok := t.index[id]
	return u, ok
}

// Classes are the distinct kinds, levels and pillars of units; a day's
// nodes name theirs, so that a rule that depends on them is looked up
// once per class rather than once per unit.
func (t *Timeline) Classes() []Node { return t.classes }

// DayTree is the tree on one day: its nodes in id order, with integer links.
type DayTree struct {
	Timeline *Timeline
	Nodes    []Node
	Unit     []int32 // node → timeline unit
	Parent   []int32 // node → parent node; -1 for roots and parents not alive that day
	Class    []int32 // node → index in Timeline.Classes
	NodeOf   []int32 // timeline unit → node, -1 when not alive that day
}

// Day returns the tree on d, shared by every day of the same interval
// between changes: it must not be modified. A unit with two versions
// valid on d (bad data) appears with the later.
func (t *Timeline) Day(d civil.Date) *DayTree {
	x := d.Days()
	k, _ := slices.BinarySearch(t.bounds, x+1) // the interval: bounds ≤ x
	t.mu.Lock()
	dt, ok := t.days[k]
	t.mu.Unlock()
	if ok {
		return dt
	}
	dt = t.day(x)
	t.mu.Lock()
	if t.days == nil || len(t.days) >= daysKept {
		t.days = map[int]*DayTree{}
	}
	t.days[k] = dt
	t.mu.Unlock()
	return dt
}

func (t *Timeline) day(x int32) *DayTree {
	dt := &DayTree{Timeline: t, NodeOf: make([]int32, len(t.ids)), Unit: make([]int32, 0, len(t.ids))}
	ver := make([]int32, 0, len(t.ids))
	for u := range t.ids {
		dt.NodeOf[u] = -1
		for k := t.start[u+1] - 1; k >= t.start[u]; k-- {
			if v := &t.vers[k]; v.from <= x && x < v.to {
				dt.NodeOf[u] = int32(len(ver))
				dt.Unit = append(dt.Unit, int32(u))
				ver = append(ver, k)
				break
			}
		}
	}
	n := len(ver)
	dt.Nodes, dt.Parent, dt.Class = make([]Node, n), make([]int32, n), make([]int32, n)
	for i, k := range ver {
		v := &t.vers[k]
		dt.Nodes[i] = v.node
		dt.Parent[i] = -1
		if v.parent >= 0 {
			dt.Parent[i] = dt.NodeOf[v.parent]
		}
		dt.Class[i] = v.class
	}
	return dt
}

// Lookup is the node of a unit id on the tree's day.
func (dt *DayTree) Lookup(id string) (int32, bool) {
	u, ok := dt.Timeline.index[id]
	if !ok || dt.NodeOf[u] < 0 {
		return -1, false
	}
	return dt.NodeOf[u], true
}

// Under lists every unit that was, on some day, the unit itself or inside
// its subtree: what a unit's HR officer may reach, through every
// reorganisation of the subtree. Each interval between changes is walked
// once.
func (t *Timeline) Under(id string) []string {
	root, ok := t.index[id]
	if !ok {
		return nil
	}
	days := []int32{0}
	if len(t.bounds) > 0 {
		days = append([]int32{t.bounds[0] - 1}, t.bounds...)
	}
	in := make([]bool, len(t.ids))
	in[root] = true
	for _, x := range days {
		dt := t.day(x)
		// state per node: 0 not yet known, 1 inside, 2 outside.
		state := make([]int8, len(dt.Nodes))
		var path []int32
		for n := range dt.Nodes {
			path = path[:0]
			c := int32(n)
			res := int8(2)
			for c >= 0 {
				if state[c] != 0 {
					res = state[c]
					break
				}
				if dt.Unit[c] == root {
					res = 1
					break
				}
				path = append(path, c)
				c = dt.Parent[c]
				if len(path) > len(dt.Nodes) { // a cycle in bad data
					break
				}
			}
			if c >= 0 && dt.Unit[c] == root {
				state[c] = 1
			}
			for _, q := range path {
				state[q] = res
			}
		}
		for n, s := range state {
			if s == 1 {
				in[dt.Unit[n]] = true
			}
		}
	}
	var out []string
	for u, ok := range in {
		if ok {
			out = append(out, t.ids[u])
		}
	}
	return out
}
