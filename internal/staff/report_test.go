package staff_test

import (
	"testing"

	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// TestRollUp: nodes are listed children first on purpose; r has children
// b and a, a has child a1; s is a second root and o's parent is outside
// the tree, so it is a root too.
func TestRollUp(t *testing.T) {
	rules := loadRules(t)
	nodes := []org.Node{
		node("a1", "a", "division", org.LevelProvince, org.PillarState),
		node("b", "r", "specialized_agency", org.LevelProvince, org.PillarState),
		node("r", "", "peoples_committee", org.LevelProvince, org.PillarState),
		node("a", "r", "specialized_agency", org.LevelProvince, org.PillarState),
		node("s", "", "party_committee", org.LevelProvince, org.PillarParty),
		node("o", "gone", "office", org.LevelProvince, org.PillarState),
	}
	var w world
	w.hireN("r", 1, staff.CanBo, "r")
	w.hireN("a", 2, staff.CongChuc, "a")
	w.hireN("a1-", 3, staff.VienChuc, "a1", ownRevenue)
	w.hireN("b", 4, staff.CongChuc, "b")
	w.hireN("s", 5, staff.CanBo, "s")
	w.hireN("o", 6, staff.NguoiLaoDong, "o")
	w.hire("x", staff.CongChuc, "elsewhere") // a unit not in the tree
	w.assign("s1", "a", concurrent, as(staff.Deputy))
	ts := w.model().Tally(rules, staff.Scope{AsOf: day("2025-06-01"), Nodes: nodes})

	type want struct {
		id           string
		depth        int
		own, rolled  int
		rolledDeps   int
		rolledBudget int
	}
	check := func(rows []staff.Row, wants []want) {
		t.Helper()
		if len(rows) != len(wants) {
			t.Fatalf("%d rows, want %d: %+v", len(rows), len(wants), rows)
		}
		for i, r := range rows {
			x := wants[i]
			if r.UnitID != x.id || r.Depth != x.depth || r.Own.Headcount != x.own || r.RolledUp.Headcount != x.rolled ||
				r.RolledUp.Deputies != x.rolledDeps || r.RolledUp.ByFunding[staff.Budget] != x.rolledBudget {
				t.Errorf("row %d: %s depth %d own %d rolled %d deputies %d budget %d, want %+v", i, r.UnitID, r.Depth,
					r.Own.Headcount, r.RolledUp.Headcount, r.RolledUp.Deputies, r.RolledUp.ByFunding[staff.Budget], x)
			}
		}
	}
	// Parent before children; siblings (and roots) by id, whatever the
	// order of the nodes.
	check(ts.Rows("r"), []want{
		{"r", 0, 1, 10, 1, 7},
		{"a", 1, 2, 5, 1, 2},
		{"a1", 2, 3, 3, 0, 0},
		{"b", 1, 4, 4, 0, 4},
	})
	check(ts.Rows("a"), []want{{"a", 0, 2, 5, 1, 2}, {"a1", 1, 3, 3, 0, 0}})
	check(ts.Rows(""), []want{
		{"o", 0, 6, 6, 0, 6},
		{"r", 0, 1, 10, 1, 7},
		{"a", 1, 2, 5, 1, 2},
		{"a1", 2, 3, 3, 0, 0},
		{"b", 1, 4, 4, 0, 4},
		{"s", 0, 5, 5, 0, 5},
	})
	if rows := ts.Rows("elsewhere"); len(rows) != 0 {
		t.Errorf("rows of a unit not in the tree: %+v", rows)
	}

	// The rolled-up counts by category of r: 1 cán bộ, 6 công chức, 3 viên chức.
	up := ts.Rows("r")[0].RolledUp
	if up.ByCategory[staff.CanBo] != 1 || up.ByCategory[staff.CongChuc] != 6 || up.ByCategory[staff.VienChuc] != 3 ||
		up.ByFunding[staff.OwnRevenue] != 3 || up.Concurrent != 1 {
		t.Errorf("r rolled up %+v", up)
	}

	// The total is the sum over the roots r, s and o; x's unit is not counted.
	tot := ts.Total()
	if tot.Headcount != 21 || tot.ByCategory[staff.NguoiLaoDong] != 6 || tot.ByCategory[staff.CanBo] != 6 ||
		tot.Deputies != 1 || tot.Concurrent != 1 {
		t.Errorf("total %+v, want headcount 21", tot.Counts)
	}
	if s, ok := ts.Subtotal("a"); !ok || s.Headcount != 5 {
		t.Errorf("subtotal of a %v %+v, want 5", ok, s.Counts)
	}
	if _, ok := ts.Subtotal("elsewhere"); ok || !ts.Has("a1") || ts.Has("elsewhere") {
		t.Errorf("Subtotal/Has of units outside the tree")
	}
}
