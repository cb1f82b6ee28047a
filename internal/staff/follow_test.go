package staff_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
	"tinhgon/internal/storetest"
)

// province is a small register with staff: a People's Committee and three
// departments, two of them with a head, two deputies and three staff.
type province struct {
	t    *testing.T
	ctx  context.Context
	prov *app.Province
	dec  string
}

func newProvince(t *testing.T, dsn string) *province {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, dsn)
	prov, err := app.Open(db, "12")
	if err != nil {
		t.Fatal(err)
	}
	p := &province{t: t, ctx: ctx, prov: prov}
	unit := func(code, name, parent string) org.NewUnit {
		return org.NewUnit{Attrs: org.Attrs{Code: code, Name: name, Kind: "specialized_agency", Pillar: org.PillarState, Level: org.LevelProvince, ParentID: parent}}
	}
	seed := []org.NewUnit{
		{Attrs: org.Attrs{Code: "ubnd", Name: "Ủy ban nhân dân tỉnh", Kind: "peoples_committee", Pillar: org.PillarState, Level: org.LevelProvince}},
		unit("kh", "Sở Kế hoạch và Đầu tư", "ubnd"), unit("tc", "Sở Tài chính", "ubnd"), unit("tp", "Sở Tư pháp", "ubnd"),
	}
	if err := prov.Org.Seed(ctx, seed, "test", "test"); err != nil {
		t.Fatal(err)
	}
	d, err := prov.Org.RecordDecision(ctx, org.Decision{Number: "1/QĐ-UBND", Issuer: "UBND tỉnh", SignedDate: day("2025-02-20")}, "test")
	if err != nil {
		t.Fatal(err)
	}
	p.dec = d.ID
	var b staff.Batch
	for _, u := range []string{"kh", "tc"} {
		for i, post := range []staff.Post{staff.Head, staff.Deputy, staff.Deputy, staff.Staff, staff.Staff, staff.Staff} {
			code := fmt.Sprintf("%s%d", u, i)
			b.People = append(b.People, staff.NewPerson{Where: code, Person: staff.Person{Code: code, Name: "Người " + code, Sex: staff.Male,
				BirthDate: day("1975-01-01"), Category: staff.CongChuc}})
			b.Assignments = append(b.Assignments, staff.NewAssignment{Where: code, PersonRef: code, UnitRef: u,
				Assignment: staff.Assignment{Post: post, Primary: true, ValidFrom: day("2020-01-01")}})
		}
		b.Quotas = append(b.Quotas, staff.NewQuota{Where: u, UnitRef: u, Quota: staff.Quota{Year: 2025, Category: staff.CongChuc, Count: 7},
			Decision: org.Decision{Number: "9/QĐ-UBND", Issuer: "UBND tỉnh"}})
	}
	if _, err := prov.Staff.Record(ctx, b, "test"); err != nil {
		t.Fatal(err)
	}
	return p
}

func (p *province) apply(op org.Operation) (org.Operation, error) {
	op.DecisionID, op.EffectiveDate = p.dec, day("2025-03-01")
	return p.prov.Org.Apply(p.ctx, op, "test")
}

// staffOf lists the codes and posts of a unit's people on a day.
func (p *province) staffOf(unit, on string) map[string]staff.Post {
	p.t.Helper()
	u, err := p.prov.Org.Get(p.ctx, unit, org.Moment{AsOf: day(on)})
	if err != nil {
		p.t.Fatalf("unit %s on %s: %v", unit, on, err)
	}
	as, err := p.prov.Staff.Store().AssignmentsIn(p.ctx, u.ID, org.Moment{AsOf: day(on)})
	if err != nil {
		p.t.Fatal(err)
	}
	out := map[string]staff.Post{}
	for _, a := range as {
		vs, err := p.prov.Staff.Store().PersonVersions(p.ctx, a.PersonID, time.Time{})
		if err != nil || len(vs) == 0 {
			p.t.Fatalf("person %s: %v", a.PersonID, err)
		}
		out[vs[0].Code] = a.Post
	}
	return out
}

func (p *province) quota(unit, on string) int {
	p.t.Helper()
	tl, _, err := p.prov.Staff.Tally(p.ctx, org.Moment{AsOf: day(on)})
	if err != nil {
		p.t.Fatal(err)
	}
	u, err := p.prov.Org.Get(p.ctx, unit, org.Moment{AsOf: day(on)})
	if err != nil {
		p.t.Fatal(err)
	}
	s, _ := tl.Subtotal(u.ID)
	if s.Quota == nil {
		return -1
	}
	return *s.Quota
}

func merged() org.Operation {
	return org.Operation{Kind: org.OpMerge, Inputs: []string{"kh", "tc"},
		Outputs: []org.Output{{New: &org.NewUnit{Attrs: org.Attrs{Code: "tc2", Name: "Sở Tài chính", Kind: "specialized_agency"}}}}}
}

func refusedWith(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("applied; want a refusal saying %q", want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("refused with %q; want it to say %q", err, want)
	}
}

func TestMergeMovesPeopleAndQuotas(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		p := newProvince(t, fresh(t))
		// Two heads cannot both head the merged department by default.
		_, err := p.apply(merged())
		refusedWith(t, err, "cần được chọn rõ")
		if got := p.staffOf("kh", "2025-03-01"); len(got) != 6 {
			t.Fatalf("a refused merger moved people: kh has %v", got)
		}
		op := merged()
		op.Placements = []org.Placement{{Person: "kh0", To: "tc2", Post: "head"}, {Person: "tc0", To: "tc2", Post: "deputy", Surplus: true}}
		applied, err := p.apply(op)
		if err != nil {
			t.Fatal(err)
		}
		got := p.staffOf("tc2", "2025-03-01")
		heads, deps := 0, 0
		for _, post := range got {
			switch post {
			case staff.Head:
				heads++
			case staff.Deputy:
				deps++
			}
		}
		if len(got) != 12 || heads != 1 || deps != 5 || got["kh0"] != staff.Head || got["tc0"] != staff.Deputy {
			t.Errorf("merged department on 2025-03-01: %v", got)
		}
		if before := p.staffOf("kh", "2025-02-28"); len(before) != 6 {
			t.Errorf("the old department's staff on the eve: %v", before)
		}
		if q := p.quota("tc2", "2025-03-01"); q != 14 {
			t.Errorf("merged quota %d, want 7+7", q)
		}
		// The surplus deputies are found, with the merger's deadline.
		fs, err := p.prov.Staff.Findings(p.ctx, org.Moment{AsOf: day("2025-06-01")}, 0)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range fs {
			if strings.HasPrefix(f.Rule, "cap-pho") && f.UnitName == "Sở Tài chính" && f.Deadline == day("2030-03-01") && strings.Contains(f.Source, "45/2025") {
				found = true
			}
		}
		if !found {
			t.Errorf("no surplus-deputy finding for the merged department: %+v", fs)
		}
		// Reverting the merger puts everyone back.
		if err := p.prov.Org.Revert(p.ctx, applied.ID, "nhầm", "test"); err != nil {
			t.Fatal(err)
		}
		if got := p.staffOf("kh", "2025-06-01"); len(got) != 6 || got["kh0"] != staff.Head {
			t.Errorf("after revert, kh on 2025-06-01: %v", got)
		}
		if q := p.quota("kh", "2025-06-01"); q != 7 {
			t.Errorf("after revert, kh quota %d", q)
		}
	})
}

func TestSplitNeedsAllocation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		p := newProvince(t, fresh(t))
		split := func() org.Operation {
			return org.Operation{Kind: org.OpSplit, Inputs: []string{"kh"}, Outputs: []org.Output{
				{New: &org.NewUnit{Attrs: org.Attrs{Code: "a", Name: "Sở A", Kind: "specialized_agency"}}},
				{New: &org.NewUnit{Attrs: org.Attrs{Code: "b", Name: "Sở B", Kind: "specialized_agency"}}}}}
		}
		op := split()
		op.Placements = []org.Placement{{Person: "kh0", To: "a"}, {Person: "kh1", To: "b", Post: "head"}}
		_, err := p.apply(op)
		refusedWith(t, err, "còn 4 người chưa được bố trí")
		for i := 2; i < 6; i++ {
			op.Placements = append(op.Placements, org.Placement{Person: fmt.Sprintf("kh%d", i), To: []string{"a", "b"}[i%2]})
		}
		_, err = p.apply(op)
		refusedWith(t, err, "đã phân bổ 0")
		op.QuotaShares = []org.QuotaShare{{To: "a", Category: "cong_chuc", Count: 4}, {To: "b", Category: "cong_chuc", Count: 3}}
		if _, err := p.apply(op); err != nil {
			t.Fatal(err)
		}
		if a, b := p.staffOf("a", "2025-03-01"), p.staffOf("b", "2025-03-01"); len(a) != 3 || len(b) != 3 || b["kh1"] != staff.Head {
			t.Errorf("after the split: a %v, b %v", a, b)
		}
		if qa, qb := p.quota("a", "2025-03-01"), p.quota("b", "2025-03-01"); qa != 4 || qb != 3 {
			t.Errorf("quotas after the split: %d and %d", qa, qb)
		}
	})
}

func TestDissolveAndSpinOff(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		p := newProvince(t, fresh(t))
		_, err := p.apply(org.Operation{Kind: org.OpDissolve, Inputs: []string{"tc"}})
		refusedWith(t, err, "còn 6 người chưa được bố trí")
		op := org.Operation{Kind: org.OpSpinOff, Inputs: []string{"kh"}, Outputs: []org.Output{
			{New: &org.NewUnit{Attrs: org.Attrs{Code: "ttxt", Name: "Trung tâm Xúc tiến đầu tư", Kind: "public_service_unit", Pillar: org.PillarPublicService}}}},
			Placements: []org.Placement{{Person: "kh3", To: "ttxt", Post: "head", Title: "Giám đốc Trung tâm"}, {Person: "tp9", To: "ttxt"}}}
		_, err = p.apply(op)
		refusedWith(t, err, "không tìm thấy người")
		op.Placements = op.Placements[:1]
		if _, err := p.apply(op); err != nil {
			t.Fatal(err)
		}
		if kh, tt := p.staffOf("kh", "2025-03-01"), p.staffOf("ttxt", "2025-03-01"); len(kh) != 5 || tt["kh3"] != staff.Head {
			t.Errorf("after the spin-off: kh %v, centre %v", kh, tt)
		}
		// Leaving is a placement too: then the department may be dissolved.
		var leave []org.Placement
		for i := range 6 {
			leave = append(leave, org.Placement{Person: fmt.Sprintf("tc%d", i), Leave: i%2 == 0, To: map[bool]string{true: "", false: "tp"}[i%2 == 0]})
		}
		if _, err := p.apply(org.Operation{Kind: org.OpDissolve, Inputs: []string{"tc"}, Placements: leave}); err != nil {
			t.Fatal(err)
		}
		if tp := p.staffOf("tp", "2025-03-01"); len(tp) != 3 {
			t.Errorf("the Justice department took %v", tp)
		}
	})
}

// TestRecordChecks: one primary assignment at a time; a unit must be alive.
func TestRecordChecks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		p := newProvince(t, fresh(t))
		cases := []struct {
			name string
			a    staff.NewAssignment
			want string
		}{
			{"second primary", staff.NewAssignment{Where: "r1", PersonRef: "kh3", UnitRef: "tp",
				Assignment: staff.Assignment{Post: staff.Staff, Primary: true, ValidFrom: day("2024-01-01")}}, "kiêm nhiệm"},
			{"unknown unit", staff.NewAssignment{Where: "r2", PersonRef: "kh3", UnitRef: "khong-co",
				Assignment: staff.Assignment{Post: staff.Staff, ValidFrom: day("2024-01-01")}}, "không tìm thấy đơn vị"},
			{"before the unit", staff.NewAssignment{Where: "r3", PersonRef: "kh3", UnitRef: "tp",
				Assignment: staff.Assignment{Post: staff.Staff, ValidFrom: day("2024-01-01"), ValidTo: day("2023-01-01")}}, "không sau ngày bắt đầu"},
			{"unknown person", staff.NewAssignment{Where: "r4", PersonRef: "zz", UnitRef: "tp",
				Assignment: staff.Assignment{Post: staff.Staff, ValidFrom: day("2024-01-01")}}, "không tìm thấy người"},
		}
		for _, c := range cases {
			_, err := p.prov.Staff.Record(p.ctx, staff.Batch{Assignments: []staff.NewAssignment{c.a}}, "test")
			v, ok := org.AsValidation(err)
			if !ok || len(v.Errors) != 1 || v.Errors[0].Field != c.a.Where || !strings.Contains(v.Errors[0].Detail, c.want) {
				t.Errorf("%s: %v; want a refusal at %s saying %q", c.name, err, c.a.Where, c.want)
			}
		}
		// A concurrent post is fine, and a primary one after the first ends.
		ok := []staff.NewAssignment{
			{Where: "k", PersonRef: "kh3", UnitRef: "tp", Assignment: staff.Assignment{Post: staff.Deputy, ValidFrom: day("2024-01-01")}},
		}
		if _, err := p.prov.Staff.Record(p.ctx, staff.Batch{Assignments: ok}, "test"); err != nil {
			t.Fatal(err)
		}
		if got := p.staffOf("tp", "2024-06-01"); got["kh3"] != staff.Deputy {
			t.Errorf("concurrent post not recorded: %v", got)
		}
		// A transfer: the old primary post ends the day the new one starts.
		move := staff.Batch{
			Ends: []staff.EndAssignment{{Where: "e1", PersonRef: "kh4", Date: day("2024-07-01")}},
			Assignments: []staff.NewAssignment{{Where: "m1", PersonRef: "kh4", UnitRef: "tp",
				Assignment: staff.Assignment{Post: staff.Staff, Primary: true, ValidFrom: day("2024-07-01")}}},
		}
		if _, err := p.prov.Staff.Record(p.ctx, move, "test"); err != nil {
			t.Fatal(err)
		}
		if kh, tp := p.staffOf("kh", "2024-07-01"), p.staffOf("tp", "2024-07-01"); kh["kh4"] != "" || tp["kh4"] != staff.Staff {
			t.Errorf("after the transfer: kh %v, tp %v", kh, tp)
		}
		if kh := p.staffOf("kh", "2024-06-30"); kh["kh4"] != staff.Staff {
			t.Errorf("the eve of the transfer: kh %v", kh)
		}
		_, err := p.prov.Staff.Record(p.ctx, staff.Batch{Ends: []staff.EndAssignment{{Where: "e2", PersonRef: "kh4", Date: day("2019-06-01")}}}, "test")
		if v, ok := org.AsValidation(err); !ok || v.Errors[0].Field != "e2" {
			t.Errorf("ending a post not held: %v", err)
		}
	})
}

// TestStaffAfterOperations: what later writes did to the people an
// operation moved is never undone or lost.
func TestStaffAfterOperations(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		p := newProvince(t, fresh(t))
		mergeOp := func() org.Operation {
			op := merged()
			op.Placements = []org.Placement{{Person: "kh0", To: "tc2", Post: "head"}, {Person: "tc0", To: "tc2", Post: "deputy", Surplus: true}}
			return op
		}
		// kh0 is also a concurrent deputy in tc; kh has a quota for 2026 too.
		before := staff.Batch{
			Assignments: []staff.NewAssignment{{Where: "k", PersonRef: "kh0", UnitRef: "tc",
				Assignment: staff.Assignment{Post: staff.Deputy, ValidFrom: day("2024-01-01")}}},
			Quotas: []staff.NewQuota{{Where: "q", UnitRef: "kh", Quota: staff.Quota{Year: 2026, Category: staff.CongChuc, Count: 5},
				Decision: org.Decision{Number: "9/QĐ-UBND", Issuer: "UBND tỉnh"}}},
		}
		if _, err := p.prov.Staff.Record(p.ctx, before, "test"); err != nil {
			t.Fatal(err)
		}
		applied, err := p.apply(mergeOp())
		if err != nil {
			t.Fatal(err)
		}
		tl, _, err := p.prov.Staff.Tally(p.ctx, org.Moment{AsOf: day("2025-06-01")})
		if err != nil {
			t.Fatal(err)
		}
		tc2, _ := p.prov.Org.Get(p.ctx, "tc2", org.Moment{AsOf: day("2025-06-01")})
		if s, _ := tl.Subtotal(tc2.ID); s.Heads != 1 || s.Headcount != 12 {
			t.Errorf("merged department: %d heads, %d people; want 1 head (the placement moves kh0's primary post only), 12 people", s.Heads, s.Headcount)
		}
		if q := p.quota("tc2", "2026-06-01"); q != 5 {
			t.Errorf("the 2026 quota carried to the merged department: %d, want 5", q)
		}
		// A transfer out of the merged department, then the merger reverted: refused.
		move := staff.Batch{
			Ends: []staff.EndAssignment{{Where: "e", PersonRef: "kh3", Date: day("2025-05-01")}},
			Assignments: []staff.NewAssignment{{Where: "m", PersonRef: "kh3", UnitRef: "tp",
				Assignment: staff.Assignment{Post: staff.Staff, Primary: true, ValidFrom: day("2025-05-01")}}},
		}
		if _, err := p.prov.Staff.Record(p.ctx, move, "test"); err != nil {
			t.Fatal(err)
		}
		err = p.prov.Org.Revert(p.ctx, applied.ID, "nhầm", "test")
		refusedWith(t, err, "sau thao tác này")
		if got := p.staffOf("tp", "2025-06-01"); got["kh3"] != staff.Staff {
			t.Errorf("the transfer is kept: tp has %v", got)
		}

		// Someone placed in an input after the day would be left in an ended unit.
		q := newProvince(t, fresh(t))
		late := staff.Batch{People: []staff.NewPerson{{Where: "x1", Person: staff.Person{Code: "x1", Name: "Người x1", Sex: staff.Female,
			BirthDate: day("1990-01-01"), Category: staff.CongChuc}}},
			Assignments: []staff.NewAssignment{{Where: "x1", PersonRef: "x1", UnitRef: "kh",
				Assignment: staff.Assignment{Post: staff.Staff, Primary: true, ValidFrom: day("2025-04-01")}}}}
		if _, err := q.prov.Staff.Record(q.ctx, late, "test"); err != nil {
			t.Fatal(err)
		}
		_, err = q.apply(mergeOp())
		refusedWith(t, err, "sau ngày hiệu lực")
	})
}

// TestPersonRecord: codes are compared as stored; a record changes from a
// day as many times as needed, and a partial change of sensitive data keeps
// the rest.
func TestPersonRecord(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		p := newProvince(t, fresh(t))
		dup := staff.Batch{People: []staff.NewPerson{{Where: "r", Person: staff.Person{Code: " kh3 ", Name: "Người khác", Sex: staff.Male,
			BirthDate: day("1980-01-01"), Category: staff.CongChuc}}}}
		if _, err := p.prov.Staff.Record(p.ctx, dup, "test"); err == nil || !strings.Contains(err.Error(), "đã có") {
			t.Errorf("a code with spaces around an existing one: %v", err)
		}
		religion, ethnicity := "Không", "Thái"
		steps := []staff.Change{
			{From: day("2025-01-01"), Sensitive: &staff.SensitiveChange{Ethnicity: &ethnicity}},
			{From: day("2025-07-01"), Sensitive: &staff.SensitiveChange{Religion: &religion}},
			{From: day("2025-10-01"), SalaryStep: new(int)},
		}
		for i, c := range steps {
			if _, err := p.prov.Staff.ChangePerson(p.ctx, "kh5", "*", c, "test"); err != nil {
				t.Fatalf("change %d: %v", i+1, err)
			}
		}
		vs, err := p.prov.Staff.Store().PersonVersions(p.ctx, "kh5", time.Time{})
		if err != nil || len(vs) != 4 {
			t.Fatalf("versions: %d, %v", len(vs), err)
		}
		last := vs[3]
		if last.ValidFrom != day("2025-10-01") || !last.ValidTo.IsZero() || last.Sensitive.Ethnicity != "Thái" || last.Sensitive.Religion != "Không" {
			t.Errorf("current version: %+v", last)
		}
		if vs[0].ValidTo != day("2025-01-01") || vs[1].ValidTo != day("2025-07-01") {
			t.Errorf("versions out of order or not closed: %+v", vs)
		}
	})
}
