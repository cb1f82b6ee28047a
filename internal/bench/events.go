package bench

import (
	"fmt"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// The story the register records, in valid-time order.

func (g *gen) histDecision(p *oldProv, day civil.Date) string {
	y := day.Time().Year()
	return g.decision(fmt.Sprintf("hist/%s/%d", p.code, y), fmt.Sprintf("%d/QĐ-UBND", 100+g.rng.IntN(3000)),
		"Ủy ban nhân dân "+p.phrase, civil.MustParse(fmt.Sprintf("%d-01-02", y)), civil.Date{},
		fmt.Sprintf("Kiện toàn tổ chức bộ máy các cơ quan, đơn vị thuộc %s năm %d", p.phrase, y))
}

func (g *gen) renameVariant(p *oldProv, u *unit, day civil.Date, dec string) {
	if !u.alive() {
		return
	}
	v := variant(u.a.Name)
	if v == "" {
		return
	}
	if dec == "" {
		dec = g.histDecision(p, day)
	}
	g.rename(day, dec, u, v, variant(u.a.ShortName))
}

// renames draws how many times a unit was renamed: weights[k] percent of
// units were renamed k times.
func (g *gen) renames(weights []int) int {
	r := g.rng.IntN(100)
	for k, w := range weights {
		if r < w {
			return k
		}
		r -= w
	}
	return len(weights) - 1
}

// history schedules and plays the years before 2025.
func (g *gen) history() {
	for _, p := range g.provs {
		for _, u := range p.churn {
			for range g.renames([]int{40, 35, 20, 5}) {
				g.at(g.between(histFrom, histTo), func(day civil.Date) { g.renameVariant(p, u, day, "") })
			}
		}
		for _, u := range p.movable {
			if g.rng.IntN(100) < 8 {
				g.at(g.between(histFrom, histTo), func(day civil.Date) {
					if u.alive() && !g.taken(p.ubnd, u.a.Name, u) {
						g.reparent(day, g.histDecision(p, day), []*unit{u}, p.ubnd)
					}
				})
			}
		}
		for _, d := range p.districts {
			switch {
			case d.kind == "huyện" && g.rng.IntN(100) < 8:
				g.at(g.between(histFrom, histTo), func(day civil.Date) { g.upgrade(d, "thị xã", "Thị ủy", day) })
			case d.kind == "thị xã" && g.rng.IntN(100) < 30:
				g.at(g.between(histFrom, histTo), func(day civil.Date) { g.upgrade(d, "thành phố", "Thành ủy", day) })
			}
			for _, cm := range d.communes {
				if cm.kind == "xã" && g.rng.IntN(1000) < 40 {
					g.at(g.between(histFrom, histTo), func(day civil.Date) {
						if d.kind == "huyện" {
							g.upgradeCommune(cm, "thị trấn", day, g.histDecision(p, day))
						}
					})
				}
			}
			if g.rng.IntN(100) < 15 {
				g.at(g.between(civil.MustParse("2018-01-01"), civil.MustParse("2021-12-31")), func(day civil.Date) { g.mergeCultureCentres(d, day) })
			}
			for _, u := range d.churn {
				for range g.renames([]int{50, 30, 20}) {
					g.at(g.between(histFrom, histTo), func(day civil.Date) { g.renameVariant(p, u, day, "") })
				}
			}
		}
	}
	g.communeWaves()
	g.at(hueDay, g.renameHue)
	g.run()
}

// upgrade makes a district a town or a city: every body named after it is renamed.
func (g *gen) upgrade(d *district, kind, partyPrefix string, day civil.Date) {
	if !d.ubnd.alive() {
		return
	}
	dec := g.decision("ubtvqh/"+d.code, fmt.Sprintf("%d/NQ-UBTVQH14", 500+g.rng.IntN(900)), "Ủy ban Thường vụ Quốc hội",
		day.AddDays(-45), day, "Thành lập "+kind+" "+d.name+" thuộc "+d.prov.phrase)
	oldPhrase, oldParty := d.phrase, d.partyName
	d.kind, d.phrase, d.partyName = kind, kind+" "+d.name, partyPrefix+" "+d.name
	r := strings.NewReplacer(oldPhrase, d.phrase, oldParty, d.partyName)
	for _, u := range d.all {
		if u.alive() {
			if n := r.Replace(u.a.Name); n != u.a.Name {
				g.rename(day, dec, u, n, r.Replace(u.a.ShortName))
			}
		}
	}
	for _, pair := range [][2]string{{"Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Kinh tế"}, {"Phòng Kinh tế và Hạ tầng", "Phòng Quản lý đô thị"}} {
		if u, ok := d.divisions[pair[0]]; ok && u.alive() {
			g.rename(day, dec, u, pair[1]+" "+d.phrase, pair[1])
			delete(d.divisions, pair[0])
			d.divisions[pair[1]] = u
		}
	}
	for _, cm := range d.communes {
		if cm.kind == "thị trấn" || (cm.kind == "xã" && g.rng.IntN(10) < 4) {
			g.upgradeCommune(cm, "phường", day, dec)
		}
	}
}

func (g *gen) upgradeCommune(cm *commune, kind string, day civil.Date, dec string) {
	if !cm.ubnd.alive() {
		return
	}
	old := cm.phrase()
	cm.kind = kind
	for _, u := range cm.bodies() {
		g.rename(day, dec, u, strings.Replace(u.a.Name, old, cm.phrase(), 1), strings.Replace(u.a.ShortName, old, cm.phrase(), 1))
	}
}

func (g *gen) mergeCultureCentres(d *district, day civil.Date) {
	a, b := d.psus["Trung tâm Văn hóa - Thể thao"], d.psus["Đài Truyền thanh - Truyền hình"]
	if !a.alive() || !b.alive() {
		return
	}
	out := g.merge(day, g.histDecision(d.prov, day), "Hợp nhất trung tâm văn hóa và đài truyền thanh của "+d.phrase, []*unit{a, b}, d.ubnd,
		org.Attrs{Code: d.code + ".DV5", Name: "Trung tâm Văn hóa, Thông tin và Thể thao " + d.phrase, Kind: "public_service_unit",
			Pillar: services, Level: org.LevelDistrict, AreaCode: d.code})
	d.all = append(d.all, out)
}

// communeWaves merges communes as the 2017–2021 resolutions of the
// National Assembly Standing Committee did: a commune absorbed into a
// neighbour. The first district holds the lineage probe: commune 1
// absorbed into 2 in 2017, 2 into 3 in 2020, and 3 merged in 2025.
func (g *gen) communeWaves() {
	wave := func(p *oldProv, a, b *commune, day civil.Date) {
		g.at(day, func(day civil.Date) {
			if !a.ubnd.alive() || !b.ubnd.alive() {
				return
			}
			y := day.Time().Year()
			dec := g.decision(fmt.Sprintf("ubtvqh/%s/%d", p.code, y), fmt.Sprintf("%d/NQ-UBTVQH14", 300+g.rng.IntN(600)), "Ủy ban Thường vụ Quốc hội",
				day.AddDays(-60), day, fmt.Sprintf("Sắp xếp các đơn vị hành chính cấp huyện, cấp xã thuộc %s năm %d", p.phrase, y))
			g.absorb(day, dec, "Nhập "+a.phrase()+" vào "+b.phrase(), []*unit{a.ubnd}, b.ubnd)
			g.dissolve(day, dec, "Kết thúc hoạt động của Đảng ủy, Hội đồng nhân dân và Mặt trận "+a.phrase(), []*unit{a.hdnd, a.party, a.mttq})
		})
	}
	wave2020 := func() civil.Date {
		return g.between(civil.MustParse("2019-12-01"), civil.MustParse("2020-02-01"))
	}
	wave2024 := func() civil.Date {
		return g.between(civil.MustParse("2024-11-01"), civil.MustParse("2025-01-01"))
	}
	for pi, p := range g.provs {
		for di, d := range p.districts {
			cs := d.communes
			if pi == 0 && di == 0 {
				g.ds.LineageProbe = cs[0].ubnd.id
				cs[2].mustMerge = true
				wave(p, cs[0], cs[1], civil.MustParse("2017-07-01"))
				wave(p, cs[1], cs[2], civil.MustParse("2020-01-01"))
				continue
			}
			r := g.rng.IntN(100)
			switch {
			case r < 3:
				i := g.rng.IntN(len(cs) - 2)
				wave(p, cs[i], cs[i+1], g.between(civil.MustParse("2017-01-01"), civil.MustParse("2017-12-31")))
				wave(p, cs[i+1], cs[i+2], wave2020())
			case r < 36:
				for range 1 + g.rng.IntN(2) {
					i := g.rng.IntN(len(cs) - 1)
					wave(p, cs[i], cs[i+1], wave2020())
				}
			}
			if g.rng.IntN(100) < 20 {
				i := g.rng.IntN(len(cs) - 1)
				wave(p, cs[i], cs[i+1], wave2024())
			}
		}
		// The 2023–2025 wave also merged small districts into a neighbour.
		for i := 1; i < len(p.districts); i++ {
			d, n := p.districts[i], p.districts[i-1]
			if !n.gone && g.rng.IntN(100) < 6 {
				d.gone = true
				g.at(wave2024(), func(day civil.Date) { g.absorbDistrict(d, n, day) })
			}
		}
	}
}

// absorbDistrict merges district d into its neighbour n: d's own
// divisions and services end, its bodies are absorbed into n's, and its
// communes move under n.
func (g *gen) absorbDistrict(d, n *district, day civil.Date) {
	p := d.prov
	dec := g.decision("ubtvqh2024/"+p.code, fmt.Sprintf("%d/NQ-UBTVQH15", 1100+g.rng.IntN(200)), "Ủy ban Thường vụ Quốc hội",
		civil.MustParse("2024-10-24"), day, "Sắp xếp đơn vị hành chính cấp huyện, cấp xã của "+p.phrase+" giai đoạn 2023 - 2025")
	var ends []*unit
	for _, b := range []*unit{d.party, d.hdnd, d.ubnd} {
		for _, k := range b.kids {
			if k.a.Level == org.LevelDistrict {
				ends = append(ends, k)
			}
		}
	}
	g.dissolve(day, dec, "Kết thúc hoạt động các cơ quan, đơn vị của "+d.phrase, ends)
	for _, x := range [][2]*unit{{d.ubnd, n.ubnd}, {d.hdnd, n.hdnd}, {d.party, n.party}, {d.mttq, n.mttq}, {d.ttyt, n.ttyt}} {
		g.absorb(day, dec, "Nhập "+d.phrase+" vào "+n.phrase, []*unit{x[0]}, x[1])
	}
	for i := range d.orgs {
		g.absorb(day, dec, "Nhập "+d.phrase+" vào "+n.phrase, []*unit{d.orgs[i]}, n.orgs[i])
	}
	n.communes = append(n.communes, d.communes...)
	d.communes = nil
}

// renameHue renames the bodies of Thừa Thiên Huế when it became a
// centrally-run city.
func (g *gen) renameHue(day civil.Date) {
	for _, p := range g.provs {
		if p.key != "Huế" {
			continue
		}
		dec := g.decision("nq1314", "1314/NQ-UBTVQH15", "Ủy ban Thường vụ Quốc hội", civil.MustParse("2024-11-30"), day,
			"Thành lập thành phố Huế trực thuộc trung ương trên cơ sở toàn bộ tỉnh Thừa Thiên Huế")
		r := strings.NewReplacer("tỉnh Thừa Thiên Huế", "thành phố Huế", "Tỉnh ủy Thừa Thiên Huế", "Thành ủy Huế", "Thừa Thiên Huế", "Huế")
		for _, u := range p.all {
			if u.alive() {
				if n := r.Replace(u.a.Name); n != u.a.Name {
					g.rename(day, dec, u, n, r.Replace(u.a.ShortName))
				}
			}
		}
		p.name, p.phrase, p.partyName = "Huế", "thành phố Huế", "Thành ủy Huế"
	}
}

// march2025 merges ministries, departments and party agencies.
func (g *gen) march2025() {
	c := &g.c
	m := c.ministries
	nq := g.decision("nq176", "176/2025/QH15", "Quốc hội", civil.MustParse("2025-02-18"), march,
		"Cơ cấu tổ chức của Chính phủ nhiệm kỳ Quốc hội khóa XV")
	for _, pair := range [][2]string{{"BKHDT", "BTC"}, {"BLDTBXH", "BNV"}, {"BGTVT", "BXD"}, {"BTTTT", "BKHCN"}} {
		g.absorb(march, nq, "Hợp nhất "+m[pair[0]].a.Name+" vào "+m[pair[1]].a.Name, []*unit{m[pair[0]]}, m[pair[1]])
	}
	m["BNNMT"] = g.merge(march, nq, "Hợp nhất Bộ Nông nghiệp và Phát triển nông thôn và Bộ Tài nguyên và Môi trường",
		[]*unit{m["BNNPTNT"], m["BTNMT"]}, c.cp, org.Attrs{Code: "TW.BNNMT", Name: "Bộ Nông nghiệp và Môi trường",
			Kind: "ministry", Pillar: state, Level: org.LevelCentral})
	g.rename(march, nq, m["UBDT"], "Bộ Dân tộc và Tôn giáo", "")
	g.reparent(march, nq, []*unit{c.deptsByName["Ban Tôn giáo Chính phủ"]}, m["UBDT"])
	if u := c.deptsByName["Tổng cục Giáo dục nghề nghiệp"]; u.alive() {
		g.reparent(march, nq, []*unit{u}, m["BGDDT"])
	}
	for _, r := range [][2]string{{"Tổng cục Thuế", "Cục Thuế"}, {"Tổng cục Hải quan", "Cục Hải quan"}, {"Tổng cục Thống kê", "Cục Thống kê"},
		{"Tổng cục Quản lý thị trường", "Cục Quản lý và Phát triển thị trường trong nước"},
		{"Tổng cục Thủy lợi", "Cục Quản lý và Xây dựng công trình thủy lợi"},
		{"Tổng cục Giáo dục nghề nghiệp", "Cục Giáo dục nghề nghiệp và Giáo dục thường xuyên"},
		{"Tổng cục Thể dục thể thao", "Cục Thể dục thể thao Việt Nam"}, {"Tổng cục Du lịch", "Cục Du lịch Quốc gia Việt Nam"}} {
		g.rename(march, nq, c.deptsByName[r[0]], r[1], "")
	}
	// Tax: the provinces' tax departments merged into regional ones.
	for i := 0; i*3 < len(g.provs); i++ {
		var in []*unit
		for _, p := range g.provs[i*3 : min(i*3+3, len(g.provs))] {
			in = append(in, p.thue)
		}
		kind := org.OpMerge
		if len(in) == 1 {
			kind = org.OpReorganize
		}
		g.mergeKind(kind, march, nq, "Tổ chức Chi cục Thuế khu vực", in, c.thue, org.Attrs{Code: fmt.Sprintf("TW.THUE.KV%02d", i+1),
			Name: "Chi cục Thuế khu vực " + romans[i], Kind: "vertical_agency", Pillar: state, Level: org.LevelProvince})
	}
	// The party's central agencies.
	kl := g.decision("kl121", "121-KL/TW", "Ban Chấp hành Trung ương Đảng", civil.MustParse("2025-01-24"), march,
		"Tổng kết Nghị quyết số 18-NQ/TW: sắp xếp tổ chức bộ máy của hệ thống chính trị")
	a := c.agencies
	g.merge(march, kl, "Hợp nhất Ban Tuyên giáo Trung ương và Ban Dân vận Trung ương", []*unit{a["BTG"], a["BDV"]}, c.bchtw,
		org.Attrs{Code: "TW.BTGDV", Name: "Ban Tuyên giáo và Dân vận Trung ương", Kind: "party_agency", Pillar: party, Level: org.LevelCentral})
	g.mergeKind(org.OpReorganize, march, kl, "Tổ chức lại Ban Kinh tế Trung ương", []*unit{a["BKT"]}, c.bchtw,
		org.Attrs{Code: "TW.BCSCL", Name: "Ban Chính sách, chiến lược Trung ương", Kind: "party_agency", Pillar: party, Level: org.LevelCentral})
	g.absorb(march, kl, "Chuyển chức năng đối ngoại Đảng về Bộ Ngoại giao", []*unit{a["BDN"]}, m["BNG"])
	g.dissolve(march, kl, "Kết thúc hoạt động các Đảng ủy Khối Trung ương", []*unit{a["DUK"], a["DUDN"]})
	g.begin(org.OpEstablish, march, kl, "Thành lập các đảng bộ trực thuộc Trung ương")
	for i, n := range []string{"Đảng ủy các cơ quan Đảng Trung ương", "Đảng ủy Chính phủ", "Đảng ủy Quốc hội", "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương"} {
		g.create(c.bchtw, org.Attrs{Code: fmt.Sprintf("TW.DU%d", i+1), Name: n, Kind: "party_subcommittee", Pillar: party, Level: org.LevelCentral})
	}
	g.end()
	// The National Assembly's committees.
	qc := c.committees
	for i, mg := range []struct {
		in   [2]string
		name string
	}{{[2]string{"Ủy ban Pháp luật", "Ủy ban Tư pháp"}, "Ủy ban Pháp luật và Tư pháp"},
		{[2]string{"Ủy ban Kinh tế", "Ủy ban Tài chính, Ngân sách"}, "Ủy ban Kinh tế và Tài chính"},
		{[2]string{"Ủy ban Văn hóa, Giáo dục", "Ủy ban Xã hội"}, "Ủy ban Văn hóa và Xã hội"}} {
		g.merge(march, nq, "Hợp nhất "+mg.in[0]+" và "+mg.in[1], []*unit{qc[mg.in[0]], qc[mg.in[1]]}, c.qh,
			org.Attrs{Code: fmt.Sprintf("TW.QH.M%d", i+1), Name: mg.name, Kind: "assembly_committee", Pillar: state, Level: org.LevelCentral})
	}
	g.rename(march, nq, qc["Ban Dân nguyện"], "Ủy ban Dân nguyện và Giám sát", "")
	g.dissolve(march, nq, "Kết thúc hoạt động Ủy ban Đối ngoại", []*unit{qc["Ủy ban Đối ngoại"]})

	nd := g.decision("nd45", "45/2025/NĐ-CP", "Chính phủ", civil.MustParse("2025-02-28"), march,
		"Tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh và cấp huyện")
	for _, p := range g.provs {
		g.marchProvince(p, nd, kl)
	}
}

func (g *gen) marchProvince(p *oldProv, nd, kl string) {
	dec := g.decision("qd2025/"+p.code, fmt.Sprintf("%d/QĐ-UBND", 300+g.rng.IntN(400)), "Ủy ban nhân dân "+p.phrase,
		civil.MustParse("2025-02-26"), march, "Thành lập, tổ chức lại các cơ quan chuyên môn thuộc Ủy ban nhân dân "+p.phrase+" (theo Nghị định 45/2025/NĐ-CP)")
	dp := p.depts
	for _, pair := range [][2]string{{"KHDT", "TC"}, {"LDTBXH", "NV"}, {"GTVT", "XD"}, {"TTTT", "KHCN"}} {
		g.absorb(march, dec, "Hợp nhất "+dp[pair[0]].a.Name+" vào "+dp[pair[1]].a.Name, []*unit{dp[pair[0]]}, dp[pair[1]])
	}
	dp["NNMT"] = g.merge(march, dec, "Hợp nhất Sở Nông nghiệp và Phát triển nông thôn và Sở Tài nguyên và Môi trường "+p.phrase,
		[]*unit{dp["NN"], dp["TNMT"]}, p.ubnd, org.Attrs{Code: p.code + ".S.NNMT", Name: "Sở Nông nghiệp và Môi trường " + p.phrase,
			ShortName: "Sở Nông nghiệp và Môi trường", Kind: "specialized_agency", Pillar: state, Level: org.LevelProvince, AreaCode: p.code})
	g.rename(march, dec, dp["BDT"], "Sở Dân tộc và Tôn giáo "+p.phrase, "Sở Dân tộc và Tôn giáo")
	for _, k := range dp["NV"].kids {
		if k.a.Name == "Ban Tôn giáo" {
			g.reparent(march, dec, []*unit{k}, dp["BDT"])
			break
		}
	}
	ag := p.agencies
	ag["BTGDV"] = g.merge(march, kl, "Hợp nhất Ban Tuyên giáo và Ban Dân vận "+p.partyName, []*unit{ag["BTG"], ag["BDV"]}, p.tu,
		org.Attrs{Code: p.code + ".BTGDV", Name: "Ban Tuyên giáo và Dân vận " + p.partyName, Kind: "party_agency", Pillar: party,
			Level: org.LevelProvince, AreaCode: p.code})
	g.dissolve(march, kl, "Kết thúc hoạt động các Đảng ủy Khối "+p.phrase, []*unit{ag["DUK"], ag["DUDN"]})
	g.begin(org.OpEstablish, march, kl, "Thành lập các đảng bộ trực thuộc "+p.partyName)
	ag["DUCQ"] = g.create(p.tu, org.Attrs{Code: p.code + ".DUCQ", Name: "Đảng ủy các cơ quan Đảng " + p.phrase, Kind: "party_subcommittee",
		Pillar: party, Level: org.LevelProvince, AreaCode: p.code})
	ag["DUUB"] = g.create(p.tu, org.Attrs{Code: p.code + ".DUUB", Name: "Đảng ủy Ủy ban nhân dân " + p.phrase, Kind: "party_subcommittee",
		Pillar: party, Level: org.LevelProvince, AreaCode: p.code})
	g.end()
	for _, d := range p.districts {
		if d.gone {
			continue
		}
		dv := d.divisions
		g.absorb(march, nd, "Hợp nhất Phòng Lao động - Thương binh và Xã hội vào Phòng Nội vụ "+d.phrase,
			[]*unit{dv["Phòng Lao động - Thương binh và Xã hội"]}, dv["Phòng Nội vụ"])
		if nn, ok := dv["Phòng Nông nghiệp và Phát triển nông thôn"]; ok {
			g.absorb(march, nd, "Hợp nhất Phòng Nông nghiệp và Phát triển nông thôn vào Phòng Tài nguyên và Môi trường "+d.phrase,
				[]*unit{nn}, dv["Phòng Tài nguyên và Môi trường"])
		}
		g.rename(march, nd, dv["Phòng Tài nguyên và Môi trường"], "Phòng Nông nghiệp và Môi trường "+d.phrase, "Phòng Nông nghiệp và Môi trường")
		g.rename(march, nd, dv["Phòng Văn hóa và Thông tin"], "Phòng Văn hóa, Khoa học và Thông tin "+d.phrase, "Phòng Văn hóa, Khoa học và Thông tin")
		if kt, ok := dv["Phòng Kinh tế và Hạ tầng"]; ok {
			g.rename(march, nd, kt, "Phòng Kinh tế, Hạ tầng và Đô thị "+d.phrase, "Phòng Kinh tế, Hạ tầng và Đô thị")
		}
	}
}

// july2025 is the two-level local government: the communes of each new
// province merged about three into one, the districts ended, the merged
// provinces' bodies absorbed into those of the province that gives the new
// one its name.
func (g *gen) july2025() {
	nq202 := g.decision("nq202", "202/2025/QH15", "Quốc hội", civil.MustParse("2025-06-12"), july, "Sắp xếp đơn vị hành chính cấp tỉnh")
	luat := g.decision("luat72", "72/2025/QH15", "Quốc hội", civil.MustParse("2025-06-16"), july,
		"Luật Tổ chức chính quyền địa phương: tổ chức chính quyền địa phương hai cấp")
	nq60 := g.decision("nq60", "60-NQ/TW", "Ban Chấp hành Trung ương Đảng", civil.MustParse("2025-04-12"), july,
		"Tổ chức chính quyền địa phương hai cấp; sắp xếp Mặt trận Tổ quốc và các tổ chức chính trị - xã hội")
	pi := 0
	for gi, grp := range groups[:g.cfg.Provinces] {
		olds := g.provs[pi : pi+len(grp)]
		pi += len(grp)
		t := olds[0]
		nqx := g.decision("nqx/"+t.code, fmt.Sprintf("%d/NQ-UBTVQH15", 1650+gi), "Ủy ban Thường vụ Quốc hội", civil.MustParse("2025-06-16"), july,
			"Sắp xếp các đơn vị hành chính cấp xã của "+t.phrase+" năm 2025")
		g.communes2025(t, olds, nqx, nq60)
		for _, p := range olds {
			for _, d := range p.districts {
				if d.gone {
					continue
				}
				if gd := d.psus["Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên"]; gd.alive() {
					g.begin(org.OpReparent, july, luat, "Chuyển "+gd.a.Name+" về "+p.depts["GDDT"].a.Name)
					g.cur().NewParent = p.depts["GDDT"].a.Code
					g.cur().Moves = []org.Move{{Unit: gd.a.Code, To: p.depts["GDDT"].a.Code, Level: org.LevelProvince}}
					g.changeLevel(gd, p.depts["GDDT"], org.LevelProvince)
					g.end()
				}
				us := []*unit{d.party, d.hdnd, d.ubnd, d.mttq}
				g.dissolve(july, luat, "Kết thúc hoạt động của chính quyền và các tổ chức "+d.phrase, append(us, d.orgs...))
			}
		}
		for _, a := range olds[1:] {
			g.absorbProvince(a, t, nq202)
		}
		dvsn := g.decision("dvsn/"+t.code, fmt.Sprintf("%d/QĐ-UBND", 1200+g.rng.IntN(500)), "Ủy ban nhân dân "+t.phrase,
			civil.MustParse("2025-06-27"), july, "Tổ chức lại các Trung tâm Y tế theo khu vực")
		for _, p := range olds {
			for _, d := range p.districts {
				g.rename(july, dvsn, d.ttyt, "Trung tâm Y tế khu vực "+d.name, "")
			}
		}
		var orgs []*unit
		for _, o := range frontOrgs {
			orgs = append(orgs, t.orgs[o.code])
		}
		g.reparent(july, nq60, orgs, t.mttq)
	}
	var orgs []*unit
	for _, o := range frontOrgs {
		orgs = append(orgs, g.c.orgs[o.code])
	}
	g.reparent(july, nq60, orgs, g.c.mttq)
}

// communes2025 merges the communes of a new province's districts.
func (g *gen) communes2025(t *oldProv, olds []*oldProv, nqx, nq60 string) {
	used := map[string]bool{}
	k := 0
	for _, p := range olds {
		for _, d := range p.districts {
			var alive []*commune
			for _, cm := range d.communes {
				if cm.ubnd.alive() {
					alive = append(alive, cm)
				}
			}
			for len(alive) > 0 {
				n := min([]int{1, 2, 3, 3, 3, 3, 4, 4, 4, 5}[g.rng.IntN(10)], len(alive))
				if n == 1 && alive[0].mustMerge && len(alive) > 1 {
					n = 2
				}
				k++
				g.newCommune(t, alive[:n], fmt.Sprintf("%s.XM%04d", t.code, k), used, nqx, nq60)
				alive = alive[n:]
			}
		}
	}
}

func (g *gen) newCommune(t *oldProv, chunk []*commune, code string, used map[string]bool, nqx, nq60 string) {
	kind := "xã"
	if chunk[0].kind == "phường" {
		kind = "phường"
	}
	name := ""
	for _, cm := range chunk {
		if !used[cm.name] {
			name = cm.name
			used[name] = true
			break
		}
	}
	if name == "" {
		name = g.place(used)
	}
	ph := kind + " " + name
	lc := org.LevelCommune
	attrs := func(sfx, name, short, kind string, pillar org.Pillar) org.Attrs {
		return org.Attrs{Code: code + "." + sfx, Name: name, ShortName: short, Kind: kind, Pillar: pillar, Level: lc, AreaCode: code}
	}
	var ubnd *unit
	if len(chunk) == 1 {
		// The commune stays as it was, now under the province.
		cm := chunk[0]
		if ph != cm.phrase() {
			old := cm.phrase()
			cm.kind, cm.name = kind, name
			for _, u := range cm.bodies() {
				g.rename(july, nqx, u, strings.Replace(u.a.Name, old, ph, 1), strings.Replace(u.a.ShortName, old, ph, 1))
			}
		}
		g.reparent(july, nqx, []*unit{cm.ubnd}, t.ubnd)
		g.reparent(july, nqx, []*unit{cm.hdnd}, t.hdnd)
		g.reparent(july, nq60, []*unit{cm.party}, t.tu)
		g.reparent(july, nq60, []*unit{cm.mttq}, t.mttq)
		ubnd = cm.ubnd
	} else {
		var in, old []*unit
		names := make([]string, len(chunk))
		for i, cm := range chunk {
			in = append(in, cm.ubnd)
			old = append(old, cm.hdnd, cm.party, cm.mttq)
			names[i] = cm.phrase()
		}
		ubnd = g.merge(july, nqx, "Sắp xếp "+strings.Join(names, ", ")+" thành "+ph, in, t.ubnd,
			attrs("UBND", "Ủy ban nhân dân "+ph, "UBND "+ph, "peoples_committee", state))
		g.begin(org.OpEstablish, july, nq60, "Thành lập Đảng ủy và Hội đồng nhân dân "+ph)
		g.create(t.tu, attrs("DU", "Đảng ủy "+ph, "", "party_committee", party))
		g.create(t.hdnd, attrs("HDND", "Hội đồng nhân dân "+ph, "HĐND "+ph, "peoples_council", state))
		g.create(t.mttq, attrs("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam "+ph, "UBMTTQ "+ph, "fatherland_front", front))
		g.end()
		g.dissolve(july, nqx, "Kết thúc hoạt động của Đảng ủy, Hội đồng nhân dân và Mặt trận các xã cũ hợp thành "+ph, old)
	}
	kt := "Phòng Kinh tế"
	if kind == "phường" {
		kt = "Phòng Kinh tế, Hạ tầng và Đô thị"
	}
	g.begin(org.OpEstablish, july, nqx, "Thành lập các cơ quan của "+ph)
	g.newDivs = append(g.newDivs,
		g.create(ubnd, attrs("VP", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân "+ph, "Văn phòng HĐND và UBND", "specialized_agency", state)),
		g.create(ubnd, attrs("KT", kt+" "+ph, kt, "specialized_agency", state)),
		g.create(ubnd, attrs("VHXH", "Phòng Văn hóa - Xã hội "+ph, "Phòng Văn hóa - Xã hội", "specialized_agency", state)),
		g.create(ubnd, attrs("TTHCC", "Trung tâm Phục vụ hành chính công "+ph, "", "public_service_unit", services)))
	g.end()
}

// absorbProvince absorbs each body of a merged province into its
// counterpart in the province that gives the new one its name.
func (g *gen) absorbProvince(a, t *oldProv, dec string) {
	pair := func(x, y *unit) {
		if x.alive() && y.alive() {
			g.absorb(july, dec, "Hợp nhất "+x.a.Name+" vào "+y.a.Name, []*unit{x}, y)
		}
	}
	for _, d := range depts {
		pair(a.depts[d.code], t.depts[d.code])
	}
	pair(a.depts["NNMT"], t.depts["NNMT"])
	for _, code := range []string{"BTC", "BTGDV", "BNC", "UBKT", "VPTU", "DUCQ", "DUUB"} {
		pair(a.agencies[code], t.agencies[code])
	}
	for i := range a.partyPSUs {
		pair(a.partyPSUs[i], t.partyPSUs[i])
	}
	for i := range a.committees {
		pair(a.committees[i], t.committees[i])
	}
	for i := range a.psus {
		pair(a.psus[i], t.psus[i])
	}
	for _, o := range frontOrgs {
		pair(a.orgs[o.code], t.orgs[o.code])
	}
	for _, x := range [][2]*unit{{a.mttq, t.mttq}, {a.court, t.court}, {a.vks, t.vks}, {a.hdnd, t.hdnd}, {a.ubnd, t.ubnd}, {a.tu, t.tu}} {
		pair(x[0], x[1])
	}
}

// after plays the months after the restructuring: a few of the new
// communes' divisions renamed.
func (g *gen) after() {
	for _, u := range g.newDivs {
		if g.rng.IntN(100) < 5 {
			g.at(g.between(civil.MustParse("2025-08-01"), civil.MustParse("2025-12-31")), func(day civil.Date) {
				dec := g.decision("after/"+day.String(), fmt.Sprintf("%d/QĐ-UBND", 2000+g.rng.IntN(900)), "Ủy ban nhân dân tỉnh", day.AddDays(-10), day,
					"Kiện toàn tổ chức các cơ quan chuyên môn của Ủy ban nhân dân cấp xã")
				if v := variant(u.a.Name); v != "" {
					g.rename(day, dec, u, v, variant(u.a.ShortName))
				}
			})
		}
	}
	g.run()
}
