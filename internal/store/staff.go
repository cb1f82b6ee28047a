package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"tinhgon/internal/org"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

var _ staff.Store = (*Register)(nil)
var _ staff.Tx = (*regTx)(nil)

const personCols = `p.person_id, p.id, p.code, p.name, p.sex, p.birth_date, p.hometown, p.category, p.grade, p.salary_step,
	p.coefficient, p.position_allowance, p.allowances, p.insurance_from, p.party_member, p.party_joined, p.education,
	p.political_theory, COALESCE(s.national_id, ''), COALESCE(s.ethnicity, ''), COALESCE(s.religion, ''), COALESCE(s.health, ''),
	p.valid_from, p.valid_to, p.recorded_at, p.recorded_by`

const personFrom = ` FROM people p LEFT JOIN people_sensitive s ON s.id = p.id`

func scanPerson(rows *sql.Rows, p *staff.Person) error {
	var rec int64
	var allow string
	var party int
	if err := rows.Scan(&p.ID, &p.VersionID, &p.Code, &p.Name, &p.Sex, &p.BirthDate, &p.Hometown, &p.Category, &p.Grade,
		&p.SalaryStep, &p.Coefficient, &p.PositionAllowance, &allow, &p.InsuranceFrom, &party, &p.PartyJoined, &p.Education,
		&p.PoliticalTheory, &p.Sensitive.NationalID, &p.Sensitive.Ethnicity, &p.Sensitive.Religion, &p.Sensitive.Health,
		&p.ValidFrom, &p.ValidTo, &rec, &p.RecordedBy); err != nil {
		return fmt.Errorf("scan person: %w", err)
	}
	p.PartyMember = party != 0
	p.RecordedAt = fromMicros(rec)
	p.Allowances = []staff.Allowance{}
	if allow != "" {
		if err := json.Unmarshal([]byte(allow), &p.Allowances); err != nil {
			return fmt.Errorf("allowances of %s: %w", p.ID, err)
		}
	}
	return nil
}

func scanPeople(rows *sql.Rows) ([]staff.Person, error) {
	defer rows.Close()
	var out []staff.Person
	for rows.Next() {
		var p staff.Person
		if err := scanPerson(rows, &p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

const asgCols = `a.assignment_id, a.id, a.person_id, a.unit_id, a.post, a.title, a.position, a.funding, a.is_primary, a.surplus,
	a.valid_from, a.valid_to, a.recorded_at, a.recorded_by, COALESCE(a.operation_id, ''), COALESCE(a.decision_id, ''), a.note`

func scanAssignment(rows *sql.Rows, a *staff.Assignment) error {
	var rec int64
	var primary, surplus int
	if err := rows.Scan(&a.ID, &a.VersionID, &a.PersonID, &a.UnitID, &a.Post, &a.Title, &a.Position, &a.Funding, &primary, &surplus,
		&a.ValidFrom, &a.ValidTo, &rec, &a.RecordedBy, &a.OperationID, &a.DecisionID, &a.Note); err != nil {
		return fmt.Errorf("scan assignment: %w", err)
	}
	a.Primary, a.Surplus, a.RecordedAt = primary != 0, surplus != 0, fromMicros(rec)
	return nil
}

func scanAssignments(rows *sql.Rows) ([]staff.Assignment, error) {
	defer rows.Close()
	var out []staff.Assignment
	for rows.Next() {
		var a staff.Assignment
		if err := scanAssignment(rows, &a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

const quotaCols = `q.id, q.unit_id, q.year, q.category, q.count, COALESCE(q.decision_id, ''), q.recorded_at, q.recorded_by,
	COALESCE(q.operation_id, ''), q.note`

func scanQuotas(rows *sql.Rows) ([]staff.Quota, error) {
	defer rows.Close()
	var out []staff.Quota
	for rows.Next() {
		var q staff.Quota
		var rec int64
		if err := rows.Scan(&q.ID, &q.UnitID, &q.Year, &q.Category, &q.Count, &q.DecisionID, &rec, &q.RecordedBy, &q.OperationID, &q.Note); err != nil {
			return nil, fmt.Errorf("scan quota: %w", err)
		}
		q.RecordedAt = fromMicros(rec)
		out = append(out, q)
	}
	return out, rows.Err()
}

// Load implements staff.Store: it streams the believed rows into b.
func (s *Register) Load(ctx context.Context, knownAt time.Time, b *staff.Builder) error {
	var a args
	q := `SELECT p.person_id, p.code, p.name, p.sex, p.birth_date, p.hometown, p.category, p.valid_from, p.valid_to,
		p.coefficient, p.position_allowance, p.allowances
		FROM people p WHERE p.province = ` + a.add(s.province) + ` AND ` + believed(&a, "p", knownAt)
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return fmt.Errorf("load people: %w", err)
	}
	var p staff.Person
	var allow string
	for rows.Next() {
		if err := rows.Scan(&p.ID, &p.Code, &p.Name, &p.Sex, &p.BirthDate, &p.Hometown, &p.Category, &p.ValidFrom, &p.ValidTo,
			&p.Coefficient, &p.PositionAllowance, &allow); err != nil {
			rows.Close()
			return fmt.Errorf("load people: %w", err)
		}
		p.Allowances = nil
		if allow != "" {
			if err := json.Unmarshal([]byte(allow), &p.Allowances); err != nil {
				rows.Close()
				return fmt.Errorf("allowances of %s: %w", p.ID, err)
			}
		}
		b.Person(&p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load people: %w", err)
	}
	a = nil
	q = `SELECT a.person_id, a.unit_id, a.post, a.position, a.funding, a.is_primary, a.surplus, a.valid_from, a.valid_to
		FROM assignments a WHERE a.province = ` + a.add(s.province) + ` AND ` + believed(&a, "a", knownAt)
	if rows, err = s.db.read.QueryContext(ctx, q, a...); err != nil {
		return fmt.Errorf("load assignments: %w", err)
	}
	var as staff.Assignment
	for rows.Next() {
		var primary, surplus int
		if err := rows.Scan(&as.PersonID, &as.UnitID, &as.Post, &as.Position, &as.Funding, &primary, &surplus, &as.ValidFrom, &as.ValidTo); err != nil {
			rows.Close()
			return fmt.Errorf("load assignments: %w", err)
		}
		as.Primary, as.Surplus = primary != 0, surplus != 0
		b.Assignment(&as)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load assignments: %w", err)
	}
	a = nil
	q = `SELECT ` + quotaCols + ` FROM quotas q WHERE q.province = ` + a.add(s.province) + ` AND ` + believed(&a, "q", knownAt) +
		` ORDER BY q.recorded_at`
	if rows, err = s.db.read.QueryContext(ctx, q, a...); err != nil {
		return fmt.Errorf("load quotas: %w", err)
	}
	qs, err := scanQuotas(rows)
	if err != nil {
		return err
	}
	for i := range qs {
		b.Quota(&qs[i])
	}
	return nil
}

// Clock implements staff.Store.
func (s *Register) Clock(ctx context.Context) (int64, error) {
	var clock int64
	err := s.db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(clock), 0) FROM register_clock WHERE province = $1`, s.province).Scan(&clock)
	if err != nil {
		return 0, fmt.Errorf("read clock: %w", err)
	}
	return clock, nil
}

// WriteStaff implements staff.Store on the register's transaction.
func (s *Register) WriteStaff(ctx context.Context, fn func(tx staff.Tx) error) error {
	return s.Write(ctx, func(tx org.Tx) error { return fn(tx.(*regTx)) })
}

// PersonVersions implements staff.Store.
func (s *Register) PersonVersions(ctx context.Context, ref string, knownAt time.Time) ([]staff.Person, error) {
	var a args
	p := a.add(s.province)
	r := a.add(ref)
	q := `SELECT ` + personCols + personFrom + ` WHERE p.province = ` + p + ` AND p.person_id IN (SELECT person_id FROM people WHERE province = ` + p +
		` AND (person_id = ` + r + ` OR code = ` + r + `)) AND ` + believed(&a, "p", knownAt) + ` ORDER BY COALESCE(p.valid_from, '0001-01-01')`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("person %s: %w", ref, err)
	}
	return scanPeople(rows)
}

// ListPeople implements staff.Store.
func (s *Register) ListPeople(ctx context.Context, f staff.PeopleFilter) ([]staff.Person, int, error) {
	var a args
	where := ` WHERE p.province = ` + a.add(s.province) + ` AND ` + believed(&a, "p", f.KnownAt)
	if !f.AsOf.IsZero() {
		where += ` AND ` + validAt(&a, "p", f.AsOf)
	}
	for _, tok := range strings.Fields(vntext.Fold(f.Query)) {
		where += ` AND (p.name_folded LIKE ` + a.add("%"+tok+"%") + ` OR p.code = ` + a.add(f.Query) + `)`
	}
	if f.Category != "" {
		where += ` AND p.category = ` + a.add(string(f.Category))
	}
	if f.Units != nil {
		// Uncorrelated, so that it is computed once whatever plan is chosen.
		where += ` AND p.person_id IN (SELECT x.person_id FROM assignments x WHERE x.province = ` + a.add(s.province) + `
			AND x.unit_id IN ` + a.in(f.Units) + ` AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.row_id = x.id))`
	}
	var total int
	if err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM people p`+where, a...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count people: %w", err)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q := `SELECT ` + personCols + personFrom + where + ` ORDER BY p.name_folded, p.code LIMIT ` + a.add(f.Limit) + ` OFFSET ` + a.add(f.Offset)
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, 0, fmt.Errorf("list people: %w", err)
	}
	ps, err := scanPeople(rows)
	return ps, total, err
}

// AssignmentsOf implements staff.Store.
func (s *Register) AssignmentsOf(ctx context.Context, personID string, knownAt time.Time) ([]staff.Assignment, error) {
	var a args
	q := `SELECT ` + asgCols + ` FROM assignments a WHERE a.person_id = ` + a.add(personID) + ` AND a.province = ` + a.add(s.province) +
		` AND ` + believed(&a, "a", knownAt) + ` ORDER BY a.valid_from, a.recorded_at`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("assignments of %s: %w", personID, err)
	}
	return scanAssignments(rows)
}

// AssignmentsIn implements staff.Store.
func (s *Register) AssignmentsIn(ctx context.Context, unitID string, m org.Moment) ([]staff.Assignment, error) {
	var a args
	q := `SELECT ` + asgCols + ` FROM assignments a WHERE a.unit_id = ` + a.add(unitID) + ` AND a.province = ` + a.add(s.province) +
		` AND ` + validAt(&a, "a", m.AsOf) + ` AND ` + believed(&a, "a", m.KnownAt) + ` ORDER BY a.post, a.valid_from`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("assignments in %s: %w", unitID, err)
	}
	return scanAssignments(rows)
}

// QuotasOf implements staff.Store.
func (s *Register) QuotasOf(ctx context.Context, unitID string, knownAt time.Time) ([]staff.Quota, error) {
	var a args
	q := `SELECT ` + quotaCols + ` FROM quotas q WHERE q.unit_id = ` + a.add(unitID) + ` AND q.province = ` + a.add(s.province) +
		` AND ` + believed(&a, "q", knownAt) + ` ORDER BY q.year, q.category`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("quotas of %s: %w", unitID, err)
	}
	return scanQuotas(rows)
}

// Edges implements staff.Store.
func (s *Register) Edges(ctx context.Context, knownAt time.Time) ([]org.Edge, error) {
	var a args
	q := `SELECT e.id, e.operation_id, e.kind, e.from_unit, e.to_unit, e.date, e.decision_id, e.recorded_at
		FROM lineage_edges e WHERE e.province = ` + a.add(s.province) + ` AND ` + believed(&a, "e", knownAt) + ` ORDER BY e.date, e.recorded_at, e.id`
	rows, err := s.db.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("lineage edges: %w", err)
	}
	defer rows.Close()
	var out []org.Edge
	for rows.Next() {
		var e org.Edge
		var rec int64
		if err := rows.Scan(&e.ID, &e.OperationID, &e.Kind, &e.From, &e.To, &e.Date, &e.DecisionID, &rec); err != nil {
			return nil, fmt.Errorf("scan edge: %w", err)
		}
		e.RecordedAt = fromMicros(rec)
		out = append(out, e)
	}
	return out, rows.Err()
}
