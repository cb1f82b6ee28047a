package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"tinhgon/internal/audit"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/vntext"
)

var _ scheme.Tx = (*regTx)(nil)

// Scheme implements scheme.Store.
func (s *Register) Scheme(ctx context.Context, ref string) (scheme.Scheme, error) {
	return readScheme(ctx, s.db.read, s.province, ref)
}

func readScheme(ctx context.Context, db queryer, province, ref string) (scheme.Scheme, error) {
	var body string
	err := db.QueryRowContext(ctx, `SELECT body FROM schemes WHERE province = $1 AND (id = $2 OR code = $2)
		ORDER BY CASE WHEN id = $2 THEN 0 ELSE 1 END LIMIT 1`, province, ref).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return scheme.Scheme{}, fmt.Errorf("đề án %q: %w", ref, org.ErrNotFound)
	}
	if err != nil {
		return scheme.Scheme{}, fmt.Errorf("read scheme %s: %w", ref, err)
	}
	var out scheme.Scheme
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		return scheme.Scheme{}, fmt.Errorf("read scheme %s: %w", ref, err)
	}
	out.Normalize()
	return out, nil
}

// ListSchemes implements scheme.Store.
func (s *Register) ListSchemes(ctx context.Context, f scheme.Filter) ([]scheme.Scheme, int, error) {
	var a args
	where := ` WHERE province = ` + a.add(s.province)
	if f.Status != "" {
		where += ` AND status = ` + a.add(string(f.Status))
	}
	for _, tok := range strings.Fields(vntext.Fold(f.Query)) {
		p := a.add("%" + tok + "%")
		where += ` AND (name_folded LIKE ` + p + ` OR LOWER(code) LIKE ` + p + `)`
	}
	var total int
	if err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM schemes`+where, a...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count schemes: %w", err)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT body FROM schemes`+where+` ORDER BY effective_date DESC, created_at DESC LIMIT `+
		a.add(f.Limit)+` OFFSET `+a.add(f.Offset), a...)
	if err != nil {
		return nil, 0, fmt.Errorf("list schemes: %w", err)
	}
	defer rows.Close()
	var out []scheme.Scheme
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, 0, fmt.Errorf("list schemes: %w", err)
		}
		var x scheme.Scheme
		if err := json.Unmarshal([]byte(body), &x); err != nil {
			return nil, 0, fmt.Errorf("list schemes: %w", err)
		}
		x.Normalize()
		out = append(out, x)
	}
	return out, total, rows.Err()
}

// schemeTx is a transaction on schemes alone.
type schemeTx struct {
	tx       *sql.Tx
	province string
	now      time.Time
	w        *audit.Written
}

// WriteSchemes implements scheme.Store: a transaction that leaves the
// register's clock alone, so the read models built on it stay valid.
func (s *Register) WriteSchemes(ctx context.Context, fn func(tx scheme.Tx) error) error {
	sqlTx, err := s.db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer sqlTx.Rollback() //nolint:errcheck // after Commit it is a no-op
	tx := &schemeTx{tx: sqlTx, province: s.province, now: time.Now().UTC(), w: &audit.Written{}}
	if err := fn(tx); err != nil {
		return err
	}
	return auditCommit(ctx, sqlTx, s.db.Engine, s.province, tx.now, tx.w)
}

func (t *schemeTx) Now() time.Time { return t.now }

func (t *schemeTx) SchemeForUpdate(ctx context.Context, ref string) (scheme.Scheme, error) {
	return readScheme(ctx, t.tx, t.province, ref)
}

func (t *schemeTx) SaveScheme(ctx context.Context, s scheme.Scheme, prev int) error {
	return saveScheme(ctx, t.tx, t.w, t.province, s, prev)
}

// SchemeForUpdate implements scheme.Tx on the register's transaction.
func (t *regTx) SchemeForUpdate(ctx context.Context, ref string) (scheme.Scheme, error) {
	return readScheme(ctx, t.tx, t.province, ref)
}

// SaveScheme implements scheme.Tx on the register's transaction.
func (t *regTx) SaveScheme(ctx context.Context, s scheme.Scheme, prev int) error {
	return saveScheme(ctx, t.tx, t.w, t.province, s, prev)
}

func saveScheme(ctx context.Context, tx *sql.Tx, w *audit.Written, province string, s scheme.Scheme, prev int) error {
	body, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("save scheme: %w", err)
	}
	updated := s.UpdatedAt.UnixMicro()
	if prev == 0 {
		_, err = tx.ExecContext(ctx, `INSERT INTO schemes (id, province, code, name, name_folded, status, effective_date, version, body, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, s.ID, province, s.Code, s.Name, vntext.Fold(s.Name), string(s.Status),
			s.EffectiveDate, s.Version, string(body), s.CreatedAt.UnixMicro(), updated)
		if err != nil {
			return fmt.Errorf("save scheme: %w", err)
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE schemes SET code = $1, name = $2, name_folded = $3, status = $4, effective_date = $5,
			version = $6, body = $7, updated_at = $8 WHERE id = $9 AND province = $10 AND version = $11`,
			s.Code, s.Name, vntext.Fold(s.Name), string(s.Status), s.EffectiveDate, s.Version, string(body), updated, s.ID, province, prev)
		if err != nil {
			return fmt.Errorf("save scheme: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("save scheme: %w", err)
		} else if n == 0 {
			return fmt.Errorf("đề án %s đã được lưu bởi người khác sau phiên bản %d: %w", s.ID, prev, org.ErrStale)
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO scheme_revisions (id, province, scheme_id, version, status, body, recorded_at, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, NewID(), province, s.ID, s.Version, string(s.Status), string(body), updated, s.UpdatedBy)
	if err != nil {
		return fmt.Errorf("save scheme revision: %w", err)
	}
	w.Add("schemes", 1, s.ID)
	return nil
}
