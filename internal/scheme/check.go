package scheme

import (
	"context"
	"slices"
	"time"

	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// Severity says whether a finding blocks approval.
type Severity string

// The severities of a scheme's check.
const (
	Error   Severity = "error"   // blocks approval
	Warning Severity = "warning" // to know; does not block
)

// Finding is one result of checking a scheme: what is wrong after it, where,
// and under which rule.
type Finding struct {
	Severity   Severity `json:"severity"`
	Rule       string   `json:"rule"`
	Title      string   `json:"title"`
	Message    string   `json:"message"`
	Source     string   `json:"source"`
	UnitID     string   `json:"unit_id,omitempty"`
	UnitName   string   `json:"unit_name,omitempty"`
	PersonID   string   `json:"person_id,omitempty"`
	PersonCode string   `json:"person_code,omitempty"`
	PersonName string   `json:"person_name,omitempty"`
	Deadline   string   `json:"deadline,omitempty"`
	// Field points into the scheme for a refused operation.
	Field string `json:"field,omitempty"`
}

// Result is a scheme's check: its findings and its impact.
type Result struct {
	Findings []Finding `json:"findings"`
	Impact   *Impact   `json:"impact"`
}

// Errors lists the findings that block approval, as field errors.
func (r *Result) Errors() []org.FieldError {
	var out []org.FieldError
	for _, f := range r.Findings {
		if f.Severity == Error {
			field := f.Field
			if field == "" {
				field = "rule:" + f.Rule
			}
			out = append(out, org.FieldError{Field: field, Detail: f.Message})
		}
	}
	return out
}

// Check simulates a scheme on a copy of the register as of its effective
// date and runs every rule on the result. Findings are those the scheme
// brings: what the rules find after it and not on the register as it is.
// An applied scheme is not simulated again: its findings are those on the
// register on its effective date that concern the units it made.
func (s *Service) Check(ctx context.Context, sc *Scheme) (*Result, error) {
	if sc.Status == Applied {
		return s.checkApplied(ctx, sc)
	}
	sim, err := s.Simulate(ctx, sc)
	if err != nil {
		return nil, err
	}
	out := &Result{Findings: refusalFindings(sim, sc)}
	after := s.staff.Check(sim.Model, sim.Tallies, unitNames(sim.Units), 0)
	before, err := s.findingsOn(ctx, sim.base, sim.Day)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, f := range before {
		known[findingKey(f)] = true
	}
	for _, f := range after {
		if !known[findingKey(f)] {
			out.Findings = append(out.Findings, fromStaff(f))
		}
	}
	fs, err := s.functionFindings(ctx, sim)
	if err != nil {
		return nil, err
	}
	out.Findings = append(out.Findings, fs...)
	sortFindings(out.Findings)
	if out.Impact, err = s.impactOf(ctx, sc, sim); err != nil {
		return nil, err
	}
	return out, nil
}

// checkApplied lists the findings on the register, on an applied scheme's
// effective date, about the units its operations made or changed.
func (s *Service) checkApplied(ctx context.Context, sc *Scheme) (*Result, error) {
	fs, err := s.staff.Findings(ctx, org.Moment{AsOf: sc.EffectiveDate}, 0)
	if err != nil {
		return nil, err
	}
	made, err := s.madeBy(ctx, sc)
	if err != nil {
		return nil, err
	}
	out := &Result{Findings: []Finding{}}
	for _, f := range fs {
		if made[f.UnitID] {
			out.Findings = append(out.Findings, fromStaff(f))
		}
	}
	sortFindings(out.Findings)
	if out.Impact, err = s.impactOf(ctx, sc, nil); err != nil {
		return nil, err
	}
	return out, nil
}

// madeBy lists the units an applied scheme's operations took, gave or changed.
func (s *Service) madeBy(ctx context.Context, sc *Scheme) (map[string]bool, error) {
	out := map[string]bool{}
	edges, err := s.staff.Store().Edges(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	for _, e := range edges {
		if slices.Contains(sc.Applied, e.OperationID) {
			out[e.From], out[e.To] = true, true
		}
	}
	for _, id := range sc.Applied {
		op, err := s.units.Operation(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, ref := range op.Inputs {
			if uid, ok, err := s.units.ResolveRef(ctx, ref); err != nil {
				return nil, err
			} else if ok {
				out[uid] = true
			}
		}
	}
	return out, nil
}

func findingKey(f staff.Finding) string {
	return f.Rule + "\x00" + f.UnitID + "\x00" + f.PersonID
}

func fromStaff(f staff.Finding) Finding {
	sev := Warning
	if f.Severity == staff.Violation {
		sev = Error
	}
	out := Finding{Severity: sev, Rule: f.Rule, Title: f.Title, Message: f.Detail, Source: f.Source,
		UnitID: f.UnitID, UnitName: f.UnitName, PersonID: f.PersonID, PersonCode: f.PersonCode, PersonName: f.PersonName}
	if !f.Deadline.IsZero() {
		out.Deadline = f.Deadline.String()
	}
	if out.Message == "" {
		out.Message = f.Title
	}
	return out
}

// sortFindings puts errors first, then by rule and unit.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Severity != b.Severity {
			if a.Severity == Error {
				return -1
			}
			return 1
		}
		if a.Field != b.Field {
			return compare(a.Field, b.Field)
		}
		if a.Rule != b.Rule {
			return compare(a.Rule, b.Rule)
		}
		return compare(a.UnitName+a.PersonName, b.UnitName+b.PersonName)
	})
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
