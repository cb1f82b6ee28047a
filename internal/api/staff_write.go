package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// personRequest is the body of POST /people.
type personRequest struct {
	Code              string            `json:"code"`
	Name              string            `json:"name"`
	Sex               staff.Sex         `json:"sex"`
	BirthDate         civil.Date        `json:"birth_date"`
	Hometown          string            `json:"hometown"`
	Category          staff.Category    `json:"category"`
	Grade             string            `json:"grade"`
	SalaryStep        int               `json:"salary_step"`
	Coefficient       staff.Coef        `json:"coefficient"`
	PositionAllowance staff.Coef        `json:"position_allowance"`
	Allowances        []staff.Allowance `json:"allowances"`
	InsuranceFrom     civil.Date        `json:"insurance_from"`
	PartyMember       bool              `json:"party_member"`
	PartyJoined       civil.Date        `json:"party_joined"`
	Education         string            `json:"education"`
	PoliticalTheory   string            `json:"political_theory"`
	Sensitive         staff.Sensitive   `json:"sensitive"`
}

func (a *API) createPerson(w http.ResponseWriter, r *http.Request) {
	var req personRequest
	if !decode(w, r, &req) {
		return
	}
	p := staff.Person{Code: req.Code, Name: req.Name, Sex: req.Sex, BirthDate: req.BirthDate, Hometown: req.Hometown,
		Category: req.Category, Grade: req.Grade, SalaryStep: req.SalaryStep, Coefficient: req.Coefficient,
		PositionAllowance: req.PositionAllowance, Allowances: req.Allowances, InsuranceFrom: req.InsuranceFrom,
		PartyMember: req.PartyMember, PartyJoined: req.PartyJoined, Education: req.Education, PoliticalTheory: req.PoliticalTheory,
		Sensitive: req.Sensitive}
	if p.Allowances == nil {
		p.Allowances = []staff.Allowance{}
	}
	n, err := a.staff.Record(r.Context(), staff.Batch{People: []staff.NewPerson{{At: requestField, Person: p}}}, actor(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	v, err := a.personView(r, n.PersonIDs[0], org.Moment{AsOf: civil.Today()})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out, ok := a.personOut(w, r, v, v.ID)
	if ok {
		a.created(w, r, "/api/v1/people/"+n.PersonIDs[0], out, nil)
	}
}

// personView is a person with every version and assignment.
func (a *API) personView(r *http.Request, ref string, m org.Moment) (PersonView, error) {
	vs, err := a.staff.Store().PersonVersions(r.Context(), ref, m.KnownAt)
	if err != nil {
		return PersonView{}, err
	}
	if len(vs) == 0 {
		return PersonView{}, notFoundPerson(ref)
	}
	v := PersonView{Person: vs[len(vs)-1], Versions: vs}
	for _, p := range vs {
		if p.ValidAt(m.AsOf) {
			v.Person = p
		}
	}
	if v.Assignments, err = a.staff.Store().AssignmentsOf(r.Context(), v.ID, m.KnownAt); err != nil {
		return PersonView{}, err
	}
	if v.Assignments == nil {
		v.Assignments = []staff.Assignment{}
	}
	return v, nil
}

// assignmentRequest is the body of POST /assignments.
type assignmentRequest struct {
	Person   string         `json:"person"`
	Unit     string         `json:"unit"`
	Post     staff.Post     `json:"post"`
	Title    string         `json:"title"`
	Position staff.Position `json:"position"`
	Funding  staff.Funding  `json:"funding"`
	// Primary defaults to true, as an empty «Kiêm nhiệm» cell does in the template.
	Primary   *bool      `json:"primary"`
	ValidFrom civil.Date `json:"valid_from"`
	ValidTo   civil.Date `json:"valid_to"`
	Note      string     `json:"note"`
	// EndsPrevious ends the person's primary assignment on ValidFrom: a transfer.
	EndsPrevious bool `json:"ends_previous"`
}

func (a *API) createAssignment(w http.ResponseWriter, r *http.Request) {
	var req assignmentRequest
	if !decode(w, r, &req) {
		return
	}
	if id, err := a.reg.Resolve(r.Context(), req.Unit); err == nil && !a.checkUnit(w, r, id) {
		return
	}
	if !a.checkPerson(w, r, req.Person) {
		return
	}
	primary := req.Primary == nil || *req.Primary
	b := staff.Batch{Assignments: []staff.NewAssignment{{At: requestField, PersonRef: req.Person, UnitRef: req.Unit,
		Assignment: staff.Assignment{Post: req.Post, Title: req.Title, Position: req.Position, Funding: req.Funding,
			Primary: primary, ValidFrom: req.ValidFrom, ValidTo: req.ValidTo, Note: req.Note}}}}
	if req.EndsPrevious {
		b.Ends = []staff.EndAssignment{{Where: "ends_previous", PersonRef: req.Person, Date: req.ValidFrom, Note: req.Note}}
	}
	n, err := a.staff.Record(r.Context(), b, actor(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	id := n.AssignmentIDs[0]
	as, err := a.staff.Store().AssignmentsOf(r.Context(), personOf(r, a, req.Person), time.Time{})
	var made staff.Assignment
	for _, x := range as {
		if x.ID == id {
			made = x
		}
	}
	a.created(w, r, "/api/v1/people/"+made.PersonID, made, err)
}

func personOf(r *http.Request, a *API, ref string) string {
	vs, err := a.staff.Store().PersonVersions(r.Context(), ref, time.Time{})
	if err != nil || len(vs) == 0 {
		return ref
	}
	return vs[0].ID
}

// leaveRequest is the body of POST /people/{id}/leave.
type leaveRequest struct {
	Date civil.Date `json:"date"`
	Note string     `json:"note"`
}

func (a *API) personLeaves(w http.ResponseWriter, r *http.Request) {
	var req leaveRequest
	if !decode(w, r, &req) {
		return
	}
	ref := r.PathValue("id")
	if vs, err := a.staff.Store().PersonVersions(r.Context(), ref, time.Time{}); err != nil || len(vs) == 0 {
		a.fail(w, r, errors.Join(err, notFoundPerson(ref)))
		return
	}
	// Leaving ends every post the person holds, the concurrent ones too.
	if _, err := a.staff.Record(r.Context(), staff.Batch{Ends: []staff.EndAssignment{{Where: "date", PersonRef: ref, Date: req.Date, Note: req.Note, All: true}}}, actor(r)); err != nil {
		a.fail(w, r, err)
		return
	}
	v, err := a.personView(r, ref, org.Moment{AsOf: req.Date})
	a.answer(w, r, v, err)
}

// quotaRequest is the body of POST /quotas.
type quotaRequest struct {
	Unit     string         `json:"unit"`
	Year     int            `json:"year"`
	Category staff.Category `json:"category"`
	Count    int            `json:"count"`
	Decision decisionRef    `json:"decision"`
	Note     string         `json:"note"`
}

// decisionRef names a decision by number; issuer and date record it when new.
type decisionRef struct {
	Number     string     `json:"number"`
	Issuer     string     `json:"issuer"`
	SignedDate civil.Date `json:"signed_date"`
}

func (a *API) createQuota(w http.ResponseWriter, r *http.Request) {
	var req quotaRequest
	if !decode(w, r, &req) {
		return
	}
	if id, err := a.reg.Resolve(r.Context(), req.Unit); err == nil && !a.checkUnit(w, r, id) {
		return
	}
	b := staff.Batch{Quotas: []staff.NewQuota{{At: requestField, UnitRef: req.Unit,
		Quota:    staff.Quota{Year: req.Year, Category: req.Category, Count: req.Count, Note: req.Note},
		Decision: org.Decision{Number: req.Decision.Number, Issuer: req.Decision.Issuer, SignedDate: req.Decision.SignedDate}}}}
	n, err := a.staff.Record(r.Context(), b, actor(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	qs, err := a.staff.Store().QuotasOf(r.Context(), unitOf(r, a, req.Unit), time.Time{})
	var made staff.Quota
	for _, q := range qs {
		if q.ID == n.QuotaIDs[0] {
			made = q
		}
	}
	a.created(w, r, "/api/v1/units/"+made.UnitID+"/quotas", made, err)
}

func unitOf(r *http.Request, a *API, ref string) string {
	id, err := a.reg.Resolve(r.Context(), ref)
	if err != nil {
		return ref
	}
	return id
}

func (a *API) unitQuotas(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	id, err := a.reg.Resolve(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	qs, err := a.staff.Store().QuotasOf(r.Context(), id, m.KnownAt)
	if qs == nil {
		qs = []staff.Quota{}
	}
	a.answer(w, r, List[staff.Quota]{Items: qs, Total: len(qs), Limit: len(qs)}, err)
}

// personChange is the body of PATCH /people/{id}: the fields to change and
// the day the change takes effect.
type personChange struct {
	ValidFrom         civil.Date             `json:"valid_from"`
	Name              *string                `json:"name"`
	Sex               *staff.Sex             `json:"sex"`
	BirthDate         *civil.Date            `json:"birth_date"`
	Hometown          *string                `json:"hometown"`
	Category          *staff.Category        `json:"category"`
	Grade             *string                `json:"grade"`
	SalaryStep        *int                   `json:"salary_step"`
	Coefficient       *staff.Coef            `json:"coefficient"`
	PositionAllowance *staff.Coef            `json:"position_allowance"`
	Allowances        *[]staff.Allowance     `json:"allowances"`
	InsuranceFrom     *civil.Date            `json:"insurance_from"`
	PartyMember       *bool                  `json:"party_member"`
	PartyJoined       *civil.Date            `json:"party_joined"`
	Education         *string                `json:"education"`
	PoliticalTheory   *string                `json:"political_theory"`
	Sensitive         *staff.SensitiveChange `json:"sensitive"`
}

func (a *API) changePerson(w http.ResponseWriter, r *http.Request) {
	var req personChange
	if !decode(w, r, &req) {
		return
	}
	ifMatch := strings.Trim(strings.TrimPrefix(r.Header.Get("If-Match"), "W/"), `"`)
	c := staff.Change{From: req.ValidFrom, Name: req.Name, Sex: req.Sex, BirthDate: req.BirthDate, Hometown: req.Hometown,
		Category: req.Category, Grade: req.Grade, SalaryStep: req.SalaryStep, Coefficient: req.Coefficient,
		PositionAllowance: req.PositionAllowance, Allowances: req.Allowances, InsuranceFrom: req.InsuranceFrom,
		PartyMember: req.PartyMember, PartyJoined: req.PartyJoined, Education: req.Education, PoliticalTheory: req.PoliticalTheory,
		Sensitive: req.Sensitive}
	p, err := a.staff.ChangePerson(r.Context(), r.PathValue("id"), ifMatch, c, actor(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writePerson(w, r, p.ID, org.Moment{AsOf: p.ValidFrom})
}

// writePerson answers a person's record with its current version as ETag.
func (a *API) writePerson(w http.ResponseWriter, r *http.Request, ref string, m org.Moment) {
	v, err := a.personView(r, ref, m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out, ok := a.personOut(w, r, v, v.ID)
	if !ok {
		return
	}
	if m.KnownAt.IsZero() {
		w.Header().Set("ETag", `"`+v.Versions[len(v.Versions)-1].VersionID+`"`)
	}
	a.answer(w, r, out, nil)
}

// requestField names, for a request, the JSON field behind each field the
// staffing checks name in Vietnamese (as the template's headers do).
func requestField(field string) string {
	if f, ok := map[string]string{
		"Mã cán bộ": "person", "Mã đơn vị": "unit", "Từ ngày": "valid_from", "Đến ngày": "valid_to", "Chức vụ": "post",
		"Vị trí việc làm": "position", "Nguồn lương": "funding", "Kiêm nhiệm": "primary", "Loại": "category",
		"Số lượng": "count", "Số văn bản": "decision.number", "Cơ quan ban hành": "decision.issuer",
	}[field]; ok {
		return f
	}
	return field
}
