package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"tinhgon/internal/audit"
	"tinhgon/internal/org"
)

// Bulk is a register's worth of rows loaded at once, bypassing operation
// validation: for imports of a register already checked elsewhere and for
// benchmarks. Rows are written as given; the caller is responsible for
// their consistency (ids, intervals, retractions, parents).
type Bulk struct {
	Decisions   []org.Decision
	Operations  []BulkOperation
	Versions    []org.Unit
	Edges       []org.Edge
	Retractions []Retraction
}

// BulkOperation is an operation with the parts its units took in it.
type BulkOperation struct {
	org.Operation
	Units []org.OpUnit
}

// Retraction ends the belief in a row (a version, an edge or an operation) at At.
type Retraction struct {
	RowID       string
	At          time.Time
	By          string
	OperationID string // the operation that retracted the row, if any
	Reason      string
}

// bulkBatch is the number of rows per INSERT statement; both engines
// accept its parameters (at most 19 columns × 500 rows).
const bulkBatch = 500

// BulkLoad writes the rows of b in one transaction with multi-row INSERTs,
// in the order foreign keys need, and advances the province's register
// clock past every time recorded so that later writes stay ordered.
func (s *Register) BulkLoad(ctx context.Context, b Bulk) error {
	tx, err := s.db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk load: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	var last int64
	seen := func(t time.Time) int64 {
		m := micros(t)
		if m > last && m != micros(time.Time{}) {
			last = m
		}
		return m
	}
	p := s.province
	steps := []struct {
		table string
		cols  []string
		n     int
		row   func(i int, dst []any) ([]any, error)
	}{
		{"decisions", []string{"id", "province", "number", "issuer", "signed_date", "effective_date", "summary", "recorded_at", "recorded_by"},
			len(b.Decisions), func(i int, dst []any) ([]any, error) {
				d := b.Decisions[i]
				return append(dst, d.ID, p, d.Number, d.Issuer, d.SignedDate, d.EffectiveDate, d.Summary, seen(d.RecordedAt), d.RecordedBy), nil
			}},
		{"operations", []string{"id", "province", "kind", "effective_date", "decision_id", "summary", "spec", "recorded_at", "recorded_by"},
			len(b.Operations), func(i int, dst []any) ([]any, error) {
				op := b.Operations[i].Operation
				spec := op
				spec.Decision, spec.RecordedAt, spec.RecordedBy = nil, time.Time{}, ""
				js, err := json.Marshal(spec)
				if err != nil {
					return nil, err
				}
				return append(dst, op.ID, p, string(op.Kind), op.EffectiveDate, op.DecisionID, op.Summary, string(js), seen(op.RecordedAt), op.RecordedBy), nil
			}},
		{"operation_units", []string{"operation_id", "province", "unit_id", "role"},
			0, nil}, // filled below: one row per unit of each operation
		{"unit_versions", []string{"id", "province", "unit_id", "code", "name", "short_name", "name_folded", "kind", "pillar", "level",
			"parent_id", "area_code", "valid_from", "valid_to", "recorded_at", "recorded_by", "operation_id", "decision_id", "note"},
			len(b.Versions), func(i int, dst []any) ([]any, error) {
				u := &b.Versions[i]
				return append(dst, u.VersionID, p, u.ID, u.Code, u.Name, u.ShortName, fold(*u), u.Kind, string(u.Pillar), string(u.Level),
					nullable(u.ParentID), u.AreaCode, u.ValidFrom, u.ValidTo, seen(u.RecordedAt), u.RecordedBy,
					nullable(u.OperationID), nullable(u.DecisionID), u.Note), nil
			}},
		{"lineage_edges", []string{"id", "province", "operation_id", "kind", "from_unit", "to_unit", "date", "decision_id", "recorded_at"},
			len(b.Edges), func(i int, dst []any) ([]any, error) {
				e := b.Edges[i]
				return append(dst, e.ID, p, e.OperationID, string(e.Kind), e.From, e.To, e.Date, e.DecisionID, seen(e.RecordedAt)), nil
			}},
		{"retractions", []string{"row_id", "province", "retracted_at", "retracted_by", "operation_id", "reason"},
			len(b.Retractions), func(i int, dst []any) ([]any, error) {
				r := b.Retractions[i]
				return append(dst, r.RowID, p, seen(r.At), r.By, nullable(r.OperationID), r.Reason), nil
			}},
	}
	type opUnit struct {
		op string
		u  org.OpUnit
	}
	var ous []opUnit
	for _, op := range b.Operations {
		for _, u := range op.Units {
			ous = append(ous, opUnit{op.ID, u})
		}
	}
	steps[2].n = len(ous)
	steps[2].row = func(i int, dst []any) ([]any, error) {
		return append(dst, ous[i].op, p, ous[i].u.UnitID, ous[i].u.Role), nil
	}
	w := &audit.Written{}
	for _, st := range steps {
		if err := insertBatches(ctx, tx, s.db.Engine, st.table, st.cols, st.n, st.row); err != nil {
			return err
		}
		w.Add(st.table, st.n)
	}
	if last > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO register_clock (province, clock) VALUES ($1, $2)
			ON CONFLICT (province) DO UPDATE SET clock = CASE WHEN register_clock.clock >= excluded.clock
			THEN register_clock.clock + 1 ELSE excluded.clock END`, p, last); err != nil {
			return fmt.Errorf("bulk load: advance register clock: %w", err)
		}
	}
	if err := auditCommit(ctx, tx, s.db.Engine, p, time.Now(), w); err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	// Bulk rows carry their own recorded times, older than the clock the
	// in-memory beliefs follow: read them afresh.
	s.db.beliefs.forget(s.province)
	return nil
}

// insertBatches inserts n rows into table, bulkBatch rows per statement,
// reusing one prepared statement for the full batches. SQLite gets
// anonymous ? placeholders: the driver binds numbered ones ($1…) by
// looking each name up in a list, which is quadratic in a statement's
// parameters and made a 500-row batch fifty times slower.
func insertBatches(ctx context.Context, tx *sql.Tx, engine Engine, table string, cols []string, n int,
	row func(i int, dst []any) ([]any, error)) error {
	if n == 0 {
		return nil
	}
	stmtFor := func(rows int) string {
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		k := 1
		for r := 0; r < rows; r++ {
			if r > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for c := range cols {
				if c > 0 {
					b.WriteByte(',')
				}
				if engine == SQLite {
					b.WriteByte('?')
				} else {
					b.WriteString("$" + strconv.Itoa(k))
				}
				k++
			}
			b.WriteByte(')')
		}
		return b.String()
	}
	var full *sql.Stmt
	if n >= bulkBatch {
		var err error
		if full, err = tx.PrepareContext(ctx, stmtFor(bulkBatch)); err != nil {
			return fmt.Errorf("bulk load %s: prepare: %w", table, err)
		}
		defer full.Close()
	}
	exec := func(b batch) error {
		var err error
		if b.end-b.start == bulkBatch {
			_, err = full.ExecContext(ctx, b.vals...)
		} else {
			_, err = tx.ExecContext(ctx, stmtFor(b.end-b.start), b.vals...)
		}
		if err != nil {
			return fmt.Errorf("bulk load %s: rows %d–%d: %w", table, b.start, b.end-1, err)
		}
		return nil
	}
	fill := func(b *batch) error {
		b.vals = b.vals[:0]
		for i := b.start; i < b.end; i++ {
			var err error
			if b.vals, err = row(i, b.vals); err != nil {
				return fmt.Errorf("bulk load %s: row %d: %w", table, i, err)
			}
		}
		return nil
	}
	if n <= 4*bulkBatch {
		b := batch{vals: make([]any, 0, bulkBatch*len(cols))}
		for b.start = 0; b.start < n; b.start += bulkBatch {
			b.end = min(b.start+bulkBatch, n)
			if err := fill(&b); err != nil {
				return err
			}
			if err := exec(b); err != nil {
				return err
			}
		}
		return nil
	}
	// Many rows: the next batches are built on another core while the
	// database writes this one, in a few buffers passed back and forth.
	free, ready := make(chan []any, 3), make(chan batch, 3)
	for range cap(free) {
		free <- make([]any, 0, bulkBatch*len(cols))
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(ready)
		for start := 0; start < n; start += bulkBatch {
			var b batch
			select {
			case b.vals = <-free:
			case <-done:
				return
			}
			b.start, b.end = start, min(start+bulkBatch, n)
			b.err = fill(&b)
			select {
			case ready <- b:
			case <-done:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	for b := range ready {
		if b.err != nil {
			return b.err
		}
		if err := exec(b); err != nil {
			return err
		}
		free <- b.vals
	}
	return nil
}

// batch is a run of rows [start, end) with their values, for insertBatches.
type batch struct {
	start, end int
	vals       []any
	err        error
}

// Analyze refreshes the planner's statistics after a bulk load, as
// autovacuum would in time on PostgreSQL (VACUUM ANALYZE, which also sets
// the visibility map index-only scans need); on SQLite it runs ANALYZE,
// which the application otherwise never does.
func (db *DB) Analyze(ctx context.Context) error {
	q := "ANALYZE"
	if db.Engine == Postgres {
		q = "VACUUM ANALYZE"
	}
	if _, err := db.write.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("%s: %w", strings.ToLower(q), err)
	}
	return nil
}
