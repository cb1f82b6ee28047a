package staff

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// Follower moves staff and quotas with the register's operations: it is
// the org.Follower of a register whose province keeps staffing.
type Follower struct{ IDs org.IDs }

var _ org.Follower = Follower{}

// endsInputs lists the kinds after which the inputs no longer exist.
var endsInputs = []org.OpKind{org.OpDissolve, org.OpEndActivity, org.OpMerge, org.OpAbsorb, org.OpSplit,
	org.OpReorganize, org.OpTransferOut}

// Follow moves the people and quotas of an operation's inputs.
func (f Follower) Follow(ctx context.Context, otx org.Tx, op org.Operation, inputs, outputs []string) ([]org.FieldError, error) {
	tx, ok := otx.(Tx)
	if !ok {
		return nil, fmt.Errorf("staff: the register's transaction keeps no staff")
	}
	if op.Kind == org.OpRename || op.Kind == org.OpReparent || op.Kind == org.OpEstablish || op.Kind == org.OpTransferIn {
		return nil, nil
	}
	m := &mover{ctx: ctx, tx: tx, op: op, ids: f.IDs, d: op.EffectiveDate, outputs: outputs}
	ending := slices.Contains(endsInputs, op.Kind)
	open, err := tx.UnitAssignments(ctx, inputs, op.EffectiveDate)
	if err != nil {
		return nil, err
	}
	if err := m.placements(open); err != nil {
		return nil, err
	}
	target := ""
	if len(outputs) == 1 && op.Kind != org.OpSpinOff && op.Kind != org.OpMoveFunctions {
		target = outputs[0]
	}
	heads := 0
	for _, a := range open {
		if a.Post == Head && m.placed[a.PersonID] == nil {
			heads++
		}
	}
	if target != "" && op.Kind == org.OpAbsorb {
		heads++ // the absorbing unit keeps its own head
	}
	var unplaced []string
	for _, a := range open {
		p := m.placed[a.PersonID]
		switch {
		case p != nil:
			m.move(a, p)
		case !ending:
			// spin-offs and moves of functions take only those placed
		case !a.Primary && target == "":
			m.end(a) // a concurrent post ends with its body
		case target == "":
			unplaced = append(unplaced, a.PersonID)
		case a.Post == Head && heads > 1:
			m.fail("placements", "người đứng đầu %s của đơn vị được %s cần được chọn rõ: người đứng đầu, cấp phó hoặc cấp phó dôi dư",
				m.name(a.PersonID), op.Kind.Label())
		default:
			m.move(a, &org.Placement{To: target})
		}
	}
	if len(unplaced) > 0 {
		names := make([]string, 0, 5)
		for _, id := range unplaced[:min(5, len(unplaced))] {
			names = append(names, m.name(id))
		}
		more := ""
		if len(unplaced) > 5 {
			more = fmt.Sprintf(" và %d người khác", len(unplaced)-5)
		}
		m.fail("placements", "còn %d người chưa được bố trí: %s%s", len(unplaced), strings.Join(names, ", "), more)
	}
	if ending || (op.Kind == org.OpSpinOff && len(op.QuotaShares) > 0) {
		if err := m.quotas(inputs, target); err != nil {
			return nil, err
		}
	}
	if len(m.errs) > 0 {
		return m.errs, nil
	}
	return nil, m.write()
}

type mover struct {
	ctx     context.Context
	tx      Tx
	op      org.Operation
	ids     org.IDs
	d       civil.Date
	outputs []string
	errs    []org.FieldError
	placed  map[string]*org.Placement // by person id
	names   map[string]string
	retract []string
	insert  []Assignment
	quota   []Quota
}

func (m *mover) fail(field, format string, a ...any) {
	m.errs = append(m.errs, org.FieldError{Field: field, Detail: fmt.Sprintf(format, a...)})
}

func (m *mover) name(personID string) string {
	if n, ok := m.names[personID]; ok {
		return n
	}
	p, ok, err := m.tx.CurrentPerson(m.ctx, personID)
	if err != nil || !ok {
		return personID
	}
	return fmt.Sprintf("%s (%s)", p.Name, p.Code)
}

// placements resolves the operation's explicit placements.
func (m *mover) placements(open []Assignment) error {
	m.placed, m.names = map[string]*org.Placement{}, map[string]string{}
	inInputs := map[string]bool{}
	for _, a := range open {
		inInputs[a.PersonID] = true
	}
	for i := range m.op.Placements {
		p := &m.op.Placements[i]
		field := fmt.Sprintf("placements[%d]", i)
		id, ok, err := m.tx.PersonID(m.ctx, p.Person)
		if err != nil {
			return err
		}
		switch {
		case !ok:
			m.fail(field, "không tìm thấy người có mã «%s»", p.Person)
			continue
		case !inInputs[id]:
			m.fail(field, "%s không công tác ở đơn vị nào của thao tác vào ngày %s", m.name(id), m.d.VN())
			continue
		case m.placed[id] != nil:
			m.fail(field, "%s được bố trí hai lần", m.name(id))
			continue
		}
		if p.Post != "" {
			if _, ok := ParsePost(p.Post); !ok {
				m.fail(field+".post", "chức vụ «%s» không hợp lệ", p.Post)
				continue
			}
		}
		if !p.Leave {
			uid, ok, err := m.tx.ResolveRef(m.ctx, p.To)
			if err != nil {
				return err
			}
			if !ok {
				m.fail(field+".to", "không tìm thấy đơn vị «%s»", p.To)
				continue
			}
			if alive, err := m.aliveOn(uid); err != nil {
				return err
			} else if !alive {
				m.fail(field+".to", "đơn vị «%s» không hoạt động vào ngày %s", p.To, m.d.VN())
				continue
			}
			q := *p
			q.To = uid
			p = &q
		}
		m.placed[id] = p
	}
	return nil
}

// aliveOn reports whether a unit (an output of this operation included)
// is alive on the operation's day.
func (m *mover) aliveOn(id string) (bool, error) {
	vs, err := m.tx.Versions(m.ctx, []string{id})
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

// end closes an assignment the day before the operation.
func (m *mover) end(a Assignment) {
	m.retract = append(m.retract, a.VersionID)
	if a.ValidFrom.IsZero() || a.ValidFrom.Before(m.d) {
		old := a
		old.VersionID, old.ValidTo, old.OperationID, old.DecisionID = m.ids(), m.d, m.op.ID, m.op.DecisionID
		m.insert = append(m.insert, old)
	}
}

// move ends an assignment and opens its successor where p says.
func (m *mover) move(a Assignment, p *org.Placement) {
	m.end(a)
	if p.Leave {
		return
	}
	n := a
	n.ID, n.VersionID, n.UnitID, n.ValidFrom = m.ids(), m.ids(), p.To, m.d
	n.OperationID, n.DecisionID, n.Note = m.op.ID, m.op.DecisionID, ""
	if p.Post != "" {
		n.Post = Post(p.Post)
	}
	if p.Title != "" {
		n.Title = p.Title
	}
	n.Surplus = p.Surplus
	m.insert = append(m.insert, n)
}

// quotas carries the inputs' quotas of the year to the single output, or
// divides them among a split's outputs as the operation's shares say.
func (m *mover) quotas(inputs []string, target string) error {
	year := m.d.Time().Year()
	qs, err := m.tx.UnitQuotas(m.ctx, inputs, year)
	if err != nil {
		return err
	}
	sum := map[Category]int{}
	for _, q := range qs {
		sum[q.Category] += q.Count
	}
	if len(sum) == 0 {
		return nil
	}
	add := func(unit string, c Category, n int) {
		m.quota = append(m.quota, Quota{ID: m.ids(), UnitID: unit, Year: year, Category: c, Count: n,
			DecisionID: m.op.DecisionID, OperationID: m.op.ID, Note: "chuyển theo thao tác " + m.op.Kind.Label()})
	}
	if target != "" {
		for _, l := range Categories {
			if n := sum[l.Code]; n > 0 {
				add(target, l.Code, n)
			}
		}
		return nil
	}
	if len(m.outputs) == 0 {
		return nil // the quota ends with the unit
	}
	given := map[Category]int{}
	for i, s := range m.op.QuotaShares {
		field := fmt.Sprintf("quota_shares[%d]", i)
		uid, ok, err := m.tx.ResolveRef(m.ctx, s.To)
		if err != nil {
			return err
		}
		c, okc := ParseCategory(s.Category)
		switch {
		case !ok || !slices.Contains(m.outputs, uid):
			m.fail(field+".to", "«%s» không phải đơn vị đầu ra của thao tác", s.To)
		case !okc:
			m.fail(field+".category", "loại «%s» không hợp lệ", s.Category)
		case s.Count < 0:
			m.fail(field+".count", "số lượng không được âm")
		default:
			given[c] += s.Count
			add(uid, c, s.Count)
		}
	}
	if m.op.Kind == org.OpSpinOff {
		// The part given away leaves the input, which continues.
		for _, l := range Categories {
			switch n := given[l.Code]; {
			case n > sum[l.Code]:
				m.fail("quota_shares", "biên chế %s năm %d của đơn vị là %d, không đủ để chuyển %d", l.Label, year, sum[l.Code], n)
			case n > 0:
				add(inputs[0], l.Code, -n)
			}
		}
		return nil
	}
	for _, l := range Categories {
		if sum[l.Code] != given[l.Code] {
			m.fail("quota_shares", "biên chế %s năm %d của đơn vị bị chia là %d, đã phân bổ %d", l.Label, year, sum[l.Code], given[l.Code])
		}
	}
	return nil
}

func (m *mover) write() error {
	by := m.op.RecordedBy
	for _, id := range m.retract {
		if err := m.tx.Retract(m.ctx, id, by, m.op.ID, ""); err != nil {
			return fmt.Errorf("move assignment: %w", err)
		}
	}
	for i := range m.insert {
		m.insert[i].RecordedBy = by
	}
	for i := range m.quota {
		m.quota[i].RecordedBy = by
	}
	if err := m.tx.InsertAssignments(m.ctx, m.insert); err != nil {
		return err
	}
	return m.tx.InsertQuotas(m.ctx, m.quota)
}

// Unfollow undoes an operation's moves: the rows it recorded are
// withdrawn and those it withdrew are believed again.
func (f Follower) Unfollow(ctx context.Context, otx org.Tx, op org.Operation) error {
	tx, ok := otx.(Tx)
	if !ok {
		return fmt.Errorf("staff: the register's transaction keeps no staff")
	}
	made, quotas, retracted, err := tx.StaffByOperation(ctx, op.ID)
	if err != nil {
		return err
	}
	by := "hủy thao tác " + op.ID
	for _, a := range made {
		if err := tx.Retract(ctx, a.VersionID, by, op.ID, "hủy thao tác"); err != nil {
			return err
		}
	}
	for _, q := range quotas {
		if err := tx.Retract(ctx, q.ID, by, op.ID, "hủy thao tác"); err != nil {
			return err
		}
	}
	for i := range retracted {
		retracted[i].VersionID, retracted[i].RecordedBy = f.IDs(), by
	}
	return tx.InsertAssignments(ctx, retracted)
}
