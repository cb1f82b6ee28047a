package store_test

import (
	"context"
	"testing"

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
