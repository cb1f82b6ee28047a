package bench_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tinhgon/internal/bench"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/storetest"
)

// small is two of the 34 provinces (three before 2025): a few thousand
// units, enough to check the generator's register is consistent and loads.
var small = bench.Config{Seed: 7, Provinces: 2}

// believed returns the rows of ds not retracted.
func believed(ds *bench.Dataset) []org.Unit {
	gone := make(map[string]bool, len(ds.Retractions))
	for _, r := range ds.Retractions {
		gone[r.RowID] = true
	}
	var out []org.Unit
	for _, v := range ds.Versions {
		if !gone[v.VersionID] {
			out = append(out, v)
		}
	}
	return out
}

func alive(rows []org.Unit, d civil.Date) map[string]org.Unit {
	out := map[string]org.Unit{}
	for _, v := range rows {
		if v.ValidAt(d) {
			out[v.ID] = v
		}
	}
	return out
}

var checkDays = []string{"2008-01-01", "2015-06-01", "2020-01-01", "2024-12-01", "2025-01-01", "2025-02-28", "2025-03-01",
	"2025-06-30", "2025-07-01", "2026-01-01"}

// TestGenerateConsistent checks the register the generator makes obeys
// what org.Register.Apply would enforce.
func TestGenerateConsistent(t *testing.T) {
	ds := bench.Generate(small)
	again := bench.Generate(small)
	if len(ds.Versions) != len(again.Versions) || ds.Versions[len(ds.Versions)-1] != again.Versions[len(again.Versions)-1] {
		t.Fatal("the generator is not deterministic")
	}
	rows := believed(ds)
	// A unit's believed versions do not overlap, and a code names one unit.
	byUnit := map[string][]org.Unit{}
	codes := map[string]string{}
	for _, v := range rows {
		byUnit[v.ID] = append(byUnit[v.ID], v)
		if id, ok := codes[v.Code]; ok && id != v.ID {
			t.Errorf("code %s names two units", v.Code)
		}
		codes[v.Code] = v.ID
	}
	for id, vs := range byUnit {
		for i := range vs {
			for j := i + 1; j < len(vs); j++ {
				a, b := vs[i], vs[j]
				endsA := !a.ValidTo.IsZero() && (b.ValidFrom.IsZero() || !a.ValidTo.After(b.ValidFrom))
				endsB := !b.ValidTo.IsZero() && (a.ValidFrom.IsZero() || !b.ValidTo.After(a.ValidFrom))
				if !endsA && !endsB {
					t.Fatalf("unit %s: versions %s and %s overlap", id, a.VersionID, b.VersionID)
				}
			}
		}
	}
	// On every day, a living unit's parent lives and siblings' names differ.
	for _, day := range checkDays {
		d := civil.MustParse(day)
		live := alive(rows, d)
		names := map[string]string{}
		for _, u := range live {
			if u.ParentID != "" {
				if _, ok := live[u.ParentID]; !ok {
					t.Fatalf("%s: %s (%s) lives under %s, which does not", day, u.Name, u.Code, u.ParentID)
				}
			}
			key := u.ParentID + "|" + strings.ToLower(u.Name)
			if other, dup := names[key]; dup {
				t.Fatalf("%s: siblings %s and %s are both named %q", day, other, u.Code, u.Name)
			}
			names[key] = u.Code
		}
	}
	// Edges join an input that ends on the day to an output living on it.
	ops := map[string]bool{}
	for _, op := range ds.Operations {
		ops[op.ID] = true
	}
	for _, e := range ds.Edges {
		if !ops[e.OperationID] {
			t.Fatalf("edge %s cites an unknown operation", e.ID)
		}
		if _, ok := alive(byUnit[e.From], e.Date)[e.From]; ok {
			t.Errorf("edge %s: %s still lives on %s", e.ID, e.From, e.Date)
		}
		if _, ok := alive(byUnit[e.To], e.Date)[e.To]; !ok {
			t.Errorf("edge %s: %s does not live on %s", e.ID, e.To, e.Date)
		}
	}
	t.Logf("%d units, %d version rows, %d retractions, %d edges, %d operations, %d decisions",
		ds.Units, len(ds.Versions), len(ds.Retractions), len(ds.Edges), len(ds.Operations), len(ds.Decisions))
}

// TestBulkLoad loads the small register on each engine and asks it the
// benchmarks' questions.
func TestBulkLoad(t *testing.T) {
	ds := bench.Generate(small)
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		db := storetest.Open(t, fresh(t))
		reg := org.NewRegister(db.Register(bench.Province), func() string { return fmt.Sprint(time.Now().UnixNano()) })
		if err := db.Register(bench.Province).BulkLoad(ctx, ds.Bulk); err != nil {
			t.Fatal(err)
		}
		jul := civil.MustParse("2025-07-01")
		want := 0
		for _, u := range alive(believed(ds), jul) {
			if u.Kind != org.KindExternal {
				want++
			}
		}
		c, err := reg.Counts(ctx, org.Moment{AsOf: jul})
		if err != nil {
			t.Fatal(err)
		}
		if c.Total != want {
			t.Errorf("units on %s: %d, want %d", jul, c.Total, want)
		}
		tree, err := reg.Tree(ctx, org.Moment{AsOf: jul}, "", 1)
		if err != nil {
			t.Fatal(err)
		}
		desc := 0
		for _, n := range tree.Nodes {
			desc += 1 + n.Descendants
		}
		if tree.Total != 7 || desc != want {
			t.Errorf("tree on %s: %d roots holding %d units, want 7 roots holding %d", jul, tree.Total, desc, want)
		}
		lin, err := reg.Lineage(ctx, ds.LineageProbe, org.Moment{AsOf: civil.MustParse("2026-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		if len(lin.Successors) != 3 || lin.Successors[2].Depth != 3 || lin.Successors[2].Date != jul {
			t.Errorf("lineage of the probe: %+v, want three steps to %s", lin.Successors, jul)
		}
		us, err := reg.Search(ctx, "so tai chinh", org.Filter{}, org.Moment{AsOf: jul})
		if err != nil {
			t.Fatal(err)
		}
		if len(us) != small.Provinces || !strings.HasPrefix(us[0].Name, "Sở Tài chính") {
			t.Errorf("search «so tai chinh» on %s: %d units (%v), want the %d provinces' finance departments", jul, len(us), us, small.Provinces)
		}
		diff, err := reg.Diff(ctx, civil.MustParse("2025-01-01"), jul, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(diff.Added) == 0 || len(diff.Ended) == 0 || len(diff.Moved) == 0 || len(diff.Renamed) == 0 {
			t.Errorf("diff 2025-01-01 → %s: %d added, %d ended, %d moved, %d renamed", jul, len(diff.Added), len(diff.Ended), len(diff.Moved), len(diff.Renamed))
		}
		// The register clock moved past the loaded rows: a write after the
		// load is recorded later than all of them.
		dec, err := reg.RecordDecision(ctx, org.Decision{Number: "1/QĐ", Issuer: "UBND"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		last := ds.Versions[len(ds.Versions)-1].RecordedAt
		if !dec.RecordedAt.After(last) {
			t.Errorf("a write after the load is recorded at %s, not after the last loaded row (%s)", dec.RecordedAt, last)
		}
	})
}
