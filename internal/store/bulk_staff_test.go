package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/staff"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

func bulkOf(n int, prefix string) store.StaffBulk {
	var b store.StaffBulk
	for i := range n {
		p := staff.Person{ID: store.NewID(), VersionID: store.NewID(), Code: fmt.Sprintf("%s%04d", prefix, i), Name: "Nguyễn Văn An",
			Sex: staff.Male, BirthDate: civil.MustParse("1980-05-01"), Category: staff.CongChuc}
		if i%3 == 0 {
			p.Sensitive.Ethnicity = "Thái"
		}
		b.People = append(b.People, p)
		b.Assignments = append(b.Assignments, staff.Assignment{ID: store.NewID(), VersionID: store.NewID(), PersonID: p.ID,
			UnitID: "u1", Post: staff.Staff, Position: staff.Professional, Funding: staff.Budget, Primary: true,
			ValidFrom: civil.MustParse("2020-01-01")})
	}
	b.Quotas = []staff.Quota{{ID: store.NewID(), UnitID: "u1", Year: 2025, Category: staff.CongChuc, Count: n}}
	return b
}

// TestBulkStaff: a bulk load into empty tables (indexes dropped and built
// again) and one into tables that have rows both leave every row and index.
func TestBulkStaff(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		db := storetest.Open(t, fresh(t))
		reg := db.Register("12")
		indexes := func() int {
			q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('people', 'assignments', 'quotas')`
			if db.Engine == store.Postgres {
				q = `SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('people', 'assignments', 'quotas') AND indexname NOT LIKE '%_pkey'`
			}
			var n int
			if err := db.SQL().QueryRowContext(ctx, q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		want := indexes()
		var calls int
		for round, b := range []store.StaffBulk{bulkOf(1200, "A"), bulkOf(300, "B")} {
			if err := reg.BulkStaff(ctx, b, func(done, total int) { calls++ }); err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			if got := indexes(); got != want {
				t.Errorf("round %d: %d indexes, want %d", round, got, want)
			}
		}
		if calls == 0 {
			t.Errorf("progress was never reported")
		}
		m := staff.NewBuilder(time.Time{})
		if err := reg.Load(ctx, time.Time{}, m); err != nil {
			t.Fatal(err)
		}
		if got := m.Finish().People(); got != 1500 {
			t.Errorf("%d people loaded, want 1500", got)
		}
		vs, err := reg.PersonVersions(ctx, "A0003", time.Time{})
		if err != nil || len(vs) != 1 || vs[0].Sensitive.Ethnicity != "Thái" || vs[0].BirthDate != civil.MustParse("1980-05-01") {
			t.Errorf("person A0003 read back as %+v, %v", vs, err)
		}
		as, err := reg.AssignmentsOf(ctx, vs[0].ID, time.Time{})
		if err != nil || len(as) != 1 || !as[0].Primary || as[0].ValidFrom.String() != "2020-01-01" {
			t.Errorf("assignments of A0003: %+v, %v", as, err)
		}
	})
}
