package org

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/vntext"
)

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
