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
	ending := op.Kind.EndsInputs()
	open, err := tx.UnitAssignments(ctx, inputs, op.EffectiveDate)
	if err != nil {
		return nil, err
	}
	if err := m.placements(open); err != nil {
		return nil, err
	}
	if ending {
		// Someone placed in an input after the day would be left in a unit
		// that no longer exists: those assignments must be corrected first.
		later, err := tx.UnitAssignmentsAfter(ctx, inputs, op.EffectiveDate)
		if err != nil {
			return nil, err
		}
		for i, a := range later {
			if i == 5 {
				m.fail("inputs", "và %d việc bố trí khác bắt đầu sau ngày hiệu lực", len(later)-5)
				break
			}
			m.fail("inputs", "%s được bố trí vào đơn vị đầu vào từ %s, sau ngày hiệu lực %s: cần sửa việc bố trí đó trước",
				m.name(a.PersonID), a.ValidFrom.VN(), op.EffectiveDate.VN())
		}
	}
	target := ""
	if len(outputs) == 1 && op.Kind != org.OpSpinOff && op.Kind != org.OpMoveFunctions {
		target = outputs[0]
	}
	// A placement says where a person's primary post goes; their concurrent
	// posts follow the operation's default.
	placedOf := func(a Assignment) *org.Placement {
		if !a.Primary {
			return nil
		}
		return m.placed[a.PersonID]
	}
	heads := 0
	for _, a := range open {
		if a.Post == Head && placedOf(a) == nil {
			heads++
		}
	}
	if target != "" && op.Kind == org.OpAbsorb {
		heads++ // the absorbing unit keeps its own head
	}
	var unplaced []string
	for _, a := range open {
		p := placedOf(a)
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
	qs, err := m.tx.UnitQuotasFrom(m.ctx, inputs, m.d.Time().Year())
	if err != nil {
		return err
	}
	byYear := map[int]map[Category]int{}
	var years []int
	for _, q := range qs {
		if byYear[q.Year] == nil {
			byYear[q.Year] = map[Category]int{}
			years = append(years, q.Year)
		}
		byYear[q.Year][q.Category] += q.Count
	}
	for _, year := range years {
		if err := m.quotasOf(inputs, target, year, byYear[year]); err != nil {
			return err
		}
	}
	return nil
}

// quotasOf carries one year's quotas, sum by category, as quotas does.
func (m *mover) quotasOf(inputs []string, target string, year int, sum map[Category]int) error {
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
	// Shares are given for the year of the operation; later years are
	// divided in the same proportion only when the operation says so.
	if year != m.d.Time().Year() {
		if m.op.Kind == org.OpSplit {
			m.fail("quota_shares", "đơn vị bị chia có biên chế năm %d: cần giao lại biên chế năm đó cho các đơn vị mới trước khi chia", year)
		}
		return nil
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
	n, err := tx.ChangedSince(ctx, op.ID, created)
	if err != nil {
		return err
	}
	if n > 0 {
		return &org.ValidationError{Subject: fmt.Sprintf("Hủy thao tác «%s» ngày %s", op.Kind.Label(), op.EffectiveDate.VN()),
			Errors: []org.FieldError{{Field: "id", Detail: fmt.Sprintf(
				"%d việc bố trí đã được ghi hoặc thay đổi sau thao tác này (điều động, thôi việc, bố trí vào đơn vị mới): cần hủy các thay đổi đó trước", n)}}}
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
