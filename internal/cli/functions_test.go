package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tinhgon/internal/storetest"
)

// TestFunctionCommands: the demo's catalogue listed, its template written
// and filled, an import refused whole then recorded, and the one-lead rule
// among the findings.
func TestFunctionCommands(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		db := fresh(t)
		if out, err := run(t, "demo", "--db", db); err != nil {
			t.Fatalf("demo: %v\n%s", err, out)
		}
		dir := t.TempDir()
		tests := []struct {
			args []string
			want []string
		}{
			{[]string{"functions", "--as-of", "2025-07-15"}, []string{"105 chức năng, nhiệm vụ ngày 15/07/2025",
				"Giáo dục nghề nghiệp (ld.gdnn) — chủ trì: Sở Giáo dục và Đào tạo", "\nMặt trận Tổ quốc\n"}},
			{[]string{"functions", "giao duc nghe", "--as-of", "2025-01-01"}, []string{"1 chức năng", "chủ trì: Sở Lao động - Thương binh và Xã hội"}},
			{[]string{"functions", "--unit", "mt.tinhdoan", "--as-of", "2025-07-15", "--json"}, []string{`"code": "doan.thanhnien"`, `"lead_units"`}},
			{[]string{"findings", "--as-of", "2025-07-15", "--rule", "mot-viec-mot-chu-tri"}, []string{"0 kết quả"}},
			{[]string{"export", "template", "--functions", "--out", filepath.Join(dir, "mau.xlsx")}, []string{"mau.xlsx"}},
			{[]string{"export", "template", "--functions", "--csv", "--out", dir}, []string{"CSV mẫu chức năng"}},
		}
		for _, tt := range tests {
			args := tt.args
			if args[0] != "export" { // export opens no database
				args = append(args, "--db", db)
			}
			out, err := run(t, args...)
			if err != nil {
				t.Errorf("%v: %v\n%s", tt.args, err, out)
				continue
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("%v lacks %q:\n%.2000s", tt.args, w, out)
				}
			}
		}
		for _, f := range []string{"mau.xlsx", "chuc-nang.csv", "giao-chuc-nang.csv"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("template %s: %v", f, err)
			}
		}
		add := func(name, rows string) string {
			path := filepath.Join(dir, name)
			head, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, append(head, rows...), 0o644); err != nil {
				t.Fatal(err)
			}
			return path
		}
		fns := add("chuc-nang.csv", "zz.thu,Chức năng thử,Thử nghiệm,,,\r\n")
		asg := add("giao-chuc-nang.csv", "zz.thu,khong-co,Chủ trì,01/08/2025,,,,,\r\n")
		if out, err := run(t, "import", "--functions", fns, asg, "--db", db); err == nil || !strings.Contains(err.Error(), "giao-chuc-nang.csv, trang «Giao chức năng», dòng 2, cột B (Mã đơn vị)") {
			t.Fatalf("import with an unknown unit: %v\n%s", err, out)
		}
		if out, _ := run(t, "functions", "zz.thu", "--as-of", "2025-08-01", "--db", db); !strings.Contains(out, "0 chức năng") {
			t.Errorf("a refused import wrote: %s", out)
		}
		// Recorded without a lead: the rule finds the function omitted.
		if out, err := run(t, "import", "--functions", fns, "--db", db); err != nil || !strings.Contains(out, "Đã nhập 1 chức năng") {
			t.Fatalf("import: %v\n%s", err, out)
		}
		if out, _ := run(t, "findings", "--as-of", "2025-08-01", "--rule", "mot-viec-mot-chu-tri", "--db", db); !strings.Contains(out, "1 kết quả") ||
			!strings.Contains(out, "«Chức năng thử» (zz.thu)") || !strings.Contains(out, "bỏ sót") || !strings.Contains(out, "18-NQ/TW") {
			t.Errorf("findings after an import without a lead:\n%s", out)
		}
	})
}
