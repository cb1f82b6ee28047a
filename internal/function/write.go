package function

import (
	"context"
	"fmt"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/vntext"
)

// At names where a field's value came from, by the field's Vietnamese name
// ("Mã đơn vị"): a cell of a file, a field of a request. Nil means Where
// says it all.
type At func(field string) string

// The Vietnamese names of the fields, as the template's headers read.
const (
	FieldCode        = "Mã chức năng"
	FieldName        = "Tên chức năng"
	FieldField       = "Lĩnh vực"
	FieldDescription = "Mô tả"
	FieldFrom        = "Từ ngày"
	FieldTo          = "Đến ngày"
	FieldUnit        = "Mã đơn vị"
	FieldRole        = "Vai trò"
	FieldDecisionNo  = "Số văn bản"
	FieldIssuer      = "Cơ quan ban hành"
	FieldSigned      = "Ngày ký"
	FieldNote        = "Ghi chú"
)

// NewFunction is a function to record; Where says where it came from.
type NewFunction struct {
	Where    string
	At       At
	Function Function
}

// NewAssignment is an assignment of a function (by code or id, of the
// batch or recorded) to a unit (by code or id). Decision, when its number
// is set, is found by number, issuer and signing date, or recorded.
type NewAssignment struct {
	Where       string
	At          At
	FunctionRef string
	UnitRef     string
	Assignment  Assignment
	Decision    org.Decision
}

// Batch is what one write records: all of it, or nothing.
type Batch struct {
	Functions   []NewFunction
	Assignments []NewAssignment
}

// Written counts what a batch recorded.
type Written struct {
	Functions   int `json:"functions"`
	Assignments int `json:"assignments"`
	// The ids of what was recorded, in the batch's order.
	FunctionIDs   []string `json:"-"`
	AssignmentIDs []string `json:"-"`
}

// Record checks a batch against the register and the catalogue already
// recorded and writes it in one transaction. Every problem is reported,
// each with its Where, in one *org.ValidationError, and nothing is written.
func (s *Service) Record(ctx context.Context, b Batch, by string) (Written, error) {
	var w Written
	err := s.store.WriteFunctions(ctx, func(tx WriteTx) error {
		r := &recorder{ctx: ctx, tx: tx, s: s, by: by, units: map[string]*org.UnitLife{}, decisions: map[string]string{}}
		fs := r.functions(b.Functions)
		as := r.assignments(b.Assignments)
		if len(r.errs) > 0 {
			return &org.ValidationError{Subject: "Dữ liệu chức năng, nhiệm vụ", Errors: r.errs}
		}
		for _, d := range r.newDecisions {
			if err := tx.InsertDecision(ctx, d); err != nil {
				return err
			}
		}
		if err := tx.InsertFunctions(ctx, fs); err != nil {
			return err
		}
		if err := tx.InsertFunctionAssignments(ctx, as); err != nil {
			return err
		}
		w = Written{Functions: len(fs), Assignments: len(as)}
		for _, f := range fs {
			w.FunctionIDs = append(w.FunctionIDs, f.ID)
		}
		for _, a := range as {
			w.AssignmentIDs = append(w.AssignmentIDs, a.ID)
		}
		return nil
	})
	return w, err
}

type recorder struct {
	ctx          context.Context
	tx           WriteTx
	s            *Service
	by           string
	errs         []org.FieldError
	units        map[string]*org.UnitLife
	byCode       map[string]Function // functions of the batch and those referred to, by code and id
	byID         map[string]Function
	decisions    map[string]string // number|issuer|date → id
	newDecisions []org.Decision
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

func where(base string, at At, field string) string {
	if at == nil {
		return base
	}
	return at(field)
}

func (r *recorder) functions(in []NewFunction) []Function {
	r.byCode, r.byID = map[string]Function{}, map[string]Function{}
	var codes []string
	for i := range in {
		in[i].Function.Code = strings.TrimSpace(vntext.NFC(in[i].Function.Code))
		if in[i].Function.Code != "" {
			codes = append(codes, in[i].Function.Code)
		}
	}
	taken := map[string]bool{}
	if len(codes) > 0 {
		existing, err := r.tx.FunctionsByRef(r.ctx, codes)
		if err != nil {
			r.fail("", "không đọc được danh mục chức năng, nhiệm vụ: %v", err)
			return nil
		}
		for _, f := range existing {
			taken[f.Code], taken[f.ID] = true, true
		}
	}
	seen := map[string]string{} // upper-cased code → where
	out := make([]Function, 0, len(in))
	for _, nf := range in {
		f := nf.Function
		at := func(field string) string { return where(nf.Where, nf.At, field) }
		f.Name = strings.TrimSpace(vntext.NFC(f.Name))
		f.Field = strings.TrimSpace(vntext.NFC(f.Field))
		f.Description = strings.TrimSpace(vntext.NFC(f.Description))
		bad := false
		switch key := strings.ToUpper(f.Code); {
		case f.Code == "":
			r.fail(at(FieldCode), "thiếu mã chức năng, nhiệm vụ")
			bad = true
		case taken[f.Code]:
			r.fail(at(FieldCode), "mã chức năng «%s» đã có trong cơ sở dữ liệu", f.Code)
			bad = true
		case seen[key] != "":
			r.fail(at(FieldCode), "mã chức năng «%s» lặp lại (đã có ở %s)", f.Code, seen[key])
			bad = true
		default:
			seen[key] = nf.Where
		}
		if f.Name == "" {
			r.fail(at(FieldName), "thiếu tên chức năng, nhiệm vụ")
			bad = true
		}
		if f.Field == "" {
			r.fail(at(FieldField), "thiếu lĩnh vực")
			bad = true
		}
		if !f.ValidFrom.IsZero() && !f.ValidTo.IsZero() && !f.ValidTo.After(f.ValidFrom) {
			r.fail(at(FieldTo), "ngày kết thúc %s không sau ngày bắt đầu %s", f.ValidTo.VN(), f.ValidFrom.VN())
			bad = true
		}
		if bad {
			continue
		}
		f.ID, f.VersionID, f.RecordedBy, f.RecordedAt = r.s.ids(), r.s.ids(), r.by, r.tx.Now()
		r.byCode[f.Code], r.byID[f.ID] = f, f
		out = append(out, f)
	}
	return out
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

// function finds a function of the batch or of the catalogue by code or id.
func (r *recorder) function(ref string) (Function, bool) {
	if f, ok := r.byCode[ref]; ok {
		return f, true
	}
	fs, err := r.tx.FunctionsByRef(r.ctx, []string{ref})
	if err != nil || len(fs) == 0 {
		return Function{}, false
	}
	// The whole life of the function: its first start, its last end.
	f := fs[0]
	for _, v := range fs[1:] {
		if v.ValidFrom.Before(f.ValidFrom) {
			f.ValidFrom = v.ValidFrom
		}
		if f.ValidTo.IsZero() || v.ValidTo.IsZero() {
			f.ValidTo = civil.Date{}
		} else if v.ValidTo.After(f.ValidTo) {
			f.ValidTo = v.ValidTo
		}
		if v.ValidFrom.IsZero() {
			f.ValidFrom = civil.Date{}
		}
	}
	r.byCode[ref], r.byID[f.ID] = f, f
	return f, true
}

func (r *recorder) assignments(in []NewAssignment) []Assignment {
	out := make([]Assignment, 0, len(in))
	placeOf := map[string]string{}
	var fnIDs []string
	for _, na := range in {
		a := na.Assignment
		at := func(field string) string { return where(na.Where, na.At, field) }
		ref := strings.TrimSpace(vntext.NFC(na.FunctionRef))
		f, ok := r.function(ref)
		if !ok {
			r.fail(at(FieldCode), "không tìm thấy chức năng, nhiệm vụ có mã «%s»", ref)
			continue
		}
		uref := strings.TrimSpace(na.UnitRef)
		u := r.unit(uref)
		if !u.Found {
			r.fail(at(FieldUnit), "không tìm thấy đơn vị «%s»", uref)
			continue
		}
		role, ok := ParseRole(string(a.Role))
		if !ok {
			r.fail(at(FieldRole), "vai trò «%s» không hợp lệ (chủ trì hoặc phối hợp)", a.Role)
			continue
		}
		if a.ValidFrom.IsZero() {
			r.fail(at(FieldFrom), "thiếu ngày bắt đầu")
			continue
		}
		if !a.ValidTo.IsZero() && !a.ValidTo.After(a.ValidFrom) {
			r.fail(at(FieldTo), "ngày kết thúc %s không sau ngày bắt đầu %s", a.ValidTo.VN(), a.ValidFrom.VN())
			continue
		}
		if (!f.ValidFrom.IsZero() && a.ValidFrom.Before(f.ValidFrom)) ||
			(!f.ValidTo.IsZero() && (a.ValidTo.IsZero() || a.ValidTo.After(f.ValidTo))) {
			r.fail(at(FieldFrom), "chức năng, nhiệm vụ %s chỉ có hiệu lực %s", f.Label(), span(f.ValidFrom, f.ValidTo))
			continue
		}
		if !u.AliveOver(a.ValidFrom, a.ValidTo) {
			r.fail(at(FieldUnit), "đơn vị «%s» không hoạt động trong suốt thời gian được giao (từ %s)", uref, a.ValidFrom.VN())
			continue
		}
		decision, ok := r.decision(na, at)
		if !ok {
			continue
		}
		a.FunctionID, a.UnitID, a.Role, a.DecisionID = f.ID, u.ID, role, decision
		a.ID, a.VersionID, a.RecordedBy, a.RecordedAt = r.s.ids(), r.s.ids(), r.by, r.tx.Now()
		a.Note, a.OperationID = strings.TrimSpace(a.Note), ""
		placeOf[a.VersionID] = at(FieldUnit)
		out = append(out, a)
		fnIDs = append(fnIDs, f.ID)
	}
	if len(out) == 0 {
		return out
	}
	// One assignment of a function to a unit at a time, with what is
	// recorded: a second would say the unit both leads and coordinates it.
	prior, err := r.tx.FunctionAssignmentsOf(r.ctx, fnIDs)
	if err != nil {
		r.fail("", "không đọc được việc giao chức năng, nhiệm vụ hiện có: %v", err)
		return nil
	}
	type key struct{ fn, unit string }
	held := map[key][]Assignment{}
	for _, p := range prior {
		held[key{p.FunctionID, p.UnitID}] = append(held[key{p.FunctionID, p.UnitID}], p)
	}
	for _, a := range out {
		k := key{a.FunctionID, a.UnitID}
		for _, p := range held[k] {
			if overlaps(a.ValidFrom, a.ValidTo, p.ValidFrom, p.ValidTo) {
				r.fail(placeOf[a.VersionID], "đơn vị này đã được giao chức năng, nhiệm vụ %s (%s) %s",
					r.byID[a.FunctionID].Label(), p.Role.Label(), span(p.ValidFrom, p.ValidTo))
				break
			}
		}
		held[k] = append(held[k], a)
	}
	return out
}

// span says an interval in Vietnamese.
func span(from, to civil.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return "từ trước khi lập sổ"
	case to.IsZero():
		return "từ " + from.VN()
	case from.IsZero():
		return "đến " + to.VN()
	}
	return "từ " + from.VN() + " đến " + to.VN()
}

// decision finds or records the decision of an assignment; "" when none is given.
func (r *recorder) decision(na NewAssignment, at func(string) string) (string, bool) {
	num := vntext.NFC(strings.TrimSpace(na.Decision.Number))
	if num == "" {
		return "", true
	}
	issuer := vntext.NFC(strings.TrimSpace(na.Decision.Issuer))
	key := num + "|" + vntext.Fold(issuer) + "|" + na.Decision.SignedDate.String()
	if id, ok := r.decisions[key]; ok {
		return id, true
	}
	// Numbers restart every year and differ by issuer: a decision recorded
	// under the number is the same only if the issuer and date agree.
	found, err := r.tx.DecisionsByNumber(r.ctx, num)
	if err != nil {
		r.fail(na.Where, "không đọc được văn bản «%s»: %v", num, err)
		return "", false
	}
	for _, d := range found {
		if (issuer == "" || vntext.SameName(d.Issuer, issuer)) && (na.Decision.SignedDate.IsZero() || d.SignedDate == na.Decision.SignedDate) {
			r.decisions[key] = d.ID
			return d.ID, true
		}
	}
	if issuer == "" {
		r.fail(at(FieldIssuer), "văn bản «%s» chưa có trong cơ sở dữ liệu: cần cơ quan ban hành", num)
		return "", false
	}
	d := na.Decision
	d.Number, d.Issuer = num, issuer
	if d.Summary == "" {
		d.Summary = "Giao chức năng, nhiệm vụ"
	}
	d.ID, d.RecordedAt, d.RecordedBy = r.s.ids(), r.tx.Now(), r.by
	r.newDecisions = append(r.newDecisions, d)
	r.decisions[key] = d.ID
	return d.ID, true
}
