package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tinhgon/internal/audit"
)

// auditWritten is what a write transaction wrote, for its audit entry.
type auditWritten = *audit.Written

// idsOf lists the first ids of n records, as many as an entry keeps.
func idsOf(n int, id func(i int) string) []string {
	n = min(n, 50)
	out := make([]string, n)
	for i := range n {
		out[i] = id(i)
	}
	return out
}

// appendAudit appends an entry to the log inside tx: it locks the head,
// seals the entry after it and moves the head, so that entries are chained
// in the order their transactions commit.
func appendAudit(ctx context.Context, tx *sql.Tx, engine Engine, e audit.Entry) error {
	return appendAuditIn(ctx, sqlAuditTx{tx}, engine, e)
}

// auditTx is the little a transaction must do to append to the log: it is
// a database/sql transaction, or pgx's for the COPY bulk loads.
type auditTx interface {
	scanOne(ctx context.Context, q string, dst ...any) error
	exec(ctx context.Context, q string, args ...any) error
}

type sqlAuditTx struct{ tx *sql.Tx }

func (t sqlAuditTx) scanOne(ctx context.Context, q string, dst ...any) error {
	return t.tx.QueryRowContext(ctx, q).Scan(dst...)
}

func (t sqlAuditTx) exec(ctx context.Context, q string, args ...any) error {
	_, err := t.tx.ExecContext(ctx, q, args...)
	return err
}

func appendAuditIn(ctx context.Context, tx auditTx, engine Engine, e audit.Entry) error {
	lock := `SELECT seq, hash FROM audit_head WHERE id = 1`
	if engine == Postgres {
		lock += ` FOR UPDATE`
	}
	var seq int64
	var hash string
	if err := tx.scanOne(ctx, lock, &seq, &hash); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Seal(seq, hash)
	if err := tx.exec(ctx, `INSERT INTO audit_log (seq, at, province, actor, role, remote, action, object, decision, outcome,
		before_doc, after_doc, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		e.Seq, micros(e.At), e.Province, e.Actor, e.Role, e.Remote, e.Action, e.Object, e.Decision, e.Outcome,
		string(e.Before), string(e.After), e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("append audit entry: %w", err)
	}
	if err := tx.exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, e.Seq, e.Hash); err != nil {
		return fmt.Errorf("move audit head: %w", err)
	}
	return nil
}

// auditCommit appends the entry of a write transaction (the note ctx
// carries, with what w records) and commits: the change and its entry are
// one transaction.
func auditCommit(ctx context.Context, tx *sql.Tx, engine Engine, province string, at time.Time, w *audit.Written) error {
	if err := appendNote(ctx, sqlAuditTx{tx}, engine, province, at, w); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// appendNote appends the entry of the note ctx carries, with what w records.
func appendNote(ctx context.Context, tx auditTx, engine Engine, province string, at time.Time, w *audit.Written) error {
	e, err := audit.NoteFrom(ctx).Entry(w)
	if err != nil {
		return fmt.Errorf("audit entry: %w", err)
	}
	e.Province, e.At = province, at
	return appendAuditIn(ctx, tx, engine, e)
}

// writeAudited runs fn in a write transaction of the installation (not of
// a province) and appends its audit entry.
func (db *DB) writeAudited(ctx context.Context, fn func(tx *sql.Tx, w auditWritten) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	w := &audit.Written{}
	if err := fn(tx, w); err != nil {
		return err
	}
	return auditCommit(ctx, tx, db.Engine, "", time.Now(), w)
}

// AppendAudit appends an entry on its own: a refused attempt or a read of
// sensitive data, which change nothing else.
func (db *DB) AppendAudit(ctx context.Context, e audit.Entry) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	if e.At.IsZero() {
		e.At = time.Now()
	}
	if err := appendAudit(ctx, tx, db.Engine, e); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

const auditCols = `seq, at, province, actor, role, remote, action, object, decision, outcome, before_doc, after_doc, prev_hash, hash`

func scanAudit(rows *sql.Rows) (audit.Entry, error) {
	var e audit.Entry
	var at int64
	var before, after string
	if err := rows.Scan(&e.Seq, &at, &e.Province, &e.Actor, &e.Role, &e.Remote, &e.Action, &e.Object, &e.Decision, &e.Outcome,
		&before, &after, &e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	e.At = fromMicros(at)
	if before != "" {
		e.Before = []byte(before)
	}
	if after != "" {
		e.After = []byte(after)
	}
	return e, nil
}

// AuditEntries lists entries of the log and how many match.
func (db *DB) AuditEntries(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error) {
	var a args
	where := ` WHERE seq > ` + a.add(f.AfterSeq)
	for col, v := range map[string]string{"actor": f.Actor, "object": f.Object, "outcome": f.Outcome, "province": f.Province} {
		if v != "" {
			where += ` AND ` + col + ` = ` + a.add(v)
		}
	}
	if !f.From.IsZero() {
		where += ` AND at >= ` + a.add(micros(f.From))
	}
	if !f.To.IsZero() {
		where += ` AND at < ` + a.add(micros(f.To))
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`+where, a...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit entries: %w", err)
	}
	order := ` ORDER BY seq`
	if f.Newest {
		order += ` DESC`
	}
	q := `SELECT ` + auditCols + ` FROM audit_log` + where + order
	if f.Limit > 0 {
		q += ` LIMIT ` + a.add(f.Limit) + ` OFFSET ` + a.add(f.Offset)
	}
	rows, err := db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit entries: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// WalkAudit calls fn with every entry in order, reading them in pages so
// that a long log is never held whole.
func (db *DB) WalkAudit(ctx context.Context, f audit.Filter, fn func(audit.Entry) error) error {
	f.Limit, f.Offset, f.Newest = 5000, 0, false
	for {
		es, _, err := db.AuditEntries(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range es {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(es) < f.Limit {
			return nil
		}
		f.AfterSeq = es[len(es)-1].Seq
	}
}

// VerifyAudit walks the whole log and checks its chain and its head. A
// register that has been written to but has no entry is a log emptied.
func (db *DB) VerifyAudit(ctx context.Context) (*audit.Verifier, error) {
	v := &audit.Verifier{}
	if err := db.WalkAudit(ctx, audit.Filter{}, func(e audit.Entry) error { v.Add(e); return nil }); err != nil {
		return nil, err
	}
	var seq int64
	var hash string
	err := db.read.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		v.Problems = append(v.Problems, audit.Problem{Reason: "không còn đầu chuỗi nhật ký (bảng audit_head trống)"})
		return v, nil
	}
	if err != nil {
		return nil, fmt.Errorf("audit head: %w", err)
	}
	v.End(seq, hash)
	if v.Entries == 0 {
		var clocks int
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM register_clock`).Scan(&clocks); err != nil {
			return nil, fmt.Errorf("register clock: %w", err)
		}
		if clocks > 0 {
			v.Problems = append(v.Problems, audit.Problem{Reason: "sổ đăng ký đã được ghi nhưng nhật ký trống: nhật ký đã bị xóa"})
		}
	}
	return v, nil
}
