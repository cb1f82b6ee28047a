package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"tinhgon/internal/storetest"
)

// TestBackupRestores: a backup of the demo, served as the database, answers
// as the original did; a backup never overwrites a file; PostgreSQL is
// pointed to its own tools.
func TestBackupRestores(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		db := fresh(t)
		if _, err := run(t, "demo", "--db", db); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "sao-luu.db")
		msg, err := run(t, "backup", "--db", db, "--out", out)
		if strings.HasPrefix(db, "postgres") {
			if err == nil || !strings.Contains(err.Error(), "pg_dump") {
				t.Errorf("backup of PostgreSQL: %v %s", err, msg)
			}
			return
		}
		if err != nil {
			t.Fatalf("backup: %v %s", err, msg)
		}
		for _, args := range [][]string{{"counts", "--as-of", "2025-07-01"}, {"schemes", "list"}, {"people", "nguyen", "--as-of", "2025-06-01"}} {
			a, errA := run(t, append(args, "--db", db)...)
			b, errB := run(t, append(args, "--db", out)...)
			if errA != nil || errB != nil || a != b || a == "" {
				t.Errorf("%v on the backup differs:\n%s\n---\n%s (%v %v)", args, a, b, errA, errB)
			}
		}
		if msg, err := run(t, "audit", "verify", "--db", out); err != nil {
			t.Errorf("the backup's audit log does not verify: %v %s", err, msg)
		}
		if _, err := run(t, "backup", "--db", db, "--out", out); err == nil || !strings.Contains(err.Error(), "đã có") {
			t.Errorf("a second backup over the first: %v", err)
		}
	})
}
