package function_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"tinhgon/internal/app"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/storetest"
)

// province is a small register with a catalogue: a People's Committee and
// five departments, their functions led by one and coordinated by others.
type province struct {
	t    *testing.T
	ctx  context.Context
	prov *app.Province
	dec  string
}

// catalogue is the fixture's functions: code, name, lead, coordinating units.
var catalogue = []struct{ code, name, field, lead, coord string }{
	{"dautu", "Quản lý đầu tư công", "Kế hoạch, đầu tư", "kh", "tc"},
	{"ngansach", "Quản lý ngân sách nhà nước", "Tài chính", "tc", "kh"},
	{"phapche", "Kiểm tra văn bản quy phạm pháp luật", "Tư pháp", "tp", ""},
	{"vieclam", "Việc làm", "Lao động", "ld", ""},
	{"baotro", "Bảo trợ xã hội", "Xã hội", "ld", "nv"},
	{"gdnn", "Giáo dục nghề nghiệp", "Giáo dục", "ld", ""},
	{"congchuc", "Quản lý công chức", "Nội vụ", "nv", ""},
}

func newProvince(t *testing.T, dsn string) *province {
	t.Helper()
	ctx := context.Background()
	prov, err := app.Open(storetest.Open(t, dsn), "12")
	if err != nil {
		t.Fatal(err)
	}
	p := &province{t: t, ctx: ctx, prov: prov}
	unit := func(code, name string) org.NewUnit {
		return org.NewUnit{Attrs: org.Attrs{Code: code, Name: name, Kind: "specialized_agency", Pillar: org.PillarState, Level: org.LevelProvince, ParentID: "ubnd"}}
	}
	seed := []org.NewUnit{
		{Attrs: org.Attrs{Code: "ubnd", Name: "Ủy ban nhân dân tỉnh", Kind: "peoples_committee", Pillar: org.PillarState, Level: org.LevelProvince}},
		unit("kh", "Sở Kế hoạch và Đầu tư"), unit("tc", "Sở Tài chính"), unit("tp", "Sở Tư pháp"),
		unit("ld", "Sở Lao động - Thương binh và Xã hội"), unit("nv", "Sở Nội vụ"),
	}
	if err := prov.Org.Seed(ctx, seed, "test", "test"); err != nil {
		t.Fatal(err)
	}
	d, err := prov.Org.RecordDecision(ctx, org.Decision{Number: "1/QĐ-UBND", Issuer: "UBND tỉnh", SignedDate: day("2025-02-20")}, "test")
	if err != nil {
		t.Fatal(err)
	}
	p.dec = d.ID
	var b function.Batch
	for _, c := range catalogue {
		b.Functions = append(b.Functions, function.NewFunction{Where: c.code, Function: function.Function{Code: c.code, Name: c.name, Field: c.field,
			ValidFrom: day("2020-01-01")}})
		b.Assignments = append(b.Assignments, function.NewAssignment{Where: c.code, FunctionRef: c.code, UnitRef: c.lead,
			Assignment: function.Assignment{Role: function.Lead, ValidFrom: day("2020-01-01")}})
		if c.coord != "" {
			b.Assignments = append(b.Assignments, function.NewAssignment{Where: c.code, FunctionRef: c.code, UnitRef: c.coord,
				Assignment: function.Assignment{Role: function.Coordinate, ValidFrom: day("2020-01-01")}})
		}
	}
	if _, err := prov.Functions.Record(ctx, b, "test"); err != nil {
		t.Fatal(err)
	}
	return p
}

func (p *province) apply(op org.Operation) (org.Operation, error) {
	op.DecisionID, op.EffectiveDate = p.dec, day("2025-03-01")
	return p.prov.Org.Apply(p.ctx, op, "test")
}

// holders lists, per function code, "lead:unit" and "coordinate:unit" on a day.
func (p *province) holders(on string) map[string][]string {
	p.t.Helper()
	vs, err := p.prov.Functions.List(p.ctx, org.Moment{AsOf: day(on)}, function.Filter{})
	if err != nil {
		p.t.Fatal(err)
	}
	out := map[string][]string{}
	for _, v := range vs {
		for _, u := range v.Leads {
			out[v.Code] = append(out[v.Code], "lead:"+u.Code)
		}
		for _, u := range v.Coordinators {
			out[v.Code] = append(out[v.Code], "coordinate:"+u.Code)
		}
		slices.Sort(out[v.Code])
	}
	return out
}

// findings lists the one-lead findings on a day as "suffix function-code".
func (p *province) findings(on string) []string {
	p.t.Helper()
	fs, err := p.prov.Functions.Findings(p.ctx, org.Moment{AsOf: day(on)})
	if err != nil {
		p.t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		kind := strings.TrimPrefix(f.Rule, function.RulePrefix+"-")
		for _, c := range catalogue {
			if strings.Contains(f.Detail, "("+c.code+")") {
				out = append(out, kind+" "+c.code)
			}
		}
	}
	return out
}

func newUnit(code, name string) org.Output {
	return org.Output{New: &org.NewUnit{Attrs: org.Attrs{Code: code, Name: name, Kind: "specialized_agency"}}}
}

func share(fn, to, role string) org.FunctionShare {
	return org.FunctionShare{Function: fn, To: to, Role: role}
}

// TestOperationsCarryFunctions applies each kind of operation and reads
// who holds each function the day before and the day of the operation.
func TestOperationsCarryFunctions(t *testing.T) {
	tests := []struct {
		name    string
		op      org.Operation
		refused string              // a refusal must say this
		after   map[string][]string // holders on 2025-03-01 of the functions named
		found   []string            // one-lead findings on 2025-03-01
	}{
		{name: "merge carries all, a lead and a coordinating role of one function make one lead",
			op:    org.Operation{Kind: org.OpMerge, Inputs: []string{"kh", "tc"}, Outputs: []org.Output{newUnit("tc2", "Sở Tài chính")}},
			after: map[string][]string{"dautu": {"lead:tc2"}, "ngansach": {"lead:tc2"}, "phapche": {"lead:tp"}}},
		{name: "absorb: the target that coordinated now leads",
			op:    org.Operation{Kind: org.OpAbsorb, Inputs: []string{"kh"}, Outputs: []org.Output{{Ref: "tc"}}},
			after: map[string][]string{"dautu": {"lead:tc"}, "ngansach": {"lead:tc"}}},
		{name: "reorganize carries all",
			op:    org.Operation{Kind: org.OpReorganize, Inputs: []string{"tp"}, Outputs: []org.Output{newUnit("tp2", "Sở Tư pháp mới")}},
			after: map[string][]string{"phapche": {"lead:tp2"}}},
		{name: "transfer in carries all to the single output",
			op:    org.Operation{Kind: org.OpTransferIn, Inputs: []string{"tp"}, Outputs: []org.Output{newUnit("tp2", "Chi cục Tư pháp")}},
			after: map[string][]string{"phapche": {"lead:tp2"}}},
		{name: "transfer in to several units needs every function given",
			op:      org.Operation{Kind: org.OpTransferIn, Inputs: []string{"tp"}, Outputs: []org.Output{newUnit("tp2", "Chi cục A"), newUnit("tp3", "Chi cục B")}},
			refused: "còn 1 chức năng, nhiệm vụ của các đơn vị đầu vào (thao tác có nhiều đơn vị đầu ra) chưa được giao cho đơn vị nào: «Kiểm tra văn bản quy phạm pháp luật» (phapche)"},
		{name: "merge sends a shared function elsewhere",
			op: org.Operation{Kind: org.OpMerge, Inputs: []string{"nv", "ld"}, Outputs: []org.Output{newUnit("nv2", "Sở Nội vụ")},
				FunctionShares: []org.FunctionShare{share("gdnn", "tp", ""), share("baotro", "tc", "")}},
			after: map[string][]string{"gdnn": {"lead:tp"}, "baotro": {"lead:tc"}, "vieclam": {"lead:nv2"}, "congchuc": {"lead:nv2"}}},
		{name: "split refuses functions left unallocated",
			op: org.Operation{Kind: org.OpSplit, Inputs: []string{"ld"}, Outputs: []org.Output{newUnit("ld.a", "Sở Lao động"), newUnit("ld.b", "Sở Xã hội")},
				FunctionShares: []org.FunctionShare{share("vieclam", "ld.a", "")}},
			refused: "còn 2 chức năng, nhiệm vụ của đơn vị bị chia chưa được giao cho đơn vị nào: «Bảo trợ xã hội» (baotro), «Giáo dục nghề nghiệp» (gdnn)"},
		{name: "split with every function allocated",
			op: org.Operation{Kind: org.OpSplit, Inputs: []string{"ld"}, Outputs: []org.Output{newUnit("ld.a", "Sở Lao động"), newUnit("ld.b", "Sở Xã hội")},
				FunctionShares: []org.FunctionShare{share("vieclam", "ld.a", ""), share("baotro", "ld.b", ""), share("gdnn", "ld.a", ""),
					share("gdnn", "ld.b", "phối hợp")}},
			after: map[string][]string{"vieclam": {"lead:ld.a"}, "baotro": {"coordinate:nv", "lead:ld.b"}, "gdnn": {"coordinate:ld.b", "lead:ld.a"}}},
		{name: "spin-off moves only what is shared",
			op: org.Operation{Kind: org.OpSpinOff, Inputs: []string{"ld"}, Outputs: []org.Output{newUnit("ld.x", "Ban Việc làm")},
				FunctionShares: []org.FunctionShare{{Function: "vieclam"}}},
			after: map[string][]string{"vieclam": {"lead:ld.x"}, "baotro": {"coordinate:nv", "lead:ld"}, "gdnn": {"lead:ld"}}},
		{name: "move of functions needs the functions listed",
			op:      org.Operation{Kind: org.OpMoveFunctions, Inputs: []string{"ld"}, Outputs: []org.Output{{Ref: "nv"}}},
			refused: "cần nêu các chức năng, nhiệm vụ được chuyển"},
		{name: "move of functions: the coordinating receiver now leads",
			op: org.Operation{Kind: org.OpMoveFunctions, Inputs: []string{"ld"}, Outputs: []org.Output{{Ref: "nv"}},
				FunctionShares: []org.FunctionShare{{Function: "baotro"}}},
			after: map[string][]string{"baotro": {"lead:nv"}, "vieclam": {"lead:ld"}}},
		{name: "move of functions keeping the giver as coordinating unit",
			op: org.Operation{Kind: org.OpMoveFunctions, Inputs: []string{"ld"}, Outputs: []org.Output{{Ref: "tc"}},
				FunctionShares: []org.FunctionShare{share("vieclam", "tc", ""), share("vieclam", "ld", "coordinate")}},
			after: map[string][]string{"vieclam": {"coordinate:ld", "lead:tc"}}},
		{name: "dissolve: functions not handed over are omitted",
			op:    org.Operation{Kind: org.OpDissolve, Inputs: []string{"tp"}},
			after: map[string][]string{"phapche": nil}, found: []string{"bo-sot phapche"}},
		{name: "dissolve handing a function over",
			op:    org.Operation{Kind: org.OpDissolve, Inputs: []string{"tp"}, FunctionShares: []org.FunctionShare{share("phapche", "nv", "")}},
			after: map[string][]string{"phapche": {"lead:nv"}}},
		{name: "transfer out hands over what is listed",
			op: org.Operation{Kind: org.OpTransferOut, Inputs: []string{"ld"}, FunctionShares: []org.FunctionShare{share("vieclam", "nv", ""),
				share("baotro", "nv", ""), share("gdnn", "tp", "")}},
			after: map[string][]string{"vieclam": {"lead:nv"}, "baotro": {"lead:nv"}, "gdnn": {"lead:tp"}}},
		{name: "a share cannot go to a unit the operation ends",
			op:      org.Operation{Kind: org.OpEndActivity, Inputs: []string{"tp", "nv"}, FunctionShares: []org.FunctionShare{share("phapche", "nv", "")}},
			refused: "chấm dứt hoạt động trong chính thao tác này"},
		{name: "a share of a function the inputs do not hold",
			op:      org.Operation{Kind: org.OpDissolve, Inputs: []string{"tp"}, FunctionShares: []org.FunctionShare{share("dautu", "nv", "")}},
			refused: "không giữ chức năng, nhiệm vụ «Quản lý đầu tư công» (dautu)"},
		{name: "a share of an unknown function, to an unknown unit, in an unknown role",
			op: org.Operation{Kind: org.OpMoveFunctions, Inputs: []string{"ld"}, Outputs: []org.Output{{Ref: "nv"}},
				FunctionShares: []org.FunctionShare{share("khong-co", "nv", ""), share("vieclam", "khong-co", ""), share("baotro", "nv", "giám sát")}},
			refused: "không tìm thấy chức năng, nhiệm vụ «khong-co»"},
		{name: "rename moves nothing and takes no shares",
			op:      org.Operation{Kind: org.OpRename, Inputs: []string{"tp"}, NewName: "Sở Tư pháp tỉnh", FunctionShares: []org.FunctionShare{{Function: "phapche"}}},
			refused: "không chuyển chức năng, nhiệm vụ"},
		{name: "rename keeps the functions",
			op:    org.Operation{Kind: org.OpRename, Inputs: []string{"tp"}, NewName: "Sở Tư pháp tỉnh"},
			after: map[string][]string{"phapche": {"lead:tp"}}},
	}
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := newProvince(t, fresh(t))
				before := p.holders("2025-02-28")
				_, err := p.apply(tt.op)
				if tt.refused != "" {
					if v, ok := org.AsValidation(err); !ok || !strings.Contains(v.Error(), tt.refused) {
						t.Fatalf("want a refusal saying %q, got %v", tt.refused, err)
					}
					if got := p.holders("2025-03-01"); !equal(got, before) {
						t.Errorf("a refused operation moved functions: %v, before %v", got, before)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := p.holders("2025-02-28"); !equal(got, before) {
					t.Errorf("the day before changed: %v, was %v", got, before)
				}
				now := p.holders("2025-03-01")
				for fn, want := range tt.after {
					if !slices.Equal(now[fn], want) {
						t.Errorf("%s on 2025-03-01: %v, want %v", fn, now[fn], want)
					}
				}
				if got := p.findings("2025-03-01"); !slices.Equal(got, tt.found) {
					t.Errorf("findings on 2025-03-01: %v, want %v", got, tt.found)
				}
				if got := p.findings("2025-02-28"); len(got) != 0 {
					t.Errorf("findings on 2025-02-28: %v", got)
				}
			})
		}
	})
}

func equal(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestRevertRestoresFunctions: reverting an operation gives every
// function back to whom held it; a revert after a later change is refused.
func TestRevertRestoresFunctions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		p := newProvince(t, fresh(t))
		before := p.holders("2025-03-01")
		merged, err := p.apply(org.Operation{Kind: org.OpMerge, Inputs: []string{"kh", "tc"}, Outputs: []org.Output{newUnit("tc2", "Sở Tài chính")}})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.prov.Org.Revert(p.ctx, merged.ID, "nhập nhầm", "test"); err != nil {
			t.Fatal(err)
		}
		if got := p.holders("2025-03-01"); !equal(got, before) {
			t.Errorf("after the revert: %v, want %v", got, before)
		}
		if got := p.findings("2025-03-01"); len(got) != 0 {
			t.Errorf("findings after the revert: %v", got)
		}

		// Moved, then given more work: the move can no longer be undone.
		moved, err := p.apply(org.Operation{Kind: org.OpMoveFunctions, Inputs: []string{"ld"}, Outputs: []org.Output{{Ref: "nv"}},
			FunctionShares: []org.FunctionShare{{Function: "baotro"}}})
		if err != nil {
			t.Fatal(err)
		}
		spun, err := p.apply(org.Operation{Kind: org.OpSpinOff, Inputs: []string{"ld"}, Outputs: []org.Output{newUnit("ld.x", "Ban Việc làm")},
			FunctionShares: []org.FunctionShare{{Function: "vieclam"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.prov.Functions.Record(p.ctx, function.Batch{Assignments: []function.NewAssignment{{Where: "test", FunctionRef: "congchuc",
			UnitRef: "ld.x", Assignment: function.Assignment{Role: function.Coordinate, ValidFrom: day("2025-04-01")}}}}, "test"); err != nil {
			t.Fatal(err)
		}
		err = p.prov.Org.Revert(p.ctx, spun.ID, "thử", "test")
		if v, ok := org.AsValidation(err); !ok || !strings.Contains(v.Error(), "việc giao chức năng, nhiệm vụ đã được ghi hoặc thay đổi sau thao tác này") {
			t.Fatalf("revert after a later assignment: %v", err)
		}
		if err := p.prov.Org.Revert(p.ctx, moved.ID, "thử", "test"); err != nil {
			t.Fatal(err)
		}
		if got := p.holders("2025-03-01")["baotro"]; !slices.Equal(got, []string{"coordinate:nv", "lead:ld"}) {
			t.Errorf("baotro after reverting its move: %v", got)
		}
	})
}

// TestLaterAssignmentBlocksEnd: a unit given a function after the day it
// would end must have that corrected first.
func TestLaterAssignmentBlocksEnd(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		p := newProvince(t, fresh(t))
		if _, err := p.prov.Functions.Record(p.ctx, function.Batch{Assignments: []function.NewAssignment{{Where: "test", FunctionRef: "congchuc",
			UnitRef: "tp", Assignment: function.Assignment{Role: function.Coordinate, ValidFrom: day("2025-05-01")}}}}, "test"); err != nil {
			t.Fatal(err)
		}
		_, err := p.apply(org.Operation{Kind: org.OpDissolve, Inputs: []string{"tp"}, FunctionShares: []org.FunctionShare{share("phapche", "nv", "")}})
		if v, ok := org.AsValidation(err); !ok || !strings.Contains(v.Error(), "«Quản lý công chức» (congchuc) được giao cho «Sở Tư pháp» (tp) từ 01/05/2025, sau ngày hiệu lực") {
			t.Fatalf("want a refusal naming the later assignment, got %v", err)
		}
	})
}
