package staff

import (
	"math"
	"slices"
	"sync"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// day is a date as days since 1970-01-01, the compact form the read model
// keeps; open starts and ends are the extremes.
type day int32

const (
	openFrom day = math.MinInt32
	openTo   day = math.MaxInt32
)

var epoch = civil.MustParse("1970-01-01").Time()

func toDay(d civil.Date, open day) day {
	if d.IsZero() {
		return open
	}
	return day(d.Time().Sub(epoch).Hours() / 24)
}

func fromDay(d day) civil.Date {
	if d == openFrom || d == openTo {
		return civil.Date{}
	}
	return civil.Of(epoch.AddDate(0, 0, int(d)))
}

// Flags of an assignment in the read model.
const (
	fPrimary uint8 = 1 << iota
	fBudget
	fProfessional
	fSurplus
	fVersions // the person has several versions: read the category on the day
)

// Posts in the read model.
const (
	pStaff uint8 = iota
	pHead
	pDeputy
)

func postCode(p Post) uint8 {
	switch p {
	case Head:
		return pHead
	case Deputy:
		return pDeputy
	}
	return pStaff
}

// asg is an assignment in the read model: 20 bytes instead of a struct of
// strings. cat is the person's category index, copied so that a pass over
// assignments never reads the people.
type asg struct {
	person   int32
	unit     int32
	from, to day
	post     uint8
	flags    uint8
	cat      uint8
}

func (a *asg) at(d day) bool { return a.from <= d && d < a.to }

// person is a person's version in the read model.
type person struct {
	id, code, name, hometown string
	sex                      Sex
	category                 Category
	birth                    civil.Date
	from, to                 day
	pay                      int64 // monthly pay in ten-thousandths of the base salary (payOf)
}

// quota is one category's quota of a unit for a year, in the read model.
type quota struct {
	year  int32
	cat   uint8
	count int32
}

// Model is the staffing of a province as believed at one transaction time,
// kept in memory in compact columns so that reports and rules over a whole
// country run in milliseconds. It is immutable once built.
type Model struct {
	KnownAt time.Time
	// people holds every believed version; byPerson indexes the first
	// version of each person, later versions follow it in people.
	people   []person
	byPerson map[string]int32
	units    []string
	unitIdx  map[string]int32
	// asgs are sorted by unit; unitStart[u]..unitStart[u+1] are unit u's.
	asgs      []asg
	unitStart []int32
	// byPerson lists assignment indexes per person (first version index):
	// personAsg[personStart[k]:personStart[k+1]] for the k-th distinct person.
	personOrd   []int32 // by first-version index: the person's rank among distinct people
	personStart []int32
	personAsg   []int32
	quotas      map[int32][]quota // by unit, while building
	quotaOf     [][]quota         // by unit, once built
	// series are each unit's counts through time (series.go).
	series *series
	// bases are the staff on baseline days, counted on first use.
	baseMu sync.Mutex
	bases  map[baseKey]*baseCounts
	years  map[int32][]yearQuota
	// baseTree is the baseline day's tree, laid out on first use.
	baseTree *baseTreeOf
	// tlUnits maps the units of timeline tl to the model's.
	tl      *org.Timeline
	tlUnits []int32
	// edges is the province's lineage, read with the rows.
	edges []org.Edge
	// codes finds people by code, built on first use.
	codesOnce sync.Once
	codes     map[string]int32
}

// Builder collects believed rows, in any order, into a Model.
type Builder struct {
	m       *Model
	pAsg    []asg
	pPerson []string // person id of each of pAsg
	pList   []Person
}

// NewBuilder starts a model of the rows believed at knownAt.
func NewBuilder(knownAt time.Time) *Builder {
	return &Builder{m: &Model{KnownAt: knownAt, byPerson: map[string]int32{},
		unitIdx: map[string]int32{}, quotas: map[int32][]quota{}}}
}

func (b *Builder) unit(id string) int32 {
	if i, ok := b.m.unitIdx[id]; ok {
		return i
	}
	i := int32(len(b.m.units))
	b.m.units = append(b.m.units, id)
	b.m.unitIdx[id] = i
	return i
}

// Person adds a person's version.
func (b *Builder) Person(p *Person) {
	b.pList = append(b.pList, Person{ID: p.ID, Code: p.Code, Name: p.Name, Hometown: p.Hometown,
		Sex: p.Sex, Category: p.Category, BirthDate: p.BirthDate, ValidFrom: p.ValidFrom, ValidTo: p.ValidTo,
		Coefficient: p.Coefficient, PositionAllowance: p.PositionAllowance, Allowances: p.Allowances})
}

// flagsOf is an assignment's flags in the read model.
func flagsOf(a *Assignment) uint8 {
	var f uint8
	if a.Primary {
		f |= fPrimary
	}
	if a.Funding == Budget {
		f |= fBudget
	}
	if a.Position == Professional {
		f |= fProfessional
	}
	if a.Surplus {
		f |= fSurplus
	}
	return f
}

// Assignment adds an assignment's version.
func (b *Builder) Assignment(a *Assignment) {
	b.pAsg = append(b.pAsg, asg{unit: b.unit(a.UnitID),
		from: toDay(a.ValidFrom, openFrom), to: toDay(a.ValidTo, openTo), post: postCode(a.Post), flags: flagsOf(a)})
	b.pPerson = append(b.pPerson, a.PersonID)
}

// Quota adds a quota, in the order recorded: a decision's quota replaces
// the one before; a quota an operation carried over adds to it.
func (b *Builder) Quota(q *Quota) {
	u := b.unit(q.UnitID)
	c := uint8(catIndex(q.Category))
	qs := b.m.quotas[u]
	for i := range qs {
		if qs[i].year == int32(q.Year) && qs[i].cat == c {
			if q.OperationID != "" {
				qs[i].count += int32(q.Count)
			} else {
				qs[i].count = int32(q.Count)
			}
			return
		}
	}
	b.m.quotas[u] = append(qs, quota{year: int32(q.Year), cat: c, count: int32(q.Count)})
}

// sortUnits numbers the units in id order, the order of a register's
// day tree: a report then reads each unit's counts in sequence.
func (b *Builder) sortUnits() {
	m := b.m
	sorted := slices.Clone(m.units)
	slices.Sort(sorted)
	renum := make([]int32, len(m.units))
	for i, id := range sorted {
		renum[m.unitIdx[id]] = int32(i)
		m.unitIdx[id] = int32(i)
	}
	m.units = sorted
	for i := range b.pAsg {
		b.pAsg[i].unit = renum[b.pAsg[i].unit]
	}
	quotas := make(map[int32][]quota, len(m.quotas))
	for u, qs := range m.quotas {
		quotas[renum[u]] = qs
	}
	m.quotas = quotas
}

// Build makes a model of the given rows.
func Build(knownAt time.Time, people []Person, asgs []Assignment, quotas []Quota) *Model {
	b := NewBuilder(knownAt)
	for i := range people {
		b.Person(&people[i])
	}
	for i := range asgs {
		b.Assignment(&asgs[i])
	}
	for i := range quotas {
		b.Quota(&quotas[i])
	}
	return b.Finish()
}

// Finish indexes the people, sorts the assignments by unit and returns
// the model. Assignments of unknown people are dropped.
func (b *Builder) Finish() *Model {
	m := b.m
	b.sortUnits()
	// A person's versions are kept adjacent, by start.
	slices.SortStableFunc(b.pList, func(x, y Person) int {
		if x.ID != y.ID {
			if x.ID < y.ID {
				return -1
			}
			return 1
		}
		return toDay(x.ValidFrom, openFrom).cmp(toDay(y.ValidFrom, openFrom))
	})
	m.people = make([]person, len(b.pList))
	for i, p := range b.pList {
		m.people[i] = person{id: p.ID, code: p.Code, name: p.Name, hometown: p.Hometown, sex: p.Sex,
			category: p.Category, birth: p.BirthDate, from: toDay(p.ValidFrom, openFrom), to: toDay(p.ValidTo, openTo), pay: payOf(&p)}
		if _, ok := m.byPerson[p.ID]; !ok {
			m.byPerson[p.ID] = int32(i)
		}
	}
	b.pList = nil
	counts := make([]int32, len(m.units)+1)
	kept := b.pAsg[:0]
	for i, a := range b.pAsg {
		pi, ok := m.byPerson[b.pPerson[i]]
		if !ok {
			continue
		}
		a.person = pi
		if pi+1 < int32(len(m.people)) && m.people[pi+1].id == m.people[pi].id {
			a.flags |= fVersions
		}
		a.cat = uint8(catIndex(m.people[pi].category))
		kept = append(kept, a)
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
	b.pAsg, b.pPerson = nil, nil
	m.quotaOf = make([][]quota, len(m.units))
	for u, qs := range m.quotas {
		m.quotaOf[u] = qs
	}
	m.quotas = nil
	m.indexByPerson()
	m.buildSeries()
	return m
}

// indexByPerson lets a person's assignments be found without a scan.
func (m *Model) indexByPerson() {
	m.personOrd = make([]int32, len(m.people))
	n := int32(0)
	for i := range m.people {
		if i == 0 || m.people[i].id != m.people[i-1].id {
			m.personOrd[i] = n
			n++
		} else {
			m.personOrd[i] = -1
		}
	}
	counts := make([]int32, n+1)
	for _, a := range m.asgs {
		counts[m.personOrd[a.person]+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	m.personStart = slices.Clone(counts)
	m.personAsg = make([]int32, len(m.asgs))
	for k, a := range m.asgs {
		o := m.personOrd[a.person]
		m.personAsg[counts[o]] = int32(k)
		counts[o]++
	}
}

// assignmentsOf returns the indexes of a person's assignments.
func (m *Model) assignmentsOf(person int32) []int32 {
	o := m.personOrd[person]
	return m.personAsg[m.personStart[o]:m.personStart[o+1]]
}

func (d day) cmp(e day) int {
	switch {
	case d < e:
		return -1
	case d > e:
		return 1
	}
	return 0
}

// catAt is the category index of an assignment's person on day d.
func (m *Model) catAt(a *asg, d day) int {
	if a.flags&fVersions == 0 {
		return int(a.cat)
	}
	return catIndex(m.personAt(a.person, d).category)
}

// personAt returns the version of person i (its first version's index)
// valid on d, or the first version when none covers d.
func (m *Model) personAt(i int32, d day) *person {
	id := m.people[i].id
	for j := int(i); j < len(m.people) && m.people[j].id == id; j++ {
		if p := &m.people[j]; p.from <= d && d < p.to {
			return p
		}
	}
	return &m.people[i]
}

// payOf is a person's monthly pay as a multiple of the base salary, in
// ten-thousandths: the grade coefficient and the leadership allowance,
// the allowances paid as coefficients, and those paid as a percentage of
// the grade and leadership pay (docs/schemes.md).
func payOf(p *Person) int64 {
	base := int64(p.Coefficient + p.PositionAllowance) // hundredths
	out := base * 100
	for _, a := range p.Allowances {
		out += int64(a.Coef)*100 + base*int64(a.Percent)
	}
	return out
}

// PayRoll sums, over the people with a primary post on d, their monthly
// pay in ten-thousandths of the base salary, and counts them.
func (m *Model) PayRoll(d civil.Date) (people int, pay int64) {
	x := toDay(d, openFrom)
	for k := range m.asgs {
		a := &m.asgs[k]
		if a.flags&fPrimary == 0 || !a.at(x) {
			continue
		}
		people++
		if a.flags&fVersions == 0 {
			pay += m.people[a.person].pay
		} else {
			pay += m.personAt(a.person, x).pay
		}
	}
	return people, pay
}

// PersonInfo is what the read model keeps of a person, for lists.
type PersonInfo struct {
	ID, Code, Name string
	// UnitID is the unit of their primary post on the day asked, if any.
	UnitID string
}

// Lookup finds a person by id or code, with the unit of their primary post on d.
func (m *Model) Lookup(ref string, d civil.Date) (PersonInfo, bool) {
	m.codesOnce.Do(func() {
		m.codes = make(map[string]int32, len(m.byPerson))
		for _, i := range m.byPerson {
			m.codes[m.people[i].code] = i
		}
	})
	i, ok := m.byPerson[ref]
	if !ok {
		if i, ok = m.codes[ref]; !ok {
			return PersonInfo{}, false
		}
	}
	p := m.people[i]
	out := PersonInfo{ID: p.id, Code: p.code, Name: p.name}
	x := toDay(d, openFrom)
	for _, k := range m.assignmentsOf(i) {
		if a := &m.asgs[k]; a.flags&fPrimary != 0 && a.at(x) {
			out.UnitID = m.units[a.unit]
		}
	}
	return out, true
}

// People is the number of distinct people in the model.
func (m *Model) People() int { return len(m.byPerson) }
