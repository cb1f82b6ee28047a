package store

import (
	"context"
	"fmt"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/vntext"
)

const (
	functionHead = `SELECT ` + functionCols + ` FROM functions f`
	fnAsgHead    = `SELECT ` + fnAsgCols + ` FROM function_assignments a`
)

var (
	functionInsertCols = cols(`id, province, function_id, code, name, name_folded, field, description, valid_from, valid_to,
		recorded_at, recorded_by`)
	fnAsgInsertCols = cols(`id, province, assignment_id, function_id, unit_id, role, valid_from, valid_to, recorded_at, recorded_by,
		operation_id, decision_id, note`)
)

func (t *regTx) FunctionsByRef(ctx context.Context, refs []string) ([]function.Function, error) {
	var out []function.Function
	for _, c := range chunks(refs, 250) {
		var a args
		list := a.in(c)
		q := functionHead + ` WHERE f.province = ` + a.add(t.province) + ` AND (f.function_id IN ` + list + ` OR f.code IN ` + list + `)
			AND ` + believed(&a, "f", zeroTime) + ` ORDER BY f.function_id, f.valid_from IS NOT NULL, f.valid_from`
		rows, err := t.tx.QueryContext(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("functions by code: %w", err)
		}
		fs, err := scanFunctions(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

func (t *regTx) fnAssignments(ctx context.Context, what, col string, ids []string, where func(a *args) string) ([]function.Assignment, error) {
	return chunked(ctx, t, what, fnAsgHead, col, ids, where, scanFunctionAssignments)
}

func (t *regTx) UnitFunctions(ctx context.Context, unitIDs []string, d civil.Date) ([]function.Assignment, error) {
	return t.fnAssignments(ctx, "functions of units", "a.unit_id", unitIDs, func(a *args) string {
		return ` AND ` + validAt(a, "a", d) + ` AND ` + believed(a, "a", zeroTime) + ` ORDER BY a.unit_id, a.role DESC, a.function_id`
	})
}

func (t *regTx) UnitFunctionsAfter(ctx context.Context, unitIDs []string, d civil.Date) ([]function.Assignment, error) {
	return t.fnAssignments(ctx, "later functions of units", "a.unit_id", unitIDs, func(a *args) string {
		return ` AND a.valid_from > ` + a.add(d) + ` AND ` + believed(a, "a", zeroTime) + ` ORDER BY a.valid_from`
	})
}

func (t *regTx) FunctionAssignmentsOf(ctx context.Context, functionIDs []string) ([]function.Assignment, error) {
	return t.fnAssignments(ctx, "assignments of functions", "a.function_id", functionIDs, func(a *args) string {
		return ` AND ` + believed(a, "a", zeroTime)
	})
}

func (t *regTx) InsertFunctions(ctx context.Context, fs []function.Function) error {
	now := micros(t.now)
	t.w.Add("functions", len(fs), idsOf(len(fs), func(i int) string { return fs[i].VersionID })...)
	return insertBatches(ctx, t.tx, t.engine, "functions", functionInsertCols, len(fs), func(i int, dst []any) ([]any, error) {
		f := &fs[i]
		return append(dst, f.VersionID, t.province, f.ID, f.Code, f.Name, vntext.Fold(f.Name), f.Field, f.Description,
			f.ValidFrom, f.ValidTo, now, f.RecordedBy), nil
	})
}

func (t *regTx) InsertFunctionAssignments(ctx context.Context, as []function.Assignment) error {
	now := micros(t.now)
	t.w.Add("function_assignments", len(as), idsOf(len(as), func(i int) string { return as[i].VersionID })...)
	return insertBatches(ctx, t.tx, t.engine, "function_assignments", fnAsgInsertCols, len(as), func(i int, dst []any) ([]any, error) {
		x := &as[i]
		return append(dst, x.VersionID, t.province, x.ID, x.FunctionID, x.UnitID, string(x.Role), x.ValidFrom, x.ValidTo, now,
			x.RecordedBy, nullable(x.OperationID), nullable(x.DecisionID), x.Note), nil
	})
}

func (t *regTx) FunctionsByOperation(ctx context.Context, opID string) ([]function.Assignment, []function.Assignment, error) {
	rows, err := t.tx.QueryContext(ctx, fnAsgHead+` WHERE a.operation_id = $1 AND a.province = $2
		AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = a.id)`, opID, t.province)
	if err != nil {
		return nil, nil, fmt.Errorf("function assignments of operation: %w", err)
	}
	made, err := scanFunctionAssignments(rows)
	if err != nil {
		return nil, nil, err
	}
	if rows, err = t.tx.QueryContext(ctx, fnAsgHead+` JOIN retractions r ON r.row_id = a.id
		WHERE r.operation_id = $1 AND a.province = $2 AND (a.operation_id IS NULL OR a.operation_id <> $1)`, opID, t.province); err != nil {
		return nil, nil, fmt.Errorf("function assignments retracted by operation: %w", err)
	}
	retracted, err := scanFunctionAssignments(rows)
	return made, retracted, err
}

func (t *regTx) FunctionsChangedSince(ctx context.Context, opID string, created []string) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM function_assignments a JOIN retractions r ON r.row_id = a.id
		WHERE a.operation_id = $1 AND a.province = $2 AND (r.operation_id IS NULL OR r.operation_id <> $1)`, opID, t.province).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("function changes after operation: %w", err)
	}
	for _, c := range chunks(created, 500) {
		var a args
		op := a.add(opID)
		q := `SELECT COUNT(*) FROM function_assignments a WHERE a.unit_id IN ` + a.in(c) + ` AND a.province = ` + a.add(t.province) +
			` AND (a.operation_id IS NULL OR a.operation_id <> ` + op + `) AND ` + believed(&a, "a", zeroTime)
		var m int
		if err := t.tx.QueryRowContext(ctx, q, a...).Scan(&m); err != nil {
			return 0, fmt.Errorf("function changes after operation: %w", err)
		}
		n += m
	}
	return n, nil
}
