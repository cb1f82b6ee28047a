package staffsheet

import (
	"fmt"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

// PersonRow is one row of the people sheet. Person.Code is set; Person.ID
// is not, since only the register knows it.
type PersonRow struct {
	Pos    Pos
	Person staff.Person
	lay    *layout
}

// AssignmentRow is one row of the assignments sheet. The person and the
// unit are named as the user typed them; the caller resolves them.
// Assignment.Primary is true unless the row says kiêm nhiệm.
type AssignmentRow struct {
	Pos        Pos
	PersonCode string
	UnitRef    string
	Assignment staff.Assignment
	lay        *layout
}

// QuotaRow is one row of the quotas sheet, with the decision that set the
// quota. DecisionNumber is the number alone ("123/QĐ-UBND") even when the
// cell reads "Quyết định số 123/QĐ-UBND".
type QuotaRow struct {
	Pos            Pos
	UnitRef        string
	Quota          staff.Quota
	DecisionNumber string
	DecisionIssuer string
	DecisionSigned civil.Date
	lay            *layout
}

// record is one data row read by its sheet's table: a value per field,
// and the row's errors so far.
type record struct {
	pos  Pos // File, Sheet, Row
	lay  *layout
	vals [fieldCount]value
	has  [fieldCount]bool
	bad  bool
}

func (r *record) str(f field) string      { return r.vals[f].text }
func (r *record) date(f field) civil.Date { return r.vals[f].date }

// fail records that the value of field f is bad.
func (r *record) fail(rd *reader, f field, reason string) {
	r.bad = true
	rd.errs.Add(Error{Pos: r.lay.posOf(r.pos, f), Reason: reason})
}

func (rd *reader) person(r *record) PersonRow {
	p := staff.Person{
		Code:              r.str(fCode),
		Name:              r.str(fName),
		Sex:               staff.Sex(r.vals[fSex].code),
		BirthDate:         r.date(fBirth),
		Hometown:          r.str(fHometown),
		Category:          staff.Category(r.vals[fCategory].code),
		Grade:             r.str(fGrade),
		SalaryStep:        r.vals[fStep].n,
		Coefficient:       r.vals[fCoef].coef,
		PositionAllowance: r.vals[fPositionAllowance].coef,
		Allowances:        r.vals[fAllowances].allowances,
		InsuranceFrom:     r.date(fInsurance),
		PartyMember:       r.vals[fParty].code == codeYes,
		PartyJoined:       r.date(fPartyJoined),
		Education:         r.str(fEducation),
		PoliticalTheory:   r.str(fTheory),
		Sensitive: staff.Sensitive{
			NationalID: r.str(fNationalID),
			Ethnicity:  r.str(fEthnicity),
			Religion:   r.str(fReligion),
			Health:     r.str(fHealth),
		},
	}
	if r.has[fBirth] && (p.BirthDate.Before(rd.minBirth) || p.BirthDate.After(rd.maxBirth)) {
		r.fail(rd, fBirth, fmt.Sprintf("ngày sinh «%s» phải từ %s đến %s (đủ 15 tuổi)",
			r.str(fBirth), rd.minBirth.VN(), rd.maxBirth.VN()))
	}
	if r.has[fPartyJoined] && !p.PartyMember {
		r.fail(rd, fPartyJoined, "chỉ nhập ngày vào Đảng khi cột «Đảng viên» là Có")
	}
	if r.has[fCode] {
		// Codes differing only in case are the same person to a reader.
		key := strings.ToUpper(p.Code)
		if first, dup := rd.seen[key]; dup {
			r.fail(rd, fCode, fmt.Sprintf("mã cán bộ «%s» trùng với dòng %d", p.Code, first))
		} else {
			rd.seen[key] = r.pos.Row
		}
	}
	return PersonRow{Pos: r.pos, Person: p, lay: r.lay}
}

func (rd *reader) assignment(r *record) AssignmentRow {
	a := staff.Assignment{
		Post:      staff.Post(r.vals[fPost].code),
		Title:     r.str(fTitle),
		Position:  staff.Position(r.vals[fPosition].code),
		Funding:   staff.Funding(r.vals[fFunding].code),
		Primary:   r.vals[fConcurrent].code != codeYes,
		ValidFrom: r.date(fFrom),
		ValidTo:   r.date(fTo),
		Note:      r.str(fNote),
	}
	// Đến ngày is the first day without the post, the register's exclusive
	// end, so it must be strictly later.
	if r.has[fFrom] && r.has[fTo] && !a.ValidTo.After(a.ValidFrom) {
		r.fail(rd, fTo, fmt.Sprintf("đến ngày «%s» phải sau từ ngày «%s»", r.str(fTo), r.str(fFrom)))
	}
	return AssignmentRow{Pos: r.pos, PersonCode: r.str(fCode), UnitRef: r.str(fUnit), Assignment: a, lay: r.lay}
}

func (rd *reader) quota(r *record) QuotaRow {
	return QuotaRow{
		lay:     r.lay,
		Pos:     r.pos,
		UnitRef: r.str(fUnit),
		Quota: staff.Quota{
			Year:     r.vals[fYear].n,
			Category: staff.Category(r.vals[fCategory].code),
			Count:    r.vals[fCount].n,
			Note:     r.str(fNote),
		},
		DecisionNumber: r.str(fDecisionNo),
		DecisionIssuer: r.str(fIssuer),
		DecisionSigned: r.date(fSigned),
	}
}

// at is the position of the cell under a header in a row, so that an
// error the caller finds (an unknown unit code) names its column too.
func at(l *layout, row Pos, header string) Pos {
	if l == nil {
		return row
	}
	want := vntext.Fold(strings.TrimSuffix(header, "*"))
	for f := range l.header {
		if l.header[f] != "" && vntext.Fold(l.header[f]) == want {
			return l.posOf(row, field(f))
		}
	}
	row.Header = header
	return row
}

// At is the position of the row's cell under header (e.g. "Mã đơn vị").
func (r PersonRow) At(header string) Pos { return at(r.lay, r.Pos, header) }

// At is the position of the row's cell under header (e.g. "Mã đơn vị").
func (r AssignmentRow) At(header string) Pos { return at(r.lay, r.Pos, header) }

// At is the position of the row's cell under header (e.g. "Mã đơn vị").
func (r QuotaRow) At(header string) Pos { return at(r.lay, r.Pos, header) }
