package schemesheet

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	sheets "tinhgon/internal/sheet" // sheet is the writer of one sheet here
	"tinhgon/internal/vntext"
)

// opEntry is an operation being read, with what is needed to assemble its
// outputs once the sheet «Đơn vị mới» is read.
type opEntry struct {
	row    int      // on the sheet «Thao tác»
	outs   []string // the cell «Đơn vị đầu ra»: references and codes of new units
	outsAt Pos
	news   []*newEntry
	op     org.Operation
}

type newEntry struct {
	row  int
	unit *org.NewUnit
	used bool
}

// scheme reads the label/value rows of the sheet «Đề án»; rows it does not
// know (the status, the decision, a header) are for reading only.
func (rd *reader) scheme(f *excelize.File) scheme.Scheme {
	var sc scheme.Scheme
	seen := map[string]int{}
	known := []string{lblCode, lblName, lblLegalBasis, lblBaseDate, lblEffective}
	rd.each(f, SheetScheme, func(n int, cells []string) {
		if len(cells) == 0 {
			return
		}
		key := vntext.Fold(strings.TrimSuffix(strings.TrimSpace(cells[0]), "*"))
		i := slices.IndexFunc(known, func(l string) bool { return vntext.Fold(l) == key })
		if i < 0 {
			return
		}
		label := known[i]
		pos := Pos{File: rd.file, Sheet: SheetScheme, Row: n, Column: "B", Header: label}
		if prev, dup := seen[label]; dup {
			rd.errs.Add(Error{Pos: pos, Reason: fmt.Sprintf("dòng «%s» lặp lại (đã có ở dòng %d)", label, prev)})
			return
		}
		seen[label] = n
		v := ""
		if len(cells) > 1 {
			v = cells[1]
		}
		switch label {
		case lblCode:
			sc.Code = vntext.NFC(v)
		case lblName:
			sc.Name = vntext.NFC(v)
		case lblLegalBasis:
			sc.LegalBasis = note(v)
		case lblBaseDate:
			sc.BaseDate = rd.date(pos, v)
		case lblEffective:
			sc.EffectiveDate = rd.date(pos, v)
		}
		if (label == lblName || label == lblEffective) && strings.TrimSpace(v) == "" {
			rd.errs.Add(Error{Pos: pos, Reason: "chưa nhập giá trị cho dòng bắt buộc"})
		}
	})
	for _, l := range []string{lblName, lblEffective} {
		if _, ok := seen[l]; !ok {
			rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: SheetScheme}, Reason: fmt.Sprintf("thiếu dòng «%s» (cột A là tên mục, cột B là nội dung)", l)})
		}
	}
	return sc
}

func (rd *reader) date(pos Pos, s string) civil.Date {
	if s = vntext.NFC(s); s == "" {
		return civil.Date{}
	}
	d, ok := sheets.ParseDate(s, false, rd.date1904)
	if !ok {
		rd.errs.Add(Error{Pos: pos, Reason: dateReason(s)})
	}
	return d
}

// operation reads a row of «Thao tác». Its number is kept even when other
// cells are bad, so that its parts are not reported as orphans too.
func (rd *reader) operation(r *row) {
	e := &opEntry{row: r.pos.Row, outs: r.refs(hOutputs), outsAt: r.at(hOutputs), op: org.Operation{
		Kind: r.opKind(hKind), EffectiveDate: r.date(hEffective), Inputs: r.refs(hInputs),
		NewParent: r.text(hNewParent), NewName: r.text(hNewName), NewShortName: r.text(hNewShort),
		Summary: r.note(hSummary), DecisionID: r.text(hDecisionID),
	}}
	n, ok := r.count(hSTT, 1)
	if !ok {
		return
	}
	if prev, dup := rd.ops[n]; dup {
		r.fail(hSTT, "số thứ tự %d trùng với dòng %d", n, prev.row)
		return
	}
	rd.ops[n] = e
}

func (rd *reader) newUnit(r *row) {
	u := &org.NewUnit{Attrs: org.Attrs{Code: r.text(hCode), Name: r.text(hName), ShortName: r.text(hShortName),
		Kind: parseUnitKind(r.text(hUnitKind)), Level: r.level(hLevel), Pillar: r.pillar(hPillar),
		ParentID: r.text(hParent), AreaCode: r.text(hArea)}}
	e := r.op()
	if e == nil {
		return
	}
	for _, prev := range e.news {
		if u.Code != "" && strings.EqualFold(prev.unit.Code, u.Code) {
			// The cell «Đơn vị đầu ra» names new units by code.
			r.fail(hCode, "mã %s đã dùng cho đơn vị mới ở dòng %d của cùng thao tác", quote(u.Code), prev.row)
			return
		}
	}
	e.news = append(e.news, &newEntry{row: r.pos.Row, unit: u})
}

func (rd *reader) move(r *row) {
	m := org.Move{Unit: r.text(hUnit), To: r.text(hMoveTo), Level: r.level(hNewLevel)}
	if e := r.op(); e != nil {
		e.op.Moves = append(e.op.Moves, m)
	}
}

func (rd *reader) placement(r *row) {
	p := org.Placement{Person: r.text(hPerson), To: r.text(hTo), Post: r.post(hPost), Title: r.text(hTitle),
		Surplus: r.flag(hSurplus), Leave: r.flag(hLeave), Policy: r.policy(hPolicy)}
	if e := r.op(); e != nil {
		e.op.Placements = append(e.op.Placements, p)
	}
}

func (rd *reader) quota(r *row) {
	n, _ := r.count(hCount, 0)
	q := org.QuotaShare{To: r.text(hReceiver), Category: r.category(hCategory), Count: n}
	if e := r.op(); e != nil {
		e.op.QuotaShares = append(e.op.QuotaShares, q)
	}
}

func (rd *reader) functionShare(r *row) {
	fs := org.FunctionShare{Function: r.text(hFunction), To: r.text(hReceiver), Role: r.role(hRole)}
	if e := r.op(); e != nil {
		e.op.FunctionShares = append(e.op.FunctionShares, fs)
	}
}

// operations assembles the operations in the order of their numbers. A
// new unit takes the place its code has in «Đơn vị đầu ra»; one the cell
// does not name (it may have no code) comes after those it names.
func (rd *reader) operations() []org.Operation {
	ns := make([]int, 0, len(rd.ops))
	for n := range rd.ops {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	var out []org.Operation
	for _, n := range ns {
		e := rd.ops[n]
		for _, ref := range e.outs {
			i := slices.IndexFunc(e.news, func(x *newEntry) bool { return x.unit.Code != "" && strings.EqualFold(x.unit.Code, ref) })
			switch {
			case i < 0:
				e.op.Outputs = append(e.op.Outputs, org.Output{Ref: ref})
			case e.news[i].used:
				rd.errs.Add(Error{Pos: e.outsAt, Reason: fmt.Sprintf("đơn vị mới %s được nêu hai lần", quote(ref))})
			default:
				e.news[i].used = true
				e.op.Outputs = append(e.op.Outputs, org.Output{New: e.news[i].unit})
			}
		}
		for _, x := range e.news {
			if !x.used {
				e.op.Outputs = append(e.op.Outputs, org.Output{New: x.unit})
			}
		}
		out = append(out, e.op)
	}
	return out
}
