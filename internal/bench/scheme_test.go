package bench_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/areas"
	"tinhgon/internal/civil"
	"tinhgon/internal/gen"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

// BenchmarkScheme measures the check and impact of a province-wide scheme
// (200 mergers of sibling units, 30,000 people in the province) on SQLite
// and (when TINHGON_TEST_POSTGRES_URL is set) PostgreSQL:
//
//	go test -run '^$' -bench Scheme -benchtime 20x ./internal/bench/
func BenchmarkScheme(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { schemeBench(b, filepath.Join(b.TempDir(), "scheme.db")) })
	b.Run("postgres", func(b *testing.B) { schemeBench(b, storetest.PostgresDSN(b)) })
}

func schemeBench(b *testing.B, dsn string) {
	set, err := areas.Default()
	if err != nil {
		b.Fatal(err)
	}
	cfg := gen.National()
	cfg.Provinces, cfg.People = 1, 30_000
	if n, err := strconv.Atoi(os.Getenv("TINHGON_BENCH_SCHEME_PEOPLE")); err == nil {
		cfg.People = n
	}
	ds, err := gen.Generate(cfg, set)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	db := storetest.Open(b, dsn)
	reg := db.Register(gen.Province)
	if err := reg.BulkLoad(ctx, ds.Register); err != nil {
		b.Fatal(err)
	}
	if err := reg.BulkStaff(ctx, store.StaffBulk{People: ds.People, Assignments: ds.Assignments, Quotas: ds.Quotas}, nil); err != nil {
		b.Fatal(err)
	}
	prov, err := app.Open(db, gen.Province)
	if err != nil {
		b.Fatal(err)
	}
	eff := civil.MustParse("2026-01-01")
	ops := mergers(ds, eff, 200)
	sc, err := prov.Schemes.Create(ctx, scheme.Scheme{Name: "Đề án sắp xếp toàn tỉnh", EffectiveDate: eff, Operations: ops}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	res, err := prov.Schemes.Check(ctx, &sc)
	if err != nil {
		b.Fatal(err)
	}
	if errs := res.Errors(); len(errs) > 0 && errs[0].Field != "" && errs[0].Field[:1] == "o" {
		b.Fatalf("the scheme is refused: %s", errs[0].Detail)
	}
	b.Logf("%s: %d units, %d people, scheme of %d operations; first check (read models built) in %s; units %d → %d, headcount %d → %d, %d findings",
		db.Engine, ds.Units, len(ds.People), len(ops), time.Since(start).Round(time.Millisecond),
		res.Impact.Units.Before, res.Impact.Units.After, res.Impact.Headcount.Before, res.Impact.Headcount.After, len(res.Findings))
	b.Run("CheckAndImpact", func(b *testing.B) {
		for b.Loop() {
			if _, err := prov.Schemes.Check(ctx, &sc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// mergers makes n merger operations of pairs of sibling units of the same
// kind that have a head each and no unit under them (so that no merger
// moves another's inputs): the first head heads the merged unit, the
// second becomes a surplus deputy.
func mergers(ds *gen.Dataset, eff civil.Date, n int) []org.Operation {
	heads := map[string]string{}
	for _, a := range ds.Assignments {
		if a.Post == staff.Head && a.Primary && a.ValidAt(eff.AddDays(-1)) {
			heads[a.UnitID] = a.PersonID
		}
	}
	parents := map[string]bool{}
	for _, u := range ds.Register.Versions {
		parents[u.ParentID] = true
	}
	type key struct{ parent, kind string }
	waiting := map[key]org.Unit{}
	var ops []org.Operation
	for _, u := range ds.Register.Versions {
		if len(ops) == n {
			break
		}
		if !u.ValidAt(eff) || u.ParentID == "" || heads[u.ID] == "" || parents[u.ID] {
			continue
		}
		k := key{u.ParentID, u.Kind}
		other, ok := waiting[k]
		if !ok {
			waiting[k] = u
			continue
		}
		delete(waiting, k)
		code := fmt.Sprintf("bench.merged.%d", len(ops))
		ops = append(ops, org.Operation{Kind: org.OpMerge, Inputs: []string{other.ID, u.ID},
			Outputs: []org.Output{{New: &org.NewUnit{Attrs: org.Attrs{Code: code, Name: other.Name + " (hợp nhất)", Kind: u.Kind,
				Level: u.Level, Pillar: u.Pillar, ParentID: u.ParentID, AreaCode: u.AreaCode}}}},
			Placements: []org.Placement{{Person: heads[other.ID], To: code, Post: "head"},
				{Person: heads[u.ID], To: code, Post: "deputy", Surplus: true}}})
	}
	return ops
}
