package store_test

import (
	"context"
	"fmt"
	"testing"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

func TestOpenMigratesOnceAndReopens(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		dsn := fresh(t)
		for i := 0; i < 2; i++ {
			db, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatalf("open #%d: %v", i+1, err)
			}
			if err := db.Migrate(ctx); err != nil {
				t.Errorf("migrate again: %v", err)
			}
			var n int
			if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM unit_versions`).Scan(&n); err != nil || n != 0 {
				t.Errorf("schema in place: %d rows, %v", n, err)
			}
			db.Close()
		}
	})
}

func TestIsPostgres(t *testing.T) {
	for dsn, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql://u@h/db": true, "tinhgon.db": false, "/var/lib/x.db": false, "file:x.db": false,
	} {
		if store.IsPostgres(dsn) != want {
			t.Errorf("IsPostgres(%q) != %v", dsn, want)
		}
	}
}

func TestNewIDIsTimeOrdered(t *testing.T) {
	a, b := store.NewID(), store.NewID()
	if len(a) != 36 || a >= b {
		t.Errorf("ids %s, %s should be ordered UUIDs", a, b)
	}
}

// Two processes on one database: the trees one serves from memory follow
// the writes of the other.
func TestBeliefsFollowAnotherWriter(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		dsn := fresh(t)
		a := org.NewRegister(storetest.Open(t, dsn).Register("12"), store.NewID)
		b := org.NewRegister(storetest.Open(t, dsn).Register("12"), store.NewID)
		day := org.Moment{AsOf: civil.MustParse("2025-07-01")}
		count := func() int {
			t.Helper()
			c, err := b.Counts(ctx, day)
			if err != nil {
				t.Fatal(err)
			}
			return c.Total
		}
		if n := count(); n != 0 {
			t.Fatalf("empty register counts %d", n)
		}
		op, err := a.Apply(ctx, org.Operation{Kind: org.OpEstablish, EffectiveDate: civil.MustParse("2025-01-01"),
			Decision: &org.Decision{Number: "1/QĐ-UBND", Issuer: "UBND tỉnh"},
			Outputs: []org.Output{{New: &org.NewUnit{Attrs: org.Attrs{Code: "s.a", Name: "Sở A", Kind: "specialized_agency", Pillar: org.PillarState, Level: org.LevelProvince}}},
				{New: &org.NewUnit{Attrs: org.Attrs{Code: "s.b", Name: "Sở B", Kind: "specialized_agency", Pillar: org.PillarState, Level: org.LevelProvince}}}}}, "a")
		if err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 2 {
			t.Fatalf("after the other process established two units: %d", n)
		}
		if _, err := a.Apply(ctx, org.Operation{Kind: org.OpAbsorb, EffectiveDate: civil.MustParse("2025-06-01"), DecisionID: op.DecisionID,
			Inputs: []string{"s.a"}, Outputs: []org.Output{{Ref: "s.b"}}}, "a"); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 1 {
			t.Fatalf("after the other process absorbed one: %d", n)
		}
		if c, _ := b.Counts(ctx, org.Moment{AsOf: civil.MustParse("2025-05-31")}); c.Total != 2 {
			t.Fatalf("the day before the absorption: %d", c.Total)
		}
	})
}

// Trees are read while another writer changes the register.
func TestBeliefsUnderConcurrentReadsAndWrites(t *testing.T) {
	ctx := context.Background()
	reg := org.NewRegister(storetest.Open(t, t.TempDir()+"/c.db").Register("12"), store.NewID)
	dec, err := reg.RecordDecision(ctx, org.Decision{Number: "1/QĐ", Issuer: "UBND"}, "t")
	if err != nil {
		t.Fatal(err)
	}
	const writes = 20
	done := make(chan error, 1)
	go func() {
		for i := 0; i < writes; i++ {
			_, err := reg.Apply(ctx, org.Operation{Kind: org.OpEstablish, EffectiveDate: civil.MustParse("2025-01-01"), DecisionID: dec.ID,
				Outputs: []org.Output{{New: &org.NewUnit{Attrs: org.Attrs{Name: fmt.Sprintf("Sở %d", i), Kind: "specialized_agency", Pillar: org.PillarState, Level: org.LevelProvince}}}}}, "t")
			if err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	last := 0
	for reading := true; reading; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			reading = false
		default:
		}
		c, err := reg.Counts(ctx, org.Moment{AsOf: civil.MustParse("2025-02-01")})
		if err != nil {
			t.Fatal(err)
		}
		if c.Total < last {
			t.Fatalf("counts went back from %d to %d", last, c.Total)
		}
		last = c.Total
	}
	if c, _ := reg.Counts(ctx, org.Moment{AsOf: civil.MustParse("2025-02-01")}); c.Total != writes {
		t.Fatalf("after %d establishments: %d units", writes, c.Total)
	}
}
