package bench_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/areas"
	"tinhgon/internal/civil"
	"tinhgon/internal/gen"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

// The national staffing dataset is generated once per process.
var staffData struct {
	once sync.Once
	ds   *gen.Dataset
	err  error
	took time.Duration
}

func staffDataset(b *testing.B) *gen.Dataset {
	staffData.once.Do(func() {
		set, err := areas.Default()
		if err != nil {
			staffData.err = err
			return
		}
		cfg := gen.National()
		// A smaller country for a quick look: TINHGON_BENCH_PEOPLE, TINHGON_BENCH_PROVINCES.
		if n, err := strconv.Atoi(os.Getenv("TINHGON_BENCH_PEOPLE")); err == nil {
			cfg.People = n
		}
		if n, err := strconv.Atoi(os.Getenv("TINHGON_BENCH_PROVINCES")); err == nil {
			cfg.Provinces = n
		}
		start := time.Now()
		staffData.ds, staffData.err = gen.Generate(cfg, set)
		staffData.took = time.Since(start)
	})
	if staffData.err != nil {
		b.Fatal(staffData.err)
	}
	ds := staffData.ds
	b.Logf("national staffing: %d units, %d people, %d assignment rows, %d quotas (generated in %s)",
		ds.Units, len(ds.People), len(ds.Assignments), len(ds.Quotas), staffData.took.Round(time.Millisecond))
	return ds
}

// BenchmarkStaff measures the staffing on the national dataset, on SQLite
// and (when TINHGON_TEST_POSTGRES_URL is set) PostgreSQL, each beside the
// engine's own bulk path in the same run:
//
//	go test -run '^$' -bench Staff -benchtime 20x ./internal/bench/
func BenchmarkStaff(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		dir := b.TempDir()
		staffAll(b, filepath.Join(dir, "staff.db"), func() string { return filepath.Join(b.TempDir(), "native.db") })
	})
	b.Run("postgres", func(b *testing.B) {
		staffAll(b, storetest.PostgresDSN(b), func() string { return storetest.PostgresDSN(b) })
	})
}

func staffAll(b *testing.B, dsn string, another func() string) {
	ds := staffDataset(b)
	ctx := context.Background()
	db := storetest.Open(b, dsn)
	reg := db.Register(gen.Province)
	if err := reg.BulkLoad(ctx, ds.Register); err != nil {
		b.Fatal(err)
	}
	bulk := store.StaffBulk{People: ds.People, Assignments: ds.Assignments, Quotas: ds.Quotas}
	start := time.Now()
	if err := reg.BulkStaff(ctx, bulk, nil); err != nil {
		b.Fatal(err)
	}
	ours := time.Since(start)
	native := nativeLoad(b, db, dsn, another())
	b.Logf("%s: import of %d people and %d assignment rows in %s; the engine's own bulk path (CSV import, then CREATE INDEX) %s; ratio %.2f",
		db.Engine, len(ds.People), len(ds.Assignments), ours.Round(time.Millisecond), native.Round(time.Millisecond), ours.Seconds()/native.Seconds())
	if err := db.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	prov, err := app.Open(db, gen.Province)
	if err != nil {
		b.Fatal(err)
	}
	start = time.Now()
	if _, err := prov.Staff.Model(ctx, time.Time{}); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: read model built in %s", db.Engine, time.Since(start).Round(time.Millisecond))
	// The import ran once, above, beside the engine's own path: this
	// sub-benchmark only reports the two times as metrics.
	b.Run("Import", func(b *testing.B) {
		b.ReportMetric(ours.Seconds(), "s/import")
		b.ReportMetric(native.Seconds(), "s/native")
		for range b.N {
		}
	})
	days := []civil.Date{civil.MustParse("2024-12-31"), civil.MustParse("2025-03-01"), civil.MustParse("2025-07-01"), civil.MustParse("2025-11-15")}
	root := provinceRoot(b, prov)
	national := func(day civil.Date) {
		t, _, err := prov.Staff.Tally(ctx, org.Moment{AsOf: day})
		if err != nil {
			b.Fatal(err)
		}
		_ = t.Total()
	}
	province := func(day civil.Date) {
		t, err := prov.Staff.TallyUnder(ctx, org.Moment{AsOf: day}, root)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := t.Subtotal(root); !ok {
			b.Fatal("no province root")
		}
	}
	// A day asked before: the service keeps the tree of the last few days.
	b.Run("ReportNational", func(b *testing.B) {
		for _, d := range days {
			national(d)
		}
		i := 0
		for b.Loop() {
			national(days[i%len(days)])
			i++
		}
	})
	b.Run("ReportProvince", func(b *testing.B) {
		for _, d := range days {
			province(d)
		}
		i := 0
		for b.Loop() {
			province(days[i%len(days)])
			i++
		}
	})
	// A day never asked before, from 2025 on (after the baseline day, so that
	// the reduction targets are counted): the day's tree is laid out first.
	next := civil.MustParse("2025-01-05")
	b.Run("ReportNationalNewDay", func(b *testing.B) {
		for b.Loop() {
			next = next.AddDays(7)
			national(next)
		}
	})
	b.Run("ReportProvinceNewDay", func(b *testing.B) {
		for b.Loop() {
			next = next.AddDays(7)
			province(next)
		}
	})
}

// provinceRoot is the root (the Party committee) of the biggest province
// generated: Hồ Chí Minh City in the whole country, Hà Nội in a smaller one.
func provinceRoot(b *testing.B, prov *app.Province) string {
	for _, code := range []string{"79.tu", "01.tu"} {
		u, err := prov.Org.Get(context.Background(), code, org.Moment{AsOf: civil.MustParse("2025-07-01")})
		if err == nil {
			b.Logf("one province: %s", u.Name)
			return u.ID
		}
	}
	b.Fatal("no province root")
	return ""
}

// staffTables are the tables of the staffing, as the engines' tools name them.
var staffTables = []string{"people", "assignments", "quotas"}

// nativeLoad loads the rows db holds into a fresh database of the same
// schema with the engine's own tools, timed: the sqlite3 shell's .import
// then CREATE INDEX, or psql's \copy (COPY) then CREATE INDEX.
func nativeLoad(b *testing.B, db *store.DB, dsn, fresh string) time.Duration {
	dir := b.TempDir()
	ctx := context.Background()
	target := storetest.Open(b, fresh) // migrated: same tables and indexes
	var indexes []string
	q := `SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('people', 'assignments', 'quotas')`
	if db.Engine == store.Postgres {
		q = `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('people', 'assignments', 'quotas') AND indexname NOT LIKE '%_pkey'`
	}
	rows, err := target.SQL().QueryContext(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			b.Fatal(err)
		}
		indexes = append(indexes, s)
	}
	rows.Close()
	for _, ddl := range indexes {
		name := strings.Fields(ddl)[2]
		if _, err := target.SQL().ExecContext(ctx, "DROP INDEX "+name); err != nil {
			b.Fatal(err)
		}
	}
	target.Close()
	var export, load strings.Builder
	for _, t := range staffTables {
		file := filepath.Join(dir, t+".csv")
		if db.Engine == store.Postgres {
			fmt.Fprintf(&export, "\\copy %s TO '%s' CSV\n", t, file)
			fmt.Fprintf(&load, "\\copy %s FROM '%s' CSV\n", t, file)
		} else {
			fmt.Fprintf(&export, ".mode csv\n.once %s\nSELECT * FROM %s;\n", file, t)
			fmt.Fprintf(&load, ".import --csv %s %s\n", file, t)
		}
	}
	for _, ddl := range indexes {
		load.WriteString(ddl + ";\n")
	}
	run := func(dsn, script string) time.Duration {
		var cmd *exec.Cmd
		if db.Engine == store.Postgres {
			cmd = exec.Command("psql", "-v", "ON_ERROR_STOP=1", "-q", "-1", dsn)
		} else {
			cmd = exec.Command("sqlite3", "-bail", dsn)
		}
		cmd.Stdin = strings.NewReader(script)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s: %v", cmd.Path, err)
		}
		return time.Since(start)
	}
	if db.Engine == store.SQLite {
		// The shell runs .import inside one transaction when asked to.
		load.Reset()
		load.WriteString("PRAGMA journal_mode=WAL;\nBEGIN;\n")
		for _, t := range staffTables {
			fmt.Fprintf(&load, ".import --csv %s %s\n", filepath.Join(dir, t+".csv"), t)
		}
		for _, ddl := range indexes {
			load.WriteString(ddl + ";\n")
		}
		load.WriteString("COMMIT;\n")
	}
	run(dsn, export.String())
	return run(fresh, load.String())
}
