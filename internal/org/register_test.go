package org_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

var ctx = context.Background()

func d(s string) civil.Date { return civil.MustParse(s) }

// fixture is a small province: a People's Committee with four departments,
// one of them with two divisions.
type fixture struct {
	reg *org.Register
	dec string
}

func newFixture(t *testing.T, fresh storetest.Fresh) *fixture {
	t.Helper()
	db := storetest.Open(t, fresh(t))
	f := &fixture{reg: org.NewRegister(db.Register("12"), store.NewID)}
	dec, err := f.reg.RecordDecision(ctx, org.Decision{Number: "01/QĐ-UBND", Issuer: "UBND tỉnh", SignedDate: d("2020-01-01")}, "test")
	if err != nil {
		t.Fatal(err)
	}
	f.dec = dec.ID
	f.apply(t, org.Operation{Kind: org.OpEstablish, EffectiveDate: d("2020-01-01"), Outputs: []org.Output{
		newUnit("ubnd", "Ủy ban nhân dân tỉnh", "peoples_committee", ""),
	}})
	f.apply(t, org.Operation{Kind: org.OpEstablish, EffectiveDate: d("2020-01-01"), Outputs: []org.Output{
		newUnit("s.taichinh", "Sở Tài chính", "specialized_agency", "ubnd"),
		newUnit("s.khdt", "Sở Kế hoạch và Đầu tư", "specialized_agency", "ubnd"),
		newUnit("s.noivu", "Sở Nội vụ", "specialized_agency", "ubnd"),
		newUnit("s.ldtbxh", "Sở Lao động - Thương binh và Xã hội", "specialized_agency", "ubnd"),
	}})
	f.apply(t, org.Operation{Kind: org.OpEstablish, EffectiveDate: d("2020-01-01"), Outputs: []org.Output{
		newUnit("s.khdt.vp", "Văn phòng", "specialized_agency", "s.khdt"),
		newUnit("s.khdt.dn", "Phòng Doanh nghiệp", "specialized_agency", "s.khdt"),
	}})
	return f
}

func newUnit(code, name, kind, parent string) org.Output {
	return org.Output{New: &org.NewUnit{Attrs: org.Attrs{Code: code, Name: name, Kind: kind,
		Pillar: org.PillarState, Level: org.LevelProvince, ParentID: parent}}}
}

func refs(codes ...string) []org.Output {
	out := make([]org.Output, len(codes))
	for i, c := range codes {
		out[i] = org.Output{Ref: c}
	}
	return out
}

func (f *fixture) apply(t *testing.T, op org.Operation) org.Operation {
	t.Helper()
	if op.DecisionID == "" && op.Decision == nil {
		op.DecisionID = f.dec
	}
	got, err := f.reg.Apply(ctx, op, "test")
	if err != nil {
		t.Fatalf("apply %s: %v", op.Kind, err)
	}
	return got
}

// alive lists the codes of units alive at day, sorted.
func (f *fixture) alive(t *testing.T, day string, known time.Time) map[string]org.Unit {
	t.Helper()
	us, err := f.reg.Store().Snapshot(ctx, org.Moment{AsOf: d(day), KnownAt: known})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]org.Unit{}
	for _, u := range us {
		out[u.Code] = u
	}
	return out
}

func TestOperations(t *testing.T) {
	storetest.Engines(t, testOperations)
}

func testOperations(t *testing.T, dsn storetest.Fresh) {
	type check func(t *testing.T, f *fixture, before, after map[string]org.Unit)
	tests := []struct {
		name string
		op   org.Operation
		// wantErr, when set, is a fragment of the refusal; nothing may change.
		wantErr string
		check   check
	}{
		{
			name: "merge ends inputs, creates output, carries children",
			op: org.Operation{Kind: org.OpMerge, Inputs: []string{"s.taichinh", "s.khdt"},
				Outputs: []org.Output{newUnit("s2.taichinh", "Sở Tài chính", "", "")}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustGone(t, after, "s.taichinh", "s.khdt")
				out := mustHave(t, after, "s2.taichinh")
				if out.ParentID != before["s.taichinh"].ParentID || out.Kind != "specialized_agency" {
					t.Errorf("merged unit takes the inputs' parent and kind: %+v", out)
				}
				if after["s.khdt.vp"].ParentID != out.ID || after["s.khdt.dn"].ParentID != out.ID {
					t.Errorf("children of the merged inputs should move under the output")
				}
				lineageHas(t, f, "s.khdt", "2025-06-01", "Sở Tài chính", org.OpMerge)
			},
		},
		{
			name: "absorb ends input, target continues",
			op:   org.Operation{Kind: org.OpAbsorb, Inputs: []string{"s.ldtbxh"}, Outputs: refs("s.noivu")},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustGone(t, after, "s.ldtbxh")
				if after["s.noivu"].VersionID != before["s.noivu"].VersionID {
					t.Errorf("the absorbing unit keeps its version")
				}
				lineageHas(t, f, "s.ldtbxh", "2025-06-01", "Sở Nội vụ", org.OpAbsorb)
			},
		},
		{
			name: "split ends the input into new units, children placed explicitly",
			op: org.Operation{Kind: org.OpSplit, Inputs: []string{"s.khdt"},
				Outputs: []org.Output{newUnit("s.kh", "Sở Kế hoạch", "", ""), newUnit("s.dt", "Sở Đầu tư", "", "")},
				Moves:   []org.Move{{Unit: "s.khdt.vp", To: "s.kh"}, {Unit: "s.khdt.dn", To: "s.dt"}}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustGone(t, after, "s.khdt")
				if after["s.khdt.vp"].ParentID != after["s.kh"].ID || after["s.khdt.dn"].ParentID != after["s.dt"].ID {
					t.Errorf("moves not applied")
				}
			},
		},
		{
			name:    "split refuses to leave children unplaced",
			op:      org.Operation{Kind: org.OpSplit, Inputs: []string{"s.khdt"}, Outputs: []org.Output{newUnit("s.kh", "Sở Kế hoạch", "", ""), newUnit("s.dt", "Sở Đầu tư", "", "")}},
			wantErr: "còn đơn vị trực thuộc",
		},
		{
			name: "spin_off keeps the input",
			op:   org.Operation{Kind: org.OpSpinOff, Inputs: []string{"s.khdt"}, Outputs: []org.Output{newUnit("s.dt", "Sở Đầu tư", "", "")}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustHave(t, after, "s.khdt")
				mustHave(t, after, "s.dt")
				lineageHas(t, f, "s.khdt", "2025-06-01", "Sở Đầu tư", org.OpSpinOff)
			},
		},
		{
			name: "rename keeps identity and records the old name",
			op:   org.Operation{Kind: org.OpRename, Inputs: []string{"s.noivu"}, NewName: "Sở Nội vụ và Lao động"},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				if after["s.noivu"].ID != before["s.noivu"].ID || after["s.noivu"].Name != "Sở Nội vụ và Lao động" {
					t.Errorf("rename: %+v", after["s.noivu"])
				}
				if before["s.noivu"].Name != "Sở Nội vụ" {
					t.Errorf("the old name must stay valid before the date")
				}
			},
		},
		{
			name: "reparent moves the unit",
			op:   org.Operation{Kind: org.OpReparent, Inputs: []string{"s.khdt.dn"}, NewParent: "s.taichinh"},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				if after["s.khdt.dn"].ParentID != after["s.taichinh"].ID {
					t.Errorf("reparent: %+v", after["s.khdt.dn"])
				}
			},
		},
		{name: "reparent refuses a cycle", op: org.Operation{Kind: org.OpReparent, Inputs: []string{"s.khdt"}, NewParent: "s.khdt.vp"}, wantErr: "vòng lặp"},
		{name: "reparent refuses itself", op: org.Operation{Kind: org.OpReparent, Inputs: []string{"s.khdt"}, NewParent: "s.khdt"}, wantErr: "chính nó"},
		{
			name: "dissolve with children ended in the same operation",
			op:   org.Operation{Kind: org.OpDissolve, Inputs: []string{"s.khdt", "s.khdt.vp", "s.khdt.dn"}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustGone(t, after, "s.khdt", "s.khdt.vp", "s.khdt.dn")
			},
		},
		{name: "dissolve refuses orphans", op: org.Operation{Kind: org.OpDissolve, Inputs: []string{"s.khdt"}}, wantErr: "Phòng Doanh nghiệp"},
		{
			name: "end_activity ends a leaf",
			op:   org.Operation{Kind: org.OpEndActivity, Inputs: []string{"s.noivu"}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustGone(t, after, "s.noivu")
			},
		},
		{
			name: "transfer_in creates a unit from outside",
			op:   org.Operation{Kind: org.OpTransferIn, Outputs: []org.Output{newUnit("cc.qltt", "Chi cục Quản lý thị trường", "sub_department", "s.taichinh")}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustHave(t, after, "cc.qltt")
			},
		},
		{
			name: "transfer_out ends a unit leaving the system",
			op:   org.Operation{Kind: org.OpTransferOut, Inputs: []string{"s.noivu"}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustGone(t, after, "s.noivu")
			},
		},
		{
			name: "reorganize turns a unit into another kind",
			op:   org.Operation{Kind: org.OpReorganize, Inputs: []string{"s.khdt.dn"}, Outputs: []org.Output{newUnit("tt.dn", "Trung tâm Hỗ trợ doanh nghiệp", "public_service_unit", "")}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustGone(t, after, "s.khdt.dn")
				if u := mustHave(t, after, "tt.dn"); u.ParentID != before["s.khdt"].ID || u.Kind != "public_service_unit" {
					t.Errorf("reorganize output: %+v", u)
				}
			},
		},
		{
			name: "move_functions keeps both units and leaves lineage",
			op:   org.Operation{Kind: org.OpMoveFunctions, Inputs: []string{"s.ldtbxh"}, Outputs: refs("s.noivu")},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				mustHave(t, after, "s.ldtbxh")
				lineageHas(t, f, "s.ldtbxh", "2025-06-01", "Sở Nội vụ", org.OpMoveFunctions)
			},
		},
		{
			name: "establish a unit with its divisions in one operation",
			op: org.Operation{Kind: org.OpEstablish, Outputs: []org.Output{newUnit("s.dttg.vp", "Văn phòng", "specialized_agency", "s.dttg"),
				newUnit("s.dttg", "Sở Dân tộc và Tôn giáo", "specialized_agency", "ubnd")}},
			check: func(t *testing.T, f *fixture, before, after map[string]org.Unit) {
				if after["s.dttg.vp"].ParentID != mustHave(t, after, "s.dttg").ID {
					t.Errorf("the office is under the new department: %+v", after["s.dttg.vp"])
				}
			},
		},
		{name: "absorb into itself", op: org.Operation{Kind: org.OpAbsorb, Inputs: []string{"s.noivu"}, Outputs: refs("s.noivu")}, wantErr: "chính nó"},
		{name: "unknown unit", op: org.Operation{Kind: org.OpAbsorb, Inputs: []string{"does-not-exist"}, Outputs: refs("s.noivu")}, wantErr: "không tìm thấy đơn vị \"does-not-exist\""},
		{name: "unit not yet established", op: org.Operation{Kind: org.OpDissolve, Inputs: []string{"s.noivu"}, EffectiveDate: d("2019-01-01")}, wantErr: "chưa tồn tại"},
		{name: "unknown kind", op: org.Operation{Kind: "explode", Inputs: []string{"s.noivu"}}, wantErr: "không được hỗ trợ"},
		{name: "merge needs two inputs", op: org.Operation{Kind: org.OpMerge, Inputs: []string{"s.noivu"}, Outputs: []org.Output{newUnit("x", "X", "", "")}}, wantErr: "ít nhất 2"},
		{name: "name clash with a living sibling", op: org.Operation{Kind: org.OpEstablish, Outputs: []org.Output{newUnit("x", "sở tài  chính", "specialized_agency", "ubnd")}}, wantErr: "trùng với đơn vị"},
		{name: "code already used", op: org.Operation{Kind: org.OpEstablish, Outputs: []org.Output{newUnit("s.noivu", "Sở Mới", "specialized_agency", "ubnd")}}, wantErr: "đã được dùng"},
		{name: "parent unknown", op: org.Operation{Kind: org.OpEstablish, Outputs: []org.Output{newUnit("x", "Sở Mới", "specialized_agency", "nowhere")}}, wantErr: "không tìm thấy đơn vị \"nowhere\""},
		{name: "parent not yet alive", op: org.Operation{Kind: org.OpEstablish, EffectiveDate: d("2019-06-01"), Outputs: []org.Output{newUnit("x", "Sở Mới", "specialized_agency", "ubnd")}}, wantErr: "không hoạt động vào ngày 01/06/2019"},
		{name: "rename to the same name", op: org.Operation{Kind: org.OpRename, Inputs: []string{"s.noivu"}, NewName: "Sở Nội vụ"}, wantErr: "trùng tên hiện tại"},
		{name: "missing decision", op: org.Operation{Kind: org.OpDissolve, Inputs: []string{"s.noivu"}, DecisionID: "none"}, wantErr: "không tìm thấy quyết định"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, dsn)
			op := tt.op
			if op.EffectiveDate.IsZero() {
				op.EffectiveDate = d("2025-03-01")
			}
			if op.DecisionID == "" {
				op.DecisionID = f.dec
			}
			before := f.alive(t, "2025-02-28", time.Time{})
			_, err := f.reg.Apply(ctx, op, "test")
			if tt.wantErr != "" {
				v, ok := org.AsValidation(err)
				if !ok {
					t.Fatalf("want a refusal containing %q, got %v", tt.wantErr, err)
				}
				if !strings.Contains(v.Error(), tt.wantErr) {
					t.Fatalf("refusal %q does not contain %q", v.Error(), tt.wantErr)
				}
				if after := f.alive(t, "2025-03-01", time.Time{}); len(after) != len(before) {
					t.Fatalf("a refused operation changed the register: %d units before, %d after", len(before), len(after))
				}
				ops, _, _ := f.reg.Store().ListOperations(ctx, org.OpFilter{From: d("2025-01-01")})
				if len(ops) != 0 {
					t.Fatalf("a refused operation was recorded")
				}
				return
			}
			if err != nil {
				t.Fatalf("apply: %v", err)
			}
			if again := f.alive(t, "2025-02-28", time.Time{}); len(again) != len(before) {
				t.Fatalf("the day before the operation changed")
			}
			tt.check(t, f, before, f.alive(t, "2025-03-01", time.Time{}))
		})
	}
}

func mustHave(t *testing.T, m map[string]org.Unit, code string) org.Unit {
	t.Helper()
	u, ok := m[code]
	if !ok {
		t.Fatalf("unit %s should be alive", code)
	}
	return u
}

func mustGone(t *testing.T, m map[string]org.Unit, codes ...string) {
	t.Helper()
	for _, c := range codes {
		if _, ok := m[c]; ok {
			t.Errorf("unit %s should have ended", c)
		}
	}
}

func lineageHas(t *testing.T, f *fixture, code, asOf, successor string, kind org.OpKind) {
	t.Helper()
	l, err := f.reg.Lineage(ctx, code, org.Moment{AsOf: d(asOf)})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range l.Successors {
		if s.To.Name == successor && s.Kind == kind && s.Decision.Number == "01/QĐ-UBND" {
			return
		}
	}
	t.Errorf("lineage of %s as of %s lacks %s by %s: %+v", code, asOf, successor, kind, l.Successors)
}

func TestLineageIsTransitive(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, dsn storetest.Fresh) {
		f := newFixture(t, dsn)
		f.apply(t, org.Operation{Kind: org.OpMerge, EffectiveDate: d("2025-03-01"), Inputs: []string{"s.taichinh", "s.khdt"},
			Outputs: []org.Output{newUnit("s2.taichinh", "Sở Tài chính", "", "")}})
		f.apply(t, org.Operation{Kind: org.OpAbsorb, EffectiveDate: d("2025-07-01"), Inputs: []string{"s2.taichinh"}, Outputs: refs("s.noivu"),
			Decision: &org.Decision{Number: "99/QĐ-UBND", Issuer: "UBND tỉnh"}})
		l, err := f.reg.Lineage(ctx, "s.khdt", org.Moment{AsOf: d("2025-12-31")})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Successors) != 2 || l.Successors[0].To.Code != "s2.taichinh" || l.Successors[1].To.Code != "s.noivu" || l.Successors[1].Depth != 2 {
			t.Fatalf("successors of s.khdt: %+v", l.Successors)
		}
		if l.Successors[1].Decision.Number != "99/QĐ-UBND" {
			t.Errorf("second step cites %+v", l.Successors[1].Decision)
		}
		// Before the second step took effect it is not part of the lineage.
		l, _ = f.reg.Lineage(ctx, "s.khdt", org.Moment{AsOf: d("2025-06-01")})
		if len(l.Successors) != 1 {
			t.Errorf("as of 2025-06-01 only the merge: %+v", l.Successors)
		}
		// Backwards: Sở Nội vụ's predecessors reach both old departments.
		l, _ = f.reg.Lineage(ctx, "s.noivu", org.Moment{AsOf: d("2025-12-31")})
		got := map[string]int{}
		for _, s := range l.Predecessors {
			got[s.From.Code] = s.Depth
		}
		if got["s2.taichinh"] != 1 || got["s.khdt"] != 2 || got["s.taichinh"] != 2 {
			t.Errorf("predecessors of s.noivu: %v", got)
		}
	})
}

func TestBitemporal(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, dsn storetest.Fresh) {
		f := newFixture(t, dsn)
		// Recorded now, a merge that took effect earlier (a retroactive decision).
		t1 := time.Now()
		time.Sleep(2 * time.Millisecond)
		op := f.apply(t, org.Operation{Kind: org.OpMerge, EffectiveDate: d("2025-03-01"), Inputs: []string{"s.taichinh", "s.khdt"},
			Outputs: []org.Output{newUnit("s2.taichinh", "Sở Tài chính", "", "")}})
		if _, ok := f.alive(t, "2025-04-01", t1)["s.khdt"]; !ok {
			t.Fatal("known at t1 (before the merge was recorded), s.khdt was alive on 2025-04-01")
		}
		if _, ok := f.alive(t, "2025-04-01", time.Time{})["s.khdt"]; ok {
			t.Fatal("known now, s.khdt ended on 2025-03-01")
		}

		// A correction of a typo: the old name stays visible to reads known before it.
		u, err := f.reg.Get(ctx, "s.noivu", org.Moment{AsOf: d("2025-04-01")})
		if err != nil {
			t.Fatal(err)
		}
		t2 := time.Now()
		time.Sleep(2 * time.Millisecond)
		name := "Sở Nội Vụ (đính chính)"
		if _, err := f.reg.Correct(ctx, "s.noivu", u.VersionID, org.Correction{Name: &name, Reason: "sai chính tả"}, "test"); err != nil {
			t.Fatal(err)
		}
		if got := f.alive(t, "2025-04-01", t2)["s.noivu"].Name; got != "Sở Nội vụ" {
			t.Errorf("known at t2: %q", got)
		}
		if got := f.alive(t, "2025-04-01", time.Time{})["s.noivu"].Name; got != name {
			t.Errorf("known now: %q", got)
		}
		// The same stale version cannot be corrected twice.
		if _, err := f.reg.Correct(ctx, "s.noivu", u.VersionID, org.Correction{Name: &name}, "test"); !errors.Is(err, org.ErrStale) {
			t.Errorf("second correction from a stale version: %v", err)
		}
		if _, err := f.reg.Correct(ctx, "s.noivu", "", org.Correction{Name: &name}, "test"); !errors.Is(err, org.ErrPreconditionRequired) {
			t.Errorf("correction without If-Match: %v", err)
		}

		// Reverting the merge restores belief in the old departments; reads known
		// in between still see the merge.
		t3 := time.Now()
		time.Sleep(2 * time.Millisecond)
		if err := f.reg.Revert(ctx, op.ID, "nhầm quyết định", "test"); err != nil {
			t.Fatal(err)
		}
		now := f.alive(t, "2025-04-01", time.Time{})
		if _, ok := now["s.khdt"]; !ok {
			t.Error("after the revert s.khdt is alive again")
		}
		if _, ok := now["s2.taichinh"]; ok {
			t.Error("after the revert the merged unit does not exist")
		}
		if now["s.khdt.vp"].ParentID != now["s.khdt"].ID {
			t.Error("after the revert the divisions are back under s.khdt")
		}
		if _, ok := f.alive(t, "2025-04-01", t3)["s2.taichinh"]; !ok {
			t.Error("known at t3 the merge is still believed")
		}
		l, _ := f.reg.Lineage(ctx, "s.khdt", org.Moment{AsOf: d("2025-12-31")})
		if len(l.Successors) != 0 {
			t.Errorf("a reverted operation leaves no lineage: %+v", l.Successors)
		}
		h, err := f.reg.History(ctx, "s.khdt", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		retracted := 0
		for _, r := range h.Records {
			if r.RetractedAt != nil {
				retracted++
			}
		}
		if retracted < 2 || len(h.Versions) != 1 {
			t.Errorf("history keeps every record: %d records, %d retracted, %d versions", len(h.Records), retracted, len(h.Versions))
		}
	})
}

func TestLaterChangeMustBeCorrectedFirst(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, dsn storetest.Fresh) {
		f := newFixture(t, dsn)
		f.apply(t, org.Operation{Kind: org.OpRename, EffectiveDate: d("2025-06-01"), Inputs: []string{"s.noivu"}, NewName: "Sở Nội vụ mới"})
		_, err := f.reg.Apply(ctx, org.Operation{Kind: org.OpDissolve, EffectiveDate: d("2025-03-01"), Inputs: []string{"s.noivu"}, DecisionID: f.dec}, "test")
		if v, ok := org.AsValidation(err); !ok || !strings.Contains(v.Error(), "sau ngày hiệu lực") {
			t.Fatalf("dissolving before a recorded rename: %v", err)
		}
		// After the dissolution date, the unit is gone; on an earlier date it is not.
		f.apply(t, org.Operation{Kind: org.OpDissolve, EffectiveDate: d("2025-09-01"), Inputs: []string{"s.noivu"}})
		_, err = f.reg.Apply(ctx, org.Operation{Kind: org.OpRename, EffectiveDate: d("2025-10-01"), Inputs: []string{"s.noivu"}, NewName: "X", DecisionID: f.dec}, "test")
		if v, ok := org.AsValidation(err); !ok || !strings.Contains(v.Error(), "đã chấm dứt hoạt động từ ngày 01/09/2025") {
			t.Fatalf("renaming an ended unit: %v", err)
		}
	})
}

func TestConcurrentCorrectionsNeverOverwrite(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, dsn storetest.Fresh) {
		f := newFixture(t, dsn)
		u, err := f.reg.Get(ctx, "s.noivu", org.Moment{AsOf: d("2025-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		const n = 8
		errs := make(chan error, n)
		for i := 0; i < n; i++ {
			go func() {
				name := "Sở Nội vụ " + strings.Repeat("I", i+1)
				_, err := f.reg.Correct(ctx, "s.noivu", u.VersionID, org.Correction{Name: &name}, "test")
				errs <- err
			}()
		}
		ok, stale := 0, 0
		for i := 0; i < n; i++ {
			switch err := <-errs; {
			case err == nil:
				ok++
			case errors.Is(err, org.ErrStale):
				stale++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 || stale != n-1 {
			t.Fatalf("%d corrections from the same version succeeded and %d were refused; want 1 and %d", ok, stale, n-1)
		}
		h, err := f.reg.History(ctx, "s.noivu", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Versions) != 1 {
			t.Errorf("one believed version after the race, got %d", len(h.Versions))
		}
	})
}

// Trees and counts are served from a skeleton kept between writes; every
// write must show at once.
func TestCountsFollowWrites(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, dsn storetest.Fresh) {
		f := newFixture(t, dsn)
		m := org.Moment{AsOf: d("2025-03-01")}
		count := func(m org.Moment) int {
			t.Helper()
			c, err := f.reg.Counts(ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := f.reg.Tree(ctx, m, "", 3)
			if err != nil {
				t.Fatal(err)
			}
			if tr.Counts.Total != c.Total {
				t.Fatalf("tree and counts disagree: %d, %d", tr.Counts.Total, c.Total)
			}
			return c.Total
		}
		before := count(m)
		known := time.Now()
		time.Sleep(2 * time.Millisecond)
		f.apply(t, org.Operation{Kind: org.OpEndActivity, EffectiveDate: d("2025-03-01"), Inputs: []string{"s.noivu"}})
		if after := count(m); after != before-1 {
			t.Fatalf("after ending a unit: %d units, want %d", after, before-1)
		}
		if then := count(org.Moment{AsOf: m.AsOf, KnownAt: known}); then != before {
			t.Fatalf("known before the write: %d units, want %d", then, before)
		}
	})
}

// Sequences of operations that must keep the register consistent: no unit
// under a parent that has ended, no overlapping versions, reverts in order.
func TestConsistencyAcrossOperations(t *testing.T) {
	est := func(date, code, name, parent string) org.Operation {
		return org.Operation{Kind: org.OpEstablish, EffectiveDate: d(date), Outputs: []org.Output{newUnit(code, name, "specialized_agency", parent)}}
	}
	tests := []struct {
		name    string
		before  []org.Operation
		op      org.Operation
		wantErr string
	}{
		{"no child under a parent whose later end is recorded",
			[]org.Operation{{Kind: org.OpDissolve, EffectiveDate: d("2025-09-01"), Inputs: []string{"s.noivu"}}},
			est("2025-08-01", "x", "Phòng Mới", "s.noivu"), "đã được ghi nhận chấm dứt từ ngày 01/09/2025"},
		{"no reparent under a parent whose later end is recorded",
			[]org.Operation{{Kind: org.OpDissolve, EffectiveDate: d("2025-09-01"), Inputs: []string{"s.noivu"}}},
			org.Operation{Kind: org.OpReparent, EffectiveDate: d("2025-08-01"), Inputs: []string{"s.khdt.dn"}, NewParent: "s.noivu"}, "đã được ghi nhận chấm dứt"},
		{"no retroactive end of a parent with a later child",
			[]org.Operation{est("2025-09-01", "x", "Phòng Mới", "s.noivu")},
			org.Operation{Kind: org.OpDissolve, EffectiveDate: d("2025-08-01"), Inputs: []string{"s.noivu"}}, "sau ngày chấm dứt"},
		{"a unit loaded unchanged then moved still sees its later change",
			[]org.Operation{{Kind: org.OpRename, EffectiveDate: d("2025-09-01"), Inputs: []string{"s.ldtbxh"}, NewName: "Sở LĐTBXH mới"}},
			org.Operation{Kind: org.OpMoveFunctions, EffectiveDate: d("2025-08-01"), Inputs: []string{"s.ldtbxh"}, Outputs: refs("s.noivu"),
				Moves: []org.Move{{Unit: "s.ldtbxh", To: "s.taichinh"}}}, "sau ngày hiệu lực"},
		{"one unit, two destinations",
			nil,
			org.Operation{Kind: org.OpReparent, EffectiveDate: d("2025-08-01"), Inputs: []string{"s.khdt.dn"}, NewParent: "s.noivu",
				Moves: []org.Move{{Unit: "s.khdt.dn", To: "s.taichinh"}}}, "nêu hai lần"},
	}
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f := newFixture(t, fresh)
				for _, op := range tt.before {
					f.apply(t, op)
				}
				op := tt.op
				op.DecisionID = f.dec
				_, err := f.reg.Apply(ctx, op, "test")
				if v, ok := org.AsValidation(err); !ok || !strings.Contains(v.Error(), tt.wantErr) {
					t.Fatalf("want a refusal containing %q, got %v", tt.wantErr, err)
				}
			})
		}
	})
}

func TestRevertsInOrderAndCodesFreed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		f := newFixture(t, fresh)
		w := f.apply(t, org.Operation{Kind: org.OpRename, EffectiveDate: d("2025-08-01"), Inputs: []string{"s.noivu"}, NewName: "Sở Nội vụ 2"})
		x := f.apply(t, org.Operation{Kind: org.OpRename, EffectiveDate: d("2025-09-01"), Inputs: []string{"s.noivu"}, NewName: "Sở Nội vụ 3"})
		if err := f.reg.Revert(ctx, w.ID, "thử", "test"); err == nil {
			t.Fatal("reverting the earlier rename first must be refused")
		}
		if err := f.reg.Revert(ctx, x.ID, "sai", "test"); err != nil {
			t.Fatal(err)
		}
		if err := f.reg.Revert(ctx, w.ID, "sai", "test"); err != nil {
			t.Fatalf("once the later rename is reverted, the earlier one can be: %v", err)
		}
		if got := f.alive(t, "2025-10-01", time.Time{})["s.noivu"].Name; got != "Sở Nội vụ" {
			t.Errorf("after both reverts: %q", got)
		}

		// A unit used by a later operation cannot be reverted away.
		n := f.apply(t, org.Operation{Kind: org.OpEstablish, EffectiveDate: d("2025-08-01"), Outputs: []org.Output{newUnit("n", "Sở N", "specialized_agency", "ubnd")}})
		used := f.apply(t, org.Operation{Kind: org.OpSpinOff, EffectiveDate: d("2025-09-01"), Inputs: []string{"n"}, Outputs: []org.Output{newUnit("m", "Sở M", "", "")}})
		if err := f.reg.Revert(ctx, n.ID, "sai", "test"); err == nil || !strings.Contains(err.Error(), used.ID) {
			t.Fatalf("reverting a unit a later operation used: %v", err)
		}
		// Reverted, its code is free again.
		if err := f.reg.Revert(ctx, used.ID, "sai", "test"); err != nil {
			t.Fatal(err)
		}
		if err := f.reg.Revert(ctx, n.ID, "sai ngày", "test"); err != nil {
			t.Fatal(err)
		}
		f.apply(t, org.Operation{Kind: org.OpEstablish, EffectiveDate: d("2025-08-15"), Outputs: []org.Output{newUnit("n", "Sở N", "specialized_agency", "ubnd")}})
	})
}
