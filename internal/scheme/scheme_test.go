package scheme_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/civil"
	"tinhgon/internal/demo"
	"tinhgon/internal/org"
	"tinhgon/internal/pay"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
	"tinhgon/internal/storetest"
)

func TestNext(t *testing.T) {
	all := []scheme.Status{scheme.Draft, scheme.Submitted, scheme.Approved, scheme.Applied, scheme.Rejected, scheme.Withdrawn}
	allowed := map[scheme.Action]map[scheme.Status]scheme.Status{
		scheme.Submit:   {scheme.Draft: scheme.Submitted},
		scheme.Approve:  {scheme.Submitted: scheme.Approved},
		scheme.Reject:   {scheme.Submitted: scheme.Rejected},
		scheme.Withdraw: {scheme.Draft: scheme.Withdrawn, scheme.Submitted: scheme.Withdrawn, scheme.Approved: scheme.Withdrawn},
		scheme.Reopen:   {scheme.Submitted: scheme.Draft, scheme.Rejected: scheme.Draft},
		scheme.Apply:    {scheme.Approved: scheme.Applied},
	}
	for a, from := range allowed {
		for _, s := range all {
			got, err := scheme.Next(s, a)
			want, ok := from[s]
			switch {
			case ok && (err != nil || got != want):
				t.Errorf("%s from %s: %s, %v; want %s", a, s, got, err, want)
			case !ok && err == nil:
				t.Errorf("%s from %s: allowed (→ %s), want refused", a, s, got)
			case !ok && !strings.Contains(err.Error(), s.Label()):
				t.Errorf("%s from %s: the refusal %q does not name the status", a, s, err)
			}
		}
	}
	if _, err := scheme.Next(scheme.Draft, "publish"); err == nil {
		t.Error("an unknown action is accepted")
	}
}

// fixture is the demo loaded on one engine.
type fixture struct {
	ctx  context.Context
	prov *app.Province
}

func demoFixture(t *testing.T, fresh storetest.Fresh) *fixture {
	ctx := context.Background()
	db := storetest.Open(t, fresh(t))
	prov, err := app.Open(db, demo.Province)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, prov.Org, prov.Staff, nil, "demo", io.Discard); err != nil {
		t.Fatal(err)
	}
	return &fixture{ctx: ctx, prov: prov}
}

// head is the head of a unit on a day.
func (f *fixture) head(t *testing.T, unit string, d civil.Date) staff.Assignment {
	id, err := f.prov.Org.Resolve(f.ctx, unit)
	if err != nil {
		t.Fatal(err)
	}
	as, err := f.prov.Staff.Store().AssignmentsIn(f.ctx, id, org.Moment{AsOf: d})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Post == staff.Head && a.Primary {
			return a
		}
	}
	t.Fatalf("no head in %s on %s", unit, d)
	return staff.Assignment{}
}

func (f *fixture) person(t *testing.T, id string) staff.Person {
	vs, err := f.prov.Staff.Store().PersonVersions(f.ctx, id, time.Time{})
	if err != nil || len(vs) == 0 {
		t.Fatalf("person %s: %v", id, err)
	}
	return vs[len(vs)-1]
}

var day = civil.MustParse

// absorbForeignAffairs is a scheme the demo can take: the Sở Ngoại vụ
// absorbed into the Văn phòng UBND tỉnh on 2026-01-01.
func absorbForeignAffairs(placements ...org.Placement) scheme.Scheme {
	return scheme.Scheme{Code: "da-ngoai-vu", Name: "Đề án sáp nhập Sở Ngoại vụ vào Văn phòng UBND tỉnh",
		LegalBasis: "Kết luận 121-KL/TW", EffectiveDate: day("2026-01-01"), BaseDate: day("2025-12-31"),
		Operations: []org.Operation{{Kind: org.OpAbsorb, Inputs: []string{"s.ngoaivu"}, Outputs: []org.Output{{Ref: "s.vpubnd"}},
			Summary: "Sáp nhập Sở Ngoại vụ vào Văn phòng UBND tỉnh", Placements: placements}}}
}

func TestSchemeLifecycle(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		f := demoFixture(t, fresh)
		svc, ctx := f.prov.Schemes, f.ctx
		eff := day("2026-01-01")
		head := f.head(t, "s.ngoaivu", eff.AddDays(-1))

		// A draft that leaves the absorbed department's head unplaced: the
		// check finds it, and approval is refused.
		sc, err := svc.Create(ctx, absorbForeignAffairs(), "tester")
		if err != nil {
			t.Fatal(err)
		}
		if sc.Status != scheme.Draft || sc.Version != 1 || len(sc.Events) != 1 {
			t.Fatalf("new scheme: %+v", sc)
		}
		res, err := svc.Check(ctx, &sc)
		if err != nil {
			t.Fatal(err)
		}
		if errs := res.Errors(); len(errs) == 0 || !strings.Contains(errs[0].Detail, "người đứng đầu") {
			t.Fatalf("check of a scheme with an unplaced head: %+v", res.Findings)
		}
		// The refused operation is not counted half-done: nothing changes.
		if im := res.Impact; im.Units.Change != 0 || im.Headcount.Change != 0 || im.Deputies.Change != 0 {
			t.Errorf("impact of a refused scheme: units %+v, headcount %+v, deputies %+v", im.Units, im.Headcount, im.Deputies)
		}
		if _, err := svc.Transition(ctx, sc.ID, scheme.Change{Action: scheme.Apply}, "tester"); err == nil {
			t.Fatal("a draft was applied")
		}
		sc, err = svc.Transition(ctx, sc.ID, scheme.Change{Action: scheme.Submit, Version: sc.Version}, "tester")
		if err != nil {
			t.Fatal(err)
		}
		decision := &org.Decision{Number: "99/QĐ-UBND", Issuer: "Ủy ban nhân dân tỉnh Lai Châu", SignedDate: day("2025-12-20")}
		if _, err := svc.Transition(ctx, sc.ID, scheme.Change{Action: scheme.Approve, Decision: decision}, "tester"); err == nil {
			t.Fatal("a scheme whose check finds an error was approved")
		}
		sc, err = svc.Transition(ctx, sc.ID, scheme.Change{Action: scheme.Reopen, Note: "bổ sung phương án bố trí"}, "tester")
		if err != nil {
			t.Fatal(err)
		}

		// The department has a 2026 quota: both sides of the impact compare
		// the quotas of the effective year, which the absorption carries over.
		quota := func(unit string, n int) staff.NewQuota {
			return staff.NewQuota{UnitRef: unit, Quota: staff.Quota{Year: 2026, Category: staff.CongChuc, Count: n},
				Decision: org.Decision{Number: "5/QĐ-UBND", Issuer: "Ủy ban nhân dân tỉnh Lai Châu", SignedDate: day("2025-12-01")}}
		}
		if _, err := f.prov.Staff.Record(ctx, staff.Batch{Quotas: []staff.NewQuota{quota("s.ngoaivu", 26), quota("s.vpubnd", 61)}}, "tester"); err != nil {
			t.Fatal(err)
		}

		// The head becomes a surplus deputy; an edit based on an old version is refused.
		fixed := absorbForeignAffairs(org.Placement{Person: head.PersonID, To: "s.vpubnd", Post: "deputy", Surplus: true})
		if _, err := svc.Update(ctx, sc.ID, fixed, sc.Version-1, "tester"); !errors.Is(err, org.ErrStale) {
			t.Fatalf("an edit of an old version: %v", err)
		}
		other := absorbForeignAffairs()
		other.Code = "da-khac"
		if _, err := svc.Create(ctx, other, "tester"); err != nil {
			t.Fatal(err)
		}
		taken := fixed
		taken.Code = "da-khac"
		if _, err := svc.Update(ctx, sc.ID, taken, sc.Version, "tester"); err == nil || !strings.Contains(err.Error(), "đã có") {
			t.Fatalf("an edit to a code another scheme has: %v", err)
		}
		sc, err = svc.Update(ctx, sc.ID, fixed, sc.Version, "tester")
		if err != nil {
			t.Fatal(err)
		}
		res, err = svc.Check(ctx, &sc)
		if err != nil {
			t.Fatal(err)
		}
		if errs := res.Errors(); len(errs) > 0 {
			t.Fatalf("check of a complete scheme: %+v", errs)
		}
		im := res.Impact
		if im.Units.Change != -1 || im.Headcount.Change != 0 || im.Leaving != 0 || im.SalaryFund.Change != "0" {
			t.Errorf("impact of absorbing one department: units %+v, headcount %+v, leaving %d, salary %+v",
				im.Units, im.Headcount, im.Leaving, im.SalaryFund)
		}
		if im.Quota.Before != 87 || im.Quota.After != 87 {
			t.Errorf("quota of 2026 before and after: %+v", im.Quota)
		}
		if im.Heads.Change != -1 || im.Deputies.Change != 1 {
			t.Errorf("the absorbed head becomes a deputy: heads %+v, deputies %+v", im.Heads, im.Deputies)
		}

		// Submit, approve, apply: the register then holds what the
		// simulation counted.
		for _, c := range []scheme.Change{{Action: scheme.Submit}, {Action: scheme.Approve, Decision: decision}, {Action: scheme.Apply}} {
			if sc, err = svc.Transition(ctx, sc.ID, c, "tester"); err != nil {
				t.Fatalf("%s: %v", c.Action, err)
			}
		}
		if sc.Status != scheme.Applied || len(sc.Applied) != 1 {
			t.Fatalf("applied scheme: %+v", sc)
		}
		steps := []scheme.Status{scheme.Draft, scheme.Submitted, scheme.Draft, scheme.Submitted, scheme.Approved, scheme.Applied}
		if len(sc.Events) != len(steps) {
			t.Fatalf("events: %+v", sc.Events)
		}
		for i, e := range sc.Events {
			if e.To != steps[i] || e.By != "tester" || e.At.IsZero() {
				t.Errorf("event %d: %+v, want → %s by tester", i, e, steps[i])
			}
		}
		if _, err := f.prov.Org.Get(ctx, "s.ngoaivu", org.Moment{AsOf: eff}); !errors.Is(err, org.ErrNotFound) {
			t.Errorf("Sở Ngoại vụ after the scheme: %v", err)
		}
		real, _, err := f.prov.Staff.Tally(ctx, org.Moment{AsOf: eff})
		if err != nil {
			t.Fatal(err)
		}
		got := real.Total()
		if got.Headcount != im.Headcount.After || got.Heads != im.Heads.After || got.Deputies != im.Deputies.After ||
			got.SurplusDeputies != im.SurplusDeputies.After {
			t.Errorf("after applying: headcount %d heads %d deputies %d surplus %d; the simulation said %+v %+v %+v %+v",
				got.Headcount, got.Heads, got.Deputies, got.SurplusDeputies, im.Headcount, im.Heads, im.Deputies, im.SurplusDeputies)
		}
		applied, err := svc.Check(ctx, &sc)
		if err != nil {
			t.Fatal(err)
		}
		// Once applied, the check kept just before applying answers.
		if sc.Checked == nil || applied.Impact.Units != im.Units || applied.Impact.Headcount != im.Headcount || applied.Impact.Deputies != im.Deputies {
			t.Errorf("impact once applied %+v %+v, simulated %+v %+v", applied.Impact.Units, applied.Impact.Headcount, im.Units, im.Headcount)
		}
		if pv, err := svc.Preview(ctx, &sc); err != nil || pv.Diff.Removed != 1 || len(pv.Lineage) != 1 {
			t.Errorf("preview once applied: %+v, %v", pv, err)
		}
	})
}

func TestStaleSchemeRefused(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		f := demoFixture(t, fresh)
		svc, ctx := f.prov.Schemes, f.ctx
		head := f.head(t, "s.ngoaivu", day("2025-12-31"))
		sc, err := svc.Create(ctx, absorbForeignAffairs(org.Placement{Person: head.PersonID, To: "s.vpubnd", Post: "deputy"}), "tester")
		if err != nil {
			t.Fatal(err)
		}
		decision := &org.Decision{Number: "100/QĐ-UBND", Issuer: "Ủy ban nhân dân tỉnh Lai Châu"}
		for _, c := range []scheme.Change{{Action: scheme.Submit}, {Action: scheme.Approve, Decision: decision}} {
			if sc, err = svc.Transition(ctx, sc.ID, c, "tester"); err != nil {
				t.Fatalf("%s: %v", c.Action, err)
			}
		}
		// The department is renamed after the approval: the scheme no
		// longer fits, and applying it is refused naming the unit.
		if _, err := f.prov.Org.Apply(ctx, org.Operation{Kind: org.OpRename, Inputs: []string{"s.ngoaivu"}, EffectiveDate: day("2025-09-01"),
			NewName: "Sở Ngoại vụ tỉnh Lai Châu", Decision: &org.Decision{Number: "7/QĐ-UBND", Issuer: "UBND tỉnh"}}, "tester"); err != nil {
			t.Fatal(err)
		}
		_, err = svc.Apply(ctx, sc.ID, 0, "tester")
		v, ok := org.AsValidation(err)
		if !ok || !strings.Contains(v.Errors[0].Detail, "Sở Ngoại vụ") || !strings.Contains(v.Errors[0].Detail, "thay đổi") {
			t.Fatalf("applying a stale scheme: %v", err)
		}
		if _, err := f.prov.Org.Get(ctx, "s.ngoaivu", org.Moment{AsOf: day("2026-01-01")}); err != nil {
			t.Errorf("a refused scheme changed the register: %v", err)
		}
		if got, _ := svc.Get(ctx, sc.ID); got.Status != scheme.Approved {
			t.Errorf("a refused scheme is %s", got.Status)
		}
	})
}

func TestLeaverAndSalaryFund(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		f := demoFixture(t, fresh)
		svc, ctx := f.prov.Schemes, f.ctx
		head := f.head(t, "s.ngoaivu", day("2025-12-31"))
		sc := absorbForeignAffairs(org.Placement{Person: head.PersonID, Leave: true, Policy: "nghi-huu-truoc-tuoi"})
		created, err := svc.Create(ctx, sc, "tester")
		if err != nil {
			t.Fatal(err)
		}
		res, err := svc.Check(ctx, &created)
		if err != nil {
			t.Fatal(err)
		}
		if errs := res.Errors(); len(errs) > 0 {
			t.Fatalf("check: %+v", errs)
		}
		im := res.Impact
		if im.Leaving != 1 || im.Leavers[0].PersonID != head.PersonID || im.Leavers[0].PolicyLabel != "Nghỉ hưu trước tuổi" {
			t.Fatalf("leavers: %+v", im.Leavers)
		}
		// The fund falls by the leaver's yearly pay, computed by hand:
		// base salary × (grade coefficient + leadership allowance + other
		// coefficients) plus percentage allowances, for twelve months.
		p := f.person(t, head.PersonID)
		hundredths := int64(p.Coefficient + p.PositionAllowance)
		monthly := hundredths * 100 // ten-thousandths
		for _, a := range p.Allowances {
			monthly += int64(a.Coef)*100 + hundredths*int64(a.Percent)
		}
		tab, _ := pay.Load()
		b, _ := tab.On(day("2026-01-01"))
		want := -monthly * b.Amount * 12 / 10000
		if want == 0 || im.SalaryFund.Change != itoa(want) {
			t.Errorf("salary fund change %s, want %d (coefficient %d, allowance %d)", im.SalaryFund.Change, want, p.Coefficient, p.PositionAllowance)
		}
		if im.SalaryFund.BaseSalary != "2340000" || im.SalaryFund.PeopleBefore-im.SalaryFund.PeopleAfter != 1 {
			t.Errorf("salary fund: %+v", im.SalaryFund)
		}

		// The tree loses the department; the lineage leads it into the office.
		pv, err := svc.Preview(ctx, &created)
		if err != nil {
			t.Fatal(err)
		}
		if pv.Diff.Removed != 1 || pv.Diff.Added != 0 || pv.Diff.Items[0].NameBefore != "Sở Ngoại vụ" {
			t.Errorf("tree diff: %+v", pv.Diff)
		}
		if len(pv.Lineage) != 1 || pv.Lineage[0].FromName != "Sở Ngoại vụ" || pv.Lineage[0].ToName != "Văn phòng Ủy ban nhân dân tỉnh" || pv.Lineage[0].Operation != 0 {
			t.Errorf("lineage: %+v", pv.Lineage)
		}

		// Side by side with a scheme that keeps the head as a deputy.
		other := absorbForeignAffairs(org.Placement{Person: head.PersonID, To: "s.vpubnd", Post: "deputy"})
		other.Code = "da-ngoai-vu-2"
		second, err := svc.Create(ctx, other, "tester")
		if err != nil {
			t.Fatal(err)
		}
		cmp, err := svc.Compare(ctx, []string{created.ID, second.Code})
		if err != nil {
			t.Fatal(err)
		}
		if len(cmp.Schemes) != 2 || cmp.Schemes[1].ID != second.ID {
			t.Fatalf("comparison: %+v", cmp.Schemes)
		}
		for _, r := range cmp.Rows {
			switch r.Key {
			case "leaving":
				if r.Values[0].After != 1 || r.Values[1].After != 0 {
					t.Errorf("leaving side by side: %+v", r.Values)
				}
			case "deputies":
				if r.Values[1].Change-r.Values[0].Change != 1 {
					t.Errorf("deputies side by side: %+v", r.Values)
				}
			}
		}
	})
}

func itoa(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}
