package staff

import (
	"context"
	"fmt"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/vntext"
)

// NewPerson is a person to record; Where says where it came from (a row
// of a file, a field of a request) for error messages.
type NewPerson struct {
	Where  string
	At     At
	Person Person
}

// At names where a field's value came from, by the field's Vietnamese name
// ("Mã đơn vị"): a cell of a file. Nil means Where says it all.
type At func(field string) string

func where(base string, at At, field string) string {
	if at == nil {
		return base
	}
	return at(field)
}

// NewAssignment is an assignment to record, with its person and unit by reference.
type NewAssignment struct {
	Where      string
	At         At
	PersonRef  string // a person's code or id
	UnitRef    string // a unit's code or id
	Assignment Assignment
}

// NewQuota is a quota to record with its decision, found by number or recorded.
type NewQuota struct {
	Where    string
	At       At
	UnitRef  string
	Quota    Quota
	Decision org.Decision
}

// EndAssignment ends a person's primary assignment on a day (the first
// day they no longer hold it): a transfer, with a new assignment from that
// day in the same batch, or a departure.
type EndAssignment struct {
	Where     string
	PersonRef string
	Date      civil.Date
	Note      string
	// All ends the person's concurrent posts too: a departure, not a transfer.
	All bool
}

// Batch is what one write records: all of it, or nothing.
type Batch struct {
	People      []NewPerson
	Ends        []EndAssignment
	Assignments []NewAssignment
	Quotas      []NewQuota
}

// Written counts what a batch recorded.
type Written struct {
	People      int `json:"people"`
	Assignments int `json:"assignments"`
	Quotas      int `json:"quotas"`
	Ended       int `json:"ended"`
	// The ids of what was recorded, in the batch's order (for answers that
	// show the new records).
	PersonIDs     []string `json:"-"`
	AssignmentIDs []string `json:"-"`
	QuotaIDs      []string `json:"-"`
}

// Record checks a batch against the register and the staffing already
// recorded and writes it in one transaction. Every problem is reported,
// each with its Where, in one *org.ValidationError, and nothing is written.
func (s *Service) Record(ctx context.Context, b Batch, by string) (Written, error) {
	var w Written
	err := s.store.WriteStaff(ctx, func(tx Tx) error {
		r := &recorder{ctx: ctx, tx: tx, s: s, by: by, units: map[string]*org.UnitLife{}}
		people := r.people(b.People)
		endRetract, endRows := r.ends(b.Ends)
		asgs := r.assignments(b.Assignments)
		quotas, retract := r.quotas(b.Quotas)
		if len(r.errs) > 0 {
			return &org.ValidationError{Subject: "Dữ liệu nhân sự", Errors: r.errs}
		}
		if err := tx.InsertPeople(ctx, people); err != nil {
			return err
		}
		for _, id := range endRetract {
			if err := tx.Retract(ctx, id, by, "", "kết thúc bố trí"); err != nil {
				return fmt.Errorf("end assignment: %w", err)
			}
		}
		if err := tx.InsertAssignments(ctx, append(endRows, asgs...)); err != nil {
			return err
		}
		for _, id := range retract {
			if err := tx.Retract(ctx, id, by, "", "thay bằng biên chế mới"); err != nil {
				return fmt.Errorf("replace quota: %w", err)
			}
		}
		if err := tx.InsertQuotas(ctx, quotas); err != nil {
			return err
		}
		w = Written{People: len(people), Assignments: len(asgs), Quotas: len(quotas), Ended: len(endRows)}
		for _, p := range people {
			w.PersonIDs = append(w.PersonIDs, p.ID)
		}
		for _, a := range asgs {
			w.AssignmentIDs = append(w.AssignmentIDs, a.ID)
		}
		for _, q := range quotas {
			w.QuotaIDs = append(w.QuotaIDs, q.ID)
		}
		return nil
	})
	return w, err
}

type recorder struct {
	// ended are the rows a batch's ends retract, and closed their
	// replacements: the one-primary check reads them instead.
	ended  map[string]bool
	closed []Assignment
	ctx    context.Context
	tx     Tx
	s      *Service
	by     string
	errs   []org.FieldError
	units  map[string]*org.UnitLife
	byCode map[string]string // person code → id, of the batch
}

// fail records a problem. When where is a place in a file (a phrase, not
// a bare field name) the detail starts with it, since a user reading one
// sentence must find the cell.
func (r *recorder) fail(where, format string, a ...any) {
	d := fmt.Sprintf(format, a...)
	if strings.ContainsAny(where, " ,") {
		d = where + ": " + d
	}
	r.errs = append(r.errs, org.FieldError{Field: where, Detail: d})
}

func (r *recorder) people(in []NewPerson) []Person {
	r.byCode = map[string]string{}
	var codes []string
	for i := range in {
		in[i].Person.Code = strings.TrimSpace(vntext.NFC(in[i].Person.Code))
		codes = append(codes, in[i].Person.Code)
	}
	existing, err := r.tx.PersonsByCode(r.ctx, codes)
	if err != nil {
		r.fail("", "không đọc được danh sách người: %v", err)
		return nil
	}
	out := make([]Person, 0, len(in))
	for _, np := range in {
		p := np.Person
		p.Code, p.Name = strings.TrimSpace(vntext.NFC(p.Code)), strings.TrimSpace(vntext.NFC(p.Name))
		switch {
		case p.Code == "":
			r.fail(where(np.Where, np.At, "Mã cán bộ"), "thiếu mã cán bộ")
			continue
		case existing[p.Code] != "":
			r.fail(where(np.Where, np.At, "Mã cán bộ"), "mã cán bộ «%s» đã có trong cơ sở dữ liệu", p.Code)
			continue
		case r.byCode[p.Code] != "":
			r.fail(where(np.Where, np.At, "Mã cán bộ"), "mã cán bộ «%s» lặp lại", p.Code)
			continue
		}
		for _, e := range checkPerson(&p) {
			r.fail(np.Where, "%s", e)
		}
		p.ID, p.VersionID, p.RecordedBy = r.s.ids(), r.s.ids(), r.by
		r.byCode[p.Code] = p.ID
		out = append(out, p)
	}
	return out
}

// checkPerson lists what is wrong with a person's record, and stores the
// codes of values given by their Vietnamese names ("nữ", "Công chức").
func checkPerson(p *Person) []string {
	var errs []string
	if p.Name == "" {
		errs = append(errs, "thiếu họ và tên")
	}
	if sex, ok := ParseSex(string(p.Sex)); ok {
		p.Sex = sex
	} else {
		errs = append(errs, fmt.Sprintf("giới tính «%s» không hợp lệ (nam hoặc nữ)", p.Sex))
	}
	if c, ok := ParseCategory(string(p.Category)); ok {
		p.Category = c
	} else {
		errs = append(errs, fmt.Sprintf("loại «%s» không hợp lệ", p.Category))
	}
	if p.BirthDate.IsZero() {
		errs = append(errs, "thiếu ngày sinh")
	}
	return errs
}

// unit resolves a unit reference once per batch.
func (r *recorder) unit(ref string) *org.UnitLife {
	if u, ok := r.units[ref]; ok {
		return u
	}
	u := org.LifeOf(r.ctx, r.tx, ref)
	r.units[ref] = &u
	return &u
}

func (r *recorder) assignments(in []NewAssignment) []Assignment {
	var refs []string
	for i := range in {
		in[i].PersonRef = strings.TrimSpace(vntext.NFC(in[i].PersonRef))
		in[i].UnitRef = strings.TrimSpace(in[i].UnitRef)
		na := in[i]
		if _, ok := r.byCode[na.PersonRef]; !ok {
			refs = append(refs, na.PersonRef)
		}
	}
	known, err := r.tx.PersonsByCode(r.ctx, refs)
	if err != nil {
		r.fail("", "không đọc được danh sách người: %v", err)
		return nil
	}
	out := make([]Assignment, 0, len(in))
	placeOf := make(map[string]string, len(in)) // where each kept row came from
	var existingPeople []string
	for _, na := range in {
		a := na.Assignment
		pid := r.byCode[na.PersonRef]
		if pid == "" {
			pid = known[na.PersonRef]
			if pid == "" {
				if id, ok, err := r.tx.PersonID(r.ctx, na.PersonRef); err == nil && ok {
					pid = id
				}
			}
			if pid != "" {
				existingPeople = append(existingPeople, pid)
			}
		}
		at := func(field string) string { return where(na.Where, na.At, field) }
		if pid == "" {
			r.fail(at("Mã cán bộ"), "không tìm thấy người có mã «%s»", na.PersonRef)
			continue
		}
		u := r.unit(na.UnitRef)
		if !u.Found {
			r.fail(at("Mã đơn vị"), "không tìm thấy đơn vị «%s»", na.UnitRef)
			continue
		}
		if a.ValidFrom.IsZero() {
			r.fail(at("Từ ngày"), "thiếu ngày bắt đầu")
			continue
		}
		if !a.ValidTo.IsZero() && !a.ValidTo.After(a.ValidFrom) {
			r.fail(at("Đến ngày"), "ngày kết thúc %s không sau ngày bắt đầu %s", a.ValidTo.VN(), a.ValidFrom.VN())
			continue
		}
		if !u.AliveOver(a.ValidFrom, a.ValidTo) {
			r.fail(at("Mã đơn vị"), "đơn vị «%s» không hoạt động trong suốt thời gian bố trí (từ %s)", na.UnitRef, a.ValidFrom.VN())
			continue
		}
		post, ok := ParsePost(string(a.Post))
		if !ok {
			r.fail(at("Chức vụ"), "chức vụ «%s» không hợp lệ", a.Post)
			continue
		}
		a.Post = post
		if a.Position == "" {
			a.Position = Professional
		}
		if a.Funding == "" {
			a.Funding = Budget
		}
		if pos, ok := ParsePosition(string(a.Position)); ok {
			a.Position = pos
		} else {
			r.fail(at("Vị trí việc làm"), "vị trí việc làm «%s» không hợp lệ", a.Position)
			continue
		}
		if f, ok := ParseFunding(string(a.Funding)); ok {
			a.Funding = f
		} else {
			r.fail(at("Nguồn lương"), "nguồn lương «%s» không hợp lệ", a.Funding)
			continue
		}
		a.PersonID, a.UnitID = pid, u.ID
		a.ID, a.VersionID, a.RecordedBy = r.s.ids(), r.s.ids(), r.by
		placeOf[a.VersionID] = at("Kiêm nhiệm")
		a.Title, a.Note = vntext.NFC(strings.TrimSpace(a.Title)), strings.TrimSpace(a.Note)
		out = append(out, a)
	}

	// One primary assignment at a time, with what is already recorded.
	prior, err := r.tx.PersonAssignments(r.ctx, existingPeople)
	if err != nil {
		r.fail("", "không đọc được bố trí hiện có: %v", err)
		return nil
	}
	byPerson := map[string][]Assignment{}
	for _, a := range append(prior, r.closed...) {
		if a.Primary && !r.ended[a.VersionID] {
			byPerson[a.PersonID] = append(byPerson[a.PersonID], a)
		}
	}
	for _, a := range out {
		if !a.Primary {
			continue
		}
		for _, b := range byPerson[a.PersonID] {
			if Overlaps(a.ValidFrom, a.ValidTo, b.ValidFrom, b.ValidTo) {
				r.fail(placeOf[a.VersionID], "người này đã có vị trí công tác chính từ %s%s; vị trí thứ hai phải là kiêm nhiệm",
					b.ValidFrom.VN(), untilText(b.ValidTo))
				break
			}
		}
		byPerson[a.PersonID] = append(byPerson[a.PersonID], a)
	}
	return out
}

func untilText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return " đến " + d.VN()
}

func (r *recorder) quotas(in []NewQuota) ([]Quota, []string) {
	var out []Quota
	var retract []string
	decisions := map[string]string{}
	seen := map[string]string{} // unit|year|category → where it was given
	for _, nq := range in {
		q := nq.Quota
		at := func(field string) string { return where(nq.Where, nq.At, field) }
		u := r.unit(nq.UnitRef)
		if !u.Found {
			r.fail(at("Mã đơn vị"), "không tìm thấy đơn vị «%s»", nq.UnitRef)
			continue
		}
		if q.Count < 0 {
			r.fail(at("Số lượng"), "số lượng biên chế không được âm")
			continue
		}
		if q.Year < 2000 || q.Year > 2100 {
			r.fail(at("Năm"), "năm %d không hợp lệ (2000–2100)", q.Year)
			continue
		}
		c, ok := ParseCategory(string(q.Category))
		if !ok {
			r.fail(at("Loại"), "loại «%s» không hợp lệ", q.Category)
			continue
		}
		q.Category = c
		key := fmt.Sprintf("%s|%d|%s", u.ID, q.Year, c)
		if prev, dup := seen[key]; dup {
			r.fail(at("Mã đơn vị"), "biên chế năm %d, loại %s của đơn vị «%s» đã có ở %s", q.Year, c.Label(), nq.UnitRef, prev)
			continue
		}
		seen[key] = nq.Where
		num := vntext.NFC(strings.TrimSpace(nq.Decision.Number))
		if num == "" {
			r.fail(at("Số văn bản"), "thiếu số văn bản giao biên chế")
			continue
		}
		issuer := vntext.NFC(strings.TrimSpace(nq.Decision.Issuer))
		dkey := num + "|" + vntext.Fold(issuer) + "|" + nq.Decision.SignedDate.String()
		id, ok := decisions[dkey]
		if !ok {
			// Numbers restart every year and differ by issuer: a decision
			// recorded under the number is the same only if what the row
			// says of its issuer and signing date agrees.
			found, err := r.tx.DecisionsByNumber(r.ctx, num)
			if err != nil {
				r.fail(nq.Where, "không đọc được văn bản «%s»: %v", num, err)
				continue
			}
			exists := false
			for _, d := range found {
				if (issuer == "" || vntext.SameName(d.Issuer, issuer)) && (nq.Decision.SignedDate.IsZero() || d.SignedDate == nq.Decision.SignedDate) {
					id, exists = d.ID, true
					break
				}
			}
			if !exists {
				d := nq.Decision
				d.Number, d.Issuer = num, vntext.NFC(strings.TrimSpace(d.Issuer))
				if d.Issuer == "" {
					r.fail(at("Cơ quan ban hành"), "văn bản «%s» chưa có trong cơ sở dữ liệu: cần cơ quan ban hành", num)
					continue
				}
				d.ID, d.RecordedAt, d.RecordedBy = r.s.ids(), r.tx.Now(), r.by
				if err := r.tx.InsertDecision(r.ctx, d); err != nil {
					r.fail(nq.Where, "không ghi được văn bản «%s»: %v", num, err)
					continue
				}
				id = d.ID
			}
			decisions[dkey] = id
		}
		prev, err := r.tx.UnitQuotas(r.ctx, []string{u.ID}, q.Year)
		if err != nil {
			r.fail(nq.Where, "không đọc được biên chế hiện có: %v", err)
			continue
		}
		for _, p := range prev {
			if p.Category == q.Category {
				retract = append(retract, p.ID)
			}
		}
		q.UnitID, q.DecisionID, q.ID, q.RecordedBy = u.ID, id, r.s.ids(), r.by
		out = append(out, q)
	}
	return out, retract
}

// ends closes the primary assignments the batch ends.
func (r *recorder) ends(in []EndAssignment) ([]string, []Assignment) {
	r.ended = map[string]bool{}
	var retract []string
	for _, e := range in {
		pid, ok, err := r.tx.PersonID(r.ctx, e.PersonRef)
		if err != nil || !ok {
			r.fail(e.Where, "không tìm thấy người có mã «%s»", e.PersonRef)
			continue
		}
		if e.Date.IsZero() {
			r.fail(e.Where, "thiếu ngày thôi giữ vị trí")
			continue
		}
		as, err := r.tx.PersonAssignments(r.ctx, []string{pid})
		if err != nil {
			r.fail(e.Where, "không đọc được bố trí hiện có: %v", err)
			continue
		}
		found := false
		for _, a := range as {
			if !(a.Primary || e.All) || r.ended[a.VersionID] || !a.ValidAt(e.Date.AddDays(-1)) || (!a.ValidTo.IsZero() && !a.ValidTo.After(e.Date)) {
				continue
			}
			found = found || a.Primary
			retract = append(retract, a.VersionID)
			r.ended[a.VersionID] = true
			// The closed copy is this write's, not the operation's that made the row.
			a.VersionID, a.ValidTo, a.RecordedBy, a.Note = r.s.ids(), e.Date, r.by, strings.TrimSpace(e.Note)
			a.OperationID, a.DecisionID = "", ""
			r.closed = append(r.closed, a)
		}
		if !found {
			r.fail(e.Where, "%s không có vị trí công tác chính đang giữ vào ngày %s", e.PersonRef, e.Date.AddDays(-1).VN())
		}
	}
	return retract, r.closed
}
