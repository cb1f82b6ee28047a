// Package scheme holds restructuring schemes ("đề án", "phương án"): a
// list of operations with the placement of people, drafted, checked
// against the rules on a simulation of the register, weighed by their
// impact, approved, and applied on their effective date as one
// transaction. It knows nothing of HTTP or SQL; storage is behind Store.
package scheme

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// Status is where a scheme stands.
type Status string

// The statuses: draft → submitted → approved → applied, or rejected or
// withdrawn on the way.
const (
	Draft     Status = "draft"     // dự thảo
	Submitted Status = "submitted" // đã trình
	Approved  Status = "approved"  // đã phê duyệt
	Applied   Status = "applied"   // đã thực hiện
	Rejected  Status = "rejected"  // không được phê duyệt
	Withdrawn Status = "withdrawn" // đã rút
)

// Statuses lists the statuses with their Vietnamese names.
var Statuses = []struct {
	Status Status
	Label  string
}{
	{Draft, "dự thảo"}, {Submitted, "đã trình"}, {Approved, "đã phê duyệt"},
	{Applied, "đã thực hiện"}, {Rejected, "không được phê duyệt"}, {Withdrawn, "đã rút"},
}

// Label is the Vietnamese name of the status.
func (s Status) Label() string {
	for _, x := range Statuses {
		if x.Status == s {
			return x.Label
		}
	}
	return string(s)
}

// Action is a change of status a user asks for.
type Action string

// The actions.
const (
	Submit   Action = "submit"   // trình
	Approve  Action = "approve"  // phê duyệt
	Reject   Action = "reject"   // không phê duyệt
	Withdraw Action = "withdraw" // rút
	Reopen   Action = "reopen"   // trả lại để sửa (from submitted or rejected back to draft)
	Apply    Action = "apply"    // thực hiện
)

// transitions says, for each action, from which statuses and to which.
var transitions = map[Action]struct {
	from []Status
	to   Status
	verb string
}{
	Submit:   {[]Status{Draft}, Submitted, "trình"},
	Approve:  {[]Status{Submitted}, Approved, "phê duyệt"},
	Reject:   {[]Status{Submitted}, Rejected, "không phê duyệt"},
	Withdraw: {[]Status{Draft, Submitted, Approved}, Withdrawn, "rút"},
	Reopen:   {[]Status{Submitted, Rejected}, Draft, "trả lại để sửa"},
	Apply:    {[]Status{Approved}, Applied, "thực hiện"},
}

// Next returns the status an action leads to from s, or an error in
// Vietnamese saying why it cannot be taken.
func Next(s Status, a Action) (Status, error) {
	t, ok := transitions[a]
	if !ok {
		return "", fmt.Errorf("thao tác «%s» không có; dùng một trong: submit, approve, reject, withdraw, reopen, apply", a)
	}
	if !slices.Contains(t.from, s) {
		from := make([]string, len(t.from))
		for i, f := range t.from {
			from[i] = "«" + f.Label() + "»"
		}
		return "", fmt.Errorf("không thể %s đề án đang ở trạng thái «%s»: chỉ %s đề án %s", t.verb, s.Label(), t.verb, strings.Join(from, " hoặc "))
	}
	return t.to, nil
}

// Scheme is a restructuring scheme.
type Scheme struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
	// LegalBasis names the texts the scheme implements.
	LegalBasis string `json:"legal_basis"`
	// BaseDate is the day the figures "before" are taken; EffectiveDate the
	// day the operations take effect.
	BaseDate      civil.Date `json:"base_date"`
	EffectiveDate civil.Date `json:"effective_date"`
	Status        Status     `json:"status"`
	// Operations are applied in order; one without a date takes the
	// scheme's, one without a decision the scheme's approving decision.
	Operations []org.Operation `json:"operations"`
	// Decision is the decision approving the scheme, given on approval.
	Decision *org.Decision `json:"decision,omitempty"`
	// Stamps are the units the scheme touches as the register knew them
	// when it was approved: applying refuses a scheme whose units changed.
	Stamps []Stamp `json:"stamps,omitempty"`
	// Applied lists the ids of the operations recorded when it was applied,
	// and Checked its check and impact computed just before: once applied,
	// the register's days mix the scheme with everything else.
	Applied   []string  `json:"applied_operations,omitempty"`
	Checked   *Result   `json:"checked,omitempty"`
	Previewed *Preview  `json:"previewed,omitempty"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
	Events    []Event   `json:"events"`
}

// Stamp is a unit as the register knew it: a digest of its believed versions.
type Stamp struct {
	UnitID string `json:"unit_id"`
	Digest string `json:"digest"`
}

// Event is a change of a scheme's status: who, when, and why.
type Event struct {
	From Status    `json:"from"`
	To   Status    `json:"to"`
	At   time.Time `json:"at"`
	By   string    `json:"by"`
	Note string    `json:"note,omitempty"`
}

// Normalize gives empty lists instead of nil and each operation the
// scheme's date when it has none.
func (s *Scheme) Normalize() {
	if s.Operations == nil {
		s.Operations = []org.Operation{}
	}
	if s.Events == nil {
		s.Events = []Event{}
	}
	for i := range s.Operations {
		s.Operations[i].Normalize()
	}
}

// Validate lists what is wrong with a scheme's own fields; the operations
// are checked by simulating them.
func (s *Scheme) Validate() []org.FieldError {
	var errs []org.FieldError
	if strings.TrimSpace(s.Name) == "" {
		errs = append(errs, org.FieldError{Field: "name", Detail: "thiếu tên đề án"})
	}
	if s.EffectiveDate.IsZero() {
		errs = append(errs, org.FieldError{Field: "effective_date", Detail: "thiếu ngày hiệu lực"})
	}
	if !s.BaseDate.IsZero() && !s.EffectiveDate.IsZero() && s.BaseDate.After(s.EffectiveDate) {
		errs = append(errs, org.FieldError{Field: "base_date", Detail: "ngày lấy số liệu sau ngày hiệu lực"})
	}
	for i, op := range s.Operations {
		field := fmt.Sprintf("operations[%d]", i)
		if !op.Kind.Known() {
			errs = append(errs, org.FieldError{Field: field + ".kind", Detail: fmt.Sprintf("loại thao tác «%s» không có", op.Kind)})
		}
		if !op.EffectiveDate.IsZero() && !s.EffectiveDate.IsZero() && op.EffectiveDate.Before(s.EffectiveDate) {
			errs = append(errs, org.FieldError{Field: field + ".effective_date",
				Detail: fmt.Sprintf("ngày hiệu lực %s trước ngày hiệu lực của đề án %s", op.EffectiveDate.VN(), s.EffectiveDate.VN())})
		}
	}
	return errs
}

// Base is the day the figures before are taken: the base date, or the day
// before the effective date.
func (s *Scheme) Base() civil.Date {
	if !s.BaseDate.IsZero() {
		return s.BaseDate
	}
	return s.EffectiveDate.AddDays(-1)
}

// operations returns the operations as they are applied: dated, and with
// the decision given (an id, or the decision inline for the first).
func (s *Scheme) operations(decisionID string) []org.Operation {
	out := make([]org.Operation, len(s.Operations))
	for i, op := range s.Operations {
		if op.EffectiveDate.IsZero() {
			op.EffectiveDate = s.EffectiveDate
		}
		if op.DecisionID == "" && op.Decision == nil {
			op.DecisionID = decisionID
		}
		out[i] = op
	}
	return out
}

// Refs lists the references to units the operations name: inputs,
// outputs that are existing units, new parents and moves.
func (s *Scheme) Refs() []string {
	var out []string
	add := func(ref string) {
		if ref != "" && !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	for _, op := range s.Operations {
		for _, in := range op.Inputs {
			add(in)
		}
		for _, o := range op.Outputs {
			add(o.Ref)
		}
		add(op.NewParent)
		for _, m := range op.Moves {
			add(m.Unit)
		}
	}
	return out
}
