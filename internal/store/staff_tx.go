package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

func (t *regTx) PersonID(ctx context.Context, ref string) (string, bool, error) {
	var id string
	err := t.tx.QueryRowContext(ctx, `SELECT p.person_id FROM people p WHERE p.province = $1 AND (p.person_id = $2 OR p.code = $2)
		AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = p.id) ORDER BY p.recorded_at LIMIT 1`, t.province, ref).Scan(&id)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", false, nil
		}
		return "", false, fmt.Errorf("person %q: %w", ref, err)
	}
	return id, true, nil
}

func (t *regTx) PersonsByCode(ctx context.Context, codes []string) (map[string]string, error) {
	out := map[string]string{}
	for _, c := range chunks(codes, 500) {
		var a args
		q := `SELECT p.code, p.person_id FROM people p WHERE p.province = ` + a.add(t.province) + ` AND p.code IN ` + a.in(c) +
			` AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = p.id)`
		rows, err := t.tx.QueryContext(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("people by code: %w", err)
		}
		for rows.Next() {
			var code, id string
			if err := rows.Scan(&code, &id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("people by code: %w", err)
			}
			out[code] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("people by code: %w", err)
		}
	}
	return out, nil
}

func (t *regTx) CurrentPerson(ctx context.Context, id string) (staff.Person, bool, error) {
	var a args
	q := `SELECT ` + personCols + personFrom + ` WHERE p.person_id = ` + a.add(id) + ` AND p.province = ` + a.add(t.province) +
		` AND ` + believed(&a, "p", zeroTime) + ` ORDER BY CASE WHEN p.valid_to IS NULL THEN 0 ELSE 1 END, COALESCE(p.valid_from, '0001-01-01') DESC`
	rows, err := t.tx.QueryContext(ctx, q, a...)
	if err != nil {
		return staff.Person{}, false, fmt.Errorf("person %s: %w", id, err)
	}
	ps, err := scanPeople(rows)
	if err != nil || len(ps) == 0 {
		return staff.Person{}, false, err
	}
	return ps[0], true, nil
}

func (t *regTx) DecisionsByNumber(ctx context.Context, number string) ([]org.Decision, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+decisionCols+` FROM decisions WHERE province = $1 AND number = $2 ORDER BY recorded_at, id`,
		t.province, number)
	if err != nil {
		return nil, fmt.Errorf("decision %q: %w", number, err)
	}
	return scanDecisions(rows)
}

func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cols(s string) []string {
	f := strings.Split(s, ",")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

var (
	peopleCols = cols(`id, province, person_id, code, name, name_folded, sex, birth_date, hometown, category, grade,
		salary_step, coefficient, position_allowance, allowances, insurance_from, party_member, party_joined, education,
		political_theory, valid_from, valid_to, recorded_at, recorded_by`)
	sensitiveCols  = cols("id, province, national_id, ethnicity, religion, health")
	assignmentCols = cols(`id, province, assignment_id, person_id, unit_id, post, title, position, funding,
		is_primary, surplus, valid_from, valid_to, recorded_at, recorded_by, operation_id, decision_id, note`)
	quotaInsertCols = cols("id, province, unit_id, year, category, count, decision_id, recorded_at, recorded_by, operation_id, note")
)

func (t *regTx) InsertPeople(ctx context.Context, ps []staff.Person) error {
	now := micros(t.now)
	err := insertBatches(ctx, t.tx, t.engine, "people", peopleCols, len(ps), func(i int, dst []any) ([]any, error) {
		p := &ps[i]
		allow := ""
		if len(p.Allowances) > 0 {
			b, err := json.Marshal(p.Allowances)
			if err != nil {
				return nil, fmt.Errorf("allowances of %s: %w", p.Code, err)
			}
			allow = string(b)
		}
		return append(dst, p.VersionID, t.province, p.ID, p.Code, p.Name, vntext.Fold(p.Name), string(p.Sex), p.BirthDate, p.Hometown,
			string(p.Category), p.Grade, p.SalaryStep, int64(p.Coefficient), int64(p.PositionAllowance), allow, p.InsuranceFrom,
			bit(p.PartyMember), p.PartyJoined, p.Education, p.PoliticalTheory, p.ValidFrom, p.ValidTo, now, p.RecordedBy), nil
	})
	if err != nil {
		return err
	}
	t.w.Add("people", len(ps), idsOf(len(ps), func(i int) string { return ps[i].VersionID })...)
	var sens []int
	for i := range ps {
		if ps[i].Sensitive != (staff.Sensitive{}) {
			sens = append(sens, i)
		}
	}
	return insertBatches(ctx, t.tx, t.engine, "people_sensitive", sensitiveCols, len(sens), func(i int, dst []any) ([]any, error) {
		p := &ps[sens[i]]
		return append(dst, p.VersionID, t.province, p.Sensitive.NationalID, p.Sensitive.Ethnicity, p.Sensitive.Religion, p.Sensitive.Health), nil
	})
}

func (t *regTx) InsertAssignments(ctx context.Context, as []staff.Assignment) error {
	now := micros(t.now)
	t.w.Add("assignments", len(as), idsOf(len(as), func(i int) string { return as[i].VersionID })...)
	return insertBatches(ctx, t.tx, t.engine, "assignments", assignmentCols, len(as), func(i int, dst []any) ([]any, error) {
		x := &as[i]
		return append(dst, x.VersionID, t.province, x.ID, x.PersonID, x.UnitID, string(x.Post), x.Title, string(x.Position), string(x.Funding),
			bit(x.Primary), bit(x.Surplus), x.ValidFrom, x.ValidTo, now, x.RecordedBy, nullable(x.OperationID), nullable(x.DecisionID), x.Note), nil
	})
}

func (t *regTx) InsertQuotas(ctx context.Context, qs []staff.Quota) error {
	now := micros(t.now)
	t.w.Add("quotas", len(qs), idsOf(len(qs), func(i int) string { return qs[i].ID })...)
	return insertBatches(ctx, t.tx, t.engine, "quotas", quotaInsertCols, len(qs), func(i int, dst []any) ([]any, error) {
		q := &qs[i]
		return append(dst, q.ID, t.province, q.UnitID, q.Year, string(q.Category), q.Count, nullable(q.DecisionID), now, q.RecordedBy,
			nullable(q.OperationID), q.Note), nil
	})
}

func (t *regTx) StaffByOperation(ctx context.Context, opID string) ([]staff.Assignment, []staff.Quota, []staff.Assignment, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+asgCols+` FROM assignments a WHERE a.operation_id = $1
		AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = a.id)`, opID)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("assignments of operation: %w", err)
	}
	made, err := scanAssignments(rows)
	if err != nil {
		return nil, nil, nil, err
	}
	if rows, err = t.tx.QueryContext(ctx, `SELECT `+quotaCols+` FROM quotas q WHERE q.operation_id = $1
		AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = q.id)`, opID); err != nil {
		return nil, nil, nil, fmt.Errorf("quotas of operation: %w", err)
	}
	quotas, err := scanQuotas(rows)
	if err != nil {
		return nil, nil, nil, err
	}
	if rows, err = t.tx.QueryContext(ctx, `SELECT `+asgCols+` FROM assignments a JOIN retractions r ON r.row_id = a.id
		WHERE r.operation_id = $1`, opID); err != nil {
		return nil, nil, nil, fmt.Errorf("assignments retracted by operation: %w", err)
	}
	retracted, err := scanAssignments(rows)
	return made, quotas, retracted, err
}

func (t *regTx) ChangedSince(ctx context.Context, opID string, created []string) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM assignments a JOIN retractions r ON r.row_id = a.id
		WHERE a.operation_id = $1 AND (r.operation_id IS NULL OR r.operation_id <> $1)`, opID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("changes after operation: %w", err)
	}
	for _, c := range chunks(created, 500) {
		var a args
		op := a.add(opID)
		q := `SELECT COUNT(*) FROM assignments a WHERE a.unit_id IN ` + a.in(c) + ` AND a.province = ` + a.add(t.province) +
			` AND (a.operation_id IS NULL OR a.operation_id <> ` + op + `) AND ` + believed(&a, "a", zeroTime)
		var m int
		if err := t.tx.QueryRowContext(ctx, q, a...).Scan(&m); err != nil {
			return 0, fmt.Errorf("changes after operation: %w", err)
		}
		n += m
	}
	return n, nil
}

// chunked runs a query over ids 500 at a time (long IN lists are slow to
// bind) and gathers the rows; where adds the conditions after the IN list.
func chunked[T any](ctx context.Context, t *regTx, what, head, col string, ids []string, where func(a *args) string,
	scan func(*sql.Rows) ([]T, error)) ([]T, error) {
	var out []T
	for _, c := range chunks(ids, 500) {
		var a args
		q := head + ` WHERE ` + col + ` IN ` + a.in(c) + ` AND ` + strings.SplitN(col, ".", 2)[0] + `.province = ` + a.add(t.province) + where(&a)
		rows, err := t.tx.QueryContext(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		got, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

const (
	asgHead   = `SELECT ` + asgCols + ` FROM assignments a`
	quotaHead = `SELECT ` + quotaCols + ` FROM quotas q`
)

func (t *regTx) PersonAssignments(ctx context.Context, personIDs []string) ([]staff.Assignment, error) {
	return chunked(ctx, t, "assignments of people", asgHead, "a.person_id", personIDs, func(a *args) string {
		return ` AND ` + believed(a, "a", zeroTime)
	}, scanAssignments)
}

func (t *regTx) UnitAssignments(ctx context.Context, unitIDs []string, d civil.Date) ([]staff.Assignment, error) {
	return chunked(ctx, t, "assignments of units", asgHead, "a.unit_id", unitIDs, func(a *args) string {
		return ` AND ` + validAt(a, "a", d) + ` AND ` + believed(a, "a", zeroTime) + ` ORDER BY a.unit_id, a.post, a.valid_from`
	}, scanAssignments)
}

func (t *regTx) UnitAssignmentsAfter(ctx context.Context, unitIDs []string, d civil.Date) ([]staff.Assignment, error) {
	return chunked(ctx, t, "later assignments of units", asgHead, "a.unit_id", unitIDs, func(a *args) string {
		return ` AND a.valid_from > ` + a.add(d) + ` AND ` + believed(a, "a", zeroTime) + ` ORDER BY a.valid_from`
	}, scanAssignments)
}

func (t *regTx) UnitQuotas(ctx context.Context, unitIDs []string, year int) ([]staff.Quota, error) {
	return chunked(ctx, t, "quotas of units", quotaHead, "q.unit_id", unitIDs, func(a *args) string {
		return ` AND q.year = ` + a.add(year) + ` AND ` + believed(a, "q", zeroTime) + ` ORDER BY q.recorded_at`
	}, scanQuotas)
}

func (t *regTx) UnitQuotasFrom(ctx context.Context, unitIDs []string, year int) ([]staff.Quota, error) {
	return chunked(ctx, t, "quotas of units", quotaHead, "q.unit_id", unitIDs, func(a *args) string {
		return ` AND q.year >= ` + a.add(year) + ` AND ` + believed(a, "q", zeroTime) + ` ORDER BY q.year, q.recorded_at`
	}, scanQuotas)
}
