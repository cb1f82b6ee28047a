package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tinhgon/internal/function"
	"tinhgon/internal/org"
)

var _ function.Store = (*Register)(nil)
var _ function.RevertTx = (*regTx)(nil)
var _ function.WriteTx = (*regTx)(nil)

const functionCols = `f.function_id, f.id, f.code, f.name, f.field, f.description, f.valid_from, f.valid_to, f.recorded_at, f.recorded_by`

func scanFunctions(rows *sql.Rows) ([]function.Function, error) {
	defer rows.Close()
	var out []function.Function
	for rows.Next() {
		var f function.Function
		var rec int64
		if err := rows.Scan(&f.ID, &f.VersionID, &f.Code, &f.Name, &f.Field, &f.Description, &f.ValidFrom, &f.ValidTo, &rec, &f.RecordedBy); err != nil {
			return nil, fmt.Errorf("scan function: %w", err)
		}
		f.RecordedAt = fromMicros(rec)
		out = append(out, f)
	}
	return out, rows.Err()
}

const fnAsgCols = `a.assignment_id, a.id, a.function_id, a.unit_id, a.role, a.valid_from, a.valid_to, a.recorded_at, a.recorded_by,
	COALESCE(a.operation_id, ''), COALESCE(a.decision_id, ''), a.note`

func scanFunctionAssignments(rows *sql.Rows) ([]function.Assignment, error) {
	defer rows.Close()
	var out []function.Assignment
	for rows.Next() {
		var a function.Assignment
		var rec int64
		if err := rows.Scan(&a.ID, &a.VersionID, &a.FunctionID, &a.UnitID, &a.Role, &a.ValidFrom, &a.ValidTo, &rec, &a.RecordedBy,
			&a.OperationID, &a.DecisionID, &a.Note); err != nil {
			return nil, fmt.Errorf("scan function assignment: %w", err)
		}
		a.RecordedAt = fromMicros(rec)
		out = append(out, a)
	}
	return out, rows.Err()
}

// WriteFunctions implements function.Store on the register's transaction.
func (s *Register) WriteFunctions(ctx context.Context, fn func(tx function.WriteTx) error) error {
	return s.Write(ctx, func(tx org.Tx) error { return fn(tx.(*regTx)) })
}

// FunctionsAt implements function.Store.
func (s *Register) FunctionsAt(ctx context.Context, m org.Moment) ([]function.Function, error) {
	var a args
	q := `SELECT ` + functionCols + ` FROM functions f WHERE f.province = ` + a.add(s.province) +
		` AND ` + validAt(&a, "f", m.AsOf) + ` AND ` + believed(&a, "f", m.KnownAt) + ` ORDER BY f.code`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("functions at %s: %w", m.AsOf, err)
	}
	return scanFunctions(rows)
}

// FunctionVersions implements function.Store.
func (s *Register) FunctionVersions(ctx context.Context, ref string, knownAt time.Time) ([]function.Function, error) {
	var a args
	p, r := a.add(s.province), a.add(ref)
	q := `SELECT ` + functionCols + ` FROM functions f WHERE f.province = ` + p + ` AND f.function_id IN (SELECT function_id FROM functions
		WHERE province = ` + p + ` AND (function_id = ` + r + ` OR code = ` + r + `)) AND ` + believed(&a, "f", knownAt) +
		` ORDER BY f.valid_from IS NOT NULL, f.valid_from, f.recorded_at`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("function %s: %w", ref, err)
	}
	return scanFunctions(rows)
}

// FunctionAssignmentsAt implements function.Store.
func (s *Register) FunctionAssignmentsAt(ctx context.Context, m org.Moment, functionIDs, unitIDs []string) ([]function.Assignment, error) {
	query := func(col string, ids []string) ([]function.Assignment, error) {
		var a args
		q := `SELECT ` + fnAsgCols + ` FROM function_assignments a WHERE a.province = ` + a.add(s.province)
		if col != "" {
			q += ` AND ` + col + ` IN ` + a.in(ids)
		}
		q += ` AND ` + validAt(&a, "a", m.AsOf) + ` AND ` + believed(&a, "a", m.KnownAt) + ` ORDER BY a.function_id, a.role DESC, a.unit_id`
		rows, err := s.db.read.QueryContext(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("function assignments at %s: %w", m.AsOf, err)
		}
		return scanFunctionAssignments(rows)
	}
	col, ids := "", []string(nil)
	switch {
	case functionIDs != nil:
		col, ids = "a.function_id", functionIDs
	case unitIDs != nil:
		col, ids = "a.unit_id", unitIDs
	default:
		return query("", nil)
	}
	var out []function.Assignment
	for _, c := range chunks(ids, 500) {
		got, err := query(col, c)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// FunctionAssignments implements function.Store.
func (s *Register) FunctionAssignments(ctx context.Context, functionID string, knownAt time.Time) ([]function.Assignment, error) {
	var a args
	q := `SELECT ` + fnAsgCols + ` FROM function_assignments a WHERE a.function_id = ` + a.add(functionID) + ` AND a.province = ` + a.add(s.province) +
		` AND ` + believed(&a, "a", knownAt) + ` ORDER BY a.valid_from IS NOT NULL, a.valid_from, a.recorded_at`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("assignments of function %s: %w", functionID, err)
	}
	return scanFunctionAssignments(rows)
}
