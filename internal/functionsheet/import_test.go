package functionsheet_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"tinhgon/internal/app"
	"tinhgon/internal/civil"
	"tinhgon/internal/functionsheet"
	"tinhgon/internal/org"
	"tinhgon/internal/storetest"
)

// TestImportAllOrNothing: a file with one row the register refuses (an
// unknown unit, a unit not yet alive, a function given twice) writes
// nothing and names the cell; the file corrected is recorded whole.
func TestImportAllOrNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		prov, err := app.Open(storetest.Open(t, fresh(t)), "12")
		if err != nil {
			t.Fatal(err)
		}
		unit := func(code, name string) org.NewUnit {
			return org.NewUnit{Attrs: org.Attrs{Code: code, Name: name, Kind: "specialized_agency", Pillar: org.PillarState, Level: org.LevelProvince}}
		}
		if err := prov.Org.Seed(ctx, []org.NewUnit{unit("tc", "Sở Tài chính"), unit("kh", "Sở Kế hoạch và Đầu tư")}, "test", "test"); err != nil {
			t.Fatal(err)
		}
		count := func() int {
			fs, err := prov.Functions.Store().FunctionsAt(ctx, org.Moment{AsOf: civil.MustParse("2025-06-01")})
			if err != nil {
				t.Fatal(err)
			}
			return len(fs)
		}
		cases := []struct {
			name   string
			asg    map[string]any
			where  string
			reason string
		}{
			{"unknown unit", map[string]any{"Mã đơn vị": "khong-co"}, "dòng 3, cột B (Mã đơn vị)", "không tìm thấy đơn vị «khong-co»"},
			{"unknown function", map[string]any{"Mã chức năng": "khong-co"}, "dòng 3, cột A (Mã chức năng)", "không tìm thấy chức năng, nhiệm vụ có mã «khong-co»"},
			{"given twice", map[string]any{"Vai trò": "Phối hợp", "Từ ngày": "01/06/2025"}, "dòng 3, cột B (Mã đơn vị)", "đã được giao chức năng, nhiệm vụ «Quản lý ngân sách nhà nước» (tc.ngansach) (chủ trì) từ 01/03/2025"},
			{"new issuer missing", map[string]any{"Mã đơn vị": "kh", "Số văn bản": "9/QĐ-UBND", "Cơ quan ban hành": ""}, "dòng 3, cột G (Cơ quan ban hành)", "cần cơ quan ban hành"},
		}
		for _, c := range cases {
			file := workbook(t, map[string][]map[string]any{
				functionsheet.SheetFunctions:   {goodFunction()},
				functionsheet.SheetAssignments: {goodAssignment(), with(goodAssignment(), c.asg)},
			})
			_, err := functionsheet.Import(ctx, prov.Functions, "nhap.xlsx", bytes.NewReader(file), "test")
			v, ok := org.AsValidation(err)
			if !ok || len(v.Errors) != 1 || !strings.Contains(v.Errors[0].Detail, "trang «Giao chức năng», "+c.where+": ") ||
				!strings.Contains(v.Errors[0].Detail, c.reason) {
				t.Errorf("%s: want one error at %s saying %q, got %v", c.name, c.where, c.reason, err)
			}
			if n := count(); n != 0 {
				t.Fatalf("%s: %d functions recorded by a refused file", c.name, n)
			}
		}
		file := workbook(t, map[string][]map[string]any{
			functionsheet.SheetFunctions:   {goodFunction()},
			functionsheet.SheetAssignments: {goodAssignment(), with(goodAssignment(), map[string]any{"Mã đơn vị": "kh", "Vai trò": "Phối hợp"})},
		})
		n, err := functionsheet.Import(ctx, prov.Functions, "nhap.xlsx", bytes.NewReader(file), "test")
		if err != nil || n.Functions != 1 || n.Assignments != 2 {
			t.Fatalf("good file: %+v, %v", n, err)
		}
		// The same file again: the code is taken.
		_, err = functionsheet.Import(ctx, prov.Functions, "nhap.xlsx", bytes.NewReader(file), "test")
		if err == nil || !strings.Contains(err.Error(), "trang «Chức năng», dòng 2, cột A (Mã chức năng): mã chức năng «tc.ngansach» đã có") {
			t.Errorf("the file twice: %v", err)
		}
		if n := count(); n != 1 {
			t.Errorf("functions: %d, want 1", n)
		}
	})
}
