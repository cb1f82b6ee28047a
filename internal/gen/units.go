package gen

import (
	"fmt"
	"math"
	"strconv"

	"tinhgon/internal/areas"
	"tinhgon/internal/org"
)

// unit is a generated unit as the staffing step needs it; its register
// row is in the dataset's versions at the same index.
type unit struct {
	p       *profile
	id      string
	parent  int32 // -1 for a province's root
	prov    int16
	commune int32 // index into the province's communes; -1 at the province
	level   org.Level
	weight  float32 // nominal staff besides head and deputies
	deps    int8
	// concurrentHead: the unit's head is someone else's concurrent post
	// (a Party secretary chairing the People's Council).
	concurrentHead bool
	lowProf        bool // a public service unit short of professional positions
	// head is the person heading the unit; set while staffing.
	head int32
	// counts are the primary headcount per category (cán bộ, công chức,
	// viên chức) on the baseline day and on 1 July 2025, for the quotas.
	counts [2][3]int32
}

// sibKey groups units of one profile under one parent: a concurrent staff
// post is taken in a sibling.
type sibKey struct {
	parent int32
	p      *profile
}

// add records a unit and returns its index.
func (g *generator) add(parent int32, p *profile, level org.Level, prov, commune int, code, name, short, area string) int32 {
	u := unit{p: p, id: g.ids.next(), parent: parent, prov: int16(prov), commune: int32(commune), level: level, head: -1}
	u.deps = int8(g.span(int(p.deps[0]), int(p.deps[1])))
	if p.surplus[0] > 0 && g.chance(100) {
		u.deps = int8(g.span(int(p.surplus[0]), int(p.surplus[1])))
	}
	if p.size[1] > 0 {
		u.weight = float32(g.span(int(p.size[0]), int(p.size[1])))
	}
	u.lowProf = p.psu && g.chance(80)
	parentID := ""
	if parent >= 0 {
		parentID = g.units[parent].id
	}
	g.ds.Register.Versions = append(g.ds.Register.Versions, org.Unit{ID: u.id, VersionID: g.ids.next(), Code: code, Name: name,
		ShortName: short, Kind: p.kind, Pillar: p.pillar, Level: level, ParentID: parentID, AreaCode: area,
		RecordedAt: recordedAt, RecordedBy: recordedBy, Note: "khởi tạo sổ đăng ký"})
	g.units = append(g.units, u)
	i := int32(len(g.units) - 1)
	if g.siblings == nil {
		g.siblings = map[sibKey][]int32{}
	}
	k := sibKey{parent, p}
	g.siblings[k] = append(g.siblings[k], i)
	return i
}

// province generates the units of the i-th province and its communes.
func (g *generator) province(i int) {
	p := g.provs[i]
	c := p.a.Code
	lp := org.LevelProvince
	mk := func(parent int32, pr *profile, code, name, short string) int32 {
		return g.add(parent, pr, lp, i, -1, c+"."+code, name, short, c)
	}
	p.tu = mk(-1, &pTU, "tu", p.party, "")
	for _, a := range partyAgencies {
		mk(p.tu, a.p, "tu."+a.code, fmt.Sprintf(a.name, p.party), "")
	}
	mk(p.tu, &pUBKTTU, "tu.ubkt", "Ủy ban Kiểm tra "+p.party, "")
	mk(p.tu, &pTruong, "tu.tct", "Trường Chính trị "+p.phrase, "")
	mk(p.tu, &pBao, "tu.bao", "Báo và Phát thanh, Truyền hình "+p.a.ShortName, "")

	hdnd := mk(p.tu, &pHDND, "hdnd", "Hội đồng nhân dân "+p.phrase, "HĐND "+p.phrase)
	g.units[hdnd].concurrentHead = g.chance(900)
	p.hdnd = hdnd
	mk(hdnd, &pVPHDND, "hdnd.vp", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân "+p.phrase, "")
	ubnd := mk(p.tu, &pUBND, "ubnd", "Ủy ban nhân dân "+p.phrase, "UBND "+p.phrase)
	p.ubnd = ubnd
	var gddt, yte int32
	for _, d := range depts {
		di := mk(ubnd, d.p, "so."+d.code, d.name+" "+p.phrase, d.name)
		p.depts = append(p.depts, di)
		switch d.code {
		case "gddt":
			gddt = di
		case "yte":
			yte = di
		}
		for k, s := range d.subs[:g.span(2, min(5, len(d.subs)))] {
			name := s.name
			if s.p == &pChiCuc {
				name += " " + p.phrase
			}
			si := mk(di, s.p, fmt.Sprintf("so.%s.c%d", d.code, k+1), name, s.name)
			if s.p == &pChiCuc {
				p.depts = append(p.depts, si)
			}
		}
		for k, pn := range d.psus[:g.span(min(3, len(d.psus)), min(10, len(d.psus)))] {
			mk(di, &pCentre, fmt.Sprintf("so.%s.dv%02d", d.code, k+1), fmt.Sprintf(pn, p.phrase), "")
		}
	}
	// The large public service units: hospitals, district health
	// centres, colleges and upper secondary schools, by the size of the
	// province.
	n := len(p.communes)
	for k, h := range hospitals[:min(len(hospitals), 4+n/30)] {
		mk(yte, &pHosp, fmt.Sprintf("so.yte.bv%02d", k+1), fmt.Sprintf(h, p.phrase), "")
	}
	used := map[string]bool{}
	k := 0
	for _, old := range p.a.OldCodes {
		for _, d := range g.set.Districts(old) {
			name := "Trung tâm Y tế khu vực " + d.ShortName
			if used[name] {
				continue
			}
			used[name] = true
			k++
			mk(yte, &pTTYT, fmt.Sprintf("so.yte.ttyt%02d", k), name, "")
		}
	}
	for k, cn := range colleges[:1+min(2, n/60)] {
		mk(gddt, &pCollege, fmt.Sprintf("so.gddt.cd%d", k+1), fmt.Sprintf(cn, p.phrase), "")
	}
	order := g.rng.Perm(n)
	for k, ci := range order[:(n*7+5)/10] {
		cm := p.communes[ci]
		mk(gddt, &pTHPT, fmt.Sprintf("so.gddt.thpt%03d", k+1), "Trường Trung học phổ thông "+placeName(cm), "")
	}

	mttq := mk(p.tu, &pMTTQ, "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam "+p.phrase, "UBMTTQ "+p.phrase)
	for _, o := range frontOrgs {
		pr := &pHoi
		if o.youth {
			pr = &pDoan
		}
		mk(mttq, pr, "mttq."+o.code, fmt.Sprintf(o.name, p.phrase), "")
	}
	p.cu = make([]communeUnits, len(p.communes))
	for ci := range p.communes {
		g.commune(i, ci, hdnd, ubnd, mttq)
	}
}

// placeName is the name a school takes after a place: the short name,
// or the full one when the short name is a number ("Phường 1").
func placeName(u areas.Unit) string {
	if _, err := strconv.Atoi(u.ShortName); err == nil || u.ShortName == "" {
		return u.Name
	}
	return u.ShortName
}

// commune generates the units of a commune of 2025.
func (g *generator) commune(pi, ci int, hdnd, ubnd, mttq int32) {
	p := g.provs[pi]
	cm := p.communes[ci]
	ph := cm.Type + " " + cm.ShortName
	x := "x" + cm.Code + "."
	lc := org.LevelCommune
	mk := func(parent int32, pr *profile, code, name, short string) int32 {
		return g.add(parent, pr, lc, pi, ci, x+code, name, short, cm.Code)
	}
	du := mk(p.tu, &xDU, "du", "Đảng ủy "+ph, "")
	mk(du, &xVPDU, "du.vp", "Văn phòng Đảng ủy "+ph, "")
	mk(du, &xBXD, "du.bxd", "Ban Xây dựng Đảng Đảng ủy "+ph, "")
	mk(du, &xUBKT, "du.ubkt", "Ủy ban Kiểm tra Đảng ủy "+ph, "")
	h := mk(hdnd, &xHDND, "hdnd", "Hội đồng nhân dân "+ph, "HĐND "+ph)
	g.units[h].concurrentHead = g.chance(900)
	ub := mk(ubnd, &xUBND, "ubnd", "Ủy ban nhân dân "+ph, "UBND "+ph)
	mk(ub, &xVP, "ubnd.vp", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân "+ph, "Văn phòng HĐND và UBND")
	for _, d := range communeDivisions[:g.span(2, 3)] {
		name := d.xa
		if cm.Type == "phường" {
			name = d.phuong
		}
		mk(ub, &xPhong, "ubnd."+d.code, name+" "+ph, name)
	}
	tthc := mk(ub, &xTTHC, "ubnd.ttpvhcc", "Trung tâm Phục vụ hành chính công "+ph, "")
	p.cu[ci] = communeUnits{du: du, hdnd: h, ubnd: ub, tthc: tthc, homes: []string{cm.Code}}
	mt := mk(mttq, &xMTTQ, "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam "+ph, "UBMTTQ "+ph)
	for _, o := range frontOrgs[:4] { // the Labour Federation has no commune body
		pr := &xHoi
		if o.youth {
			pr = &xDoan
		}
		mk(mt, pr, "mttq."+o.code, fmt.Sprintf(o.name, ph), "")
	}

	// Schools and the health station, by population: the schools keep the
	// names of the old communes the new one was made of.
	var places []string
	for _, code := range g.set.Predecessors(cm.Code) {
		if old, ok := g.set.LookupPre2025(code); ok {
			places = append(places, placeName(old))
			if code != cm.Code && len(code) == 5 {
				p.cu[ci].homes = append(p.cu[ci].homes, code)
			}
		}
	}
	if len(places) == 0 {
		places = []string{placeName(cm)}
	}
	pop := float64(cm.Population)
	if pop == 0 {
		pop = 9000 * float64(len(places))
	}
	count := func(per float64, lo, hi int) int {
		n := int(math.Round(pop/per)) + g.span(-1, 1)
		return max(lo, min(hi, n))
	}
	taken := map[string]bool{}
	schools := func(pr *profile, code, kind string, n int) {
		for k := range n {
			base := placeName(cm)
			if k < len(places) {
				base = places[k]
			}
			name := kind + " " + base
			for s := 2; taken[name]; s++ {
				name = fmt.Sprintf("%s %s số %d", kind, base, s)
			}
			taken[name] = true
			mk(ub, pr, fmt.Sprintf("%s%d", code, k+1), name, "")
		}
	}
	schools(&xMN, "mn", "Trường Mầm non", count(6000, 1, 6))
	schools(&xTH, "th", "Trường Tiểu học", count(6500, 1, 6))
	schools(&xTHCS, "thcs", "Trường Trung học cơ sở", count(10000, 1, 4))
	mk(ub, &xTYT, "tyt", "Trạm Y tế "+ph, "")
	mk(ub, &xDVTH, "dvth", "Trung tâm Dịch vụ tổng hợp "+ph, "")
}
