package staff

import (
	"tinhgon/internal/org"
)

// tally is what a report counts for one unit, in fixed columns.
type tally struct {
	cat          [nCategories]int32 // primary headcount by category, in Categories order
	budget, own  int32              // primary headcount by funding
	heads, deps  int32              // heads and deputies, concurrent posts included
	surplusMark  int32              // deputies placed as surplus by a merger's choice
	professional int32
	concurrent   int32
	quota        int32
	quotaSet     bool
	overQuota    int32 // sum over categories of headcount above quota
	underQuota   int32
	maxDeps      int32 // -1: no limit for the unit's kind
	surplusDeps  int32
	cutNow       int32 // budget-paid headcount of the categories the cut counts
	cutBase      int32 // the same at the baseline, of units that became this one
	psuStaff     int32 // primary headcount in public service units
	psuProf      int32
	gone         int32 // of the grassroots baseline, people now at the grassroots
	goneBase     int32
}

func (t *tally) headcount() int32 {
	var n int32
	for _, c := range t.cat {
		n += c
	}
	return n
}

func (t *tally) add(o *tally) {
	for i := range t.cat {
		t.cat[i] += o.cat[i]
	}
	t.budget += o.budget
	t.own += o.own
	t.heads += o.heads
	t.deps += o.deps
	t.surplusMark += o.surplusMark
	t.professional += o.professional
	t.concurrent += o.concurrent
	t.quota += o.quota
	t.quotaSet = t.quotaSet || o.quotaSet
	t.overQuota += o.overQuota
	t.underQuota += o.underQuota
	t.surplusDeps += o.surplusDeps
	t.cutNow += o.cutNow
	t.cutBase += o.cutBase
	t.psuStaff += o.psuStaff
	t.psuProf += o.psuProf
	t.gone += o.gone
	t.goneBase += o.goneBase
}

// nCategories is the number of categories, len(Categories).
const nCategories = 5

func catIndex(c Category) int {
	for i, l := range Categories {
		if l.Code == c {
			return i
		}
	}
	return len(Categories) - 1
}

// tree is the register's tree on a day, indexed for roll-ups: post lists
// the nodes children first.
type tree struct {
	nodes  []org.Node
	idx    map[string]int32 // nil when day answers lookups
	day    *org.DayTree
	parent []int32 // -1 for roots and for parents outside the tree
	post   []int32
}

// index is the node of a unit id.
func (t *tree) index(id string) (int32, bool) {
	if t.day != nil {
		return t.day.Lookup(id)
	}
	i, ok := t.idx[id]
	return i, ok
}

func newTree(nodes []org.Node) *tree {
	t := &tree{nodes: nodes, idx: make(map[string]int32, len(nodes)), parent: make([]int32, len(nodes))}
	for i, n := range nodes {
		t.idx[n.ID] = int32(i)
	}
	for i, n := range nodes {
		t.parent[i] = -1
		if p, ok := t.idx[n.ParentID]; ok && n.ParentID != n.ID {
			t.parent[i] = p
		}
	}
	t.order()
	return t
}

// dayTree is the tree of a register's day, linked by integers already.
func dayTree(dt *org.DayTree) *tree {
	t := &tree{nodes: dt.Nodes, day: dt, parent: dt.Parent}
	t.order()
	return t
}

// order lays out post.
func (t *tree) order() {
	depth := make([]int32, len(t.nodes))
	for i := range t.nodes {
		d, j := int32(0), int32(i)
		for t.parent[j] >= 0 && d < 64 { // 64 guards against a cycle in bad data
			j = t.parent[j]
			d++
		}
		depth[i] = d
	}
	// Children before parents: by depth, deepest first (a counting sort,
	// since depths are few).
	var byDepth [66]int32
	for _, d := range depth {
		byDepth[64-d+1]++
	}
	for i := 1; i < len(byDepth); i++ {
		byDepth[i] += byDepth[i-1]
	}
	t.post = make([]int32, len(t.nodes))
	for i, d := range depth {
		t.post[byDepth[64-d]] = int32(i)
		byDepth[64-d]++
	}
}

// within reports whether node i is root or below it.
func (t *tree) within(i, root int32) bool {
	for d := 0; i >= 0 && d < 64; d++ {
		if i == root {
			return true
		}
		i = t.parent[i]
	}
	return false
}
