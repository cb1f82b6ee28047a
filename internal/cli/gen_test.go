package cli

import (
	"strings"
	"testing"

	"tinhgon/internal/storetest"
)

func TestGen(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		db := fresh(t)
		tests := []struct {
			name    string
			args    []string
			wantErr string
			want    []string
		}{
			{"loads an empty register", []string{"gen", "--db", db, "--people", "5000", "--provinces", "1"}, "",
				[]string{"1 tỉnh", "5.000 người", "sổ đăng ký mã 00"}},
			{"refuses a second load", []string{"gen", "--db", db, "--people", "5000", "--provinces", "1"}, "đã có", nil},
			{"refuses another province", []string{"gen", "--db", db, "--province", "12"}, "luôn ghi vào sổ đăng ký mã 00", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out, err := run(t, tt.args...)
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
						t.Fatalf("error %v, want one saying %q\n%s", err, tt.wantErr, out)
					}
					return
				}
				if err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				for _, w := range tt.want {
					if !strings.Contains(out, w) {
						t.Errorf("output lacks %q:\n%s", w, out)
					}
				}
			})
		}
		out, err := run(t, "report", "staffing", "--db", db, "--province", "00", "--as-of", "2025-07-01")
		if err != nil || !strings.Contains(out, "Tổng: 4625 người") {
			t.Errorf("report on the generated register: %v\n%s", err, out)
		}
	})
}
