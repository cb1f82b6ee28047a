package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"tinhgon/internal/audit"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// regTx is a write transaction on a province's register; it implements org.Tx.
type regTx struct {
	tx       *sql.Tx
	engine   Engine
	province string
	now      time.Time
	// w is what the transaction wrote, for its audit entry.
	w *audit.Written
}

var _ org.Tx = (*regTx)(nil)

func (t *regTx) Now() time.Time { return t.now }

func (t *regTx) ResolveRef(ctx context.Context, ref string) (string, bool, error) {
	return resolveRef(ctx, t.tx, t.province, ref)
}

func (t *regTx) CodeTaken(ctx context.Context, code, except string) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM unit_versions v WHERE v.province = $1 AND (v.code = $2 OR v.unit_id = $2)
		AND v.unit_id <> $3 AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = v.id)`, t.province, code, except).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check code %q: %w", code, err)
	}
	return n > 0, nil
}

func (t *regTx) Versions(ctx context.Context, ids []string) ([]org.Unit, error) {
	return versions(ctx, t.tx, t.province, ids, time.Time{})
}

func (t *regTx) ChildrenAt(ctx context.Context, parentID string, d civil.Date) ([]org.Unit, error) {
	var a args
	q := `SELECT ` + unitCols + ` FROM unit_versions v WHERE v.province = ` + a.add(t.province)
	if parentID == "" {
		q += ` AND v.parent_id IS NULL`
	} else {
		q += ` AND v.parent_id = ` + a.add(parentID)
	}
	q += ` AND ` + validAt(&a, "v", d) + ` AND ` + believed(&a, "v", time.Time{})
	rows, err := t.tx.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("children of %s: %w", parentID, err)
	}
	return scanUnits(rows, false)
}

func (t *regTx) ChildrenEver(ctx context.Context, id string) ([]org.Unit, error) {
	var a args
	q := `SELECT ` + unitCols + ` FROM unit_versions v WHERE v.province = ` + a.add(t.province) + ` AND v.parent_id = ` + a.add(id) +
		` AND ` + believed(&a, "v", time.Time{})
	rows, err := t.tx.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("children of %s: %w", id, err)
	}
	return scanUnits(rows, false)
}

func (t *regTx) OperationsUsing(ctx context.Context, unitIDs []string, except string) ([]string, error) {
	var out []string
	for _, c := range chunks(unitIDs, 500) {
		var a args
		q := `SELECT DISTINCT ou.operation_id FROM operation_units ou WHERE ou.province = ` + a.add(t.province) +
			` AND ou.unit_id IN ` + a.in(c) + ` AND ou.operation_id <> ` + a.add(except) +
			` AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = ou.operation_id)`
		rows, err := t.tx.QueryContext(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("operations using units: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *regTx) DecisionExists(ctx context.Context, id string) (bool, error) {
	var n int
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM decisions WHERE province = $1 AND id = $2`, t.province, id).Scan(&n); err != nil {
		return false, fmt.Errorf("check decision: %w", err)
	}
	return n > 0, nil
}

func (t *regTx) Operation(ctx context.Context, id string) (org.Operation, error) {
	return operation(ctx, t.tx, t.province, id)
}

func (t *regTx) OperationUnits(ctx context.Context, opID string) ([]org.OpUnit, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT unit_id, role FROM operation_units WHERE province = $1 AND operation_id = $2`, t.province, opID)
	if err != nil {
		return nil, fmt.Errorf("units of operation %s: %w", opID, err)
	}
	defer rows.Close()
	var out []org.OpUnit
	for rows.Next() {
		var u org.OpUnit
		if err := rows.Scan(&u.UnitID, &u.Role); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (t *regTx) VersionsByOperation(ctx context.Context, opID string) ([]org.Unit, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+unitCols+`, r.retracted_at FROM unit_versions v LEFT JOIN retractions r ON r.row_id = v.id
		WHERE v.province = $1 AND v.operation_id = $2`, t.province, opID)
	if err != nil {
		return nil, fmt.Errorf("versions of operation %s: %w", opID, err)
	}
	return scanUnits(rows, true)
}

func (t *regTx) RetractedBy(ctx context.Context, opID string) ([]org.Unit, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+unitCols+` FROM unit_versions v JOIN retractions r ON r.row_id = v.id
		WHERE v.province = $1 AND r.operation_id = $2 AND (v.operation_id IS NULL OR v.operation_id <> $2)`, t.province, opID)
	if err != nil {
		return nil, fmt.Errorf("versions retracted by %s: %w", opID, err)
	}
	return scanUnits(rows, false)
}

func (t *regTx) EdgeIDsByOperation(ctx context.Context, opID string) ([]string, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT e.id FROM lineage_edges e WHERE e.province = $1 AND e.operation_id = $2
		AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = e.id)`, t.province, opID)
	if err != nil {
		return nil, fmt.Errorf("edges of operation %s: %w", opID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (t *regTx) InsertDecision(ctx context.Context, d org.Decision) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO decisions (id, province, number, issuer, signed_date, effective_date, summary, recorded_at, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		d.ID, t.province, d.Number, d.Issuer, d.SignedDate, d.EffectiveDate, d.Summary, micros(d.RecordedAt), d.RecordedBy)
	if err != nil {
		return fmt.Errorf("insert decision %s: %w", d.Number, err)
	}
	t.w.Add("decisions", 1, d.ID)
	t.w.Cite(d.Number)
	return nil
}

func (t *regTx) InsertOperation(ctx context.Context, op org.Operation, units []org.OpUnit) error {
	spec := op
	spec.Decision, spec.RecordedAt, spec.RecordedBy = nil, time.Time{}, ""
	b, err := json.Marshal(spec)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(ctx, `INSERT INTO operations (id, province, kind, effective_date, decision_id, summary, spec, recorded_at, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		op.ID, t.province, string(op.Kind), op.EffectiveDate, op.DecisionID, op.Summary, string(b), micros(op.RecordedAt), op.RecordedBy)
	if err != nil {
		return fmt.Errorf("insert operation: %w", err)
	}
	for _, u := range units {
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO operation_units (operation_id, province, unit_id, role) VALUES ($1, $2, $3, $4)`,
			op.ID, t.province, u.UnitID, u.Role); err != nil {
			return fmt.Errorf("insert operation unit: %w", err)
		}
	}
	t.w.Add("operations", 1, op.ID)
	if op.Decision != nil {
		t.w.Cite(op.Decision.Number)
	} else {
		t.w.Cite(op.DecisionID)
	}
	return nil
}

func (t *regTx) InsertVersion(ctx context.Context, u org.Unit) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO unit_versions (id, province, unit_id, code, name, short_name, name_folded, kind, pillar, level,
		parent_id, area_code, valid_from, valid_to, recorded_at, recorded_by, operation_id, decision_id, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
		u.VersionID, t.province, u.ID, u.Code, u.Name, u.ShortName, fold(u), u.Kind, string(u.Pillar), string(u.Level),
		nullable(u.ParentID), u.AreaCode, u.ValidFrom, u.ValidTo, micros(u.RecordedAt), u.RecordedBy,
		nullable(u.OperationID), nullable(u.DecisionID), u.Note)
	if err != nil {
		return fmt.Errorf("insert version of %s: %w", u.Code, err)
	}
	t.w.Add("unit_versions", 1, u.VersionID)
	return nil
}

func (t *regTx) InsertEdge(ctx context.Context, e org.Edge) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO lineage_edges (id, province, operation_id, kind, from_unit, to_unit, date, decision_id, recorded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		e.ID, t.province, e.OperationID, string(e.Kind), e.From, e.To, e.Date, e.DecisionID, micros(e.RecordedAt))
	if err != nil {
		return fmt.Errorf("insert lineage edge: %w", err)
	}
	t.w.Add("lineage_edges", 1, e.ID)
	return nil
}

func (t *regTx) Retract(ctx context.Context, rowID, by, byOperation, reason string) error {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO retractions (row_id, province, retracted_at, retracted_by, operation_id, reason)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (row_id) DO NOTHING`,
		rowID, t.province, micros(t.now), by, nullable(byOperation), reason)
	if err != nil {
		return fmt.Errorf("retract %s: %w", rowID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("retract %s: %w", rowID, org.ErrStale)
	}
	t.w.Add("retractions", 1, rowID)
	return nil
}
