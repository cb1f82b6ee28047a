package staff

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// UnitReader is what the staff sandbox reads of the register's sandbox.
type UnitReader interface {
	ResolveRef(ctx context.Context, ref string) (string, bool, error)
	Versions(ctx context.Context, ids []string) ([]org.Unit, error)
}

// Sandbox is a province's staffing held in memory for a simulation: it
// implements the part of Tx the Follower uses over a read model, and keeps
// what the operations record, so that the model after them can be counted
// by the same code as the real one.
type Sandbox struct {
	m       *Model
	units   UnitReader
	now     time.Time
	ended   map[int32]bool // model assignments retracted
	added   []Assignment
	gone    map[string]bool  // added rows retracted since
	addedID map[string]bool  // version ids of added rows
	byUnit  map[string][]int // unit id → indexes in added
	quotas  []Quota
	codes   map[string]int32 // person code → first version, built on first use
}

// sandboxPrefix marks the version ids the sandbox gives the model's rows.
const sandboxPrefix = "model:"

// NewSandbox starts a simulation over a read model.
func NewSandbox(m *Model, units UnitReader, now time.Time) *Sandbox {
	return &Sandbox{m: m, units: units, now: now, ended: map[int32]bool{}, gone: map[string]bool{}, addedID: map[string]bool{}, byUnit: map[string][]int{}}
}

// row is model assignment k as a row.
func (s *Sandbox) row(k int32) Assignment {
	a := &s.m.asgs[k]
	out := Assignment{ID: sandboxPrefix + strconv.Itoa(int(k)), VersionID: sandboxPrefix + strconv.Itoa(int(k)),
		PersonID: s.m.people[a.person].id, UnitID: s.m.units[a.unit], Post: Staff, Position: Support, Funding: OwnRevenue,
		Primary: a.flags&fPrimary != 0, Surplus: a.flags&fSurplus != 0, ValidFrom: fromDay(a.from), ValidTo: fromDay(a.to)}
	switch a.post {
	case pHead:
		out.Post = Head
	case pDeputy:
		out.Post = Deputy
	}
	if a.flags&fProfessional != 0 {
		out.Position = Professional
	}
	if a.flags&fBudget != 0 {
		out.Funding = Budget
	}
	return out
}

// rows lists the believed rows of units that keep says to keep.
func (s *Sandbox) rows(unitIDs []string, keep func(from, to civil.Date) bool) []Assignment {
	var out []Assignment
	for _, id := range unitIDs {
		if u, ok := s.m.unitIdx[id]; ok {
			for k := s.m.unitStart[u]; k < s.m.unitStart[u+1]; k++ {
				if a := &s.m.asgs[k]; !s.ended[k] && keep(fromDay(a.from), fromDay(a.to)) {
					out = append(out, s.row(k))
				}
			}
		}
		for _, i := range s.byUnit[id] {
			if a := s.added[i]; !s.gone[a.VersionID] && keep(a.ValidFrom, a.ValidTo) {
				out = append(out, a)
			}
		}
	}
	return out
}

// Now implements Tx.
func (s *Sandbox) Now() time.Time { return s.now }

// ResolveRef implements Tx.
func (s *Sandbox) ResolveRef(ctx context.Context, ref string) (string, bool, error) {
	return s.units.ResolveRef(ctx, ref)
}

// Versions implements Tx.
func (s *Sandbox) Versions(ctx context.Context, ids []string) ([]org.Unit, error) {
	return s.units.Versions(ctx, ids)
}

// PersonID implements Tx.
func (s *Sandbox) PersonID(_ context.Context, ref string) (string, bool, error) {
	if _, ok := s.m.byPerson[ref]; ok {
		return ref, true, nil
	}
	if s.codes == nil {
		s.codes = make(map[string]int32, len(s.m.byPerson))
		for _, i := range s.m.byPerson {
			s.codes[s.m.people[i].code] = i
		}
	}
	i, ok := s.codes[ref]
	if !ok {
		return "", false, nil
	}
	return s.m.people[i].id, true, nil
}

// PersonsByCode implements Tx.
func (s *Sandbox) PersonsByCode(ctx context.Context, codes []string) (map[string]string, error) {
	out := map[string]string{}
	for _, c := range codes {
		if id, ok, _ := s.PersonID(ctx, c); ok {
			out[c] = id
		}
	}
	return out, nil
}

// CurrentPerson implements Tx with what the read model keeps of a person.
func (s *Sandbox) CurrentPerson(_ context.Context, id string) (Person, bool, error) {
	i, ok := s.m.byPerson[id]
	if !ok {
		return Person{}, false, nil
	}
	p := s.m.people[i]
	return Person{ID: p.id, Code: p.code, Name: p.name, Hometown: p.hometown, Sex: p.sex, Category: p.category, BirthDate: p.birth}, true, nil
}

// PersonAssignments implements Tx.
func (s *Sandbox) PersonAssignments(_ context.Context, personIDs []string) ([]Assignment, error) {
	var out []Assignment
	for _, id := range personIDs {
		if i, ok := s.m.byPerson[id]; ok {
			for _, k := range s.m.assignmentsOf(i) {
				if !s.ended[k] {
					out = append(out, s.row(k))
				}
			}
		}
	}
	for _, a := range s.added {
		if !s.gone[a.VersionID] && slices.Contains(personIDs, a.PersonID) {
			out = append(out, a)
		}
	}
	return out, nil
}

// UnitAssignments implements Tx.
func (s *Sandbox) UnitAssignments(_ context.Context, unitIDs []string, d civil.Date) ([]Assignment, error) {
	return s.rows(unitIDs, func(from, to civil.Date) bool { return covers(from, to, d) }), nil
}

// UnitAssignmentsAfter implements Tx.
func (s *Sandbox) UnitAssignmentsAfter(_ context.Context, unitIDs []string, d civil.Date) ([]Assignment, error) {
	return s.rows(unitIDs, func(from, _ civil.Date) bool { return from.After(d) }), nil
}

// quotaRows lists the quotas of units for the years keep says to keep.
func (s *Sandbox) quotaRows(unitIDs []string, keep func(year int) bool) []Quota {
	var out []Quota
	for _, id := range unitIDs {
		if u, ok := s.m.unitIdx[id]; ok {
			for _, q := range s.m.quotaOf[u] {
				if keep(int(q.year)) {
					out = append(out, Quota{UnitID: id, Year: int(q.year), Category: Categories[q.cat].Code, Count: int(q.count)})
				}
			}
		}
	}
	for _, q := range s.quotas {
		if keep(q.Year) && slices.Contains(unitIDs, q.UnitID) {
			out = append(out, q)
		}
	}
	return out
}

// UnitQuotas implements Tx.
func (s *Sandbox) UnitQuotas(_ context.Context, unitIDs []string, year int) ([]Quota, error) {
	return s.quotaRows(unitIDs, func(y int) bool { return y == year }), nil
}

// UnitQuotasFrom implements Tx.
func (s *Sandbox) UnitQuotasFrom(_ context.Context, unitIDs []string, year int) ([]Quota, error) {
	return s.quotaRows(unitIDs, func(y int) bool { return y >= year }), nil
}

// InsertAssignments implements Tx.
func (s *Sandbox) InsertAssignments(_ context.Context, as []Assignment) error {
	for _, a := range as {
		s.byUnit[a.UnitID] = append(s.byUnit[a.UnitID], len(s.added))
		s.added = append(s.added, a)
		s.addedID[a.VersionID] = true
	}
	return nil
}

// InsertQuotas implements Tx.
func (s *Sandbox) InsertQuotas(_ context.Context, qs []Quota) error {
	s.quotas = append(s.quotas, qs...)
	return nil
}

// Retract implements Tx for assignment rows.
func (s *Sandbox) Retract(_ context.Context, rowID, _, _, _ string) error {
	if !s.Owns(rowID) {
		return fmt.Errorf("retract %s: no such staff row in the simulation", rowID)
	}
	if k, ok := strings.CutPrefix(rowID, sandboxPrefix); ok {
		n, _ := strconv.Atoi(k)
		s.ended[int32(n)] = true
		return nil
	}
	s.gone[rowID] = true
	return nil
}

// Owns reports whether a row id is one of the sandbox's assignments.
func (s *Sandbox) Owns(rowID string) bool {
	if k, ok := strings.CutPrefix(rowID, sandboxPrefix); ok {
		n, err := strconv.Atoi(k)
		return err == nil && n >= 0 && n < len(s.m.asgs)
	}
	return s.addedID[rowID]
}

func (s *Sandbox) unsupported(what string) error {
	return fmt.Errorf("%s: not available in a simulation", what)
}

// InsertDecision implements Tx; the register's sandbox keeps decisions.
func (s *Sandbox) InsertDecision(context.Context, org.Decision) error {
	return s.unsupported("decisions")
}

// InsertPeople implements Tx.
func (s *Sandbox) InsertPeople(context.Context, []Person) error { return s.unsupported("new people") }

// ChangedSince implements Tx.
func (s *Sandbox) ChangedSince(context.Context, string, []string) (int, error) {
	return 0, s.unsupported("reverts")
}

// DecisionsByNumber implements Tx.
func (s *Sandbox) DecisionsByNumber(context.Context, string) ([]org.Decision, error) {
	return nil, s.unsupported("decisions")
}

// StaffByOperation implements Tx.
func (s *Sandbox) StaffByOperation(context.Context, string) ([]Assignment, []Quota, []Assignment, error) {
	return nil, nil, nil, s.unsupported("reverts")
}

// Leaving lists the people who held a primary post the day before d in a
// row the operations ended, and hold none on d: those who leave.
func (s *Sandbox) Leaving(d civil.Date) []string {
	before, on := toDay(d, openFrom)-1, toDay(d, openFrom)
	left := map[int32]bool{}
	for k := range s.ended {
		if a := &s.m.asgs[k]; a.flags&fPrimary != 0 && a.at(before) {
			left[a.person] = true
		}
	}
	for p := range left {
		for _, k := range s.m.assignmentsOf(p) {
			if a := &s.m.asgs[k]; !s.ended[k] && a.flags&fPrimary != 0 && a.at(on) {
				delete(left, p)
			}
		}
	}
	for _, a := range s.added {
		if pi, ok := s.m.byPerson[a.PersonID]; ok && !s.gone[a.VersionID] && a.Primary && a.ValidAt(d) {
			delete(left, pi)
		}
	}
	out := make([]string, 0, len(left))
	for p := range left {
		out = append(out, s.m.people[p].id)
	}
	slices.Sort(out)
	return out
}

// Model is the read model after the operations: the base's rows less
// those retracted, with those recorded. It serves the plain counting path
// (no series), which reads a province's rows directly.
func (s *Sandbox) Model(edges []org.Edge) *Model {
	base := s.m
	m := &Model{KnownAt: base.KnownAt, people: base.people, byPerson: base.byPerson,
		units: slices.Clone(base.units), unitIdx: make(map[string]int32, len(base.units)+8)}
	for id, u := range base.unitIdx {
		m.unitIdx[id] = u
	}
	unit := func(id string) int32 {
		if u, ok := m.unitIdx[id]; ok {
			return u
		}
		m.unitIdx[id] = int32(len(m.units))
		m.units = append(m.units, id)
		return int32(len(m.units) - 1)
	}
	kept := make([]asg, 0, len(base.asgs)+len(s.added))
	for k, a := range base.asgs {
		if !s.ended[int32(k)] {
			kept = append(kept, a)
		}
	}
	for _, a := range s.added {
		pi, ok := base.byPerson[a.PersonID]
		if s.gone[a.VersionID] || !ok {
			continue
		}
		f := flagsOf(&a)
		if pi+1 < int32(len(base.people)) && base.people[pi+1].id == base.people[pi].id {
			f |= fVersions
		}
		kept = append(kept, asg{person: pi, unit: unit(a.UnitID), from: toDay(a.ValidFrom, openFrom), to: toDay(a.ValidTo, openTo),
			post: postCode(a.Post), flags: f, cat: uint8(catIndex(base.people[pi].category))})
	}
	for _, q := range s.quotas {
		unit(q.UnitID) // every unit has its place before the counts are laid out
	}
	counts := make([]int32, len(m.units)+1)
	for _, a := range kept {
		counts[a.unit+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	m.unitStart = slices.Clone(counts)
	m.asgs = make([]asg, len(kept))
	for _, a := range kept {
		m.asgs[counts[a.unit]] = a
		counts[a.unit]++
	}
	m.quotaOf = make([][]quota, len(m.units))
	for u, qs := range base.quotaOf { // cloned: the base model is shared
		m.quotaOf[u] = slices.Clone(qs)
	}
	for _, q := range s.quotas {
		u, c := unit(q.UnitID), uint8(catIndex(q.Category))
		i := slices.IndexFunc(m.quotaOf[u], func(x quota) bool { return x.year == int32(q.Year) && x.cat == c })
		if i < 0 {
			m.quotaOf[u] = append(m.quotaOf[u], quota{year: int32(q.Year), cat: c, count: int32(q.Count)})
		} else {
			m.quotaOf[u][i].count += int32(q.Count)
		}
	}
	m.edges = append(slices.Clone(base.edges), edges...)
	m.indexByPerson()
	return m
}

var _ Tx = (*Sandbox)(nil)
