package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tinhgon/internal/storetest"
)

func TestSchemesCommands(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		db := fresh(t)
		if out, err := run(t, "demo", "--db", db); err != nil || !strings.Contains(out, "3 đề án") {
			t.Fatalf("demo: %v\n%s", err, out)
		}
		book := filepath.Join(t.TempDir(), "de-an.xlsx")
		steps := []struct {
			args    []string
			fails   bool
			want    []string
			wantNot []string
		}{
			{[]string{"schemes", "list"}, false, []string{"3 đề án", "da-so-2025", "đã thực hiện", "da-bao-pttt", "đã phê duyệt", "da-mttq-2027", "dự thảo"}, nil},
			{[]string{"schemes", "show", "da-so-2025"}, false, []string{"13 thao tác", "hợp nhất", "đã thực hiện bởi"}, nil},
			{[]string{"schemes", "check", "da-mttq-2027"}, false, []string{"1 lỗi", "[LỖI]", "chồng chéo", "Giảm nghèo", "số đầu mối", "-1"}, nil},
			{[]string{"schemes", "preview", "da-mttq-2027"}, false, []string{"+ Ban An sinh xã hội", "− Liên hiệp các tổ chức hữu nghị tỉnh"}, nil},
			{[]string{"schemes", "compare", "da-bao-pttt", "da-mttq-2027"}, false, []string{"Số đầu mối", "da-bao-pttt", "da-mttq-2027"}, nil},
			{[]string{"schemes", "compare", "da-bao-pttt"}, true, []string{"ít nhất hai"}, nil},
			{[]string{"schemes", "export", "da-mttq-2027", "--out", book}, false, []string{"Đã ghi " + book}, nil},
			// The workbook comes back, but the scheme's code is taken.
			{[]string{"schemes", "create", "--file", book}, true, []string{"da-mttq-2027", "đã có"}, nil},
			{[]string{"schemes", "apply", "da-mttq-2027"}, true, []string{"dự thảo"}, nil},
			{[]string{"schemes", "reject", "da-mttq-2027", "--note", "chưa đạt"}, true, []string{"không phê duyệt"}, nil},
			{[]string{"schemes", "submit", "da-mttq-2027"}, false, []string{"đã trình", "phiên bản 2"}, nil},
			{[]string{"schemes", "approve", "da-mttq-2027", "--decision-number", "1/QĐ-UBND", "--decision-issuer", "UBND tỉnh"}, true, []string{"chồng chéo"}, nil},
			{[]string{"schemes", "apply", "da-bao-pttt"}, false, []string{"đã thực hiện"}, nil},
			{[]string{"schemes", "publish", "x"}, true, []string{"không có lệnh"}, nil},
		}
		for _, s := range steps {
			args := append(append([]string{}, s.args...), "--db", db)
			out, err := run(t, args...)
			if (err != nil) != s.fails {
				t.Errorf("%v: error %v, want failure %v\n%s", s.args, err, s.fails, out)
			}
			if err != nil {
				out += err.Error()
			}
			for _, w := range s.want {
				if !strings.Contains(out, w) {
					t.Errorf("%v lacks %q:\n%s", s.args, w, out)
				}
			}
		}
		if fi, err := os.Stat(book); err != nil || fi.Size() < 5000 {
			t.Errorf("exported workbook: %v", err)
		}
	})
}
