// Package gen generates a national-scale dataset of the political system
// after the reorganisation of 1 July 2025: the units of the 34 provinces
// and their 3,321 communes, with real codes and names from package areas,
// about 2.5 million people, their assignments and history, and the staff
// quotas of 2024 and 2025. It is the fixture for benchmarks: everything is
// drawn from a seeded generator, so the same Config gives the same rows,
// ids included.
//
// The whole country is one register, under the key Province: one tree in
// which each province's Party committee is the root of the province
// (its People's Council, People's Committee and Fatherland Front hang
// under it, as the Party leads the province's whole system), so that a
// province's report is the subtree under that root. The communes' Party
// committees hang under the province's Party committee, their councils,
// committees and Front committees under the provincial ones.
//
// Time. The units are seeded as existing before the register began (a
// zero ValidFrom, as a register loaded from earlier records holds them;
// no operation or decision creates them), so that the people's history
// before 2025 lies inside their units' lives and the budget-cut baseline
// of 31 December 2024 counts them. Everyone working on 1 July 2025 has one
// open primary assignment; about one in five was re-appointed that day and
// carries one to five earlier rows in the same unit, back to the year they
// joined; some of the communes' civil servants came that day from a
// provincial department, so the grassroots target has something to count;
// 7.5% of the people left before 1 July 2025 (most on 30 June, some on 28
// February) and have no assignment that day, so the budget cut shows
// progress; a few joined in the first half of 2025. About 3% of people hold
// a concurrent post (kiêm nhiệm) from 1 July 2025: the commune and
// provincial Party secretaries chair their People's Councils (nine in ten
// of them), the committee chairmen are deputy secretaries, and some staff
// work in a sibling unit. Quotas for 2024 and 2025 follow the headcount
// with a little room; about one unit in twenty is over its 2025 quota.
package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"tinhgon/internal/areas"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
	"tinhgon/internal/store"
)

// Province is the register key the national dataset is stored under.
const Province = "00"

// Config sizes a generated dataset.
type Config struct {
	Seed uint64
	// People is the number of people, those who left before 1 July 2025
	// included; 0 means the national 2,500,000.
	People int
	// Provinces is how many of the 34 provinces of 2025 to generate, in
	// the order of their codes; 0 or 34 is the whole country.
	Provinces int
}

// National is the whole country: about 100,000 units and 2.5 million
// people with about 4 million assignment rows.
func National() Config { return Config{Seed: 20250701, People: 2_500_000, Provinces: 34} }

// Dataset is a generated dataset: the register's rows for
// store.Register.BulkLoad and the staff for store.Register.BulkStaff.
type Dataset struct {
	// Register holds the units (one version each) and the decisions that
	// set the quotas; it has no operations, edges or retractions.
	Register    store.Bulk
	People      []staff.Person
	Assignments []staff.Assignment
	Quotas      []staff.Quota
	// Units is the number of units.
	Units int
}

// The days the dataset turns on.
var (
	// twoTier is the day the two-tier local government began, and the day
	// every current assignment is valid on.
	twoTier  = civil.MustParse("2025-07-01")
	baseline = civil.MustParse("2024-12-31") // the budget cut's baseline day
	march    = civil.MustParse("2025-03-01") // the first wave of departures
)

// recordedAt is when the generated rows say they were recorded; BulkStaff
// stamps staff rows with the register's clock instead.
var recordedAt = time.Date(2025, 8, 1, 1, 0, 0, 0, time.UTC)

const recordedBy = "gen"

// maxPeople is the most people the staff codes, "CB" and seven digits, can name.
const maxPeople = 9_999_999

// Shares of the people, in per mille.
const (
	leaveRate      = 75  // of People: left before 1 July 2025
	historyRate    = 200 // of the current people: earlier rows in their unit
	newcomerRate   = 15  // of current staff: joined in 2025
	concurrentRate = 33  // of staff in units with a sibling: a concurrent post
	movedRate      = 110 // of the communes' professional công chức: came from a provincial department
)

// Generate makes the dataset described by cfg from the administrative
// units of set.
func Generate(cfg Config, set *areas.Set) (*Dataset, error) {
	return GenerateProgress(cfg, set, nil)
}

// GenerateProgress is Generate, calling progress (when not nil) as people
// are made, with the number made and the total.
func GenerateProgress(cfg Config, set *areas.Set, progress func(done, total int)) (*Dataset, error) {
	provs := set.Provinces2025()
	if cfg.Provinces <= 0 || cfg.Provinces > len(provs) {
		cfg.Provinces = len(provs)
	}
	if cfg.People == 0 {
		cfg.People = National().People
	}
	if cfg.People < 0 || cfg.People > maxPeople {
		return nil, fmt.Errorf("số người phải từ 1 đến %d, không phải %d", maxPeople, cfg.People)
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	g := &generator{cfg: cfg, set: set, ds: &Dataset{},
		rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		ids: idSource{seed: cfg.Seed}, progress: progress}
	g.places(provs[:cfg.Provinces])
	for i := range g.provs {
		g.province(i)
	}
	g.ds.Units = len(g.units)
	if err := g.people(); err != nil {
		return nil, err
	}
	g.quotas()
	return g.ds, nil
}

type generator struct {
	cfg      Config
	set      *areas.Set
	rng      *rand.Rand
	ids      idSource
	codes    codeSource
	names    nameTable
	ds       *Dataset
	progress func(done, total int)

	provs    []*prov
	units    []unit
	siblings map[sibKey][]int32
	// hometowns of people from elsewhere: every commune code of both eras
	allHomes []string
}

// prov is a province being generated.
type prov struct {
	a         areas.Province
	phrase    string // "tỉnh Lào Cai", "thành phố Hà Nội"
	party     string // "Tỉnh ủy Lào Cai"
	communes  []areas.Unit
	homes     []string // commune codes of both eras in the province
	tu        int32
	depts     []int32 // departments and sub-departments, where staff sent to the communes came from
	hdnd      int32
	ubnd      int32
	cu        []communeUnits // by commune
	decisions [2][2]string   // quota decisions by year (2024, 2025) and issuer (party, state)
}

// communeUnits are the bodies of a commune the staffing refers to, and
// the codes its local people's hometowns take: the commune's and those of
// the old communes it was made of.
type communeUnits struct {
	du, hdnd, ubnd, tthc int32
	homes                []string
}

// places reads the provinces' communes and the codes hometowns are drawn from.
func (g *generator) places(provs []areas.Province) {
	for _, c := range g.set.Communes2025("") {
		g.allHomes = append(g.allHomes, c.Code)
	}
	for _, c := range g.set.CommunesPre2025("") {
		g.allHomes = append(g.allHomes, c.Code)
	}
	for _, a := range provs {
		p := &prov{a: a, communes: g.set.Communes2025(a.Code), phrase: "tỉnh " + a.ShortName, party: "Tỉnh ủy " + a.ShortName}
		if a.Type != "tỉnh" {
			p.phrase, p.party = "thành phố "+a.ShortName, "Thành ủy "+a.ShortName
		}
		for _, c := range p.communes {
			p.homes = append(p.homes, c.Code)
		}
		for _, old := range a.OldCodes {
			for _, c := range g.set.CommunesPre2025(old) {
				p.homes = append(p.homes, c.Code)
			}
		}
		g.provs = append(g.provs, p)
	}
}

// dayIn draws a day number in [lo, hi].
func (g *generator) dayIn(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.rng.IntN(hi-lo+1)
}

// chance reports true with probability perMille/1000.
func (g *generator) chance(perMille int) bool { return g.rng.IntN(1000) < perMille }

// span draws an integer in [lo, hi].
func (g *generator) span(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.rng.IntN(hi-lo+1)
}

// Days as integers since 1970-01-01, which the generator computes with.
var (
	unixEpoch = time.Unix(0, 0).UTC()
	baseDay   = dayNum(baseline)
	julyDay   = dayNum(twoTier)
	firstDay  = dayNum(ymd(1990, 1, 1)) // no one in service started earlier
	leadDay   = dayNum(ymd(2005, 1, 1)) // nor came to the unit they lead earlier
)

func dayNum(d civil.Date) int { return int(d.Time().Sub(unixEpoch) / (24 * time.Hour)) }

func dateOf(n int) civil.Date { return civil.Of(time.Unix(int64(n)*86400, 0).UTC()) }

func ymd(y int, m time.Month, d int) civil.Date {
	return civil.Of(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// decision records a decision of the register and returns its id.
func (g *generator) decision(number, issuer string, signed civil.Date, summary string) string {
	d := org.Decision{ID: g.ids.next(), Number: number, Issuer: issuer, SignedDate: signed, EffectiveDate: signed,
		Summary: summary, RecordedAt: recordedAt, RecordedBy: recordedBy}
	g.ds.Register.Decisions = append(g.ds.Register.Decisions, d)
	return d.ID
}
