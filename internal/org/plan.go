package org

import (
	"context"
	"fmt"

	"tinhgon/internal/civil"
	"tinhgon/internal/vntext"
)

// state is what an operation does to one unit on its effective date.
type state struct {
	before   Unit // the version covering the date; zero for new units
	after    Attrs
	isNew    bool
	ended    bool
	role     string // input, output, moved, renamed, target
	explicit bool   // moved by the operation's own Moves
}

// plan validates an operation against the register and computes its effect.
type plan struct {
	ctx       context.Context
	tx        Tx
	op        *Operation
	ids       IDs
	date      civil.Date
	errs      []FieldError
	units     map[string]*state // by unit id
	order     []string          // unit ids in the order they were touched
	newByCode map[string]string // code of a new unit → its id
	inputs    []string
	outputs   []string // ids of existing or new outputs, in order
}

func (p *plan) fail(field, format string, args ...any) {
	p.errs = append(p.errs, FieldError{Field: field, Detail: fmt.Sprintf(format, args...)})
}

func (p *plan) subject() string {
	return fmt.Sprintf("Thao tác «%s» (%s)", p.op.Kind.Label(), p.op.Kind)
}

func show(u Unit) string {
	if u.Code != "" {
		return fmt.Sprintf("«%s» (%s)", u.Name, u.Code)
	}
	return fmt.Sprintf("«%s»", u.Name)
}

// resolve finds a unit's id from a reference, new units of this operation first.
func (p *plan) resolve(field, ref string) (string, bool) {
	if ref == "" {
		p.fail(field, "thiếu mã đơn vị")
		return "", false
	}
	if id, ok := p.newByCode[ref]; ok {
		return id, true
	}
	id, ok, err := p.tx.ResolveRef(p.ctx, ref)
	if err != nil {
		p.fail(field, "không đọc được đơn vị %q: %v", ref, err)
		return "", false
	}
	if !ok {
		p.fail(field, "không tìm thấy đơn vị %q", ref)
		return "", false
	}
	return id, true
}

// load returns the unit's state on the operation's date. With change set,
// the unit is about to be changed, so its current version must be the last
// one: a change recorded after the date must be corrected first.
func (p *plan) load(field, id string, change bool) (*state, bool) {
	if s, ok := p.units[id]; ok {
		if s.ended {
			p.fail(field, "đơn vị %s đã được chấm dứt trong chính thao tác này", show(s.before))
			return nil, false
		}
		if change && !s.isNew && !s.before.ValidTo.IsZero() {
			p.laterChange(field, s.before)
			return nil, false
		}
		return s, true
	}
	vs, err := p.tx.Versions(p.ctx, []string{id})
	if err != nil {
		p.fail(field, "không đọc được đơn vị %q: %v", id, err)
		return nil, false
	}
	if len(vs) == 0 {
		p.fail(field, "không tìm thấy đơn vị %q", id)
		return nil, false
	}
	var cover *Unit
	for i := range vs {
		if vs[i].ValidAt(p.date) {
			cover = &vs[i]
		}
	}
	if cover == nil {
		first, last := vs[0], vs[len(vs)-1]
		switch {
		case !first.ValidFrom.IsZero() && first.ValidFrom.After(p.date):
			p.fail(field, "đơn vị %s chưa tồn tại vào ngày %s (thành lập từ ngày %s)", show(first), p.date.VN(), first.ValidFrom.VN())
		case !last.ValidTo.IsZero() && !last.ValidTo.After(p.date):
			p.fail(field, "đơn vị %s đã chấm dứt hoạt động từ ngày %s", show(last), last.ValidTo.VN())
		default:
			p.fail(field, "đơn vị %s không hoạt động vào ngày %s", show(last), p.date.VN())
		}
		return nil, false
	}
	if change && !cover.ValidTo.IsZero() {
		p.laterChange(field, *cover)
		return nil, false
	}
	s := &state{before: *cover, after: cover.Attrs()}
	p.units[id] = s
	p.order = append(p.order, id)
	return s, true
}

func (p *plan) laterChange(field string, cover Unit) {
	p.fail(field, "đơn vị %s đã có thay đổi ghi nhận từ ngày %s, sau ngày hiệu lực %s; cần hiệu chỉnh thay đổi đó trước",
		show(cover), cover.ValidTo.VN(), p.date.VN())
}

// end marks an input as ended by the operation.
func (p *plan) end(field, ref string) (string, *state) {
	id, ok := p.resolve(field, ref)
	if !ok {
		return "", nil
	}
	s, ok := p.load(field, id, true)
	if !ok {
		return "", nil
	}
	if !s.before.ValidFrom.IsZero() && !s.before.ValidFrom.Before(p.date) {
		p.fail(field, "đơn vị %s bắt đầu hiệu lực đúng ngày %s nên không thể chấm dứt cùng ngày", show(s.before), p.date.VN())
		return "", nil
	}
	s.ended, s.role = true, "input"
	return id, s
}

// create adds a new unit of the operation.
func (p *plan) create(field string, nu *NewUnit, defaults *Unit) string {
	a := nu.Attrs
	a.Name, a.ShortName, a.Code = vntext.NFC(a.Name), vntext.NFC(a.ShortName), vntext.NFC(a.Code)
	if a.Name == "" {
		p.fail(field+".name", "đơn vị mới chưa có tên")
	}
	if defaults != nil {
		if a.Kind == "" {
			a.Kind = defaults.Kind
		}
		if a.Pillar == "" {
			a.Pillar = defaults.Pillar
		}
		if a.Level == "" {
			a.Level = defaults.Level
		}
		if a.AreaCode == "" {
			a.AreaCode = defaults.AreaCode
		}
	}
	if a.Kind == "" {
		p.fail(field+".kind", "đơn vị mới %q chưa có loại (kind)", a.Name)
	}
	if !ValidPillar(a.Pillar) {
		p.fail(field+".pillar", "khối %q của đơn vị mới %q không hợp lệ", a.Pillar, a.Name)
	}
	if !ValidLevel(a.Level) {
		p.fail(field+".level", "cấp %q của đơn vị mới %q không hợp lệ", a.Level, a.Name)
	}
	id := nu.ID
	if id == "" {
		id = p.ids()
	}
	if a.Code == "" {
		a.Code = id
	}
	if _, dup := p.newByCode[a.Code]; dup {
		p.fail(field+".code", "mã %q dùng cho hai đơn vị mới", a.Code)
	} else if taken, err := p.tx.CodeTaken(p.ctx, a.Code, id); err != nil {
		p.fail(field+".code", "không kiểm tra được mã %q: %v", a.Code, err)
	} else if taken {
		p.fail(field+".code", "mã %q đã được dùng cho đơn vị khác", a.Code)
	}
	p.newByCode[a.Code] = id
	p.units[id] = &state{after: a, isNew: true, role: "output"}
	p.order = append(p.order, id)
	return id
}

// alive reports whether a unit exists on the date once the operation is applied.
func (p *plan) alive(id string) (Attrs, bool) {
	if s, ok := p.units[id]; ok {
		return s.after, !s.ended
	}
	vs, err := p.tx.Versions(p.ctx, []string{id})
	if err != nil {
		return Attrs{}, false
	}
	for _, v := range vs {
		if v.ValidAt(p.date) {
			return v.Attrs(), true
		}
	}
	return Attrs{}, false
}

// endsLater returns the end recorded for a unit after the operation's
// date, if any: such a unit cannot take new children from the date on.
func (p *plan) endsLater(id string) (civil.Date, bool) {
	if s, ok := p.units[id]; ok && s.isNew {
		return civil.Date{}, false
	}
	vs, err := p.tx.Versions(p.ctx, []string{id})
	if err != nil || len(vs) == 0 {
		return civil.Date{}, false
	}
	last := vs[len(vs)-1]
	if last.ValidTo.IsZero() {
		return civil.Date{}, false
	}
	return last.ValidTo, true
}

// childrenAfter lists the units under parent once the operation is applied.
func (p *plan) childrenAfter(parent string) []string {
	var out []string
	stored, err := p.tx.ChildrenAt(p.ctx, parent, p.date)
	if err != nil {
		p.fail("", "không đọc được đơn vị trực thuộc: %v", err)
		return nil
	}
	for _, c := range stored {
		if _, ok := p.units[c.ID]; !ok {
			out = append(out, c.ID)
		}
	}
	for _, id := range p.order {
		s := p.units[id]
		if !s.ended && s.after.ParentID == parent {
			out = append(out, id)
		}
	}
	return out
}

func (p *plan) nameOf(id string) string {
	if s, ok := p.units[id]; ok {
		if s.isNew {
			return fmt.Sprintf("«%s»", s.after.Name)
		}
		return show(s.before)
	}
	if a, ok := p.alive(id); ok {
		return fmt.Sprintf("«%s» (%s)", a.Name, a.Code)
	}
	return id
}

// describe names any unit by its latest version, alive or not.
func (p *plan) describe(id string) string {
	if vs, err := p.tx.Versions(p.ctx, []string{id}); err == nil && len(vs) > 0 {
		return show(vs[len(vs)-1])
	}
	return fmt.Sprintf("%q", id)
}
