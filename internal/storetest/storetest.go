// Package storetest opens fresh databases for tests on every engine: a
// SQLite file in a temporary directory, and, when TINHGON_TEST_POSTGRES_URL
// is set, a new PostgreSQL database created for the test and dropped after.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tinhgon/internal/store"
)

// EnvPostgres names the variable holding the PostgreSQL URL for tests.
const EnvPostgres = "TINHGON_TEST_POSTGRES_URL"

// Fresh makes a new empty database of one engine for a test and returns its DSN.
type Fresh func(t testing.TB) string

// Engines runs fn once per engine as a subtest named after the engine; fn
// calls fresh for each empty database it needs.
func Engines(t *testing.T, fn func(t *testing.T, fresh Fresh)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		fn(t, func(t testing.TB) string { return filepath.Join(t.TempDir(), "tinhgon.db") })
	})
	t.Run("postgres", func(t *testing.T) {
		PostgresDSN(t) // skips, saying why, when PostgreSQL is not configured
		fn(t, PostgresDSN)
	})
}

// Open opens a migrated database for dsn and closes it after the test.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var seq atomic.Int64

// PostgresDSN creates an empty database for the test and returns its URL;
// it skips the test, saying so, when no PostgreSQL is configured.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skipf("PostgreSQL half skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable)", EnvPostgres)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	name := fmt.Sprintf("tinhgon_t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, seq.Add(1))
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		a.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") //nolint:errcheck // best effort
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	u.Path = "/" + name
	return strings.Replace(u.String(), "postgres://", "postgres://", 1)
}
