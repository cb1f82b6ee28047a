package org

import (
	"slices"
	"testing"

	"tinhgon/internal/civil"
)

func TestTimelineDay(t *testing.T) {
	d := civil.MustParse
	node := func(id, parent string) Node {
		return Node{ID: id, ParentID: parent, Kind: "so", Level: LevelProvince, Pillar: "state"}
	}
	rows := []TimedNode{
		{Node: node("ubnd", ""), From: d("2020-01-01")},
		{Node: node("so-a", "ubnd"), From: d("2020-01-01"), To: d("2025-03-01")},
		{Node: node("so-b", "ubnd"), From: d("2020-01-01"), To: d("2025-03-01")},
		{Node: node("so-ab", "ubnd"), From: d("2025-03-01")},
		// A unit that moved under another parent on 2024-01-01.
		{Node: node("phong", "so-a"), From: d("2020-01-01"), To: d("2024-01-01")},
		{Node: node("phong", "so-b"), From: d("2024-01-01"), To: d("2025-03-01")},
		{Node: node("phong", "so-ab"), From: d("2025-03-01")},
		// Its parent is not a unit the register knows: a root.
		{Node: node("orphan", "nowhere"), From: d("2020-01-01")},
		// Its own parent (bad data): a root, not a cycle.
		{Node: node("self", "self")},
	}
	tl := NewTimeline(rows)
	// Days between the same two changes share their tree.
	if tl.Day(d("2020-01-02")) != tl.Day(d("2023-12-31")) || tl.Day(d("2023-12-31")) == tl.Day(d("2024-01-01")) {
		t.Error("the trees of days between the same changes are not shared, or those across a change are")
	}
	for _, tc := range []struct {
		day     string
		parents map[string]string // alive unit → its parent alive that day ("" for a root)
	}{
		{"2019-12-31", map[string]string{"self": ""}},
		{"2020-01-01", map[string]string{"ubnd": "", "so-a": "ubnd", "so-b": "ubnd", "phong": "so-a", "orphan": "", "self": ""}},
		{"2023-12-31", map[string]string{"ubnd": "", "so-a": "ubnd", "so-b": "ubnd", "phong": "so-a", "orphan": "", "self": ""}},
		{"2024-01-01", map[string]string{"ubnd": "", "so-a": "ubnd", "so-b": "ubnd", "phong": "so-b", "orphan": "", "self": ""}},
		{"2025-02-28", map[string]string{"ubnd": "", "so-a": "ubnd", "so-b": "ubnd", "phong": "so-b", "orphan": "", "self": ""}},
		{"2025-03-01", map[string]string{"ubnd": "", "so-ab": "ubnd", "phong": "so-ab", "orphan": "", "self": ""}},
	} {
		dt := tl.Day(d(tc.day))
		got := map[string]string{}
		for i, n := range dt.Nodes {
			if dt.Unit[i] < 0 || tl.ID(dt.Unit[i]) != n.ID || dt.NodeOf[dt.Unit[i]] != int32(i) {
				t.Fatalf("%s: node %d (%s) and its unit disagree", tc.day, i, n.ID)
			}
			if c := tl.Classes()[dt.Class[i]]; c.Kind != n.Kind || c.Level != n.Level || c.Pillar != n.Pillar {
				t.Errorf("%s: %s has class %+v", tc.day, n.ID, c)
			}
			got[n.ID] = ""
			if p := dt.Parent[i]; p >= 0 {
				got[n.ID] = dt.Nodes[p].ID
			}
		}
		if len(got) != len(tc.parents) {
			t.Errorf("%s: alive %v, want %v", tc.day, got, tc.parents)
		}
		for id, want := range tc.parents {
			if p, ok := got[id]; !ok || p != want {
				t.Errorf("%s: %s under %q (alive %v), want under %q", tc.day, id, p, ok, want)
			}
			if _, ok := dt.Lookup(id); !ok {
				t.Errorf("%s: Lookup(%s) failed", tc.day, id)
			}
		}
		if _, ok := dt.Lookup("so-ab"); ok != (tc.parents["so-ab"] != "" || tc.day >= "2025-03-01") {
			t.Errorf("%s: Lookup(so-ab) = %v", tc.day, ok)
		}
		if !slices.IsSortedFunc(dt.Nodes, func(a, b Node) int {
			if a.ID < b.ID {
				return -1
			}
			if a.ID > b.ID {
				return 1
			}
			return 0
		}) {
			t.Errorf("%s: nodes not in id order", tc.day)
		}
	}
}

func TestAliveOver(t *testing.T) {
	d := civil.MustParse
	// Alive 2020–2023 and again from 2024-06-01: a gap in between.
	u := UnitLife{Found: true, Versions: []Unit{
		{ValidFrom: d("2020-01-01"), ValidTo: d("2022-01-01")},
		{ValidFrom: d("2022-01-01"), ValidTo: d("2024-01-01")},
		{ValidFrom: d("2024-06-01")},
	}}
	for _, tc := range []struct {
		from, to string
		want     bool
	}{
		{"2020-01-01", "2024-01-01", true},  // across a version's end that another continues
		{"2021-01-01", "2024-01-02", false}, // into the gap
		{"2023-01-01", "", false},           // open, across the gap
		{"2024-06-01", "", true},            // open, after the gap
		{"2019-12-31", "2021-01-01", false}, // before the unit
		{"2023-12-31", "2024-01-01", true},  // its last day before the gap
	} {
		to := civil.Date{}
		if tc.to != "" {
			to = d(tc.to)
		}
		if got := u.AliveOver(d(tc.from), to); got != tc.want {
			t.Errorf("AliveOver(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
}
