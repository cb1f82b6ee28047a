package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"tinhgon/internal/audit"
	"tinhgon/internal/civil"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

// StaffBulk is a province's staffing loaded at once, bypassing the
// checks of staff.Service.Record: for the national dataset and for imports
// already checked. Rows are written as given (ids included).
type StaffBulk struct {
	People      []staff.Person
	Assignments []staff.Assignment
	Quotas      []staff.Quota
}

func (b StaffBulk) rows() int { return len(b.People) + len(b.Assignments) + len(b.Quotas) }

// staffTables are the tables a staff bulk load writes, in order.
var staffTables = []string{"people", "people_sensitive", "assignments", "quotas"}

// BulkStaff writes b in one transaction stamped with the province's clock.
// Into empty staff tables it loads as each engine's own bulk path does:
// secondary indexes are dropped, the rows streamed (COPY on PostgreSQL,
// large prepared INSERTs on SQLite), and the indexes built once at the end.
func (s *Register) BulkStaff(ctx context.Context, b StaffBulk, progress func(done, total int)) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	// The rows' values, boxed for the driver, are garbage by the million:
	// with the default pace the heap grows to twice what is live and takes
	// the memory the database's files need in the page cache (measured:
	// 78 s at the default, 63 s at 50, 107 s at 400 for the national set).
	// Collect more often for the duration of the load.
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	if s.db.Engine == Postgres {
		return s.bulkStaffPG(ctx, b, progress)
	}
	return s.bulkStaffSQLite(ctx, b, progress)
}

func personRow(p *staff.Person, province string, now int64) ([]any, error) {
	allow := ""
	if len(p.Allowances) > 0 {
		raw, err := json.Marshal(p.Allowances)
		if err != nil {
			return nil, fmt.Errorf("allowances of %s: %w", p.Code, err)
		}
		allow = string(raw)
	}
	by := p.RecordedBy
	if by == "" {
		by = "bulk"
	}
	return []any{p.VersionID, province, p.ID, p.Code, p.Name, vntext.Fold(p.Name), string(p.Sex), p.BirthDate, p.Hometown,
		string(p.Category), p.Grade, p.SalaryStep, int64(p.Coefficient), int64(p.PositionAllowance), allow, p.InsuranceFrom,
		bit(p.PartyMember), p.PartyJoined, p.Education, p.PoliticalTheory, p.ValidFrom, p.ValidTo, now, by}, nil
}

func assignmentRow(x *staff.Assignment, province string, now int64) []any {
	by := x.RecordedBy
	if by == "" {
		by = "bulk"
	}
	return []any{x.VersionID, province, x.ID, x.PersonID, x.UnitID, string(x.Post), x.Title, string(x.Position), string(x.Funding),
		bit(x.Primary), bit(x.Surplus), x.ValidFrom, x.ValidTo, now, by, nullable(x.OperationID), nullable(x.DecisionID), x.Note}
}

func quotaRow(q *staff.Quota, province string, now int64) []any {
	by := q.RecordedBy
	if by == "" {
		by = "bulk"
	}
	return []any{q.ID, province, q.UnitID, q.Year, string(q.Category), q.Count, nullable(q.DecisionID), now, by,
		nullable(q.OperationID), q.Note}
}

// takeClock advances the province's clock inside a transaction and returns it.
func takeClock(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, province string) (int64, error) {
	var clock int64
	err := q.QueryRowContext(ctx, clockSQL, province, time.Now().UnixMicro()).Scan(&clock)
	if err != nil {
		return 0, fmt.Errorf("take register clock: %w", err)
	}
	return clock, nil
}

const clockSQL = `INSERT INTO register_clock (province, clock) VALUES ($1, $2)
	ON CONFLICT (province) DO UPDATE SET clock = CASE WHEN register_clock.clock >= excluded.clock
	THEN register_clock.clock + 1 ELSE excluded.clock END RETURNING clock`

const staffEmptySQL = `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM people LIMIT 1) p) + (SELECT COUNT(*) FROM (SELECT 1 FROM assignments LIMIT 1) a)
	+ (SELECT COUNT(*) FROM (SELECT 1 FROM quotas LIMIT 1) q)`

func (s *Register) bulkStaffSQLite(ctx context.Context, b StaffBulk, progress func(done, total int)) error {
	// A large page cache keeps the new pages in memory until the commit
	// instead of spilling them to the log one by one, and the sorts of the
	// index builds run in memory, on helper threads. The writer pool has one
	// connection, so the pragmas hold for the transaction; they are set back
	// after it.
	for _, p := range []string{"PRAGMA cache_size = -524288", "PRAGMA temp_store = MEMORY", "PRAGMA threads = 4"} {
		if _, err := s.db.write.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("bulk staff: %s: %w", p, err)
		}
	}
	defer func() {
		for _, p := range []string{"PRAGMA cache_size = -2000", "PRAGMA temp_store = DEFAULT", "PRAGMA threads = 0"} {
			if _, err := s.db.write.ExecContext(context.WithoutCancel(ctx), p); err != nil {
				s.db.log.Warn("bulk staff: reset pragma", "pragma", p, "err", err)
			}
		}
	}()
	tx, err := s.db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk staff: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	clock, err := takeClock(ctx, tx, s.province)
	if err != nil {
		return err
	}
	var used int
	if err := tx.QueryRowContext(ctx, staffEmptySQL).Scan(&used); err != nil {
		return fmt.Errorf("bulk staff: %w", err)
	}
	var indexes []string
	if used == 0 {
		if indexes, err = dropIndexes(ctx, tx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
			AND tbl_name IN ('people', 'people_sensitive', 'assignments', 'quotas')`); err != nil {
			return err
		}
	}
	total, done := b.rows(), 0
	w := &audit.Written{}
	step := func(table string, cols []string, n int, row func(i int, dst []any) ([]any, error)) error {
		w.Add(table, n)
		const chunk = 50000
		for lo := 0; lo < n; lo += chunk {
			hi := min(lo+chunk, n)
			if err := insertBatches(ctx, tx, SQLite, table, cols, hi-lo, func(i int, dst []any) ([]any, error) { return row(lo+i, dst) }); err != nil {
				return err
			}
			done += hi - lo
			progress(done, total)
		}
		return nil
	}
	if err := s.bulkRows(b, clock, step); err != nil {
		return err
	}
	for _, ddl := range indexes {
		if _, err := tx.ExecContext(ctx, ddl); err != nil {
			return fmt.Errorf("bulk staff: rebuild index: %w", err)
		}
	}
	if err := auditCommit(ctx, tx, SQLite, s.province, fromMicros(clock), w); err != nil {
		return fmt.Errorf("bulk staff: %w", err)
	}
	return nil
}

// bulkRows feeds each table's rows to step, in the order foreign keys need.
func (s *Register) bulkRows(b StaffBulk, clock int64, step func(table string, cols []string, n int, row func(i int, dst []any) ([]any, error)) error) error {
	p := s.province
	if err := step("people", peopleCols, len(b.People), func(i int, dst []any) ([]any, error) {
		r, err := personRow(&b.People[i], p, clock)
		return append(dst, r...), err
	}); err != nil {
		return err
	}
	var sens []int
	for i := range b.People {
		if b.People[i].Sensitive != (staff.Sensitive{}) {
			sens = append(sens, i)
		}
	}
	if err := step("people_sensitive", sensitiveCols, len(sens), func(i int, dst []any) ([]any, error) {
		x := &b.People[sens[i]]
		return append(dst, x.VersionID, p, x.Sensitive.NationalID, x.Sensitive.Ethnicity, x.Sensitive.Religion, x.Sensitive.Health), nil
	}); err != nil {
		return err
	}
	if err := step("assignments", assignmentCols, len(b.Assignments), func(i int, dst []any) ([]any, error) {
		return append(dst, assignmentRow(&b.Assignments[i], p, clock)...), nil
	}); err != nil {
		return err
	}
	return step("quotas", quotaInsertCols, len(b.Quotas), func(i int, dst []any) ([]any, error) {
		return append(dst, quotaRow(&b.Quotas[i], p, clock)...), nil
	})
}

// dropIndexes drops the indexes the query lists (name, definition) and
// returns their definitions, to be built again after the load.
func dropIndexes(ctx context.Context, tx *sql.Tx, query string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("bulk staff: list indexes: %w", err)
	}
	var names, ddl []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return nil, fmt.Errorf("bulk staff: list indexes: %w", err)
		}
		names, ddl = append(names, n), append(ddl, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("bulk staff: list indexes: %w", err)
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+n); err != nil {
			return nil, fmt.Errorf("bulk staff: drop index %s: %w", n, err)
		}
	}
	return ddl, nil
}

func (s *Register) bulkStaffPG(ctx context.Context, b StaffBulk, progress func(done, total int)) error {
	conn, err := s.db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("bulk staff: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return fmt.Errorf("bulk staff: begin: %w", err)
		}
		defer tx.Rollback(ctx) //nolint:errcheck // after Commit it is a no-op
		var clock int64
		if err := tx.QueryRow(ctx, clockSQL, s.province, time.Now().UnixMicro()).Scan(&clock); err != nil {
			return fmt.Errorf("take register clock: %w", err)
		}
		var used int
		if err := tx.QueryRow(ctx, staffEmptySQL).Scan(&used); err != nil {
			return fmt.Errorf("bulk staff: %w", err)
		}
		var indexes []string
		if used == 0 {
			if _, err := tx.Exec(ctx, "SET LOCAL maintenance_work_mem = '512MB'"); err != nil {
				return fmt.Errorf("bulk staff: %w", err)
			}
			rows, err := tx.Query(ctx, `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
				AND tablename IN ('people', 'people_sensitive', 'assignments', 'quotas') AND indexname NOT LIKE '%_pkey'`)
			if err != nil {
				return fmt.Errorf("bulk staff: list indexes: %w", err)
			}
			var names []string
			for rows.Next() {
				var n, d string
				if err := rows.Scan(&n, &d); err != nil {
					rows.Close()
					return fmt.Errorf("bulk staff: list indexes: %w", err)
				}
				names, indexes = append(names, n), append(indexes, d)
			}
			rows.Close()
			for _, n := range names {
				if _, err := tx.Exec(ctx, "DROP INDEX "+n); err != nil {
					return fmt.Errorf("bulk staff: drop index %s: %w", n, err)
				}
			}
		}
		total, done := b.rows(), 0
		w := &audit.Written{}
		step := func(table string, cols []string, n int, row func(i int, dst []any) ([]any, error)) error {
			w.Add(table, n)
			i := 0
			var buf []any
			src := pgx.CopyFromFunc(func() ([]any, error) {
				if i == n {
					return nil, nil
				}
				var err error
				buf, err = row(i, buf[:0])
				if err != nil {
					return nil, err
				}
				for k, v := range buf {
					if d, ok := v.(civil.Date); ok {
						buf[k] = pgDate(d)
					}
				}
				i++
				if done++; done%50000 == 0 {
					progress(done, total)
				}
				return buf, nil
			})
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, src); err != nil {
				return fmt.Errorf("bulk staff: copy into %s: %w", table, err)
			}
			return nil
		}
		if err := s.bulkRows(b, clock, step); err != nil {
			return err
		}
		progress(total, total)
		for _, ddl := range indexes {
			if _, err := tx.Exec(ctx, ddl); err != nil {
				return fmt.Errorf("bulk staff: rebuild index: %w", err)
			}
		}
		if err := appendNote(ctx, pgxAuditTx{tx}, Postgres, s.province, fromMicros(clock), w); err != nil {
			return fmt.Errorf("bulk staff: %w", err)
		}
		if err := tx.Commit(ctx); err != nil {
			return fmt.Errorf("bulk staff: commit: %w", err)
		}
		return nil
	})
}

// pgxAuditTx appends to the audit log in a pgx transaction.
type pgxAuditTx struct{ tx pgx.Tx }

func (t pgxAuditTx) scanOne(ctx context.Context, q string, dst ...any) error {
	return t.tx.QueryRow(ctx, q).Scan(dst...)
}

func (t pgxAuditTx) exec(ctx context.Context, q string, args ...any) error {
	_, err := t.tx.Exec(ctx, q, args...)
	return err
}

// pgDate is a date as COPY's binary format takes it.
func pgDate(d civil.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Time()
}
