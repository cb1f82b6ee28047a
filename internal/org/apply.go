package org

import (
	"context"
	"fmt"
	"slices"

	"tinhgon/internal/civil"

	"tinhgon/internal/vntext"
)

// arity is what each kind takes and gives.
type arity struct {
	minIn, maxIn   int // maxIn < 0: unbounded
	minOut, maxOut int
	newOut         bool // outputs are new units (else references to existing ones)
	endsInputs     bool
	carryChildren  bool // children of ended inputs follow the single output
}

var arities = map[OpKind]arity{
	OpEstablish:     {0, 0, 1, -1, true, false, false},
	OpDissolve:      {1, -1, 0, 0, false, true, false},
	OpEndActivity:   {1, -1, 0, 0, false, true, false},
	OpTransferOut:   {1, -1, 0, 0, false, true, false},
	OpMerge:         {2, -1, 1, 1, true, true, true},
	OpAbsorb:        {1, -1, 1, 1, false, true, true},
	OpSplit:         {1, 1, 2, -1, true, true, false},
	OpSpinOff:       {1, 1, 1, -1, true, false, false},
	OpRename:        {1, 1, 0, 0, false, false, false},
	OpReparent:      {1, -1, 0, 0, false, false, false},
	OpTransferIn:    {0, -1, 1, -1, true, true, true},
	OpReorganize:    {1, -1, 1, 1, true, true, true},
	OpMoveFunctions: {1, -1, 1, -1, false, false, false},
}

// EndsInputs reports whether the inputs of an operation of this kind no
// longer exist after it: what follows units (staff, functions, lineage
// counts) asks the register rather than keep a list of its own.
func (k OpKind) EndsInputs() bool { return arities[k].endsInputs }

// build validates the operation and computes its effect on p.units.
func (p *plan) build() {
	op := p.op
	ar, ok := arities[op.Kind]
	if !ok {
		p.fail("kind", "loại thao tác %q không được hỗ trợ", op.Kind)
		return
	}
	if p.date.IsZero() {
		p.fail("effective_date", "thiếu ngày hiệu lực")
		return
	}
	p.checkCount("inputs", len(op.Inputs), ar.minIn, ar.maxIn)
	p.checkCount("outputs", len(op.Outputs), ar.minOut, ar.maxOut)
	for i, o := range op.Outputs {
		switch {
		case ar.newOut && o.New == nil:
			p.fail(fmt.Sprintf("outputs[%d]", i), "thao tác «%s» cần mô tả đơn vị mới (tên, loại, cấp, khối), không phải mã %q", op.Kind.Label(), o.Ref)
		case !ar.newOut && o.New != nil:
			p.fail(fmt.Sprintf("outputs[%d]", i), "thao tác «%s» cần mã của một đơn vị đang hoạt động, không phải đơn vị mới", op.Kind.Label())
		}
	}
	if len(p.errs) > 0 {
		return
	}

	// Inputs.
	var first *Unit
	for i, ref := range op.Inputs {
		field := fmt.Sprintf("inputs[%d]", i)
		var id string
		var s *state
		if ar.endsInputs {
			id, s = p.end(field, ref)
		} else if rid, ok := p.resolve(field, ref); ok {
			id = rid
			s, _ = p.load(field, id, op.Kind == OpRename || op.Kind == OpReparent)
		}
		if s == nil {
			continue
		}
		if slices.Contains(p.inputs, id) {
			p.fail(field, "đơn vị %s được nêu hai lần", show(s.before))
			continue
		}
		if s.role == "" {
			s.role = "input"
		}
		p.inputs = append(p.inputs, id)
		if first == nil {
			b := s.before
			first = &b
		}
	}

	// Outputs.
	for i, o := range op.Outputs {
		field := fmt.Sprintf("outputs[%d]", i)
		if o.New != nil {
			nu := *o.New
			if nu.ParentID == "" && first != nil && op.Kind != OpEstablish && op.Kind != OpTransferIn {
				nu.ParentID = p.commonParent()
			}
			p.outputs = append(p.outputs, p.create(field, &nu, first))
			continue
		}
		id, ok := p.resolve(field, o.Ref)
		if !ok {
			continue
		}
		if slices.Contains(p.inputs, id) {
			p.fail(field, "không thể %s đơn vị %s vào chính nó", op.Kind.Label(), p.nameOf(id))
			continue
		}
		s, ok := p.load(field, id, false)
		if !ok {
			continue
		}
		if s.role == "" {
			s.role = "target"
		}
		p.outputs = append(p.outputs, id)
	}

	p.resolveNewParents()

	switch op.Kind {
	case OpRename:
		p.rename()
	case OpReparent:
		p.reparentInputs()
	}
	p.applyMoves()
	if len(p.errs) > 0 {
		return
	}
	if ar.carryChildren && len(p.outputs) == 1 {
		p.carryChildren(p.outputs[0])
	}
	p.checkOrphans()
	p.checkParents()
	p.checkNames()
}

// resolveNewParents turns the parent references of new units (an id, a
// code, or the code of another new unit of this operation) into ids.
func (p *plan) resolveNewParents() {
	for i, id := range p.outputs {
		s := p.units[id]
		if s == nil || !s.isNew || s.after.ParentID == "" {
			continue
		}
		if pid, ok := p.resolve(fmt.Sprintf("outputs[%d].parent_id", i), s.after.ParentID); ok {
			s.after.ParentID = pid
		}
	}
}

func (p *plan) checkCount(field string, n, lo, hi int) {
	label := map[string]string{"inputs": "đơn vị đầu vào", "outputs": "đơn vị đầu ra"}[field]
	switch {
	case hi == 0 && n > 0:
		p.fail(field, "thao tác «%s» không nhận %s", p.op.Kind.Label(), label)
	case n < lo:
		p.fail(field, "thao tác «%s» cần ít nhất %d %s, có %d", p.op.Kind.Label(), lo, label, n)
	case hi > 0 && n > hi:
		p.fail(field, "thao tác «%s» nhận nhiều nhất %d %s, có %d", p.op.Kind.Label(), hi, label, n)
	}
}

// commonParent is the parent shared by every input, or "".
func (p *plan) commonParent() string {
	parent := ""
	for i, id := range p.inputs {
		pa := p.units[id].before.ParentID
		if i == 0 {
			parent = pa
		} else if pa != parent {
			return ""
		}
	}
	return parent
}

func (p *plan) rename() {
	if len(p.inputs) != 1 {
		return
	}
	s := p.units[p.inputs[0]]
	name, short := vntext.NFC(p.op.NewName), vntext.NFC(p.op.NewShortName)
	if name == "" {
		p.fail("new_name", "thiếu tên mới cho đơn vị %s", show(s.before))
		return
	}
	if name == s.before.Name && (short == "" || short == s.before.ShortName) {
		p.fail("new_name", "tên mới của đơn vị %s trùng tên hiện tại", show(s.before))
		return
	}
	s.after.Name, s.role = name, "renamed"
	if short != "" {
		s.after.ShortName = short
	}
}

func (p *plan) reparentInputs() {
	if p.op.NewParent == "" {
		p.fail("new_parent", "thiếu đơn vị quản lý mới (new_parent)")
		return
	}
	to, ok := p.resolve("new_parent", p.op.NewParent)
	if !ok {
		return
	}
	for _, id := range p.inputs {
		s := p.units[id]
		if s.before.ParentID == to {
			p.fail("new_parent", "đơn vị %s đã trực thuộc %s", show(s.before), p.nameOf(to))
			continue
		}
		s.after.ParentID, s.role, s.explicit = to, "moved", true
	}
}

func (p *plan) applyMoves() {
	for i, m := range p.op.Moves {
		field := fmt.Sprintf("moves[%d]", i)
		id, ok := p.resolve(field+".unit", m.Unit)
		if !ok {
			continue
		}
		to, ok := p.resolve(field+".to", m.To)
		if !ok {
			continue
		}
		s, ok := p.load(field+".unit", id, true)
		if !ok {
			continue
		}
		if s.explicit {
			p.fail(field+".unit", "đơn vị %s được nêu hai lần trong việc chuyển trực thuộc", p.nameOf(id))
			continue
		}
		s.after.ParentID, s.explicit = to, true
		if m.Level != "" {
			if !ValidLevel(m.Level) {
				p.fail(field+".level", "cấp %q không hợp lệ", m.Level)
			}
			s.after.Level = m.Level
		}
		if s.role == "" {
			s.role = "moved"
		}
	}
}

// carryChildren moves the living children of ended inputs under the output.
func (p *plan) carryChildren(out string) {
	for _, in := range p.inputs {
		if !p.units[in].ended {
			continue
		}
		for _, c := range p.childrenAfter(in) {
			s, ok := p.load("inputs", c, true)
			if !ok || s.explicit || s.ended || s.isNew {
				continue
			}
			s.after.ParentID = out
			if s.role == "" {
				s.role = "moved"
			}
		}
	}
}

// checkOrphans refuses to leave a living unit under an ended one.
func (p *plan) checkOrphans() {
	for _, id := range slices.Clone(p.order) {
		s := p.units[id]
		if !s.ended {
			continue
		}
		for _, c := range p.childrenAfter(id) {
			p.fail("moves", "đơn vị %s còn đơn vị trực thuộc %s đang hoạt động; cần chấm dứt hoặc chuyển đơn vị đó (moves)",
				show(s.before), p.nameOf(c))
		}
		later, err := p.tx.ChildrenEver(p.ctx, id)
		if err != nil {
			p.fail("", "không đọc được đơn vị trực thuộc: %v", err)
			continue
		}
		for _, c := range later {
			if !c.ValidFrom.IsZero() && c.ValidFrom.After(p.date) {
				p.fail("inputs", "đơn vị %s có đơn vị trực thuộc %s được ghi nhận từ ngày %s, sau ngày chấm dứt %s; cần hiệu chỉnh trước",
					show(s.before), show(c), c.ValidFrom.VN(), p.date.VN())
			}
		}
	}
}

// checkParents requires every new or moved unit's parent to be alive, and
// no unit to become its own ancestor.
func (p *plan) checkParents() {
	for _, id := range p.order {
		s := p.units[id]
		if s.ended || s.after.ParentID == "" || (!s.isNew && s.after.ParentID == s.before.ParentID) {
			continue
		}
		if s.after.ParentID == id {
			p.fail("new_parent", "đơn vị %s không thể trực thuộc chính nó", p.nameOf(id))
			continue
		}
		if _, ok := p.alive(s.after.ParentID); !ok {
			p.fail("parent_id", "đơn vị quản lý %s của %s không hoạt động vào ngày %s", p.describe(s.after.ParentID), p.nameOf(id), p.date.VN())
			continue
		}
		if end, ok := p.endsLater(s.after.ParentID); ok {
			p.fail("parent_id", "đơn vị quản lý %s của %s đã được ghi nhận chấm dứt từ ngày %s; không thể đặt đơn vị trực thuộc từ ngày %s",
				p.describe(s.after.ParentID), p.nameOf(id), end.VN(), p.date.VN())
			continue
		}
		seen := map[string]bool{}
		for cur := s.after.ParentID; cur != ""; {
			if cur == id {
				p.fail("new_parent", "chuyển %s vào %s sẽ tạo vòng lặp trực thuộc", p.nameOf(id), p.nameOf(s.after.ParentID))
				break
			}
			if seen[cur] {
				break
			}
			seen[cur] = true
			a, ok := p.alive(cur)
			if !ok {
				break
			}
			cur = a.ParentID
		}
	}
}

// checkNames refuses two living siblings with the same name.
func (p *plan) checkNames() {
	for _, id := range p.order {
		s := p.units[id]
		if s.ended || (!s.isNew && s.after.Name == s.before.Name && s.after.ParentID == s.before.ParentID) {
			continue
		}
		for _, sib := range p.childrenAfter(s.after.ParentID) {
			if sib == id {
				continue
			}
			a, ok := p.alive(sib)
			if ok && vntext.SameName(a.Name, s.after.Name) {
				p.fail("outputs", "tên «%s» trùng với đơn vị %s đang hoạt động cùng cấp quản lý", s.after.Name, p.nameOf(sib))
				break
			}
		}
	}
}

// write records the operation's effect in the transaction.
func (p *plan) write(ctx context.Context) error {
	tx, op := p.tx, p.op
	now := tx.Now()
	var units []OpUnit
	for _, id := range p.order {
		if r := p.units[id].role; r != "" {
			units = append(units, OpUnit{UnitID: id, Role: r})
		}
	}
	if err := tx.InsertOperation(ctx, *op, units); err != nil {
		return fmt.Errorf("record operation: %w", err)
	}
	for _, id := range p.order {
		s := p.units[id]
		switch {
		case s.isNew:
			u := Unit{ID: id, VersionID: p.ids(), ValidFrom: p.date}
			u.setAttrs(s.after)
			if err := p.insert(ctx, u); err != nil {
				return err
			}
		case s.ended || s.after != s.before.Attrs():
			if err := tx.Retract(ctx, s.before.VersionID, op.RecordedBy, op.ID, ""); err != nil {
				return fmt.Errorf("retract version of %s: %w", id, err)
			}
			if s.before.ValidFrom.IsZero() || s.before.ValidFrom.Before(p.date) {
				old := s.before
				old.VersionID, old.ValidTo = p.ids(), p.date
				if err := p.insert(ctx, old); err != nil {
					return err
				}
			}
			if !s.ended {
				u := s.before
				u.VersionID, u.ValidFrom, u.ValidTo = p.ids(), p.date, civil.Date{}
				u.setAttrs(s.after)
				if err := p.insert(ctx, u); err != nil {
					return err
				}
			}
		}
	}
	for _, e := range p.edges() {
		e.ID, e.OperationID, e.Kind, e.Date, e.DecisionID, e.RecordedAt = p.ids(), op.ID, op.Kind, p.date, op.DecisionID, now
		if err := tx.InsertEdge(ctx, e); err != nil {
			return fmt.Errorf("record lineage: %w", err)
		}
	}
	return nil
}

func (p *plan) insert(ctx context.Context, u Unit) error {
	u.RecordedAt, u.RecordedBy, u.OperationID, u.DecisionID = p.tx.Now(), p.op.RecordedBy, p.op.ID, p.op.DecisionID
	u.Name, u.ShortName = vntext.NFC(u.Name), vntext.NFC(u.ShortName)
	if err := p.tx.InsertVersion(ctx, u); err != nil {
		return fmt.Errorf("record version of %s: %w", u.ID, err)
	}
	return nil
}

// edges are the lineage the operation leaves: each input to each output.
// Renames and reparents keep the unit's identity and leave none.
func (p *plan) edges() []Edge {
	var out []Edge
	for _, in := range p.inputs {
		for _, o := range p.outputs {
			out = append(out, Edge{From: in, To: o})
		}
	}
	return out
}
