package gen

import (
	"fmt"
	"slices"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/staff"
)

// people staffs the units: every unit gets its head (unless the head is a
// concurrent post) and its deputies, the remaining current people go to
// the units in proportion to their nominal staff, and so do the people
// who left before 1 July 2025.
func (g *generator) people() error {
	total := g.cfg.People
	leavers := total * leaveRate / 1000
	current := total - leavers
	heads, deps := 0, 0
	var weights float64
	for i := range g.units {
		u := &g.units[i]
		if !u.concurrentHead {
			heads++
		}
		deps += int(u.deps)
		weights += float64(u.weight)
	}
	if current < heads {
		return fmt.Errorf("%d người không đủ cho %d đơn vị: cần ít nhất %d người (mỗi đơn vị một người đứng đầu, %d‰ đã nghỉ trước 01/07/2025)",
			total, len(g.units), heads*1000/(1000-leaveRate)+1, leaveRate)
	}
	depN := spread(g.units, min(deps, current-heads), func(u *unit) float64 { return float64(u.deps) })
	assigned := heads
	for _, n := range depN {
		assigned += int(n)
	}
	weight := func(u *unit) float64 { return float64(u.weight) }
	if weights == 0 {
		weight = func(*unit) float64 { return 1 }
	}
	staffN := spread(g.units, current-assigned, weight)
	leaveN := spread(g.units, leavers, weight)

	g.ds.People = make([]staff.Person, 0, total)
	// Each person has a primary row; a fifth of them three earlier rows
	// on average; about 3% a concurrent post.
	g.ds.Assignments = make([]staff.Assignment, 0, total+total*historyRate*3/1000+total*(concurrentRate+5)/1000)
	g.names.init()
	for i := range g.units {
		ui := int32(i)
		u := &g.units[i]
		if !u.concurrentHead {
			u.head = g.person(ui, staff.Head, false, false)
		}
		for k := range int(depN[i]) {
			g.person(ui, staff.Deputy, u.p.max > 0 && k >= int(u.p.max), false)
		}
		for range staffN[i] {
			g.person(ui, staff.Staff, false, false)
		}
		for range leaveN[i] {
			g.person(ui, staff.Staff, false, true)
		}
	}
	g.progress(len(g.ds.People), total)
	g.leadersConcurrent()
	return nil
}

// spread divides n among the units in proportion to weight, exactly: each
// unit gets the whole steps its cumulative share crosses.
func spread(units []unit, n int, weight func(*unit) float64) []int32 {
	out := make([]int32, len(units))
	var sum float64
	for i := range units {
		sum += weight(&units[i])
	}
	if n <= 0 || sum == 0 {
		return out
	}
	var cum float64
	prev := 0
	for i := range units {
		cum += weight(&units[i])
		next := int(cum / sum * float64(n))
		if i == len(units)-1 {
			next = n
		}
		out[i] = int32(next - prev)
		prev = next
	}
	return out
}

// quotaCats are the categories quotas are set for, in counts order.
var quotaCats = []staff.Category{staff.CanBo, staff.CongChuc, staff.VienChuc}

// quotaIndex is a category's place in quotaCats; -1 for those without quotas.
func quotaIndex(c staff.Category) int {
	switch c {
	case staff.CanBo:
		return 0
	case staff.CongChuc:
		return 1
	case staff.VienChuc:
		return 2
	}
	return -1
}

// person makes a person with their rows in unit ui and returns their index.
func (g *generator) person(ui int32, post staff.Post, surplus, leaver bool) int32 {
	u := &g.units[ui]
	p := u.p
	pv := g.provs[u.prov]
	lead := post != staff.Staff

	cat := staff.CongChuc
	switch {
	case p.psu:
		cat = staff.VienChuc
	case lead && p.elected:
		cat = staff.CanBo
	}
	pos, fund := staff.Professional, staff.Budget
	var title, grade string
	switch post {
	case staff.Head:
		title, grade = p.head, p.leadGrade
	case staff.Deputy:
		title, grade = p.deputy, p.leadGrade
	default:
		prof := 800
		if u.lowProf {
			prof = 500 + g.rng.IntN(120)
		}
		if len(p.roles) == 0 || !g.chance(prof) {
			pos, title, grade = staff.Support, support[g.rng.IntN(len(support))], "01.005"
			if g.chance(400) {
				cat, grade = staff.NguoiLaoDong, ""
			}
		} else {
			r := p.roles[g.rng.IntN(len(p.roles))]
			title, grade = r.title, r.grade
		}
		if p.kind == "public_service_unit" && g.chance(int(p.own)) {
			fund = staff.OwnRevenue
		}
	}

	women := int(p.women)
	if women == 0 {
		women = 450
	}
	if lead {
		women = women * 55 / 100 // fewer women lead, but most kindergartens still have a headmistress
	}
	sex := staff.Male
	if g.chance(women) {
		sex = staff.Female
	}
	lo, hi := 22, 60
	switch {
	case post == staff.Head:
		lo, hi = 40, 59
	case post == staff.Deputy:
		lo, hi = 35, 59
	case leaver:
		lo = 45 // most who left under Decree 178 were near retirement
	}
	if sex == staff.Female {
		hi = 56
	}
	age := g.span(lo, hi)
	birth := dateOf(dayNum(ymd(2025-age, 7, 1)) - g.rng.IntN(365))
	by := birth.Time().Year()
	career := max(dayNum(ymd(by+22+g.rng.IntN(4), time.Month(1+g.rng.IntN(12)), 1)), firstDay)
	newcomer := !lead && !leaver && g.chance(newcomerRate)
	if !newcomer {
		// the youngest started in 2024 at the latest, so that the 2025
		// newcomers are only those drawn as such
		career = min(career, baseDay-g.rng.IntN(365))
	}
	var start int
	switch {
	case newcomer:
		start = g.dayIn(baseDay+1, julyDay)
	case lead:
		start = g.dayIn(max(career, leadDay), baseDay) // leaders came to their unit in mid-career
	default:
		start = g.dayIn(career, baseDay)
	}
	career = min(career, start)
	gr := grades[grade]
	step := min(max(gr.steps, 1), 1+(2025-dateOf(career).Time().Year())/3)
	var coef staff.Coef
	if gr.steps > 0 {
		coef = gr.base + gr.inc*staff.Coef(step-1)
	} else {
		step = 0
	}

	ins := dateOf(career).Time()
	party := lead || g.chance(420)
	var joined civil.Date
	if party {
		joined = dateOf(min(dayNum(ymd(by+22+g.rng.IntN(11), time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28))), julyDay-1))
	}
	home := g.hometown(u, pv, post == staff.Head && p.nonLocal)
	f := g.family(pv)
	person := staff.Person{ID: g.ids.next(), VersionID: g.ids.next(), Code: g.codes.next(), Name: g.names.name(sex, f, g.rng),
		Sex: sex, BirthDate: birth, Hometown: home, Category: cat, Grade: grade, SalaryStep: step, Coefficient: coef,
		InsuranceFrom: ymd(ins.Year(), ins.Month(), 1), PartyMember: party, PartyJoined: joined,
		Education: g.education(lead, pos), PoliticalTheory: g.theory(post, u),
		RecordedAt: recordedAt, RecordedBy: recordedBy}
	switch post {
	case staff.Head:
		person.PositionAllowance = p.allowance[0]
	case staff.Deputy:
		person.PositionAllowance = p.allowance[1]
	}
	g.ds.People = append(g.ds.People, person)
	pi := int32(len(g.ds.People) - 1)
	if pi%4096 == 0 {
		g.progress(int(pi), g.cfg.People)
	}

	a := staff.Assignment{PersonID: person.ID, UnitID: u.id, Post: post, Title: title, Position: pos, Funding: fund,
		Primary: true, Surplus: surplus, ValidFrom: dateOf(start), RecordedAt: recordedAt, RecordedBy: recordedBy}
	if surplus {
		a.Note = "cấp phó dôi dư sau sắp xếp"
	}
	was := u // the unit of the person's baseline row
	switch {
	case leaver:
		a.ValidTo = twoTier
		if g.chance(300) {
			a.ValidTo = march
		}
		a.Note = "nghỉ theo Nghị định 178/2024/NĐ-CP"
		g.assign(a)
	case !newcomer && u.commune >= 0 && cat == staff.CongChuc && pos == staff.Professional && g.chance(movedRate):
		// sent from a provincial department to the commune on 1 July 2025
		d := pv.depts[g.rng.IntN(len(pv.depts))]
		was = &g.units[d]
		b := a
		b.UnitID, b.ValidTo, b.Title = was.id, twoTier, "Chuyên viên"
		g.assign(b)
		a.ValidFrom, a.Note = twoTier, "điều động về cơ sở"
		g.assign(a)
	case !newcomer && g.chance(historyRate*1000/(1000-newcomerRate)):
		g.history(u, a, start)
	default:
		g.assign(a)
	}
	if ci := quotaIndex(cat); ci >= 0 {
		if start <= baseDay {
			was.counts[0][ci]++
		}
		if !leaver {
			u.counts[1][ci]++
		}
	}
	if post == staff.Staff && !leaver && g.chance(concurrentRate) {
		if to := g.sibling(ui); to >= 0 {
			c := a
			c.ValidFrom, c.UnitID, c.Primary, c.Note = twoTier, g.units[to].id, false, "kiêm nhiệm"
			g.assign(c)
		}
	}
	return pi
}

// assign records an assignment with fresh ids.
func (g *generator) assign(a staff.Assignment) {
	a.ID, a.VersionID = g.ids.next(), g.ids.next()
	g.ds.Assignments = append(g.ds.Assignments, a)
}

// history records a re-appointment on 1 July 2025: one to five earlier
// rows in the unit from start, the last one in the same post, the earlier
// ones in lower posts, then the current row.
func (g *generator) history(u *unit, cur staff.Assignment, start int) {
	end := julyDay
	n := g.span(1, 5)
	cuts := make([]int, 0, n+1)
	cuts = append(cuts, start)
	for range n - 1 {
		cuts = append(cuts, start+1+g.rng.IntN(end-start-1))
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	cuts = append(cuts, end)
	rank := 0
	switch cur.Post {
	case staff.Head:
		rank = 2
	case staff.Deputy:
		rank = 1
	}
	rows := len(cuts) - 1
	for i := range rows {
		a := cur
		a.Surplus, a.Note = false, ""
		a.ValidFrom, a.ValidTo = dateOf(cuts[i]), dateOf(cuts[i+1])
		switch max(0, rank-(rows-1-i)) {
		case 2:
			a.Post, a.Title = staff.Head, u.p.head
		case 1:
			a.Post, a.Title = staff.Deputy, u.p.deputy
		default:
			if cur.Post != staff.Staff {
				a.Post, a.Title = staff.Staff, "Chuyên viên"
				if len(u.p.roles) > 0 {
					a.Title = u.p.roles[0].title
				}
			}
		}
		g.assign(a)
	}
	cur.ValidFrom = twoTier
	g.assign(cur)
}

// sibling is the unit a staff member of ui takes a concurrent post in: a
// commune division's staff serve at the commune's one-stop centre, others
// in a unit of the same kind under the same parent; -1 when there is none.
func (g *generator) sibling(ui int32) int32 {
	u := &g.units[ui]
	if (u.p == &xPhong || u.p == &xVP) && u.commune >= 0 {
		return g.provs[u.prov].cu[u.commune].tthc
	}
	sibs := g.siblings[sibKey{u.parent, u.p}]
	if len(sibs) < 2 {
		return -1
	}
	for {
		if s := sibs[g.rng.IntN(len(sibs))]; s != ui {
			return s
		}
	}
}

// leadersConcurrent gives the leaders their concurrent posts: the Party
// secretary chairs the People's Council (where the council has no head of
// its own), the People's Committee chairman is a deputy secretary.
func (g *generator) leadersConcurrent() {
	post := func(person, ui int32, p staff.Post, title string) {
		if person < 0 {
			return
		}
		g.assign(staff.Assignment{PersonID: g.ds.People[person].ID, UnitID: g.units[ui].id, Post: p, Title: title,
			Position: staff.Professional, Funding: staff.Budget, ValidFrom: twoTier, RecordedAt: recordedAt,
			RecordedBy: recordedBy, Note: "kiêm nhiệm"})
	}
	bodies := func(du, hdnd, ubnd int32) {
		if g.units[hdnd].concurrentHead {
			post(g.units[du].head, hdnd, staff.Head, g.units[hdnd].p.head)
		}
		post(g.units[ubnd].head, du, staff.Deputy, g.units[du].p.deputy)
	}
	for _, p := range g.provs {
		bodies(p.tu, p.hdnd, p.ubnd)
		for _, c := range p.cu {
			bodies(c.du, c.hdnd, c.ubnd)
		}
	}
}

// hometown draws a place of origin: for a commune's people mostly the
// commune itself, for a province's mostly the province, some from
// elsewhere; codes of both eras, as records of any age carry them. Posts
// to be held by people from elsewhere mostly are.
func (g *generator) hometown(u *unit, p *prov, nonLocal bool) string {
	area := p.a.Code
	var own []string
	if u.commune >= 0 {
		area = p.communes[u.commune].Code
		own = p.cu[u.commune].homes
	}
	if nonLocal {
		if g.chance(150) {
			if len(own) > 0 {
				return own[g.rng.IntN(len(own))]
			}
			return p.homes[g.rng.IntN(len(p.homes))]
		}
		for range 8 {
			h := p.homes[g.rng.IntN(len(p.homes))]
			if u.commune < 0 || g.chance(300) {
				h = g.allHomes[g.rng.IntN(len(g.allHomes))]
			}
			if within, _ := g.set.Within(h, area); !within {
				return h
			}
		}
	}
	switch r := g.rng.IntN(100); {
	case len(own) > 0 && r < 45:
		return own[g.rng.IntN(len(own))]
	case r < 80:
		return p.homes[g.rng.IntN(len(p.homes))]
	default:
		return g.allHomes[g.rng.IntN(len(g.allHomes))]
	}
}

func (g *generator) education(lead bool, pos staff.Position) string {
	r := g.rng.IntN(1000)
	switch {
	case lead && r < 80:
		return "Tiến sĩ"
	case lead && r < 550:
		return "Thạc sĩ"
	case lead:
		return "Đại học"
	case pos == staff.Support && r < 500:
		return "Trung cấp"
	case pos == staff.Support && r < 800:
		return "Cao đẳng"
	case r < 20:
		return "Tiến sĩ"
	case r < 140:
		return "Thạc sĩ"
	case r < 920:
		return "Đại học"
	}
	return "Cao đẳng"
}

func (g *generator) theory(post staff.Post, u *unit) string {
	r := g.rng.IntN(1000)
	switch {
	case post == staff.Head && (u.commune < 0 || r < 600):
		return "Cao cấp"
	case post != staff.Staff && r < 500:
		return "Cao cấp"
	case post != staff.Staff:
		return "Trung cấp"
	case r < 150:
		return "Trung cấp"
	case r < 650:
		return "Sơ cấp"
	}
	return ""
}

// quotas sets each unit's quotas for 2024 and 2025, per category, from its
// headcount with a little room; about one unit in twenty is over its 2025
// quota. The Party's and the Front's units get theirs from the Party
// committee, the others from the People's Committee.
func (g *generator) quotas() {
	for _, p := range g.provs {
		for y, year := range []int{2024, 2025} {
			signed := ymd(year, 1, 5)
			if year == 2025 {
				signed = ymd(2025, 7, 10) // after the two-tier reorganisation
			}
			p.decisions[y][0] = g.decision(fmt.Sprintf("%d-QĐ/TU", 100+g.rng.IntN(900)), p.party, signed,
				fmt.Sprintf("Giao biên chế năm %d cho các cơ quan, tổ chức của Đảng, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", year))
			p.decisions[y][1] = g.decision(fmt.Sprintf("%d/QĐ-UBND", 1000+g.rng.IntN(3000)), "Ủy ban nhân dân "+p.phrase, signed,
				fmt.Sprintf("Giao biên chế công chức và số lượng người làm việc năm %d", year))
		}
	}
	for i := range g.units {
		u := &g.units[i]
		issuer := 1
		if u.p.pillar == party || u.p.pillar == front {
			issuer = 0
		}
		for ci, cat := range quotaCats {
			for y, year := range []int{2024, 2025} {
				n := int(u.counts[y][ci])
				if n == 0 {
					continue
				}
				q := n + g.span(0, 2)
				if y == 1 && g.chance(50) {
					q = max(0, n-g.span(1, 2))
				}
				g.ds.Quotas = append(g.ds.Quotas, staff.Quota{ID: g.ids.next(), UnitID: u.id, Year: year, Category: cat, Count: q,
					DecisionID: g.provs[u.prov].decisions[y][issuer], RecordedAt: recordedAt, RecordedBy: recordedBy})
			}
		}
	}
}
