package bench_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"tinhgon/internal/bench"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

// The national register is generated once per process, on the first
// benchmark that needs it; tests never touch it. It is loaded once per
// engine: the engine's sub-benchmark (which the testing package runs once,
// as it has sub-benchmarks of its own, even with -count) opens the
// database, loads it and runs every measurement under it, so the database
// lives exactly as long as the measurements (a PostgreSQL database made by
// storetest.PostgresDSN is dropped when that sub-benchmark ends).
var national struct {
	once sync.Once
	ds   *bench.Dataset
	took time.Duration
}

func nationalData(b *testing.B) *bench.Dataset {
	national.once.Do(func() {
		start := time.Now()
		national.ds = bench.Generate(bench.National())
		national.took = time.Since(start)
	})
	ds := national.ds
	b.Logf("national register: %d units, %d version rows, %d retractions, %d lineage edges, %d operations, %d decisions (generated in %s)",
		ds.Units, len(ds.Versions), len(ds.Retractions), len(ds.Edges), len(ds.Operations), len(ds.Decisions), national.took.Round(time.Millisecond))
	return ds
}

type env struct {
	db  *store.DB
	dsn string
	reg *org.Register
	ds  *bench.Dataset
}

// load opens dsn, bulk-loads the national register and, on PostgreSQL,
// runs VACUUM ANALYZE as autovacuum would soon after such a load. SQLite
// is left without statistics, as the application leaves it, and its
// write-ahead log is checkpointed.
func load(b *testing.B, dsn string) *env {
	b.Helper()
	ds := nationalData(b)
	ctx := context.Background()
	db := storetest.Open(b, dsn)
	start := time.Now()
	if err := db.Register(bench.Province).BulkLoad(ctx, ds.Bulk); err != nil {
		b.Fatal(err)
	}
	loaded := time.Since(start)
	if db.Engine == store.Postgres {
		if err := db.Analyze(ctx); err != nil {
			b.Fatal(err)
		}
	} else {
		// Move the load out of the write-ahead log into the database file,
		// as SQLite does in time, so that the first benchmarks do not read
		// through a 200 MB log.
		if _, err := db.SQL().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%s: loaded in %s, ready in %s", db.Engine, loaded.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	return &env{db: db, dsn: dsn, reg: org.NewRegister(db.Register(bench.Province), store.NewID), ds: ds}
}

var (
	jan     = civil.MustParse("2025-01-01")
	jul     = civil.MustParse("2025-07-01")
	lateDay = civil.MustParse("2026-01-01")
	ctx     = context.Background()
)

// BenchmarkNational measures the register's questions on the whole
// country, on SQLite and (when TINHGON_TEST_POSTGRES_URL is set) PostgreSQL:
//
//	go test -run '^$' -bench . -benchtime 20x -count 3 ./internal/bench/
func BenchmarkNational(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		runAll(b, load(b, filepath.Join(b.TempDir(), "national.db")))
	})
	b.Run("postgres", func(b *testing.B) {
		runAll(b, load(b, storetest.PostgresDSN(b)))
	})
}

func runAll(b *testing.B, e *env) {
	for _, day := range []civil.Date{jan, jul} {
		m := org.Moment{AsOf: day}
		// Between two writes the day's skeleton is kept: the steady state
		// of a server that is read far more than written.
		b.Run("Tree/"+day.String(), func(b *testing.B) {
			benchN(b, func() int {
				t, err := e.reg.Tree(ctx, m, "", 1)
				check(b, err)
				return t.Counts.Total
			})
		})
		// Right after a write the skeleton is read again; the empty write
		// (which advances the register clock) is timed too, about 1–2 ms.
		b.Run("TreeAfterWrite/"+day.String(), func(b *testing.B) {
			benchN(b, func() int {
				touch(b, e)
				t, err := e.reg.Tree(ctx, m, "", 1)
				check(b, err)
				return t.Counts.Total
			})
		})
		// A process that has just started reads every believed version once.
		b.Run("TreeColdStart/"+day.String(), func(b *testing.B) {
			benchN(b, func() int {
				db, err := store.Open(ctx, e.dsn, nil)
				check(b, err)
				defer db.Close()
				t, err := org.NewRegister(db.Register(bench.Province), store.NewID).Tree(ctx, m, "", 1)
				check(b, err)
				return t.Counts.Total
			})
		})
		b.Run("Counts/"+day.String(), func(b *testing.B) {
			benchN(b, func() int {
				c, err := e.reg.Counts(ctx, m)
				check(b, err)
				return c.Total
			})
		})
		b.Run("SkeletonAfterWrite/"+day.String(), func(b *testing.B) {
			benchN(b, func() int {
				touch(b, e)
				ns, err := e.reg.Store().Skeleton(ctx, m)
				check(b, err)
				return len(ns)
			})
		})
		b.Run("BareSQL/"+day.String(), func(b *testing.B) {
			benchN(b, func() int { return bare(b, e.db.SQL(), day, true) })
		})
		b.Run("BareSQLNoRetractions/"+day.String(), func(b *testing.B) {
			benchN(b, func() int { return bare(b, e.db.SQL(), day, false) })
		})
	}
	b.Run("Lineage", func(b *testing.B) {
		l, err := e.reg.Lineage(ctx, e.ds.LineageProbe, org.Moment{AsOf: lateDay})
		check(b, err)
		if len(l.Successors) != 3 {
			b.Fatalf("the probe's lineage has %d steps, want 3", len(l.Successors))
		}
		benchN(b, func() int {
			l, err := e.reg.Lineage(ctx, e.ds.LineageProbe, org.Moment{AsOf: lateDay})
			check(b, err)
			return len(l.Predecessors) + len(l.Successors)
		})
	})
	b.Run("Diff", func(b *testing.B) {
		benchN(b, func() int {
			d, err := e.reg.Diff(ctx, jan, jul, time.Time{})
			check(b, err)
			return len(d.Added) + len(d.Ended) + len(d.Renamed) + len(d.Moved) + len(d.Changed)
		})
	})
	b.Run("Search", func(b *testing.B) {
		benchN(b, func() int {
			us, err := e.reg.Search(ctx, "so tai chinh", org.Filter{}, org.Moment{AsOf: jul})
			check(b, err)
			return len(us)
		})
	})
}

// benchN runs fn b.N times after one untimed call (which prepares the
// statements and warms the caches a running server would have warm),
// reporting allocations and the size of the answer (rows/op: units
// counted, rows read, steps or changes found).
func benchN(b *testing.B, fn func() int) {
	b.ReportAllocs()
	n := fn()
	for b.Loop() {
		n = fn()
	}
	b.ReportMetric(float64(n), "rows/op")
}

// bare is the tree query alone, without the store: the units valid at day
// and, when believedNow, never retracted.
func bare(b *testing.B, db *sql.DB, day civil.Date, believedNow bool) int {
	q := `SELECT v.unit_id, v.parent_id FROM unit_versions v WHERE v.province = $1
		AND (v.valid_from IS NULL OR v.valid_from <= $2) AND (v.valid_to IS NULL OR v.valid_to > $2)`
	if believedNow {
		q += ` AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = v.id)`
	}
	rows, err := db.QueryContext(ctx, q, bench.Province, day)
	check(b, err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id string
		var parent sql.NullString
		check(b, rows.Scan(&id, &parent))
		n++
	}
	check(b, rows.Err())
	return n
}

// touch makes an empty write, which advances the register clock and so
// makes the next skeleton be read from the database.
func touch(b *testing.B, e *env) {
	check(b, e.reg.Store().Write(ctx, func(org.Tx) error { return nil }))
}

func check(b *testing.B, err error) {
	if err != nil {
		b.Helper()
		b.Fatal(err)
	}
}
