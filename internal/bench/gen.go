// Package bench generates a register of the whole country's political
// system, at national scale, and measures the register's questions on it
// (see bench_test.go and docs/performance.md).
//
// The generated register is shaped like one built by org.Register.Apply:
// the central bodies and those of 63 provinces, their ~700 districts and
// ~10,500 communes, seeded as existing before the register began
// (1 August 2008, when Hà Tây joined Hà Nội); sixteen years of renames,
// upgrades, reparentings and commune mergers, with the 2024 wave of
// district and commune mergers; the restructuring of 1 March 2025
// (ministries and departments merged) and of 1 July 2025 (63 provinces
// into 34, districts abolished, communes merged about three into one); and
// a few corrections of misspelt names. Everything is drawn from a seeded
// generator: the same Config gives the same rows.
package bench

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
)

// Province is the key the national register is stored under: the
// benchmark's tree is the whole country's, in one register.
const Province = "00"

// Config sizes a generated register.
type Config struct {
	Seed uint64
	// Provinces is how many of the 34 provinces of 2025 to generate, each
	// with the provinces merged into it; 34 is the whole country.
	Provinces int
}

// National is the whole country: about 110,000 units, 230,000 version
// rows (of which 94,000 retracted) and 13,700 lineage edges.
func National() Config { return Config{Seed: 20250701, Provinces: len(groups)} }

// Dataset is a generated register, ready for store.Register.BulkLoad.
type Dataset struct {
	store.Bulk
	// Units is the number of distinct units.
	Units int
	// LineageProbe is the id of a commune's People's Committee absorbed in
	// 2017 whose successors run three steps, to a commune of 2025.
	LineageProbe string
}

// The dates of the story.
var (
	histFrom = civil.MustParse("2008-08-01")
	histTo   = civil.MustParse("2024-12-31")
	hueDay   = civil.MustParse("2025-01-01")
	march    = civil.MustParse("2025-03-01")
	july     = civil.MustParse("2025-07-01")
)

const (
	party    = org.PillarParty
	state    = org.PillarState
	front    = org.PillarFront
	services = org.PillarPublicService
)

type central struct {
	bchtw, qh, ubtvqh, cp, tandtc, vksndtc, mttq, thue *unit
	agencies, committees                               map[string]*unit
	ministries                                         map[string]*unit
	orgs                                               map[string]*unit // by frontOrgs code
	deptsByName                                        map[string]*unit
}

type oldProv struct {
	code, key, name, phrase, partyName     string
	tu, hdnd, ubnd, mttq, court, vks, thue *unit
	agencies, depts, orgs                  map[string]*unit
	committees, psus, partyPSUs            []*unit
	districts                              []*district
	communeNames                           map[string]bool
	churn, movable                         []*unit // divisions and services renamed or moved over the years
	ttyt                                   []*unit
	all                                    []*unit
}

type district struct {
	code, kind, name, phrase, partyName string
	prov                                *oldProv
	gone                                bool // absorbed into a neighbour before 2025
	party, hdnd, ubnd, mttq, ttyt       *unit
	divisions, psus                     map[string]*unit // by the name they were seeded with
	orgs, churn                         []*unit
	communes                            []*commune
	all                                 []*unit
}

type commune struct {
	code, kind, name        string
	party, hdnd, ubnd, mttq *unit
	mustMerge               bool
}

func (c *commune) phrase() string { return c.kind + " " + c.name }

func (c *commune) bodies() []*unit { return []*unit{c.party, c.hdnd, c.ubnd, c.mttq} }

type gen struct {
	*sim
	cfg       Config
	c         central
	provs     []*oldProv
	track     *[]*unit
	distNames map[string]bool
	events    []event
	all       []*unit
	newDivs   []*unit // the new communes' divisions
}

type event struct {
	date civil.Date
	fn   func(civil.Date)
}

// Generate makes the register described by cfg.
func Generate(cfg Config) *Dataset {
	if cfg.Provinces <= 0 || cfg.Provinces > len(groups) {
		cfg.Provinces = len(groups)
	}
	ds := &Dataset{}
	g := &gen{cfg: cfg, distNames: map[string]bool{}, sim: &sim{
		rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)), op: -1, roles: map[string]bool{}, ds: ds,
		codes: map[string]bool{}, decisions: map[string]string{}, typoRate: 0.004,
		clock: time.Date(2025, 8, 1, 1, 0, 0, 0, time.UTC),
	}}
	g.seed()
	g.typoRate = 0
	g.history()
	g.march2025()
	g.july2025()
	g.after()
	g.correct(g.all)
	return ds
}

func (g *gen) mk(p *unit, code, name, short, kind string, pillar org.Pillar, level org.Level, area string) *unit {
	u := g.create(p, org.Attrs{Code: code, Name: name, ShortName: short, Kind: kind, Pillar: pillar, Level: level, AreaCode: area})
	g.all = append(g.all, u)
	if g.track != nil {
		*g.track = append(*g.track, u)
	}
	return u
}

func (g *gen) place(used map[string]bool) string {
	for {
		a, b := syllables[g.rng.IntN(len(syllables))], syllables[g.rng.IntN(len(syllables))]
		if a == b {
			continue
		}
		if n := a + " " + b; !used[n] {
			used[n] = true
			return n
		}
	}
}

func (g *gen) between(from, to civil.Date) civil.Date {
	days := int(to.Time().Sub(from.Time()).Hours() / 24)
	return from.AddDays(g.rng.IntN(days + 1))
}

func (g *gen) at(date civil.Date, fn func(civil.Date)) {
	g.events = append(g.events, event{date, fn})
}

// run plays the scheduled events in date order (in scheduling order on a day).
func (g *gen) run() {
	slices.SortStableFunc(g.events, func(a, b event) int { return a.date.Time().Compare(b.date.Time()) })
	for _, e := range g.events {
		e.fn(e.date)
	}
	g.events = nil
}

// variant is the name as it was renamed by an editorial decision: the
// conjunction and the punctuation of names changed often over the years.
func variant(name string) string {
	switch {
	case strings.Contains(name, " và "):
		return strings.Replace(name, " và ", ", ", 1)
	case strings.Contains(name, " - "):
		return strings.Replace(name, " - ", " và ", 1)
	case strings.Contains(name, ", "):
		return strings.Replace(name, ", ", " và ", 1)
	}
	return ""
}

// The register as it stood when it began.

func (g *gen) seed() {
	g.seedCentral()
	for i, grp := range groups[:g.cfg.Provinces] {
		for j, key := range grp {
			g.seedProvince(fmt.Sprintf("T%02d%d", i+1, j), key)
		}
	}
}

func (g *gen) seedCentral() {
	c := &g.c
	lc := org.LevelCentral
	c.bchtw = g.mk(nil, "TW.BCH", "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam", "BCH Trung ương", "party_committee", party, lc, "")
	c.agencies = map[string]*unit{}
	for _, a := range []struct{ code, name, kind string }{
		{"BTC", "Ban Tổ chức Trung ương", "party_agency"}, {"BTG", "Ban Tuyên giáo Trung ương", "party_agency"},
		{"BDV", "Ban Dân vận Trung ương", "party_agency"}, {"BKT", "Ban Kinh tế Trung ương", "party_agency"},
		{"BDN", "Ban Đối ngoại Trung ương", "party_agency"}, {"BNC", "Ban Nội chính Trung ương", "party_agency"},
		{"UBKT", "Ủy ban Kiểm tra Trung ương", "party_inspection_commission"}, {"VP", "Văn phòng Trung ương Đảng", "party_agency"},
		{"HV", "Học viện Chính trị quốc gia Hồ Chí Minh", "party_psu"}, {"ND", "Báo Nhân Dân", "party_psu"},
		{"TCCS", "Tạp chí Cộng sản", "party_psu"}, {"DUK", "Đảng ủy Khối các cơ quan Trung ương", "party_subcommittee"},
		{"DUDN", "Đảng ủy Khối Doanh nghiệp Trung ương", "party_subcommittee"},
	} {
		c.agencies[a.code] = g.mk(c.bchtw, "TW.D."+a.code, a.name, "", a.kind, party, lc, "")
	}
	c.qh = g.mk(nil, "TW.QH", "Quốc hội", "", "national_assembly", state, lc, "")
	c.ubtvqh = g.mk(c.qh, "TW.UBTVQH", "Ủy ban Thường vụ Quốc hội", "", "national_assembly", state, lc, "")
	c.committees = map[string]*unit{}
	for i, n := range []string{"Hội đồng Dân tộc", "Ủy ban Pháp luật", "Ủy ban Tư pháp", "Ủy ban Kinh tế", "Ủy ban Tài chính, Ngân sách",
		"Ủy ban Quốc phòng và An ninh", "Ủy ban Văn hóa, Giáo dục", "Ủy ban Xã hội", "Ủy ban Khoa học, Công nghệ và Môi trường",
		"Ủy ban Đối ngoại", "Ban Dân nguyện", "Văn phòng Quốc hội"} {
		c.committees[n] = g.mk(c.qh, fmt.Sprintf("TW.QH.%02d", i+1), n, "", "assembly_committee", state, lc, "")
	}
	c.cp = g.mk(nil, "TW.CP", "Chính phủ", "", "government", state, lc, "")
	c.ministries, c.deptsByName = map[string]*unit{}, map[string]*unit{}
	for _, m := range ministries {
		mu := g.mk(c.cp, "TW."+m.code, m.name, "", "ministry", state, lc, "")
		c.ministries[m.code] = mu
		for i, dn := range append(slices.Clone(ministryCommon), m.depts...) {
			du := g.mk(mu, fmt.Sprintf("TW.%s.D%02d", m.code, i+1), dn, "", "ministry_department", state, lc, "")
			c.deptsByName[dn] = du
			for j, vn := range ministryDivisions[:3+g.rng.IntN(4)] {
				g.mk(du, fmt.Sprintf("%s.P%d", du.a.Code, j+1), vn, "", "division", state, lc, "")
			}
		}
		for i, pn := range ministryPSUs[:3+g.rng.IntN(4)] {
			g.mk(mu, fmt.Sprintf("TW.%s.DV%d", m.code, i+1), fmt.Sprintf(pn, m.name), "", "public_service_unit", services, lc, "")
		}
	}
	c.thue = c.deptsByName["Tổng cục Thuế"]
	c.tandtc = g.mk(nil, "TW.TANDTC", "Tòa án nhân dân tối cao", "", "court", state, lc, "")
	c.vksndtc = g.mk(nil, "TW.VKSNDTC", "Viện kiểm sát nhân dân tối cao", "", "procuracy", state, lc, "")
	ktnn := g.mk(nil, "TW.KTNN", "Kiểm toán nhà nước", "", "state_audit", state, lc, "")
	for i, r := range romans[:13] {
		g.mk(ktnn, fmt.Sprintf("TW.KTNN.KV%02d", i+1), "Kiểm toán nhà nước khu vực "+r, "", "state_audit", state, lc, "")
	}
	c.mttq = g.mk(nil, "TW.MTTQ", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "", "fatherland_front", front, lc, "")
	c.orgs = map[string]*unit{}
	for _, o := range frontOrgs {
		kind := "socio_political_org"
		if o.code == "LDLD" {
			kind = "trade_union"
		}
		c.orgs[o.code] = g.mk(nil, "TW."+o.code, o.central, "", kind, front, lc, "")
	}
}

var romans = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
	"XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV"}

func (g *gen) seedProvince(code, key string) {
	name := key
	if key == "Huế" {
		name = "Thừa Thiên Huế" // a centrally-run city from 1 January 2025
	}
	p := &oldProv{code: code, key: key, name: name, phrase: "tỉnh " + name, partyName: "Tỉnh ủy " + name,
		agencies: map[string]*unit{}, depts: map[string]*unit{}, orgs: map[string]*unit{}, communeNames: map[string]bool{}}
	if cities[name] {
		p.phrase, p.partyName = "thành phố "+name, "Thành ủy "+name
	}
	g.provs = append(g.provs, p)
	g.track = &p.all
	defer func() { g.track = nil }()
	c, lp := &g.c, org.LevelProvince
	mk := func(parent *unit, sfx, name, short, kind string, pillar org.Pillar) *unit {
		return g.mk(parent, code+"."+sfx, name, short, kind, pillar, lp, code)
	}
	p.tu = mk(c.bchtw, "TU", p.partyName, "", "party_committee", party)
	for _, a := range partyAgencies {
		au := mk(p.tu, a.code, fmt.Sprintf(a.name, p.partyName), "", a.kind, party)
		p.agencies[a.code] = au
		for i, dn := range a.divisions {
			p.churn = append(p.churn, mk(au, fmt.Sprintf("%s.P%d", a.code, i+1), dn, "", "division", party))
		}
	}
	p.partyPSUs = append(p.partyPSUs, mk(p.tu, "TCT", "Trường Chính trị "+p.phrase, "", "party_psu", party),
		mk(p.tu, "BAO", "Báo "+name, "", "party_psu", party))
	p.hdnd = mk(c.ubtvqh, "HDND", "Hội đồng nhân dân "+p.phrase, "HĐND "+p.phrase, "peoples_council", state)
	for i, n := range councilCommittees {
		p.committees = append(p.committees, mk(p.hdnd, fmt.Sprintf("HDND.B%d", i+1), n+" Hội đồng nhân dân "+p.phrase, n, "council_committee", state))
	}
	p.committees = append(p.committees, mk(p.hdnd, "VPDB", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân "+p.phrase, "", "council_office", state))
	p.ubnd = mk(c.cp, "UBND", "Ủy ban nhân dân "+p.phrase, "UBND "+p.phrase, "peoples_committee", state)
	for _, d := range depts {
		du := mk(p.ubnd, "S."+d.code, d.name+" "+p.phrase, d.name, "specialized_agency", state)
		p.depts[d.code] = du
		for i, dn := range d.divisions {
			p.churn = append(p.churn, mk(du, fmt.Sprintf("S.%s.P%d", d.code, i+1), dn, "", "division", state))
		}
		for i, s := range d.subs {
			su := mk(du, fmt.Sprintf("S.%s.C%d", d.code, i+1), s.name, "", "sub_department", state)
			p.churn = append(p.churn, su)
			for j, dn := range s.divisions {
				p.churn = append(p.churn, mk(su, fmt.Sprintf("S.%s.C%d.P%d", d.code, i+1, j+1), dn, "", "division", state))
			}
		}
		for i, pn := range d.psus {
			u := mk(du, fmt.Sprintf("S.%s.DV%d", d.code, i+1), fmt.Sprintf(pn, p.phrase), "", "public_service_unit", services)
			p.churn, p.movable = append(p.churn, u), append(p.movable, u)
		}
	}
	for i, pn := range directPSUs {
		kind, pillar := "public_service_unit", services
		if strings.HasPrefix(pn, "Ban Quản lý Khu") {
			kind, pillar = "admin_org", state
		}
		p.psus = append(p.psus, mk(p.ubnd, fmt.Sprintf("DV%d", i+1), fmt.Sprintf(pn, p.phrase), "", kind, pillar))
	}
	p.mttq = mk(c.mttq, "MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam "+p.phrase, "UBMTTQ "+p.phrase, "fatherland_front", front)
	for i, n := range []string{"Văn phòng", "Ban Dân chủ - Pháp luật", "Ban Phong trào"} {
		mk(p.mttq, fmt.Sprintf("MTTQ.B%d", i+1), n, "", "front_committee_division", front)
	}
	for _, o := range frontOrgs {
		kind := "socio_political_org"
		if o.code == "LDLD" {
			kind = "trade_union"
		}
		ou := mk(c.orgs[o.code], o.code, fmt.Sprintf(o.name, p.phrase), "", kind, front)
		p.orgs[o.code] = ou
		mk(ou, o.code+".VP", "Văn phòng", "", "division", front)
		mk(ou, o.code+".TC", "Ban Tổ chức - Kiểm tra", "", "division", front)
	}
	p.court = g.mk(c.tandtc, code+".TAND", "Tòa án nhân dân "+p.phrase, "", "court", state, lp, code)
	p.vks = g.mk(c.vksndtc, code+".VKS", "Viện kiểm sát nhân dân "+p.phrase, "", "procuracy", state, lp, code)
	p.thue = g.mk(c.thue, code+".THUE", "Cục Thuế "+p.phrase, "", "vertical_agency", state, lp, code)

	n := districtCounts[key]
	if n == 0 {
		n = 7 + g.rng.IntN(7)
	}
	for i := range n {
		kind := "huyện"
		switch {
		case cities[name] && i < n*2/5:
			kind = "quận"
		case i == 0 && !cities[name]:
			kind = "thành phố"
		case i == n-1 && g.rng.IntN(3) == 0:
			kind = "thị xã"
		}
		g.seedDistrict(p, fmt.Sprintf("%s.H%02d", code, i+1), kind)
	}
}

func (g *gen) seedDistrict(p *oldProv, code, kind string) {
	name := g.place(g.distNames)
	d := &district{code: code, kind: kind, name: name, prov: p, divisions: map[string]*unit{}, psus: map[string]*unit{}}
	d.phrase = kind + " " + name
	d.partyName = map[string]string{"huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}[kind] + " " + name
	p.districts = append(p.districts, d)
	outer := g.track
	g.track = &d.all
	ld := org.LevelDistrict
	mk := func(parent *unit, sfx, name, short, kind string, pillar org.Pillar) *unit {
		return g.mk(parent, code+"."+sfx, name, short, kind, pillar, ld, code)
	}
	d.party = mk(p.tu, "HU", d.partyName, "", "party_committee", party)
	for i, a := range []string{"Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận", "Ủy ban Kiểm tra", "Văn phòng"} {
		kind := "party_agency"
		if a == "Ủy ban Kiểm tra" {
			kind = "party_inspection_commission"
		}
		mk(d.party, fmt.Sprintf("HU.B%d", i+1), a+" "+d.partyName, "", kind, party)
	}
	d.hdnd = mk(p.hdnd, "HDND", "Hội đồng nhân dân "+d.phrase, "HĐND "+d.phrase, "peoples_council", state)
	mk(d.hdnd, "HDND.B1", "Ban Pháp chế Hội đồng nhân dân "+d.phrase, "Ban Pháp chế", "council_committee", state)
	mk(d.hdnd, "HDND.B2", "Ban Kinh tế - Xã hội Hội đồng nhân dân "+d.phrase, "Ban Kinh tế - Xã hội", "council_committee", state)
	d.ubnd = mk(p.ubnd, "UBND", "Ủy ban nhân dân "+d.phrase, "UBND "+d.phrase, "peoples_committee", state)
	divs := slices.Clone(districtDivisions)
	if kind == "huyện" {
		divs = append(divs, "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Kinh tế và Hạ tầng")
	} else {
		divs = append(divs, "Phòng Kinh tế", "Phòng Quản lý đô thị")
	}
	if g.rng.IntN(10) < 3 {
		divs = append(divs, "Phòng Dân tộc")
	}
	for i, dn := range divs {
		d.divisions[dn] = mk(d.ubnd, fmt.Sprintf("P%02d", i+1), dn+" "+d.phrase, dn, "specialized_agency", state)
		d.churn = append(d.churn, d.divisions[dn])
	}
	for i, pn := range []string{"Trung tâm Văn hóa - Thể thao", "Đài Truyền thanh - Truyền hình",
		"Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", "Ban Quản lý dự án đầu tư xây dựng"} {
		d.psus[pn] = mk(d.ubnd, fmt.Sprintf("DV%d", i+1), pn+" "+d.phrase, "", "public_service_unit", services)
	}
	d.mttq = mk(p.mttq, "MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam "+d.phrase, "UBMTTQ "+d.phrase, "fatherland_front", front)
	for _, o := range frontOrgs[1:] {
		d.orgs = append(d.orgs, mk(p.orgs[o.code], o.code, fmt.Sprintf(o.name, d.phrase), "", "socio_political_org", front))
	}
	// Units of the province named after the district.
	lp := org.LevelProvince
	d.ttyt = g.mk(p.depts["YT"], code+".TTYT", "Trung tâm Y tế "+d.phrase, "", "public_service_unit", services, lp, code)
	p.ttyt = append(p.ttyt, d.ttyt)
	d.all = append(d.all, d.ttyt)
	for k := range 1 + g.rng.IntN(3) {
		n := "Trường Trung học phổ thông " + name
		if k > 0 {
			n = fmt.Sprintf("Trường Trung học phổ thông số %d %s", k+1, name)
		}
		g.mk(p.depts["GDDT"], fmt.Sprintf("%s.THPT%d", code, k+1), n, "", "public_service_unit", services, lp, code)
	}
	// Communes.
	lc := org.LevelCommune
	for i := range 9 + g.rng.IntN(13) {
		ck := "xã"
		switch {
		case kind == "quận":
			ck = "phường"
		case kind != "huyện" && g.rng.IntN(10) < 7:
			ck = "phường"
		case kind == "huyện" && i == 0:
			ck = "thị trấn"
		}
		cm := &commune{code: fmt.Sprintf("%s.X%02d", code, i+1), kind: ck, name: g.place(p.communeNames)}
		ph := cm.phrase()
		cm.party = g.mk(d.party, cm.code+".DU", "Đảng ủy "+ph, "", "party_committee", party, lc, cm.code)
		cm.hdnd = g.mk(d.hdnd, cm.code+".HDND", "Hội đồng nhân dân "+ph, "HĐND "+ph, "peoples_council", state, lc, cm.code)
		cm.ubnd = g.mk(d.ubnd, cm.code+".UBND", "Ủy ban nhân dân "+ph, "UBND "+ph, "peoples_committee", state, lc, cm.code)
		cm.mttq = g.mk(d.mttq, cm.code+".MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam "+ph, "UBMTTQ "+ph, "fatherland_front", front, lc, cm.code)
		d.communes = append(d.communes, cm)
	}
	g.track = outer
	*g.track = append(*g.track, d.all...)
}
