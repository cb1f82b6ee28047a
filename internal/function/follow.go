package function

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// Follower carries functions with the register's operations: it is the
// org.Follower of a register whose province keeps a catalogue of
// functions. It reads and writes only through Tx, which the operation's
// transaction must implement.
//
// Merge, absorb, reorganize and transfer_in carry every function of the
// inputs to the output in the same role (a function the output already
// holds in that role is kept once), unless the operation's function
// shares send some elsewhere. A split needs a share for every function of
// the input. A spin-off and a move of functions move only the functions
// shared. Dissolve, end_activity and transfer_out hand over the functions
// shared; the others end with the unit, and the one-lead rule reports
// them as omitted. Rename, reparent and establish move nothing.
type Follower struct{ IDs org.IDs }

var _ org.Follower = Follower{}

// errNoCatalogue says the transaction given is not one of a register that
// keeps functions.
var errNoCatalogue = errors.New("function: the register's transaction keeps no functions")

// carriesAll lists the kinds whose single output takes every function.
var carriesAll = []org.OpKind{org.OpMerge, org.OpAbsorb, org.OpReorganize, org.OpTransferIn}

// Follow checks and records the moves of functions of an operation whose
// inputs and outputs are the given unit ids.
func (f Follower) Follow(ctx context.Context, otx org.Tx, op org.Operation, inputs, outputs []string) ([]org.FieldError, error) {
	tx, ok := otx.(Tx)
	if !ok {
		return nil, errNoCatalogue
	}
	m := &mover{ctx: ctx, tx: tx, otx: otx, op: op, ids: f.IDs, d: op.EffectiveDate, inputs: inputs, outputs: outputs}
	switch op.Kind {
	case org.OpRename, org.OpReparent, org.OpEstablish:
		if len(op.FunctionShares) > 0 {
			m.fail("function_shares", "thao tác «%s» không chuyển chức năng, nhiệm vụ; dùng thao tác chuyển giao chức năng, nhiệm vụ (move_functions)", op.Kind.Label())
			return m.errs, nil
		}
		return nil, nil
	}
	held, err := tx.UnitFunctions(ctx, inputs, m.d)
	if err != nil {
		return nil, err
	}
	ending := op.Kind.EndsInputs()
	if ending {
		// A function given to an input after the day would be left with a
		// unit that no longer exists: that assignment must be corrected first.
		later, err := tx.UnitFunctionsAfter(ctx, inputs, m.d)
		if err != nil {
			return nil, err
		}
		held = append(held, later...) // their functions are named below
		if err := m.load(held); err != nil {
			return nil, err
		}
		held = held[:len(held)-len(later)]
		for i, a := range later {
			if i == 5 {
				m.fail("inputs", "và %d việc giao chức năng, nhiệm vụ khác bắt đầu sau ngày hiệu lực", len(later)-5)
				break
			}
			m.fail("inputs", "chức năng, nhiệm vụ %s được giao cho %s từ %s, sau ngày hiệu lực %s: cần sửa việc giao đó trước",
				m.fnName(a.FunctionID), m.unitName(a.UnitID), a.ValidFrom.VN(), m.d.VN())
		}
	} else if err := m.load(held); err != nil {
		return nil, err
	}
	shares, err := m.shares(held, ending)
	if err != nil {
		return nil, err
	}
	byFn := map[string][]share{}
	for _, s := range shares {
		byFn[s.fn] = append(byFn[s.fn], s)
	}
	var unallocated []string
	for _, a := range held {
		ss := byFn[a.FunctionID]
		switch {
		case slices.Contains(carriesAll, op.Kind) && len(outputs) == 1:
			m.end(a)
			if len(ss) == 0 {
				m.moveTo(a, share{to: outputs[0]})
			}
		case op.Kind == org.OpSplit || slices.Contains(carriesAll, op.Kind):
			// Several outputs (a split, a transfer in to several units):
			// each function must be given to one.
			m.end(a)
			if len(ss) == 0 && !slices.Contains(unallocated, a.FunctionID) {
				unallocated = append(unallocated, a.FunctionID)
			}
		case ending: // dissolve, end_activity, transfer_out
			m.end(a)
		case len(ss) > 0: // spin_off, move_functions: only what is shared
			m.end(a)
		}
		for _, s := range ss {
			m.moveTo(a, s)
		}
	}
	if len(unallocated) > 0 {
		whose := "của đơn vị bị chia"
		if op.Kind != org.OpSplit {
			whose = "của các đơn vị đầu vào (thao tác có nhiều đơn vị đầu ra)"
		}
		m.fail("function_shares", "còn %d chức năng, nhiệm vụ %s chưa được giao cho đơn vị nào: %s",
			len(unallocated), whose, m.fnList(unallocated))
	}
	if op.Kind == org.OpMoveFunctions && len(op.FunctionShares) == 0 && len(held) > 0 {
		var fns []string
		for _, a := range held {
			if !slices.Contains(fns, a.FunctionID) {
				fns = append(fns, a.FunctionID)
			}
		}
		m.fail("function_shares", "thao tác chuyển giao chức năng, nhiệm vụ cần nêu các chức năng, nhiệm vụ được chuyển (function_shares); đơn vị đầu vào đang giữ: %s",
			m.fnList(fns))
	}
	if len(m.errs) > 0 {
		return m.errs, nil
	}
	if err := m.settle(); err != nil {
		return nil, err
	}
	return nil, m.write()
}

// share is an operation's function share, resolved.
type share struct {
	fn   string // function id
	to   string // unit id
	role Role   // empty: the role held
}

// move is a function row of an input going to a unit in a role.
type move struct {
	from Assignment
	to   string
	role Role
}

type mover struct {
	ctx     context.Context
	tx      Tx
	otx     org.Tx
	op      org.Operation
	ids     org.IDs
	d       civil.Date
	inputs  []string
	outputs []string
	errs    []org.FieldError
	fns     map[string]Function // by id: the version valid on d, else the latest
	ended   []Assignment        // rows that end on d
	moves   []move
	insert  []Assignment
}

func (m *mover) fail(field, format string, a ...any) {
	m.errs = append(m.errs, org.FieldError{Field: field, Detail: fmt.Sprintf(format, a...)})
}

// load reads the functions of rows and of the operation's shares, for
// resolving shares and naming functions.
func (m *mover) load(rows []Assignment) error {
	var refs []string
	for _, a := range rows {
		refs = append(refs, a.FunctionID)
	}
	for _, s := range m.op.FunctionShares {
		if r := strings.TrimSpace(s.Function); r != "" {
			refs = append(refs, r)
		}
	}
	slices.Sort(refs)
	refs = slices.Compact(refs)
	m.fns = map[string]Function{}
	if len(refs) == 0 {
		return nil
	}
	fs, err := m.tx.FunctionsByRef(m.ctx, refs)
	if err != nil {
		return err
	}
	for _, f := range fs {
		if prev, ok := m.fns[f.ID]; ok && prev.ValidAt(m.d) {
			continue
		}
		m.fns[f.ID] = f
	}
	return nil
}

// find returns the id of the function with id or code ref.
func (m *mover) find(ref string) (string, bool) {
	if _, ok := m.fns[ref]; ok {
		return ref, true
	}
	for id, f := range m.fns {
		if f.Code == ref {
			return id, true
		}
	}
	return "", false
}

func (m *mover) fnName(id string) string {
	if f, ok := m.fns[id]; ok {
		return f.Label()
	}
	return "«" + id + "»"
}

// fnList names functions, the first five and a count of the others.
func (m *mover) fnList(ids []string) string {
	names := make([]string, 0, 5)
	for _, id := range ids[:min(5, len(ids))] {
		names = append(names, m.fnName(id))
	}
	s := strings.Join(names, ", ")
	if len(ids) > 5 {
		s += fmt.Sprintf(" và %d chức năng, nhiệm vụ khác", len(ids)-5)
	}
	return s
}

func (m *mover) unitName(id string) string {
	vs, err := m.otx.Versions(m.ctx, []string{id})
	if err != nil || len(vs) == 0 {
		return "«" + id + "»"
	}
	v := vs[len(vs)-1]
	return fmt.Sprintf("«%s» (%s)", v.Name, v.Code)
}

// aliveOn reports whether a unit (an output of this operation included)
// is alive on the operation's day.
func (m *mover) aliveOn(id string) (bool, error) {
	vs, err := m.otx.Versions(m.ctx, []string{id})
	if err != nil {
		return false, err
	}
	for _, v := range vs {
		if v.ValidAt(m.d) {
			return true, nil
		}
	}
	return false, nil
}

// shares resolves and checks the operation's function shares.
func (m *mover) shares(held []Assignment, ending bool) ([]share, error) {
	heldFn := map[string]bool{}
	for _, a := range held {
		heldFn[a.FunctionID] = true
	}
	var out []share
	for i, s := range m.op.FunctionShares {
		field := fmt.Sprintf("function_shares[%d]", i)
		ref := strings.TrimSpace(s.Function)
		if ref == "" {
			m.fail(field+".function", "thiếu mã chức năng, nhiệm vụ")
			continue
		}
		fn, ok := m.find(ref)
		if !ok {
			m.fail(field+".function", "không tìm thấy chức năng, nhiệm vụ «%s»", ref)
			continue
		}
		if !heldFn[fn] {
			m.fail(field+".function", "các đơn vị đầu vào không giữ chức năng, nhiệm vụ %s vào ngày %s", m.fnName(fn), m.d.VN())
			continue
		}
		var role Role
		if strings.TrimSpace(s.Role) != "" {
			r, ok := ParseRole(s.Role)
			if !ok {
				m.fail(field+".role", "vai trò «%s» không hợp lệ (lead — chủ trì, coordinate — phối hợp)", s.Role)
				continue
			}
			role = r
		}
		to := strings.TrimSpace(s.To)
		if to == "" {
			if len(m.outputs) != 1 {
				m.fail(field+".to", "cần nêu đơn vị nhận chức năng, nhiệm vụ %s", m.fnName(fn))
				continue
			}
			to = m.outputs[0]
		} else {
			id, ok, err := m.tx.ResolveRef(m.ctx, to)
			if err != nil {
				return nil, err
			}
			if !ok {
				m.fail(field+".to", "không tìm thấy đơn vị «%s»", to)
				continue
			}
			to = id
		}
		if ending && slices.Contains(m.inputs, to) {
			m.fail(field+".to", "đơn vị %s chấm dứt hoạt động trong chính thao tác này", m.unitName(to))
			continue
		}
		if alive, err := m.aliveOn(to); err != nil {
			return nil, err
		} else if !alive {
			m.fail(field+".to", "đơn vị %s không hoạt động vào ngày %s", m.unitName(to), m.d.VN())
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || (o.fn == fn && o.to == to)
		}
		if dup {
			m.fail(field, "chức năng, nhiệm vụ %s được giao hai lần cho %s", m.fnName(fn), m.unitName(to))
			continue
		}
		out = append(out, share{fn: fn, to: to, role: role})
	}
	return out, nil
}

// end closes a row of an input on the operation's day.
func (m *mover) end(a Assignment) {
	for _, e := range m.ended {
		if e.VersionID == a.VersionID {
			return
		}
	}
	m.ended = append(m.ended, a)
}

// moveTo gives the function of a row to the unit of s, in s's role or the row's.
func (m *mover) moveTo(a Assignment, s share) {
	role := s.role
	if role == "" {
		role = a.Role
	}
	m.moves = append(m.moves, move{from: a, to: s.to, role: role})
}

// settle turns the moves into rows: one per function and unit, a lead
// winning over a coordinating role; a unit that already holds the function
// keeps it (becoming lead if a lead comes in).
func (m *mover) settle() error {
	type key struct{ fn, unit string }
	var dests []string
	for _, mv := range m.moves {
		if !slices.Contains(dests, mv.to) {
			dests = append(dests, mv.to)
		}
	}
	have := map[key]Assignment{}
	if len(dests) > 0 {
		existing, err := m.tx.UnitFunctions(m.ctx, dests, m.d)
		if err != nil {
			return err
		}
		for _, e := range existing {
			if !slices.ContainsFunc(m.ended, func(x Assignment) bool { return x.VersionID == e.VersionID }) {
				have[key{e.FunctionID, e.UnitID}] = e
			}
		}
	}
	want := map[key]move{}
	var order []key
	for _, mv := range m.moves {
		k := key{mv.from.FunctionID, mv.to}
		cur, ok := want[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || (cur.role != Lead && mv.role == Lead) {
			want[k] = mv
		}
	}
	for _, k := range order {
		mv := want[k]
		if e, ok := have[k]; ok {
			if e.Role == mv.role || e.Role == Lead {
				continue
			}
			m.end(e) // it coordinated; from the day it leads
		}
		a := mv.from
		n := Assignment{ID: m.ids(), VersionID: m.ids(), FunctionID: a.FunctionID, UnitID: mv.to, Role: mv.role,
			ValidFrom: m.d, ValidTo: a.ValidTo, OperationID: m.op.ID, DecisionID: m.op.DecisionID}
		m.insert = append(m.insert, n)
	}
	return nil
}

// write records the ends and the moves.
func (m *mover) write() error {
	by := m.op.RecordedBy
	var rows []Assignment
	for _, a := range m.ended {
		if err := m.tx.Retract(m.ctx, a.VersionID, by, m.op.ID, ""); err != nil {
			return fmt.Errorf("end function assignment: %w", err)
		}
		if a.ValidFrom.IsZero() || a.ValidFrom.Before(m.d) {
			old := a
			old.VersionID, old.ValidTo, old.OperationID, old.DecisionID, old.RetractedAt = m.ids(), m.d, m.op.ID, m.op.DecisionID, nil
			rows = append(rows, old)
		}
	}
	rows = append(rows, m.insert...)
	for i := range rows {
		rows[i].RecordedBy, rows[i].RecordedAt = by, m.tx.Now()
	}
	return m.tx.InsertFunctionAssignments(m.ctx, rows)
}

// Unfollow undoes an operation's moves of functions: the rows it recorded
// are withdrawn and those it withdrew are believed again. It refuses when
// later writes changed what the operation moved.
func (f Follower) Unfollow(ctx context.Context, otx org.Tx, op org.Operation) error {
	tx, ok := otx.(RevertTx)
	if !ok {
		return errNoCatalogue
	}
	units, err := otx.OperationUnits(ctx, op.ID)
	if err != nil {
		return err
	}
	var created []string
	for _, u := range units {
		if u.Role == "output" {
			created = append(created, u.UnitID)
		}
	}
	n, err := tx.FunctionsChangedSince(ctx, op.ID, created)
	if err != nil {
		return err
	}
	if n > 0 {
		return &org.ValidationError{Subject: fmt.Sprintf("Hủy thao tác «%s» ngày %s", op.Kind.Label(), op.EffectiveDate.VN()),
			Errors: []org.FieldError{{Field: "id", Detail: fmt.Sprintf(
				"%d việc giao chức năng, nhiệm vụ đã được ghi hoặc thay đổi sau thao tác này: cần hủy các thay đổi đó trước", n)}}}
	}
	made, retracted, err := tx.FunctionsByOperation(ctx, op.ID)
	if err != nil {
		return err
	}
	by := "hủy thao tác " + op.ID
	for _, a := range made {
		if err := tx.Retract(ctx, a.VersionID, by, op.ID, "hủy thao tác"); err != nil {
			return err
		}
	}
	for i := range retracted {
		retracted[i].VersionID, retracted[i].RecordedBy, retracted[i].RecordedAt, retracted[i].RetractedAt = f.IDs(), by, tx.Now(), nil
	}
	return tx.InsertFunctionAssignments(ctx, retracted)
}
