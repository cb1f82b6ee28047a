package scheme_test

import (
	"strings"
	"testing"

	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
	"tinhgon/internal/storetest"
)

// TestCheckFindsEachRule: a scheme's check surfaces what each kind of rule
// finds after it, with its severity and legal source, on the demo in 2025
// (whose quotas are of 2025).
func TestCheckFindsEachRule(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		f := demoFixture(t, fresh)
		eff := day("2025-09-01")
		staffOf := func(unit string) []staff.Assignment {
			id, err := f.prov.Org.Resolve(f.ctx, unit)
			if err != nil {
				t.Fatal(err)
			}
			as, err := f.prov.Staff.Store().AssignmentsIn(f.ctx, id, org.Moment{AsOf: eff.AddDays(-1)})
			if err != nil {
				t.Fatal(err)
			}
			return as
		}
		ngoaivu := staffOf("s.ngoaivu")
		head := f.head(t, "s.ngoaivu", eff.AddDays(-1))
		// Everyone of the Sở Ngoại vụ leaves under a policy when it is dissolved.
		var leaving []org.Placement
		for _, a := range ngoaivu {
			if a.Primary {
				leaving = append(leaving, org.Placement{Person: a.PersonID, Leave: true, Policy: "thoi-viec-cbcc"})
			}
		}
		// Five of its staff go to a new board whose quota is two.
		var five []org.Placement
		for _, a := range ngoaivu {
			if a.Primary && a.Post == staff.Staff && len(five) < 5 {
				five = append(five, org.Placement{Person: a.PersonID, To: "s.ngoaivu.ban", Post: string(staff.Staff)})
			}
		}
		board := func(parent string) org.Output {
			return org.Output{New: &org.NewUnit{Attrs: org.Attrs{Code: "s.ngoaivu.ban", Name: "Ban Hợp tác quốc tế", Kind: "sub_department",
				Pillar: org.PillarState, Level: org.LevelProvince, ParentID: parent}}}
		}
		for _, tc := range []struct {
			name     string
			op       org.Operation
			rule     string
			severity scheme.Severity
			in       string // in the message
		}{
			{"surplus deputies", org.Operation{Kind: org.OpAbsorb, Inputs: []string{"s.ngoaivu"}, Outputs: []org.Output{{Ref: "s.tuphap"}},
				Placements: []org.Placement{{Person: head.PersonID, To: "s.tuphap", Post: "deputy", Surplus: true}}},
				"cap-pho", scheme.Warning, "dôi dư"},
			{"over quota", org.Operation{Kind: org.OpSpinOff, Inputs: []string{"s.ngoaivu"}, Outputs: []org.Output{board("s.ngoaivu")},
				Placements: five, QuotaShares: []org.QuotaShare{{To: "s.ngoaivu.ban", Category: "cong_chuc", Count: 2}}},
				"bien-che", scheme.Error, "vượt biên chế"},
			{"function omitted", org.Operation{Kind: org.OpDissolve, Inputs: []string{"s.ngoaivu"}, Placements: leaving},
				"mot-viec-mot-chu-tri-bo-sot", scheme.Error, "bỏ sót"},
			{"function overlap", org.Operation{Kind: org.OpSpinOff, Inputs: []string{"mt.tinh"}, Outputs: []org.Output{{New: &org.NewUnit{Attrs: org.Attrs{
				Code: "mt.ban.thu", Name: "Ban thử", Kind: "front_committee_division", Pillar: org.PillarFront, Level: org.LevelProvince, ParentID: "mt.tinh"}}}},
				FunctionShares: []org.FunctionShare{{Function: "ld.giamngheo", To: "mt.ban.thu", Role: "lead"}}},
				"mot-viec-mot-chu-tri-chong-cheo", scheme.Error, "chồng chéo"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tc.op.EffectiveDate = eff
				sc := scheme.Scheme{Name: tc.name, EffectiveDate: eff, Operations: []org.Operation{tc.op}}
				res, err := f.prov.Schemes.Check(f.ctx, &sc)
				if err != nil {
					t.Fatal(err)
				}
				var got *scheme.Finding
				for i, x := range res.Findings {
					if strings.HasPrefix(x.Rule, tc.rule) {
						got = &res.Findings[i]
					}
					if x.Rule == "thao-tac-hop-le" {
						t.Fatalf("the operation is refused: %s", x.Message)
					}
				}
				if got == nil {
					t.Fatalf("no %s finding: %+v", tc.rule, res.Findings)
				}
				if got.Severity != tc.severity || !strings.Contains(got.Message, tc.in) || got.Source == "" {
					t.Errorf("%s: %+v", tc.rule, *got)
				}
				if strings.HasPrefix(tc.rule, "mot-viec") && got.Function == "" {
					t.Errorf("%s names no function: %+v", tc.rule, *got)
				}
			})
		}
		// The dissolution's leavers are in the impact, with their policy.
		sc := scheme.Scheme{Name: "giải thể", EffectiveDate: eff, Operations: []org.Operation{{Kind: org.OpDissolve, EffectiveDate: eff,
			Inputs: []string{"s.ngoaivu"}, Placements: leaving}}}
		res, err := f.prov.Schemes.Check(f.ctx, &sc)
		if err != nil {
			t.Fatal(err)
		}
		if res.Impact.Leaving != len(leaving) || res.Impact.Leavers[0].PolicyLabel != "Thôi việc (cán bộ, công chức)" ||
			res.Impact.Headcount.Change != -len(leaving) || !strings.HasPrefix(res.Impact.SalaryFund.Change, "-") {
			t.Errorf("dissolution impact: leaving %d of %d, headcount %+v, salary %+v", res.Impact.Leaving, len(leaving), res.Impact.Headcount, res.Impact.SalaryFund)
		}
	})
}
