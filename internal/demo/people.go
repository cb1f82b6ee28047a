package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// The demo's people are invented, drawn from a seeded generator: names,
// ages and hometowns are plausible, not real.
var (
	families = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Lò", "Tòng", "Giàng", "Sùng", "Vàng", "Lường", "Tao", "Đèo", "Hà", "Bùi", "Đặng"}
	middlesM = []string{"Văn", "Đức", "Minh", "Quang", "A", "Xuân", "Hữu", "Thành"}
	middlesF = []string{"Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Mai"}
	givenM   = []string{"Hùng", "Dũng", "Tuấn", "Sơn", "Cường", "Thắng", "Long", "Chính", "Páo", "Súa", "Pềnh", "Khang", "Hải", "Nam", "Bình", "Toàn"}
	givenF   = []string{"Hoa", "Lan", "Hương", "Mai", "Thảo", "Dung", "Xuân", "Hạnh", "Ly", "Phương", "Vân", "Yến"}
)

// size is the staff the demo gives a unit of a kind: heads, deputies, staff.
type size struct{ heads, deps, staff int }

func sizeOf(u org.NewUnit) (size, bool) {
	prov := u.Level == org.LevelProvince
	switch u.Kind {
	case "specialized_agency":
		if prov {
			return size{1, 3, 22}, true
		}
		return size{1, 2, 6}, true
	case "sub_department", "admin_org":
		return size{1, 2, 12}, true
	case "public_service_unit":
		if prov {
			return size{1, 2, 24}, true
		}
		return size{1, 2, 10}, true
	case "party_agency":
		if prov {
			return size{1, 3, 14}, true
		}
		return size{1, 2, 5}, true
	case "party_inspection_commission":
		return size{1, 2, 5}, true
	case "party_committee", "peoples_committee":
		return size{1, 3, 0}, true
	case "peoples_council":
		return size{1, 1, 0}, true
	case "fatherland_front", "socio_political_org", "council_office", "party_psu":
		return size{1, 2, 5}, true
	case "mass_association", "trade_union":
		return size{1, 1, 3}, true
	}
	return size{}, false
}

// people draws the demo's staff for the units alive before 2025, with
// quotas for 2024 and 2025; about one in twenty leaves under Decree 178
// before the March merges, and some district staff leave before July.
func (p Plan) people(communes []commune) staff.Batch {
	r := rand.New(rand.NewPCG(12, 2025))
	var b staff.Batch
	n := 0
	hometowns := make([]string, 0, len(communes))
	for _, c := range communes {
		hometowns = append(hometowns, c.Code)
	}
	elsewhere := []string{"08", "11", "15", "19", "01", "31", "40", "14"}
	for _, u := range p.Seed {
		sz, ok := sizeOf(u)
		if !ok {
			continue
		}
		psu := u.Pillar == org.PillarPublicService
		prof := 0.8
		if psu && r.IntN(4) == 0 {
			prof = 0.55 // a few units well short of the 65% professional share
		}
		posts := make([]staff.Post, 0, sz.heads+sz.deps+sz.staff)
		for range sz.heads {
			posts = append(posts, staff.Head)
		}
		for range sz.deps {
			posts = append(posts, staff.Deputy)
		}
		for range sz.staff {
			posts = append(posts, staff.Staff)
		}
		headcount := 0
		for _, post := range posts {
			n++
			sex := staff.Male
			if r.IntN(100) < 42 {
				sex = staff.Female
			}
			age := 24 + r.IntN(36)
			if post != staff.Staff {
				age = 38 + r.IntN(21)
			}
			birth := civil.MustParse(fmt.Sprintf("%04d-%02d-%02d", 2025-age, 1+r.IntN(12), 1+r.IntN(28)))
			home := hometowns[r.IntN(len(hometowns))]
			if r.IntN(5) == 0 {
				home = elsewhere[r.IntN(len(elsewhere))]
			}
			cat := staff.CongChuc
			switch {
			case psu:
				cat = staff.VienChuc
			case post != staff.Staff && (u.Kind == "party_committee" || u.Kind == "peoples_committee" || u.Kind == "peoples_council" ||
				u.Kind == "fatherland_front" || u.Kind == "socio_political_org"):
				cat = staff.CanBo
			case post == staff.Staff && r.IntN(12) == 0:
				cat = staff.NguoiLaoDong
			}
			code := fmt.Sprintf("LC%05d", n)
			b.People = append(b.People, staff.NewPerson{Where: code, Person: staff.Person{Code: code, Name: name(r, sex), Sex: sex,
				BirthDate: birth, Hometown: home, Category: cat, Grade: grade(cat), SalaryStep: 1 + r.IntN(8),
				Coefficient: staff.Coef(234 + r.IntN(400)), PartyMember: post != staff.Staff || r.IntN(2) == 0,
				InsuranceFrom: civil.MustParse(fmt.Sprintf("%04d-%02d-01", 2025-age+23, 1+r.IntN(12))),
				Education:     "Đại học", PoliticalTheory: theory(post)}})
			pos := staff.Professional
			if post == staff.Staff && r.Float64() > prof {
				pos = staff.Support
			}
			fund := staff.Budget
			if psu && r.IntN(3) == 0 {
				fund = staff.OwnRevenue
			}
			from := civil.MustParse(fmt.Sprintf("%04d-%02d-01", 2012+r.IntN(12), 1+r.IntN(12)))
			a := staff.Assignment{Post: post, Title: title(u, post), Position: pos, Funding: fund, Primary: true, ValidFrom: from}
			if post == staff.Staff && r.IntN(20) == 0 {
				// left under Decree 178 before the restructuring took effect
				a.ValidTo = civil.MustParse("2025-02-28")
				if u.Level == org.LevelDistrict {
					a.ValidTo = civil.MustParse("2025-06-30")
				}
				a.Note = "nghỉ theo Nghị định 178/2024/NĐ-CP"
			} else {
				headcount++
			}
			b.Assignments = append(b.Assignments, staff.NewAssignment{Where: code, PersonRef: code, UnitRef: u.Code, Assignment: a})
		}
		for _, year := range []int{2024, 2025} {
			q := headcount + 1 + r.IntN(2)
			if r.IntN(6) == 0 {
				q = headcount - 1 // a few units above quota
			}
			cat := staff.CongChuc
			if psu {
				cat = staff.VienChuc
			}
			b.Quotas = append(b.Quotas, staff.NewQuota{Where: u.Code, UnitRef: u.Code, Quota: staff.Quota{Year: year, Category: cat, Count: q},
				Decision: org.Decision{Number: fmt.Sprintf("%d/QĐ-UBND (dữ liệu mẫu)", year-2000+3000), Issuer: "Ủy ban nhân dân tỉnh Lai Châu",
					SignedDate: civil.MustParse(fmt.Sprintf("%04d-01-05", year))}})
		}
	}
	return b
}

func name(r *rand.Rand, s staff.Sex) string {
	f := families[r.IntN(len(families))]
	if s == staff.Female {
		return f + " " + middlesF[r.IntN(len(middlesF))] + " " + givenF[r.IntN(len(givenF))]
	}
	return f + " " + middlesM[r.IntN(len(middlesM))] + " " + givenM[r.IntN(len(givenM))]
}

func grade(c staff.Category) string {
	switch c {
	case staff.VienChuc:
		return "V.08.05.12"
	case staff.NguoiLaoDong:
		return ""
	}
	return "01.003"
}

func theory(p staff.Post) string {
	if p == staff.Staff {
		return "Sơ cấp"
	}
	return "Cao cấp"
}

func title(u org.NewUnit, p staff.Post) string {
	switch {
	case p == staff.Head && u.Kind == "specialized_agency" && u.Level == org.LevelProvince:
		return "Giám đốc"
	case p == staff.Deputy && u.Kind == "specialized_agency" && u.Level == org.LevelProvince:
		return "Phó Giám đốc"
	case p == staff.Head && u.Kind == "party_committee":
		return "Bí thư"
	case p == staff.Deputy && u.Kind == "party_committee":
		return "Phó Bí thư"
	case p == staff.Head:
		return "Trưởng"
	case p == staff.Deputy:
		return "Phó"
	}
	return "Chuyên viên"
}

// placeState is what placing the district bodies' people remembers from
// one operation to the next: the commune next in turn, and the leaders
// each commune body already has.
type placeState struct {
	next  int
	heads map[string]bool
	deps  map[string]int
}

// twoTier is the day the communes' new bodies exist.
var twoTier = civil.MustParse("2025-07-01")

// Staffing is what the demo needs of the staff store.
type Staffing interface {
	AssignmentsIn(ctx context.Context, unitID string, m org.Moment) ([]staff.Assignment, error)
	QuotasOf(ctx context.Context, unitID string, knownAt time.Time) ([]staff.Quota, error)
}

// placements chooses, as a province would, where the people of an
// operation's inputs go: a merger keeps the first input's head and makes
// the other heads surplus deputies; a split shares everyone out; the
// district bodies' people go to the new communes.
func (p Plan) placements(ctx context.Context, reg *org.Register, st Staffing, op *org.Operation, communes []string, ps *placeState) error {
	if op.Kind == org.OpMoveFunctions {
		return nil // the demo's moves of functions take no one with them
	}
	var open []staff.Assignment
	quota := map[staff.Category]int{}
	parent := map[string]string{} // input → its parent, for provincial bodies that end
	district := map[string]bool{}
	party := map[string]bool{} // inputs of the Party pillar
	for _, ref := range op.Inputs {
		u, err := reg.Get(ctx, ref, org.Moment{AsOf: op.EffectiveDate.AddDays(-1)})
		if err != nil {
			return err
		}
		id := u.ID
		parent[id], district[id], party[id] = u.ParentID, u.Level == org.LevelDistrict, u.Pillar == org.PillarParty
		as, err := st.AssignmentsIn(ctx, id, org.Moment{AsOf: op.EffectiveDate})
		if err != nil {
			return err
		}
		open = append(open, as...)
		qs, err := st.QuotasOf(ctx, id, time.Time{})
		if err != nil {
			return err
		}
		for _, q := range qs {
			if q.Year == op.EffectiveDate.Time().Year() {
				quota[q.Category] = q.Count
			}
		}
	}
	outs := make([]string, 0, len(op.Outputs))
	for _, o := range op.Outputs {
		if o.New != nil {
			outs = append(outs, o.New.Code)
		} else {
			outs = append(outs, o.Ref)
		}
	}
	place := func(a staff.Assignment, to string, post staff.Post, surplus bool) {
		op.Placements = append(op.Placements, org.Placement{Person: a.PersonID, To: to, Post: string(post), Surplus: surplus})
	}
	switch {
	case len(outs) == 1 && (op.Kind == org.OpMerge || op.Kind == org.OpAbsorb || op.Kind == org.OpReorganize):
		kept := op.Kind == org.OpAbsorb
		for _, a := range open {
			if a.Post != staff.Head {
				continue
			}
			if !kept {
				place(a, outs[0], staff.Head, false)
				kept = true
				continue
			}
			place(a, outs[0], staff.Deputy, true)
		}
	case len(outs) > 1 && (op.Kind == org.OpSplit):
		for i, a := range open {
			place(a, outs[i%len(outs)], a.Post, false)
		}
		for c, n := range quota {
			for i, o := range outs {
				share := n / len(outs)
				if i == 0 {
					share += n % len(outs)
				}
				op.QuotaShares = append(op.QuotaShares, org.QuotaShare{To: o, Category: string(c), Count: share})
			}
		}
		slices.SortFunc(op.QuotaShares, func(a, b org.QuotaShare) int { return strings.Compare(a.Category+a.To, b.Category+b.To) })
	case len(outs) == 0 && len(open) > 0:
		heads, deps := ps.heads, ps.deps
		for _, a := range open {
			if !a.Primary {
				continue
			}
			if !district[a.UnitID] || op.EffectiveDate.Before(twoTier) {
				if p := parent[a.UnitID]; p != "" {
					place(a, p, staff.Staff, false)
				} else {
					op.Placements = append(op.Placements, org.Placement{Person: a.PersonID, Leave: true})
				}
				continue
			}
			c := communes[ps.next%len(communes)]
			ps.next++
			body := ".ubnd"
			if party[a.UnitID] {
				body = ".dangbo"
			}
			to := "c." + c + body
			if _, err := reg.Resolve(ctx, to); err != nil {
				// the communes' bodies are not established yet: the parent takes them
				to = parent[a.UnitID]
			}
			// Former district leaders head the commune bodies or become
			// their deputies (two at most); the others work as staff.
			post := staff.Staff
			switch {
			case a.Post == staff.Head && !heads[to]:
				post, heads[to] = staff.Head, true
			case a.Post != staff.Staff && deps[to] < 2:
				post = staff.Deputy
				deps[to]++
			}
			place(a, to, post, false)
		}
	}
	slices.SortStableFunc(op.Placements, func(a, b org.Placement) int { return strings.Compare(a.Person, b.Person) })
	return nil
}

// afterReform records what the province did once the two-tier government
// began: staff quotas for the communes' new bodies, and about one in
// six staff of the provincial departments sent to the communes.
func (p Plan) afterReform(ctx context.Context, reg *org.Register, st *staff.Service, by string) error {
	m := org.Moment{AsOf: twoTier}
	units, err := reg.Store().Snapshot(ctx, m)
	if err != nil {
		return err
	}
	var b staff.Batch
	var communes []string
	n, secs := 0, 0
	for _, u := range units {
		as, err := st.Store().AssignmentsIn(ctx, u.ID, m)
		if err != nil {
			return err
		}
		if u.Kind == "party_committee" && u.Level == org.LevelCommune && strings.HasSuffix(u.Code, ".dangbo") {
			// The secretary chairs the People's Council, as Directive
			// 45-CT/TW asks, in all but a few communes.
			if secs++; secs%9 != 0 {
				for _, a := range as {
					if a.Post == staff.Head && a.Primary {
						b.Assignments = append(b.Assignments, staff.NewAssignment{Where: a.PersonID, PersonRef: a.PersonID,
							UnitRef: strings.TrimSuffix(u.Code, ".dangbo") + ".hdnd", Assignment: staff.Assignment{Post: staff.Head,
								Title: "Chủ tịch Hội đồng nhân dân", Position: staff.Professional, Funding: staff.Budget, ValidFrom: twoTier,
								Note: "Bí thư kiêm Chủ tịch HĐND"}})
					}
				}
			}
		}
		switch {
		case u.Level == org.LevelCommune && len(as) > 0:
			if u.Kind == "peoples_committee" {
				communes = append(communes, u.Code)
			}
			b.Quotas = append(b.Quotas, staff.NewQuota{Where: u.Code, UnitRef: u.Code, Quota: staff.Quota{Year: 2025, Category: staff.CongChuc, Count: len(as) + 2},
				Decision: org.Decision{Number: "1250/QĐ-UBND (dữ liệu mẫu)", Issuer: "Ủy ban nhân dân tỉnh Lai Châu", SignedDate: civil.MustParse("2025-06-30"),
					Summary: "Giao biên chế cho các cơ quan cấp xã"}})
		case u.Level == org.LevelProvince && u.Kind == "specialized_agency":
			for _, a := range as {
				if a.Post != staff.Staff || !a.Primary {
					continue
				}
				if n++; n%6 == 0 {
					b.Ends = append(b.Ends, staff.EndAssignment{Where: a.PersonID, PersonRef: a.PersonID, Date: twoTier, Note: "tăng cường cho cấp xã"})
					b.Assignments = append(b.Assignments, staff.NewAssignment{Where: a.PersonID, PersonRef: a.PersonID,
						Assignment: staff.Assignment{Post: staff.Staff, Title: "Công chức", Position: staff.Professional, Funding: staff.Budget,
							Primary: true, ValidFrom: twoTier, Note: "tăng cường cho cấp xã"}})
				}
			}
		}
	}
	slices.Sort(communes)
	i := 0
	for k := range b.Assignments {
		if b.Assignments[k].UnitRef == "" {
			b.Assignments[k].UnitRef = communes[i%len(communes)]
			i++
		}
	}
	_, err = st.Record(ctx, b, by)
	return err
}
