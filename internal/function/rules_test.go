package function_test

import (
	"strings"
	"testing"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/staff"
)

func day(s string) civil.Date { return civil.MustParse(s) }

// TestCheckLeads runs the one-lead rule on rows in memory, on days either
// side of each change: a unit ending, a lead starting, a second lead
// starting, a function ending, the rule coming into force.
func TestCheckLeads(t *testing.T) {
	rules, err := function.LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	fns := []function.Function{
		{ID: "f1", Code: "dau-tu", Name: "Quản lý đầu tư công", Field: "Kế hoạch, đầu tư", ValidFrom: day("2015-01-01")},
		{ID: "f2", Code: "ngan-sach", Name: "Quản lý ngân sách", Field: "Tài chính", ValidFrom: day("2015-01-01"), ValidTo: day("2025-07-01")},
		{ID: "f3", Code: "cu", Name: "Một việc cũ", Field: "Khác", ValidFrom: day("2015-01-01"), ValidTo: day("2018-01-01")},
	}
	// u2 ends on 2025-03-01, u3 starts then; u1 is always alive.
	alive := map[string][2]string{"u1": {"", ""}, "u2": {"", "2025-03-01"}, "u3": {"2025-03-01", ""}}
	names := map[string]string{"u1": "Sở Tài chính", "u2": "Sở Kế hoạch và Đầu tư", "u3": "Sở Kế hoạch"}
	rows := []function.Assignment{
		{FunctionID: "f1", UnitID: "u2", Role: function.Lead, ValidFrom: day("2015-01-01")},
		{FunctionID: "f1", UnitID: "u1", Role: function.Coordinate, ValidFrom: day("2025-03-01"), ValidTo: day("2025-09-01")},
		{FunctionID: "f1", UnitID: "u3", Role: function.Lead, ValidFrom: day("2025-06-01")},
		{FunctionID: "f1", UnitID: "u1", Role: function.Lead, ValidFrom: day("2025-09-01")},
		{FunctionID: "f2", UnitID: "u1", Role: function.Lead, ValidFrom: day("2015-01-01")},
		{FunctionID: "f2", UnitID: "u3", Role: function.Coordinate, ValidFrom: day("2025-03-01")},
	}
	tests := []struct {
		day  string
		want []string // rule suffix and words of the detail, per finding
	}{
		{"2017-10-24", nil}, // the rule is not yet in force: f3 has no lead, and no finding
		{"2017-10-25", []string{"-bo-sot «Một việc cũ» (cu)"}},
		{"2018-01-01", nil}, // f3 has ended
		{"2025-02-28", nil},
		{"2025-03-01", []string{"-bo-sot «Quản lý đầu tư công» (dau-tu) không có cơ quan chủ trì cơ quan phối hợp: Sở Tài chính"}},
		{"2025-05-31", []string{"-bo-sot «Quản lý đầu tư công»"}},
		{"2025-06-01", nil},
		{"2025-06-30", nil},
		{"2025-07-01", nil}, // f2 ended: its coordinating unit is no finding
		{"2025-08-31", nil},
		{"2025-09-01", []string{"-chong-cheo «Quản lý đầu tư công» 2 cơ quan chủ trì chồng chéo Sở Kế hoạch, Sở Tài chính"}},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			d := day(tt.day)
			isAlive := func(id string) bool {
				span := alive[id]
				return (span[0] == "" || !day(span[0]).After(d)) && (span[1] == "" || day(span[1]).After(d))
			}
			got := function.CheckLeads(rules, d, fns, rows, isAlive, func(id string) string { return names[id] })
			if len(got) != len(tt.want) {
				t.Fatalf("%d findings, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				f := got[i]
				if f.Severity != staff.Violation || !strings.HasPrefix(f.Rule, function.RulePrefix) || !strings.Contains(f.Source, "18-NQ/TW") {
					t.Errorf("finding %+v: want a violation of %s citing Nghị quyết 18-NQ/TW", f, function.RulePrefix)
				}
				words := strings.Fields(w)
				if !strings.HasSuffix(f.Rule, words[0]) {
					t.Errorf("rule %s, want …%s", f.Rule, words[0])
				}
				text := f.Title + " " + f.Detail
				for _, part := range strings.Split(strings.Join(words[1:], " "), " ") {
					if !strings.Contains(text, strings.Trim(part, ",")) {
						t.Errorf("finding lacks %q: %s", part, text)
					}
				}
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]function.Role{"lead": function.Lead, "Chủ trì": function.Lead, "chu tri": function.Lead,
		"PHỐI HỢP": function.Coordinate, "coordinate": function.Coordinate, " phoi hop ": function.Coordinate} {
		if got, ok := function.ParseRole(in); !ok || got != want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := function.ParseRole("giám sát"); ok {
		t.Errorf("giám sát is no role")
	}
}
