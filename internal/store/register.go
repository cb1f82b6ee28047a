package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"tinhgon/internal/audit"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/vntext"
)

// Register is the register of one province in a DB; it implements org.Store.
type Register struct {
	db       *DB
	province string
}

// Register returns the store of a province's register.
func (db *DB) Register(province string) *Register { return &Register{db: db, province: province} }

var _ org.Store = (*Register)(nil)

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// args numbers placeholders as $1, $2… which both drivers bind.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

func (a *args) in(ids []string) string {
	ph := make([]string, len(ids))
	for i, id := range ids {
		ph[i] = a.add(id)
	}
	return "(" + strings.Join(ph, ",") + ")"
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return math.MaxInt64
	}
	return t.UnixMicro()
}

// zeroTime asks about now.
var zeroTime time.Time

func fromMicros(m int64) time.Time { return time.UnixMicro(m).UTC() }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// believed is the recorded-time predicate: the row was recorded at or
// before T and not retracted by T. Asked about now, it is only "never
// retracted", which the retractions primary key answers without reading rows.
func believed(a *args, alias string, t time.Time) string {
	if t.IsZero() {
		return fmt.Sprintf("NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = %s.id)", alias)
	}
	p := a.add(micros(t))
	return fmt.Sprintf("%[1]s.recorded_at <= %[2]s AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = %[1]s.id AND r.retracted_at <= %[2]s)", alias, p)
}

// validAt is the valid-time predicate on [valid_from, valid_to).
func validAt(a *args, alias string, d civil.Date) string {
	p := a.add(d)
	return fmt.Sprintf("(%[1]s.valid_from IS NULL OR %[1]s.valid_from <= %[2]s) AND (%[1]s.valid_to IS NULL OR %[1]s.valid_to > %[2]s)", alias, p)
}

const unitCols = `v.unit_id, v.id, v.code, v.name, v.short_name, v.kind, v.pillar, v.level, COALESCE(v.parent_id, ''), v.area_code,
	v.valid_from, v.valid_to, v.recorded_at, v.recorded_by, COALESCE(v.operation_id, ''), COALESCE(v.decision_id, ''), v.note`

func scanUnits(rows *sql.Rows, withRetraction bool) ([]org.Unit, error) {
	defer rows.Close()
	var out []org.Unit
	for rows.Next() {
		var u org.Unit
		var rec int64
		var ret sql.NullInt64
		dest := []any{&u.ID, &u.VersionID, &u.Code, &u.Name, &u.ShortName, &u.Kind, &u.Pillar, &u.Level, &u.ParentID, &u.AreaCode,
			&u.ValidFrom, &u.ValidTo, &rec, &u.RecordedBy, &u.OperationID, &u.DecisionID, &u.Note}
		if withRetraction {
			dest = append(dest, &ret)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("scan unit: %w", err)
		}
		u.RecordedAt = fromMicros(rec)
		if ret.Valid {
			t := fromMicros(ret.Int64)
			u.RetractedAt = &t
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// skeleton reads the tree facts of the units valid at m.
func (s *Register) skeleton(ctx context.Context, m org.Moment) ([]org.Node, error) {
	var a args
	q := `SELECT v.unit_id, COALESCE(v.parent_id, ''), v.kind, v.level, v.pillar FROM unit_versions v WHERE v.province = ` + a.add(s.province) +
		` AND ` + validAt(&a, "v", m.AsOf) + ` AND ` + believed(&a, "v", m.KnownAt)
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("skeleton: %w", err)
	}
	defer rows.Close()
	out := make([]org.Node, 0, 1024)
	for rows.Next() {
		var n org.Node
		if err := rows.Scan(&n.ID, &n.ParentID, &n.Kind, &n.Level, &n.Pillar); err != nil {
			return nil, fmt.Errorf("skeleton: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Snapshot implements org.Reader.
func (s *Register) Snapshot(ctx context.Context, m org.Moment) ([]org.Unit, error) {
	var a args
	q := `SELECT ` + unitCols + ` FROM unit_versions v WHERE v.province = ` + a.add(s.province) +
		` AND ` + validAt(&a, "v", m.AsOf) + ` AND ` + believed(&a, "v", m.KnownAt)
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return scanUnits(rows, false)
}

// Search implements org.Reader.
func (s *Register) Search(ctx context.Context, m org.Moment, f org.Filter) ([]org.Unit, error) {
	var a args
	var b strings.Builder
	b.WriteString(`SELECT ` + unitCols + ` FROM unit_versions v WHERE v.province = ` + a.add(s.province) +
		` AND ` + validAt(&a, "v", m.AsOf) + ` AND ` + believed(&a, "v", m.KnownAt))
	for _, t := range f.Tokens {
		b.WriteString(` AND v.name_folded LIKE ` + a.add("%"+t+"%"))
	}
	if f.Kind != "" {
		b.WriteString(` AND v.kind = ` + a.add(f.Kind))
	}
	if f.Level != "" {
		b.WriteString(` AND v.level = ` + a.add(string(f.Level)))
	}
	if f.Pillar != "" {
		b.WriteString(` AND v.pillar = ` + a.add(string(f.Pillar)))
	}
	if f.ParentID != "" {
		b.WriteString(` AND v.parent_id = ` + a.add(f.ParentID))
	}
	rows, err := s.db.read.QueryContext(ctx, b.String(), a...)
	if err != nil {
		return nil, fmt.Errorf("search units: %w", err)
	}
	return scanUnits(rows, false)
}

// chunks splits long id lists so no statement has too many parameters.
func chunks(ids []string, n int) [][]string {
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// UnitsAt implements org.Reader.
func (s *Register) UnitsAt(ctx context.Context, ids []string, m org.Moment) ([]org.Unit, error) {
	var out []org.Unit
	for _, c := range chunks(ids, 500) {
		var a args
		q := `SELECT ` + unitCols + ` FROM unit_versions v WHERE v.province = ` + a.add(s.province) + ` AND v.unit_id IN ` + a.in(c) +
			` AND ` + validAt(&a, "v", m.AsOf) + ` AND ` + believed(&a, "v", m.KnownAt)
		rows, err := s.db.read.QueryContext(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("units at %s: %w", m.AsOf, err)
		}
		us, err := scanUnits(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, us...)
	}
	return out, nil
}

// Versions implements org.Reader.
func (s *Register) Versions(ctx context.Context, ids []string, knownAt time.Time) ([]org.Unit, error) {
	return versions(ctx, s.db.read, s.province, ids, knownAt)
}

func versions(ctx context.Context, db queryer, province string, ids []string, knownAt time.Time) ([]org.Unit, error) {
	var out []org.Unit
	for _, c := range chunks(ids, 500) {
		var a args
		q := `SELECT ` + unitCols + ` FROM unit_versions v WHERE v.province = ` + a.add(province) + ` AND v.unit_id IN ` + a.in(c) +
			` AND ` + believed(&a, "v", knownAt) + ` ORDER BY v.unit_id, v.valid_from IS NOT NULL, v.valid_from`
		rows, err := db.QueryContext(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("versions: %w", err)
		}
		us, err := scanUnits(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, us...)
	}
	return out, nil
}

// Records implements org.Reader.
func (s *Register) Records(ctx context.Context, id string) ([]org.Unit, error) {
	var a args
	q := `SELECT ` + unitCols + `, r.retracted_at FROM unit_versions v LEFT JOIN retractions r ON r.row_id = v.id
		WHERE v.province = ` + a.add(s.province) + ` AND v.unit_id = ` + a.add(id) + ` ORDER BY v.recorded_at, v.valid_from IS NOT NULL, v.valid_from`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("records of %s: %w", id, err)
	}
	return scanUnits(rows, true)
}

// ResolveRef implements org.Reader.
func (s *Register) ResolveRef(ctx context.Context, ref string) (string, bool, error) {
	return resolveRef(ctx, s.db.read, s.province, ref)
}

func resolveRef(ctx context.Context, db queryer, province, ref string) (string, bool, error) {
	var id string
	err := db.QueryRowContext(ctx, `SELECT unit_id FROM unit_versions WHERE province = $1 AND (unit_id = $2 OR code = $2)
		ORDER BY CASE WHEN unit_id = $2 THEN 0 ELSE 1 END, recorded_at DESC LIMIT 1`, province, ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("resolve unit %q: %w", ref, err)
	}
	return id, true, nil
}

// maxLineageDepth bounds a lineage walk; real chains are a handful of
// steps, and dates grow along every path, so the graph has no cycle.
const maxLineageDepth = 64

// LineageEdges implements org.Reader with one query of two recursive
// walks. A unit reached by two paths is walked at each depth; the nearest
// is kept.
func (s *Register) LineageEdges(ctx context.Context, id string, m org.Moment) (preds, succs []org.Edge, err error) {
	var a args
	filter := func() string {
		return `e.province = ` + a.add(s.province) + ` AND e.date <= ` + a.add(m.AsOf) + ` AND ` + believed(&a, "e", m.KnownAt)
	}
	walk := func(name, near, far string) string {
		return name + ` (unit, depth) AS (SELECT CAST(` + a.add(id) + ` AS TEXT), 0 UNION
			SELECT ` + far + `, w.depth + 1 FROM ` + name + ` w JOIN lineage_edges e ON ` + near + ` = w.unit
			WHERE w.depth < ` + a.add(maxLineageDepth) + ` AND ` + filter() + `)`
	}
	pick := func(dir int, name, near string) string {
		return `SELECT ` + fmt.Sprint(dir) + `, e.id, e.operation_id, e.kind, e.from_unit, e.to_unit, e.date, e.decision_id, e.recorded_at, MIN(w.depth) + 1
			FROM ` + name + ` w JOIN lineage_edges e ON ` + near + ` = w.unit WHERE ` + filter() + `
			GROUP BY e.id, e.operation_id, e.kind, e.from_unit, e.to_unit, e.date, e.decision_id, e.recorded_at`
	}
	q := `WITH RECURSIVE ` + walk("pred", "e.to_unit", "e.from_unit") + `, ` + walk("succ", "e.from_unit", "e.to_unit") + `
		` + pick(0, "pred", "e.to_unit") + ` UNION ALL ` + pick(1, "succ", "e.from_unit") + `
		ORDER BY 1, 10, 7, 9, 2`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, nil, fmt.Errorf("lineage edges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e org.Edge
		var dir int
		var rec int64
		if err := rows.Scan(&dir, &e.ID, &e.OperationID, &e.Kind, &e.From, &e.To, &e.Date, &e.DecisionID, &rec, &e.Depth); err != nil {
			return nil, nil, fmt.Errorf("lineage edges: %w", err)
		}
		e.RecordedAt = fromMicros(rec)
		if dir == 0 {
			preds = append(preds, e)
		} else {
			succs = append(succs, e)
		}
	}
	return preds, succs, rows.Err()
}

const decisionCols = `id, number, issuer, signed_date, effective_date, summary, recorded_at, recorded_by`

func scanDecisions(rows *sql.Rows) ([]org.Decision, error) {
	defer rows.Close()
	var out []org.Decision
	for rows.Next() {
		var d org.Decision
		var rec int64
		if err := rows.Scan(&d.ID, &d.Number, &d.Issuer, &d.SignedDate, &d.EffectiveDate, &d.Summary, &rec, &d.RecordedBy); err != nil {
			return nil, fmt.Errorf("scan decision: %w", err)
		}
		d.RecordedAt = fromMicros(rec)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Decision implements org.Reader.
func (s *Register) Decision(ctx context.Context, id string) (org.Decision, error) {
	ds, err := s.Decisions(ctx, []string{id})
	if err != nil {
		return org.Decision{}, err
	}
	if len(ds) == 0 {
		return org.Decision{}, fmt.Errorf("quyết định %q: %w", id, org.ErrNotFound)
	}
	return ds[0], nil
}

// Decisions implements org.Reader.
func (s *Register) Decisions(ctx context.Context, ids []string) ([]org.Decision, error) {
	var out []org.Decision
	for _, c := range chunks(ids, 500) {
		var a args
		rows, err := s.db.read.QueryContext(ctx, `SELECT `+decisionCols+` FROM decisions WHERE province = `+a.add(s.province)+` AND id IN `+a.in(c), a...)
		if err != nil {
			return nil, fmt.Errorf("decisions: %w", err)
		}
		ds, err := scanDecisions(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

// ListDecisions implements org.Reader.
func (s *Register) ListDecisions(ctx context.Context, limit, offset int) ([]org.Decision, int, error) {
	var total int
	if err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM decisions WHERE province = $1`, s.province).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count decisions: %w", err)
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+decisionCols+` FROM decisions WHERE province = $1
		ORDER BY effective_date IS NULL, effective_date DESC, recorded_at, id LIMIT $2 OFFSET $3`, s.province, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("list decisions: %w", err)
	}
	ds, err := scanDecisions(rows)
	return ds, total, err
}

const opCols = `o.id, o.spec, o.recorded_at, o.recorded_by, r.retracted_at`

func scanOperations(rows *sql.Rows) ([]org.Operation, error) {
	defer rows.Close()
	var out []org.Operation
	for rows.Next() {
		var spec string
		var id, by string
		var rec int64
		var ret sql.NullInt64
		if err := rows.Scan(&id, &spec, &rec, &by, &ret); err != nil {
			return nil, fmt.Errorf("scan operation: %w", err)
		}
		var op org.Operation
		if err := json.Unmarshal([]byte(spec), &op); err != nil {
			return nil, fmt.Errorf("operation %s: %w", id, err)
		}
		op.ID, op.RecordedAt, op.RecordedBy, op.Decision = id, fromMicros(rec), by, nil
		op.Normalize()
		if ret.Valid {
			t := fromMicros(ret.Int64)
			op.RevertedAt = &t
		}
		out = append(out, op)
	}
	return out, rows.Err()
}

// Operation implements org.Reader.
func (s *Register) Operation(ctx context.Context, id string) (org.Operation, error) {
	return operation(ctx, s.db.read, s.province, id)
}

func operation(ctx context.Context, db queryer, province, id string) (org.Operation, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+opCols+` FROM operations o LEFT JOIN retractions r ON r.row_id = o.id
		WHERE o.province = $1 AND o.id = $2`, province, id)
	if err != nil {
		return org.Operation{}, fmt.Errorf("operation %s: %w", id, err)
	}
	ops, err := scanOperations(rows)
	if err != nil {
		return org.Operation{}, err
	}
	if len(ops) == 0 {
		return org.Operation{}, fmt.Errorf("thao tác %q: %w", id, org.ErrNotFound)
	}
	return ops[0], nil
}

// ListOperations implements org.Reader.
func (s *Register) ListOperations(ctx context.Context, f org.OpFilter) ([]org.Operation, int, error) {
	var a args
	where := ` WHERE o.province = ` + a.add(s.province)
	if f.UnitID != "" {
		where += ` AND o.id IN (SELECT operation_id FROM operation_units WHERE unit_id = ` + a.add(f.UnitID) + `)`
	}
	if !f.From.IsZero() {
		where += ` AND o.effective_date >= ` + a.add(f.From)
	}
	if !f.To.IsZero() {
		where += ` AND o.effective_date <= ` + a.add(f.To)
	}
	if f.Kind != "" {
		where += ` AND o.kind = ` + a.add(string(f.Kind))
	}
	if !f.IncludeOld {
		where += ` AND r.row_id IS NULL`
	}
	from := ` FROM operations o LEFT JOIN retractions r ON r.row_id = o.id`
	var total int
	if err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*)`+from+where, a...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count operations: %w", err)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q := `SELECT ` + opCols + from + where + ` ORDER BY o.effective_date, o.recorded_at LIMIT ` + a.add(f.Limit) + ` OFFSET ` + a.add(f.Offset)
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, 0, fmt.Errorf("list operations: %w", err)
	}
	ops, err := scanOperations(rows)
	return ops, total, err
}

// Write implements org.Store.
func (s *Register) Write(ctx context.Context, fn func(tx org.Tx) error) error {
	sqlTx, err := s.db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer sqlTx.Rollback() //nolint:errcheck // after Commit it is a no-op
	// Take the province's clock row first: it serialises writers and gives
	// a transaction time later than every earlier one.
	var clock int64
	err = sqlTx.QueryRowContext(ctx, `INSERT INTO register_clock (province, clock) VALUES ($1, $2)
		ON CONFLICT (province) DO UPDATE SET clock = CASE WHEN register_clock.clock >= excluded.clock
		THEN register_clock.clock + 1 ELSE excluded.clock END RETURNING clock`, s.province, time.Now().UnixMicro()).Scan(&clock)
	if err != nil {
		return fmt.Errorf("take register clock: %w", err)
	}
	tx := &regTx{tx: sqlTx, engine: s.db.Engine, province: s.province, now: fromMicros(clock), w: &audit.Written{}}
	if err := fn(tx); err != nil {
		return err
	}
	return auditCommit(ctx, sqlTx, s.db.Engine, s.province, tx.now, tx.w)
}

// fold is the search key stored beside each name.
func fold(u org.Unit) string {
	return strings.TrimSpace(vntext.Fold(u.Name) + " " + vntext.Fold(u.ShortName))
}
