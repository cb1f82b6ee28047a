package bench

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
)

// The simulator records operations the way org.Register.Apply does: a
// changed or ended unit's believed row is retracted, the part of it before
// the operation's date is recorded again closed on that date, and a
// changed unit gets a new row from that date. Each operation, each row and
// each retraction carries the operation's transaction time; times strictly
// increase in the order operations are simulated.

const recordedBy = "bench"

// unit is a unit's state in the simulation.
type unit struct {
	id     string
	a      org.Attrs
	row    int // the believed row valid from now on; -1 once the unit ended
	parent *unit
	kids   []*unit
	rows   []int  // every row recorded for the unit
	fix    string // the right name, when the name was recorded with a typo
	typo   string // the misspelt name
}

func (u *unit) alive() bool { return u != nil && u.row >= 0 }

type sim struct {
	rng       *rand.Rand
	seq       uint64
	clock     time.Time
	date      civil.Date
	op        int // the operation being recorded, -1 outside one
	roles     map[string]bool
	ds        *Dataset
	retracted []bool
	roots     []*unit
	codes     map[string]bool
	decisions map[string]string
	typoRate  float64
}

// idEpoch is the millisecond of the generated ids' time prefix.
var idEpoch = time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC).UnixMilli()

// newID returns a UUIDv7-shaped id: time-ordered like store.NewID's, but
// drawn from the seeded generator so that every run makes the same ids.
func (s *sim) newID() string {
	s.seq++
	var b [16]byte
	ms := uint64(idEpoch) + s.seq/16
	binary.BigEndian.PutUint64(b[:8], ms<<16|0x7000|(s.seq&0x0fff))
	binary.BigEndian.PutUint64(b[8:], s.rng.Uint64()&^(3<<62)|2<<62)
	return uuid.UUID(b).String()
}

func (s *sim) tick() { s.clock = s.clock.Add(time.Second) }

// decision returns the id of the decision named by key, recording it the
// first time.
func (s *sim) decision(key, number, issuer string, signed, effective civil.Date, summary string) string {
	if id, ok := s.decisions[key]; ok {
		return id
	}
	s.tick()
	d := org.Decision{ID: s.newID(), Number: number, Issuer: issuer, SignedDate: signed, EffectiveDate: effective,
		Summary: summary, RecordedAt: s.clock, RecordedBy: recordedBy}
	s.ds.Decisions = append(s.ds.Decisions, d)
	s.decisions[key] = d.ID
	return d.ID
}

// begin starts recording an operation.
func (s *sim) begin(kind org.OpKind, date civil.Date, decision, summary string) {
	s.tick()
	s.date = date
	s.ds.Operations = append(s.ds.Operations, store.BulkOperation{Operation: org.Operation{
		ID: s.newID(), Kind: kind, EffectiveDate: date, DecisionID: decision, Summary: summary,
		Inputs: []string{}, Outputs: []org.Output{}, RecordedAt: s.clock, RecordedBy: recordedBy}})
	s.op = len(s.ds.Operations) - 1
	clear(s.roles)
}

func (s *sim) end() { s.op = -1 }

func (s *sim) cur() *store.BulkOperation { return &s.ds.Operations[s.op] }

func (s *sim) role(u *unit, role string) {
	if s.op < 0 || s.roles[u.id] {
		return
	}
	s.roles[u.id] = true
	op := s.cur()
	op.Units = append(op.Units, org.OpUnit{UnitID: u.id, Role: role})
	switch role {
	case "input", "renamed":
		op.Inputs = append(op.Inputs, u.a.Code)
	case "target":
		op.Outputs = append(op.Outputs, org.Output{Ref: u.a.Code})
	case "output":
		op.Outputs = append(op.Outputs, org.Output{New: &org.NewUnit{Attrs: u.a, ID: u.id}})
	}
}

// addRow records a row of u's current facts over [from, to).
func (s *sim) addRow(u *unit, from, to civil.Date, note string) int {
	v := org.Unit{ID: u.id, VersionID: s.newID(), Code: u.a.Code, Name: u.a.Name, ShortName: u.a.ShortName,
		Kind: u.a.Kind, Pillar: u.a.Pillar, Level: u.a.Level, ParentID: u.a.ParentID, AreaCode: u.a.AreaCode,
		ValidFrom: from, ValidTo: to, RecordedAt: s.clock, RecordedBy: recordedBy, Note: note}
	if s.op >= 0 {
		op := s.cur()
		v.OperationID, v.DecisionID = op.ID, op.DecisionID
	}
	s.ds.Versions = append(s.ds.Versions, v)
	s.retracted = append(s.retracted, false)
	i := len(s.ds.Versions) - 1
	u.rows = append(u.rows, i)
	return i
}

func (s *sim) retract(row int, reason string) {
	if s.retracted[row] {
		panic(fmt.Sprintf("row %d retracted twice", row))
	}
	r := store.Retraction{RowID: s.ds.Versions[row].VersionID, At: s.clock, By: recordedBy, Reason: reason}
	if s.op >= 0 {
		r.OperationID = s.cur().ID
	}
	s.ds.Retractions = append(s.ds.Retractions, r)
	s.retracted[row] = true
}

func (s *sim) kidsOf(p *unit) []*unit {
	if p == nil {
		return s.roots
	}
	return p.kids
}

// taken reports whether a living child of p is already named name.
func (s *sim) taken(p *unit, name string, except *unit) bool {
	for _, k := range s.kidsOf(p) {
		if k != except && (strings.EqualFold(k.a.Name, name) || k.fix != "" && strings.EqualFold(k.fix, name)) {
			return true
		}
	}
	return false
}

func (s *sim) attach(u, p *unit) {
	u.parent = p
	u.a.ParentID = ""
	if p != nil {
		u.a.ParentID = p.id
		p.kids = append(p.kids, u)
	} else {
		s.roots = append(s.roots, u)
	}
}

func (s *sim) detach(u *unit) {
	list := &s.roots
	if u.parent != nil {
		list = &u.parent.kids
	}
	for i, k := range *list {
		if k == u {
			*list = append((*list)[:i], (*list)[i+1:]...)
			return
		}
	}
	panic("detach: " + u.a.Code + " is not a child of its parent")
}

// create records a new unit from the current date (open when seeding).
func (s *sim) create(p *unit, a org.Attrs) *unit {
	if s.codes[a.Code] {
		panic("duplicate code " + a.Code)
	}
	if s.taken(p, a.Name, nil) {
		panic("duplicate sibling name " + a.Name)
	}
	s.codes[a.Code] = true
	u := &unit{id: s.newID(), a: a}
	if s.op < 0 && s.typoRate > 0 && s.rng.Float64() < s.typoRate {
		if t := typo(a.Name, s.rng); t != a.Name {
			u.fix, u.typo, u.a.Name = a.Name, t, t
		}
	}
	s.attach(u, p)
	note := ""
	if s.op < 0 {
		note = "khởi tạo sổ đăng ký"
	}
	u.row = s.addRow(u, s.date, civil.Date{}, note)
	s.ds.Units++
	s.role(u, "output")
	return u
}

// change records new facts for u from the current date: the name and
// short name (when not empty) and the parent (when not nil).
func (s *sim) change(u *unit, name, short string, p *unit, role string) {
	if !u.alive() {
		panic("change of an ended unit " + u.a.Code)
	}
	s.role(u, role)
	old := s.ds.Versions[u.row]
	s.retract(u.row, "")
	if old.ValidFrom.IsZero() || old.ValidFrom.Before(s.date) {
		s.addRow(u, old.ValidFrom, s.date, old.Note)
	}
	if name != "" {
		u.a.Name = name
	}
	if short != "" {
		u.a.ShortName = short
	}
	if p != nil && p != u.parent {
		s.detach(u)
		s.attach(u, p)
	}
	u.row = s.addRow(u, s.date, civil.Date{}, old.Note)
}

// changeLevel moves u under p at another level (a district's unit taken
// over by the province).
func (s *sim) changeLevel(u, p *unit, level org.Level) {
	s.change(u, "", "", p, "moved")
	s.ds.Versions[u.row].Level, u.a.Level = level, level
}

// finish ends u on the current date; its living children must be gone.
func (s *sim) finish(u *unit) {
	if !u.alive() {
		panic("end of an ended unit " + u.a.Code)
	}
	if len(u.kids) > 0 {
		panic(fmt.Sprintf("end of %s with %d living children (%s)", u.a.Code, len(u.kids), u.kids[0].a.Code))
	}
	s.role(u, "input")
	old := s.ds.Versions[u.row]
	s.retract(u.row, "")
	if old.ValidFrom.IsZero() || old.ValidFrom.Before(s.date) {
		s.addRow(u, old.ValidFrom, s.date, old.Note)
	}
	s.detach(u)
	u.row = -1
}

// finishTree ends u and everything still under it.
func (s *sim) finishTree(u *unit) {
	for len(u.kids) > 0 {
		s.finishTree(u.kids[len(u.kids)-1])
	}
	s.finish(u)
}

// carry moves the living children of from under to; a child whose name
// to already has ends with its subtree (its work goes to the namesake).
func (s *sim) carry(from, to *unit) {
	for _, k := range append([]*unit(nil), from.kids...) {
		if s.taken(to, k.a.Name, nil) || k.fix != "" && s.taken(to, k.fix, nil) {
			s.finishTree(k)
		} else {
			s.change(k, "", "", to, "moved")
		}
	}
}

func (s *sim) edge(from, to *unit) {
	op := s.cur()
	s.ds.Edges = append(s.ds.Edges, org.Edge{ID: s.newID(), OperationID: op.ID, Kind: op.Kind, From: from.id, To: to.id,
		Date: s.date, DecisionID: op.DecisionID, RecordedAt: s.clock})
}

// The operations.

func (s *sim) absorb(date civil.Date, dec, summary string, inputs []*unit, target *unit) {
	s.begin(org.OpAbsorb, date, dec, summary)
	s.role(target, "target")
	for _, in := range inputs {
		s.role(in, "input")
		s.carry(in, target)
		s.finish(in)
		s.edge(in, target)
	}
	s.end()
}

func (s *sim) merge(date civil.Date, dec, summary string, inputs []*unit, p *unit, a org.Attrs) *unit {
	return s.mergeKind(org.OpMerge, date, dec, summary, inputs, p, a)
}

// mergeKind ends the inputs into a new unit: a merge, or a reorganisation
// of one unit into a new one.
func (s *sim) mergeKind(kind org.OpKind, date civil.Date, dec, summary string, inputs []*unit, p *unit, a org.Attrs) *unit {
	s.begin(kind, date, dec, summary)
	for _, in := range inputs {
		s.role(in, "input")
	}
	out := s.create(p, a)
	for _, in := range inputs {
		s.carry(in, out)
		s.finish(in)
		s.edge(in, out)
	}
	s.end()
	return out
}

func (s *sim) rename(date civil.Date, dec string, u *unit, name, short string) {
	if !u.alive() || name == u.a.Name || s.taken(u.parent, name, u) {
		return
	}
	s.begin(org.OpRename, date, dec, "Đổi tên "+u.a.Name)
	s.cur().NewName, s.cur().NewShortName = name, short
	s.change(u, name, short, nil, "renamed")
	s.end()
}

func (s *sim) reparent(date civil.Date, dec string, us []*unit, p *unit) {
	s.begin(org.OpReparent, date, dec, "Chuyển trực thuộc "+p.a.Name)
	s.cur().NewParent = p.a.Code
	for _, u := range us {
		if u.alive() && u.parent != p {
			s.role(u, "input")
			s.change(u, "", "", p, "moved")
		}
	}
	s.end()
}

func (s *sim) dissolve(date civil.Date, dec, summary string, us []*unit) {
	s.begin(org.OpEndActivity, date, dec, summary)
	for _, u := range us {
		if u.alive() {
			s.role(u, "input")
			s.finishTree(u)
		}
	}
	s.end()
}

// typo drops the diacritics of one word of name, the commonest slip when
// names are typed in.
func typo(name string, rng *rand.Rand) string {
	words := strings.Fields(name)
	var cands []int
	for i, w := range words {
		if strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII && r != 'đ' && r != 'Đ' }) >= 0 {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return name
	}
	i := cands[rng.IntN(len(cands))]
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if w, _, err := transform.String(t, words[i]); err == nil {
		words[i] = w
	}
	return strings.Join(words, " ")
}

// correct fixes, after everything else, the rows still believed with a
// misspelt name, as org.Register.Correct does: the row is retracted and a
// corrected copy recorded over the same valid interval.
func (s *sim) correct(units []*unit) {
	for _, u := range units {
		if u.fix == "" {
			continue
		}
		typoed := u.typo
		if u.a.Name == typoed {
			u.a.Name = u.fix
		}
		for _, i := range append([]int(nil), u.rows...) {
			v := s.ds.Versions[i]
			if s.retracted[i] || v.Name != typoed {
				continue
			}
			s.tick()
			s.retract(i, "sửa lỗi chính tả tên đơn vị")
			v.VersionID, v.Name, v.RecordedAt, v.Note = s.newID(), u.fix, s.clock, "sửa lỗi chính tả tên đơn vị"
			s.ds.Versions = append(s.ds.Versions, v)
			s.retracted = append(s.retracted, false)
			j := len(s.ds.Versions) - 1
			u.rows = append(u.rows, j)
			if i == u.row {
				u.row = j
			}
		}
	}
}
