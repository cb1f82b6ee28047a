package gen

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"

	"tinhgon/internal/app"
	"tinhgon/internal/areas"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

// small is the configuration the tests generate: Hà Nội and Cao Bằng.
var small = Config{Seed: 7, People: 20_000, Provinces: 2}

func generate(t *testing.T, cfg Config) (*Dataset, *areas.Set) {
	t.Helper()
	set, err := areas.Default()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Generate(cfg, set)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", cfg, err)
	}
	return ds, set
}

func TestDeterministic(t *testing.T) {
	a, _ := generate(t, small)
	b, _ := generate(t, small)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs of the same config differ")
	}
	other := small
	other.Seed++
	c, _ := generate(t, other)
	if c.People[0].ID == a.People[0].ID || c.People[0].Name == a.People[0].Name && c.People[1].Name == a.People[1].Name {
		t.Error("another seed gives the same people")
	}
}

// index is a dataset's rows by id, for the checks.
type index struct {
	ds      *Dataset
	set     *areas.Set
	units   map[string]org.Unit
	people  map[string]staff.Person
	primary map[string][]staff.Assignment // by person
}

func newIndex(ds *Dataset, set *areas.Set) *index {
	x := &index{ds: ds, set: set, units: map[string]org.Unit{}, people: map[string]staff.Person{}, primary: map[string][]staff.Assignment{}}
	for _, u := range ds.Register.Versions {
		x.units[u.ID] = u
	}
	for _, p := range ds.People {
		x.people[p.ID] = p
	}
	for _, a := range ds.Assignments {
		if a.Primary {
			x.primary[a.PersonID] = append(x.primary[a.PersonID], a)
		}
	}
	return x
}

// root is the province root above a unit.
func (x *index) root(u org.Unit) org.Unit {
	for u.ParentID != "" {
		u = x.units[u.ParentID]
	}
	return u
}

// budgetCut counts the budget-paid công chức and viên chức with a primary
// assignment on d, as the budget-cut rule does.
func (x *index) budgetCut(d civil.Date) int {
	n := 0
	for id, as := range x.primary {
		c := x.people[id].Category
		for _, a := range as {
			if a.ValidAt(d) && a.Funding == staff.Budget && (c == staff.CongChuc || c == staff.VienChuc) {
				n++
			}
		}
	}
	return n
}

func TestDataset(t *testing.T) {
	ds, set := generate(t, small)
	x := newIndex(ds, set)
	tests := []struct {
		name  string
		check func(x *index) error
	}{
		{"ids are unique UUIDv7 and codes unique", func(x *index) error {
			seen := map[string]bool{}
			var ids []string
			for _, d := range x.ds.Register.Decisions {
				ids = append(ids, d.ID)
			}
			codes := map[string]bool{}
			for _, u := range x.ds.Register.Versions {
				ids = append(ids, u.ID, u.VersionID)
				if codes[u.Code] {
					return fmt.Errorf("unit code %s twice", u.Code)
				}
				codes[u.Code] = true
			}
			for _, p := range x.ds.People {
				ids = append(ids, p.ID, p.VersionID)
				if codes[p.Code] || len(p.Code) != 9 || !strings.HasPrefix(p.Code, "CB") {
					return fmt.Errorf("person code %q twice or malformed", p.Code)
				}
				codes[p.Code] = true
			}
			for _, a := range x.ds.Assignments {
				ids = append(ids, a.ID, a.VersionID)
			}
			for _, q := range x.ds.Quotas {
				ids = append(ids, q.ID)
			}
			for _, id := range ids {
				u, err := uuid.Parse(id)
				if err != nil || u.Version() != 7 || u.String() != id {
					return fmt.Errorf("id %q is not a UUIDv7", id)
				}
				if seen[id] {
					return fmt.Errorf("id %s twice", id)
				}
				seen[id] = true
			}
			return nil
		}},
		{"units are seeded with real codes", func(x *index) error {
			if x.ds.Units != len(x.ds.Register.Versions) || x.ds.Units < 5000 {
				return fmt.Errorf("%d units, %d versions", x.ds.Units, len(x.ds.Register.Versions))
			}
			provinceOf := map[string]string{}
			for _, p := range x.set.Provinces2025()[:small.Provinces] {
				for _, c := range x.set.Communes2025(p.Code) {
					provinceOf[c.Code] = p.Code
				}
			}
			for _, u := range x.ds.Register.Versions {
				if !u.ValidFrom.IsZero() || !u.ValidTo.IsZero() || !org.ValidLevel(u.Level) || !org.ValidPillar(u.Pillar) || org.KindLabels[u.Kind] == "" {
					return fmt.Errorf("unit %s: %s %s %s [%s, %s)", u.Code, u.Kind, u.Level, u.Pillar, u.ValidFrom, u.ValidTo)
				}
				if u.ParentID != "" && x.units[u.ParentID].ID == "" {
					return fmt.Errorf("unit %s: parent %s unknown", u.Code, u.ParentID)
				}
				root := x.root(u)
				switch u.Level {
				case org.LevelCommune:
					if p, ok := provinceOf[u.AreaCode]; !ok || p != root.AreaCode || !strings.HasPrefix(u.Code, "x"+u.AreaCode+".") {
						return fmt.Errorf("commune unit %s: area %s is not a 2025 commune of province %s", u.Code, u.AreaCode, root.AreaCode)
					}
				case org.LevelProvince:
					if u.AreaCode != root.AreaCode || !strings.HasPrefix(u.Code, u.AreaCode+".") {
						return fmt.Errorf("provincial unit %s: area %s under root %s", u.Code, u.AreaCode, root.Code)
					}
				default:
					return fmt.Errorf("unit %s at level %s", u.Code, u.Level)
				}
			}
			return nil
		}},
		{"rows reference existing people, units and decisions", func(x *index) error {
			decisions := map[string]bool{}
			for _, d := range x.ds.Register.Decisions {
				decisions[d.ID] = true
			}
			for _, a := range x.ds.Assignments {
				if x.people[a.PersonID].ID == "" || x.units[a.UnitID].ID == "" {
					return fmt.Errorf("assignment %s: person %s or unit %s unknown", a.ID, a.PersonID, a.UnitID)
				}
				if !a.ValidTo.IsZero() && !a.ValidFrom.Before(a.ValidTo) {
					return fmt.Errorf("assignment %s: empty interval [%s, %s)", a.ID, a.ValidFrom, a.ValidTo)
				}
			}
			for _, q := range x.ds.Quotas {
				if x.units[q.UnitID].ID == "" || !decisions[q.DecisionID] {
					return fmt.Errorf("quota %s: unit %s or decision %s unknown", q.ID, q.UnitID, q.DecisionID)
				}
			}
			for _, p := range x.ds.People {
				if _, ok := x.set.Lookup(p.Hometown); !ok {
					return fmt.Errorf("person %s: hometown %q is no commune", p.Code, p.Hometown)
				}
			}
			return nil
		}},
		{"exactly one head per unit", func(x *index) error {
			heads := map[string]int{}
			for _, a := range x.ds.Assignments {
				if a.Post == staff.Head && a.ValidAt(twoTier) {
					heads[a.UnitID]++
				}
			}
			for _, u := range x.ds.Register.Versions {
				if heads[u.ID] != 1 {
					return fmt.Errorf("unit %s has %d heads", u.Code, heads[u.ID])
				}
			}
			return nil
		}},
		{"one primary assignment per person at a time", func(x *index) error {
			now := 0
			for _, p := range x.ds.People {
				as := x.primary[p.ID]
				if len(as) == 0 {
					return fmt.Errorf("person %s has no primary assignment", p.Code)
				}
				for i, a := range as {
					if a.ValidAt(twoTier) {
						now++
					}
					for _, b := range as[i+1:] {
						if staff.Overlaps(a.ValidFrom, a.ValidTo, b.ValidFrom, b.ValidTo) {
							return fmt.Errorf("person %s: primary rows [%s, %s) and [%s, %s) overlap", p.Code, a.ValidFrom, a.ValidTo, b.ValidFrom, b.ValidTo)
						}
					}
				}
			}
			if want := small.People - small.People*leaveRate/1000; now != want {
				return fmt.Errorf("%d people with a primary assignment on %s, want %d", now, twoTier, want)
			}
			return nil
		}},
		{"history, departures and concurrent posts", func(x *index) error {
			hist, conc, current := 0, 0, 0
			for _, a := range x.ds.Assignments {
				switch {
				case !a.Primary:
					conc++
				case a.ValidAt(twoTier):
					current++
				case a.ValidTo == twoTier && a.Note == "":
					hist++
				}
			}
			if hist < current/7 || hist > current/3 {
				return fmt.Errorf("%d re-appointments on %s of %d people", hist, twoTier, current)
			}
			if conc < current*2/100 || conc > current*4/100 {
				return fmt.Errorf("%d concurrent posts for %d people", conc, current)
			}
			if base, now := x.budgetCut(baseline), x.budgetCut(twoTier); now >= base*97/100 {
				return fmt.Errorf("budget-paid staff %d on %s, %d on %s: no cut", base, baseline, now, twoTier)
			}
			return nil
		}},
		{"surplus deputies in some departments and divisions", func(x *index) error {
			deps := map[string]int{}
			for _, a := range x.ds.Assignments {
				if a.Post == staff.Deputy && a.ValidAt(twoTier) {
					deps[a.UnitID]++
				}
			}
			over := map[org.Level]int{}
			for _, u := range x.ds.Register.Versions {
				max := map[org.Level]int{org.LevelProvince: 3, org.LevelCommune: 2}[u.Level]
				if u.Kind == "specialized_agency" && deps[u.ID] > max {
					over[u.Level]++
				}
			}
			if over[org.LevelProvince] == 0 || over[org.LevelCommune] == 0 {
				return fmt.Errorf("departments and divisions with surplus deputies: %v", over)
			}
			return nil
		}},
		{"quotas for both years, a few exceeded", func(x *index) error {
			head := map[[2]string]int{}
			for id, as := range x.primary {
				for _, a := range as {
					if a.ValidAt(twoTier) {
						head[[2]string{a.UnitID, string(x.people[id].Category)}]++
					}
				}
			}
			years, over := map[int]int{}, 0
			for _, q := range x.ds.Quotas {
				years[q.Year]++
				if q.Year == 2025 && head[[2]string{q.UnitID, string(q.Category)}] > q.Count {
					over++
				}
			}
			if years[2024] == 0 || years[2025] == 0 || over == 0 || over > years[2025]/10 {
				return fmt.Errorf("quotas by year %v, %d exceeded", years, over)
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.check(x); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestRefusedConfig(t *testing.T) {
	set, err := areas.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"fewer people than units", Config{Seed: 1, People: 500, Provinces: 1}, "không đủ"},
		{"negative people", Config{Seed: 1, People: -1, Provinces: 1}, "số người"},
		{"more people than codes", Config{Seed: 1, People: 10_000_000, Provinces: 1}, "số người"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Generate(tt.cfg, set); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate(%+v): %v, want an error saying %q", tt.cfg, err, tt.want)
			}
		})
	}
}

// TestLoad loads the dataset on both engines and reads the staffing
// report: its headcount is everyone working on 1 July 2025, and each
// province's is its root's subtree.
func TestLoad(t *testing.T) {
	ds, set := generate(t, small)
	x := newIndex(ds, set)
	want, byRoot := 0, map[string]int{}
	for _, as := range x.primary {
		for _, a := range as {
			if a.ValidAt(twoTier) {
				want++
				byRoot[x.root(x.units[a.UnitID]).ID]++
			}
		}
	}
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		db := storetest.Open(t, fresh(t))
		reg := db.Register(Province)
		if err := reg.BulkLoad(ctx, ds.Register); err != nil {
			t.Fatal(err)
		}
		if err := reg.BulkStaff(ctx, store.StaffBulk{People: ds.People, Assignments: ds.Assignments, Quotas: ds.Quotas}, nil); err != nil {
			t.Fatal(err)
		}
		prov, err := app.Open(db, Province)
		if err != nil {
			t.Fatal(err)
		}
		tally, _, err := prov.Staff.Tally(ctx, org.Moment{AsOf: twoTier})
		if err != nil {
			t.Fatal(err)
		}
		if got := tally.Total().Headcount; got != want {
			t.Errorf("headcount %d, want %d", got, want)
		}
		if len(byRoot) != small.Provinces {
			t.Fatalf("%d province roots, want %d", len(byRoot), small.Provinces)
		}
		for root, n := range byRoot {
			if s, ok := tally.Subtotal(root); !ok || s.Headcount != n {
				t.Errorf("province %s: headcount %d, want %d", x.units[root].Name, s.Headcount, n)
			}
		}
	})
}
