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
	Function   string   `json:"function,omitempty"` // the function's code, for the functions rule
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
// An applied scheme is not simulated again: it answers the check kept when
// it was applied, or (applied before checks were kept) the findings on the
// register on its effective date that concern the units it made.
func (s *Service) Check(ctx context.Context, sc *Scheme) (*Result, error) {
	if sc.Status == Applied {
		return s.checkApplied(ctx, sc)
	}
	sim, err := s.Simulate(ctx, sc)
	if err != nil {
		return nil, err
	}
	return s.checkSim(ctx, sc, sim)
}

// checkSim is Check of a scheme not applied, from a simulation made.
func (s *Service) checkSim(ctx context.Context, sc *Scheme, sim *Simulation) (*Result, error) {
	out := &Result{Findings: refusalFindings(sim, sc)}
	after := s.staff.Check(sim.Model, sim.Tallies, unitNames(sim.Units), 0)
	before, err := s.findingsOn(ctx, sim.base, sim.Day)
	if err != nil {
		return nil, err
	}
	out.Findings = append(out.Findings, brought(before, after, sim.Edges)...)
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
	if sc.Checked != nil {
		return sc.Checked, nil
	}
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

// brought keeps the findings after a scheme that the register did not
// have before it. A finding the register had on a unit the scheme merged
// away (or on the same person elsewhere) is carried over, not brought: it
// is listed as a warning saying so, and does not block approval.
func brought(before, after []staff.Finding, edges []org.Edge) []Finding {
	type key struct{ rule, unit, person string }
	had := map[key]bool{}
	for _, f := range before {
		had[key{f.Rule, f.UnitID, f.PersonID}] = true
	}
	preds := map[string][]string{}
	for _, e := range edges {
		if e.From != e.To {
			preds[e.To] = append(preds[e.To], e.From)
		}
	}
	// carried finds the unit, among u and those that went into it, where
	// the register had the finding.
	var carried func(f staff.Finding, u string, depth int) (string, bool)
	carried = func(f staff.Finding, u string, depth int) (string, bool) {
		if had[key{f.Rule, u, f.PersonID}] {
			return u, true
		}
		if depth > 16 {
			return "", false
		}
		for _, p := range preds[u] {
			if at, ok := carried(f, p, depth+1); ok {
				return at, true
			}
		}
		return "", false
	}
	var out []Finding
	for _, f := range after {
		at, ok := carried(f, f.UnitID, 0)
		if ok && at == f.UnitID {
			continue // the same finding on the same unit: not the scheme's
		}
		x := fromStaff(f)
		if ok {
			x.Severity = Warning
			x.Message = "Đã có trước đề án, ở đơn vị được sắp xếp vào đây: " + x.Message
		}
		out = append(out, x)
	}
	return out
}

func fromStaff(f staff.Finding) Finding {
	sev := Warning
	if f.Severity == staff.Violation {
		sev = Error
	}
	out := Finding{Severity: sev, Rule: f.Rule, Title: f.Title, Message: f.Detail, Source: f.Source,
		UnitID: f.UnitID, UnitName: f.UnitName, PersonID: f.PersonID, PersonCode: f.PersonCode, PersonName: f.PersonName, Function: f.Function}
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
