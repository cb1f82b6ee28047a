package demo_test

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/civil"
	"tinhgon/internal/demo"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
	"tinhgon/internal/storetest"
)

func TestDemoLoads(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		db := storetest.Open(t, fresh(t))
		prov, err := app.Open(db, demo.Province)
		if err != nil {
			t.Fatal(err)
		}
		reg := prov.Org
		p, err := demo.Load(ctx, reg, prov.Staff, prov.Schemes, "demo", io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		count := func(day string) org.Counts {
			c, err := reg.Counts(ctx, org.Moment{AsOf: civil.MustParse(day)})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		before, mid, after := count("2025-01-01"), count("2025-06-01"), count("2025-07-01")
		level := func(c org.Counts, l org.Level) int {
			for _, x := range c.ByLevel {
				if x.Code == string(l) {
					return x.Count
				}
			}
			return 0
		}
		// 415 skeleton entries less 25 territories and 9 central anchors.
		if before.Total != 381 {
			t.Errorf("units on 2025-01-01: %d, want 381", before.Total)
		}
		if !(mid.Total < before.Total) {
			t.Errorf("the 2025 operations cut units: %d → %d", before.Total, mid.Total)
		}
		if level(after, org.LevelDistrict) != 0 {
			t.Errorf("no district-level unit is left on 2025-07-01: %d", level(after, org.LevelDistrict))
		}
		if level(after, org.LevelCommune) < 38*3 {
			t.Errorf("the 38 communes' bodies exist on 2025-07-01: %d commune units", level(after, org.LevelCommune))
		}
		search := func(q, day string) []org.Unit {
			us, err := reg.Search(ctx, q, org.Filter{}, org.Moment{AsOf: civil.MustParse(day)})
			if err != nil {
				t.Fatal(err)
			}
			return us
		}
		if us := search("so ke hoach", "2025-01-01"); len(us) != 1 || us[0].Name != "Sở Kế hoạch và Đầu tư" {
			t.Errorf("search on 2025-01-01: %+v", us)
		}
		if us := search("so ke hoach", "2025-06-01"); len(us) != 0 {
			t.Errorf("search on 2025-06-01: %+v", us)
		}
		l, err := reg.Lineage(ctx, "s.khdt", org.Moment{AsOf: civil.MustParse("2025-06-01")})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Successors) != 1 || l.Successors[0].To.Name != "Sở Tài chính" || l.Successors[0].Kind != org.OpMerge ||
			l.Successors[0].Decision.Number != "45/2025/NĐ-CP" {
			t.Errorf("lineage of Sở Kế hoạch và Đầu tư: %+v", l.Successors)
		}
		ops, total, err := reg.Store().ListOperations(ctx, org.OpFilter{Limit: 1000})
		// The press merger waits in an approved scheme.
		if err != nil || p.Pending != 2 || total != len(p.Steps)-p.Pending || len(ops) != total {
			t.Errorf("operations recorded: %d of %d, %d pending (%v)", total, len(p.Steps), p.Pending, err)
		}
		checkStaffing(t, ctx, prov)
		checkFunctions(t, ctx, prov)
		checkSchemes(t, ctx, prov)
	})
}

// checkFunctions: the 2025 operations carry the catalogue on, the work of
// Sở Lao động - Thương binh và Xã hội divided among departments, and no
// function is left without a lead or given two.
func checkFunctions(t *testing.T, ctx context.Context, prov *app.Province) {
	leads := func(day string) map[string][]string {
		vs, err := prov.Functions.List(ctx, org.Moment{AsOf: civil.MustParse(day)}, function.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]string{}
		for _, v := range vs {
			out[v.Code] = []string{}
			for _, u := range v.Leads {
				out[v.Code] = append(out[v.Code], u.Code)
			}
		}
		return out
	}
	before, after := leads("2025-01-01"), leads("2025-07-15")
	if len(before) < 80 || len(after) != len(before) {
		t.Errorf("functions: %d on 2025-01-01, %d on 2025-07-15", len(before), len(after))
	}
	for fn, want := range map[string][2]string{
		"ld.gdnn": {"s.ldtbxh", "s.gddt"}, "ld.baotro": {"s.ldtbxh", "s.yte"}, "ld.giamngheo": {"s.ldtbxh", "s2.nnmt"},
		"ld.cainghien": {"s.ldtbxh", "v.catinh"}, "ld.vieclam": {"s.ldtbxh", "s2.noivu"}, "nv.tongiao": {"s.noivu", "s2.dttg"},
		"tt.baochi": {"s.tttt", "s.vhttdl"}, "gt.gplx": {"s.gtvt", "v.catinh"}, "kh.dautucong": {"s.khdt", "s2.taichinh"},
		"bvsk.canbo": {"p.bvsk", "dv.yt.bvdk"}, "bao.phatthanh": {"dv.daipttt", "dv.daipttt"}, // until the press scheme is applied "ct.qltt": {"v.cucqltt", "sd2.ct.qltt"},
		"dt.dantoc": {"s.bandantoc", "s2.dttg"}, "mttq.giamsat": {"mt.tinh", "mt.tinh"},
	} {
		if b, a := before[fn], after[fn]; len(b) != 1 || b[0] != want[0] || len(a) != 1 || a[0] != want[1] {
			t.Errorf("lead of %s: %v on 2025-01-01, %v on 2025-07-15; want %s then %s", fn, b, a, want[0], want[1])
		}
	}
	for _, day := range []string{"2021-01-01", "2025-02-28", "2025-03-01", "2025-06-20", "2025-07-15"} {
		fs, err := prov.Functions.Findings(ctx, org.Moment{AsOf: civil.MustParse(day)})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 0 {
			t.Errorf("%s: %d function findings, first %+v", day, len(fs), fs[0])
		}
	}
	fronts, err := prov.Functions.OfUnit(ctx, unitID(t, ctx, prov, "mt.tinh"), org.Moment{AsOf: civil.MustParse("2025-07-15")})
	if err != nil || len(fronts) < 4 {
		t.Errorf("functions of the Front on 2025-07-15: %d (%v)", len(fronts), err)
	}
}

func unitID(t *testing.T, ctx context.Context, prov *app.Province, code string) string {
	t.Helper()
	id, err := prov.Org.Resolve(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// checkStaffing: the demo's people follow the merges, and the findings the
// demo is there to show are found.
func checkStaffing(t *testing.T, ctx context.Context, prov *app.Province) {
	tally := func(day string) staff.Summary {
		tl, _, err := prov.Staff.Tally(ctx, org.Moment{AsOf: civil.MustParse(day)})
		if err != nil {
			t.Fatal(err)
		}
		return tl.Total()
	}
	before, after := tally("2024-12-31"), tally("2025-07-15")
	if before.Headcount < 3000 || before.Headcount > 5000 {
		t.Errorf("headcount at the end of 2024: %d, want a few thousand", before.Headcount)
	}
	if !(after.Headcount < before.Headcount) {
		t.Errorf("some left under Decree 178: %d → %d", before.Headcount, after.Headcount)
	}
	target := func(s staff.Summary, rule string) staff.Target {
		for _, g := range s.Targets {
			if g.Rule == rule {
				return g
			}
		}
		t.Fatalf("no target %s in %+v", rule, s.Targets)
		return staff.Target{}
	}
	if g := target(after, "giam-20"); g.Base == 0 || g.Value >= g.Base || g.Current <= 0 {
		t.Errorf("budget cut on 2025-07-15: %+v", g)
	}
	if g := target(after, "ve-co-so-5"); g.Value == 0 {
		t.Errorf("nobody sent to the communes: %+v", g)
	}
	count := func(day, rule string, match func(staff.Finding) bool) int {
		fs, err := prov.Staff.Findings(ctx, org.Moment{AsOf: civil.MustParse(day)}, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range fs {
			if (f.Rule == rule || strings.HasPrefix(f.Rule, rule+"-")) && match(f) {
				n++
			}
		}
		return n
	}
	if n := count("2025-06-01", "cap-pho", func(f staff.Finding) bool {
		return f.UnitName == "Sở Tài chính" && strings.Contains(f.Source, "45/2025") && f.Deadline == civil.MustParse("2030-03-01")
	}); n != 1 {
		t.Errorf("surplus deputies of the merged Sở Tài chính on 2025-06-01: %d findings", n)
	}
	if n := count("2025-02-28", "cap-pho", func(staff.Finding) bool { return true }); n != 0 {
		t.Errorf("deputy findings before Decree 45/2025 applies: %d", n)
	}
	// The service's fast path (counts kept per model and per day) agrees
	// with a plain pass over the same scope.
	for _, day := range []string{"2024-12-31", "2025-06-01", "2025-07-15"} {
		fast, model, err := prov.Staff.Tally(ctx, org.Moment{AsOf: civil.MustParse(day)})
		if err != nil {
			t.Fatal(err)
		}
		plain := model.Tally(prov.Staff.Rules(), staff.Scope{AsOf: fast.AsOf, Nodes: fast.Nodes, Baseline: fast.Baseline,
			BaseNodes: fast.BaseNodes, Successor: fast.Successors(), Merged: fast.Merged})
		ja, _ := json.Marshal(fast.Total())
		jb, _ := json.Marshal(plain.Total())
		if string(ja) != string(jb) {
			t.Errorf("%s: the service's total %s, a plain pass %s", day, ja, jb)
		}
		if n := len(fast.Rows("")); n < 100 {
			t.Errorf("%s: %d rows", day, n)
		}
		ja, _ = json.Marshal(fast.Rows(""))
		jb, _ = json.Marshal(plain.Rows(""))
		if string(ja) != string(jb) {
			t.Errorf("%s: the service's rows differ from a plain pass's", day)
		}
		// Asked as known now, the view is laid out from the day's trees
		// read from the database rather than from the kept timeline.
		known, _, err := prov.Staff.Tally(ctx, org.Moment{AsOf: civil.MustParse(day), KnownAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		jb, _ = json.Marshal(known.Rows(""))
		if string(ja) != string(jb) {
			t.Errorf("%s: the rows known now differ from the kept view's", day)
		}
	}
	// A part of the tree counted alone equals the same part of the whole.
	for _, day := range []string{"2025-02-01", "2025-07-15"} {
		m := org.Moment{AsOf: civil.MustParse(day)}
		u, err := prov.Org.Get(ctx, "st.ubnd", m)
		if err != nil {
			t.Fatal(err)
		}
		whole, _, err := prov.Staff.Tally(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		part, err := prov.Staff.TallyUnder(ctx, m, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := whole.Subtotal(u.ID)
		b, _ := part.Subtotal(u.ID)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) || a.Headcount == 0 {
			t.Errorf("%s: the People's Committee alone %+v, within the province %+v", day, b, a)
		}
	}
	if n := count("2025-07-15", "khong-dia-phuong", func(f staff.Finding) bool { return f.PersonName != "" }); n == 0 {
		t.Errorf("no non-local finding after the communes' bodies were set up")
	}
}

// checkSchemes: the departments' scheme was applied through the scheme;
// the press scheme is approved and applies; the Front's draft finds the
// overlap of poverty reduction and cuts units.
func checkSchemes(t *testing.T, ctx context.Context, prov *app.Province) {
	svc := prov.Schemes
	want := map[string]scheme.Status{"da-so-2025": scheme.Applied, "da-bao-pttt": scheme.Approved, "da-mttq-2027": scheme.Draft}
	list, total, err := svc.List(ctx, scheme.Filter{})
	if err != nil || total != len(want) {
		t.Fatalf("schemes: %d (%v)", total, err)
	}
	for _, sc := range list {
		if sc.Status != want[sc.Code] {
			t.Errorf("scheme %s is %s, want %s", sc.Code, sc.Status, want[sc.Code])
		}
	}
	deps, err := svc.Get(ctx, "da-so-2025")
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Check(ctx, &deps)
	if err != nil {
		t.Fatal(err)
	}
	// Ten departments become five, Sở Dân tộc và Tôn giáo takes the Ban Dân tộc's place.
	if res.Impact.Units.Change != -5 || len(res.Errors()) != 0 || len(deps.Applied) != len(deps.Operations) {
		t.Errorf("departments scheme: units %+v, errors %v, %d of %d operations applied", res.Impact.Units, res.Errors(), len(deps.Applied), len(deps.Operations))
	}
	draft, err := svc.Get(ctx, "da-mttq-2027")
	if err != nil {
		t.Fatal(err)
	}
	res, err = svc.Check(ctx, &draft)
	if err != nil {
		t.Fatal(err)
	}
	overlap := false
	for _, f := range res.Findings {
		overlap = overlap || f.Severity == scheme.Error && strings.Contains(f.Message, "chồng chéo") && strings.Contains(f.Message, "Giảm nghèo")
	}
	if !overlap || res.Impact.Units.After >= res.Impact.Units.Before {
		t.Errorf("Front draft: findings %+v, units %+v", res.Findings, res.Impact.Units)
	}
	// The approved press scheme applies: the newspaper then leads broadcasting.
	if _, err := svc.Apply(ctx, "da-bao-pttt", 0, "demo"); err != nil {
		t.Fatalf("applying the press scheme: %v", err)
	}
	vs, err := prov.Functions.List(ctx, org.Moment{AsOf: civil.MustParse("2025-07-15")}, function.Filter{Query: "phát thanh"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range vs {
		if v.Code == "bao.phatthanh" {
			found = true
			if len(v.Leads) != 1 || v.Leads[0].Code != "p2.bao" {
				t.Errorf("lead of broadcasting after the press scheme: %+v", v.Leads)
			}
		}
	}
	if !found {
		t.Errorf("no function bao.phatthanh on 2025-07-15")
	}
	if u, err := prov.Org.Get(ctx, "p2.bao", org.Moment{AsOf: civil.MustParse("2025-11-01")}); err != nil || u.Name != "Báo và Phát thanh, Truyền hình Lai Châu" {
		t.Errorf("the press body after the scheme: %+v, %v", u, err)
	}
}
