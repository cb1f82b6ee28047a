package functionsheet_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/function"
	"tinhgon/internal/functionsheet"
	"tinhgon/internal/org"
	"tinhgon/internal/vntext"
)

// workbook fills the template with rows given by header, sheet by sheet.
func workbook(t *testing.T, sheets map[string][]map[string]any) []byte {
	t.Helper()
	var tpl bytes.Buffer
	if err := functionsheet.WriteTemplate(&tpl); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&tpl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, rows := range sheets {
		header := functionsheet.Headers(sheet)
		for i, vals := range rows {
			for h, v := range vals {
				col := -1
				for j, x := range header {
					if vntext.Fold(strings.TrimSuffix(x, "*")) == vntext.Fold(h) {
						col = j
					}
				}
				if col < 0 {
					t.Fatalf("no column %q in %s", h, sheet)
				}
				ref, _ := excelize.CoordinatesToCellName(col+1, i+2)
				if err := f.SetCellValue(sheet, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func goodFunction() map[string]any {
	return map[string]any{"Mã chức năng": "tc.ngansach", "Tên chức năng": "Quản lý ngân sách nhà nước", "Lĩnh vực": "Tài chính"}
}

func goodAssignment() map[string]any {
	return map[string]any{"Mã chức năng": "tc.ngansach", "Mã đơn vị": "tc", "Vai trò": "Chủ trì", "Từ ngày": "01/03/2025",
		"Số văn bản": "Quyết định số 12/2025/QĐ-UBND", "Cơ quan ban hành": "UBND tỉnh", "Ngày ký": "25/02/2025"}
}

func with(base map[string]any, over map[string]any) map[string]any {
	for k, v := range over {
		base[k] = v
	}
	return base
}

// TestBadCells: each bad cell is reported alone, with its sheet, row and
// column, and the file gives no batch.
func TestBadCells(t *testing.T) {
	tests := []struct {
		name   string
		sheets map[string][]map[string]any
		where  string // the position the error names
		reason string
	}{
		{"bad date", map[string][]map[string]any{functionsheet.SheetAssignments: {with(goodAssignment(), map[string]any{"Từ ngày": "31/02/2025"})}},
			"trang «Giao chức năng», dòng 2, cột D (Từ ngày)", "ngày «31/02/2025» không hợp lệ"},
		{"unknown role", map[string][]map[string]any{functionsheet.SheetAssignments: {goodAssignment(), with(goodAssignment(), map[string]any{"Vai trò": "giám sát"})}},
			"trang «Giao chức năng», dòng 3, cột C (Vai trò)", "«giám sát» không có trong danh sách; chọn một trong: Chủ trì; Phối hợp"},
		{"missing required value", map[string][]map[string]any{functionsheet.SheetFunctions: {with(goodFunction(), map[string]any{"Lĩnh vực": " "})}},
			"trang «Chức năng», dòng 2, cột C (Lĩnh vực)", "chưa nhập giá trị cho cột bắt buộc"},
		{"code twice", map[string][]map[string]any{functionsheet.SheetFunctions: {goodFunction(), with(goodFunction(), map[string]any{"Mã chức năng": "TC.NganSach"})}},
			"trang «Chức năng», dòng 3, cột A (Mã chức năng)", "mã chức năng «TC.NganSach» trùng với dòng 2"},
		{"end before start", map[string][]map[string]any{functionsheet.SheetAssignments: {with(goodAssignment(), map[string]any{"Đến ngày": "01/01/2025"})}},
			"trang «Giao chức năng», dòng 2, cột E (Đến ngày)", "đến ngày «01/01/2025» phải sau từ ngày «01/03/2025»"},
		{"bad decision number", map[string][]map[string]any{functionsheet.SheetAssignments: {with(goodAssignment(), map[string]any{"Số văn bản": "Quyết định của UBND"})}},
			"trang «Giao chức năng», dòng 2, cột F (Số văn bản)", "không đúng dạng"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := functionsheet.Batch(context.Background(), "chuc-nang.xlsx", bytes.NewReader(workbook(t, tt.sheets)))
			v, ok := org.AsValidation(err)
			if !ok || len(v.Errors) != 1 {
				t.Fatalf("want one error, got %v", err)
			}
			if e := v.Errors[0]; e.Field != "tệp chuc-nang.xlsx, "+tt.where || !strings.Contains(e.Detail, tt.reason) || !strings.HasPrefix(e.Detail, e.Field+": ") {
				t.Errorf("error %+v, want at %s: %s", e, tt.where, tt.reason)
			}
			if len(b.Functions)+len(b.Assignments) != 0 {
				t.Errorf("a bad file gave a batch: %+v", b)
			}
		})
	}
}

// TestHeaders: unknown and missing required columns are named; the rows
// under a wrong header are not read.
func TestHeaders(t *testing.T) {
	csv := "\ufeffMã chức năng;Tên;Lĩnh vực\ntc.ngansach;Ngân sách;Tài chính\n"
	_, err := functionsheet.Batch(context.Background(), "chuc-nang.csv", strings.NewReader(csv))
	v, ok := org.AsValidation(err)
	if !ok || len(v.Errors) != 2 {
		t.Fatalf("want two errors, got %v", err)
	}
	if !strings.Contains(v.Errors[0].Detail, "cột B") || !strings.Contains(v.Errors[0].Detail, "cột «Tên» không có trong mẫu") ||
		!strings.Contains(v.Errors[1].Detail, "thiếu cột bắt buộc «Tên chức năng»") {
		t.Errorf("errors: %v", v.Errors)
	}
	if _, err := functionsheet.Batch(context.Background(), "chuc-nang.xls", strings.NewReader("")); err == nil || !strings.Contains(err.Error(), ".xlsx") {
		t.Errorf("an .xls file: %v", err)
	}
}

// TestGoodFile: a filled template and the CSV of a sheet give the batch.
func TestGoodFile(t *testing.T) {
	b, err := functionsheet.Batch(context.Background(), "chuc-nang.xlsx", bytes.NewReader(workbook(t, map[string][]map[string]any{
		functionsheet.SheetFunctions:   {with(goodFunction(), map[string]any{"Mô tả": "Lập, phân bổ\nvà quyết toán", "Từ ngày": "2020-01-01"})},
		functionsheet.SheetAssignments: {goodAssignment(), with(goodAssignment(), map[string]any{"Mã đơn vị": "kh", "Vai trò": "phoi hop"})},
	})))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Functions) != 1 || len(b.Assignments) != 2 {
		t.Fatalf("batch %+v", b)
	}
	f := b.Functions[0].Function
	if f.Code != "tc.ngansach" || f.Field != "Tài chính" || f.Description != "Lập, phân bổ\nvà quyết toán" || f.ValidFrom.String() != "2020-01-01" {
		t.Errorf("function %+v", f)
	}
	a := b.Assignments[1]
	if a.FunctionRef != "tc.ngansach" || a.UnitRef != "kh" || a.Assignment.Role != function.Coordinate || a.Assignment.ValidFrom.String() != "2025-03-01" ||
		a.Decision.Number != "12/2025/QĐ-UBND" || a.Decision.Issuer != "UBND tỉnh" || a.Decision.SignedDate.String() != "2025-02-25" {
		t.Errorf("assignment %+v", a)
	}
	if got := a.At("Mã đơn vị"); got != "tệp chuc-nang.xlsx, trang «Giao chức năng», dòng 3, cột B (Mã đơn vị)" {
		t.Errorf("At: %s", got)
	}
	csv := "Mã chức năng*,Mã đơn vị*,Vai trò*,Từ ngày*\r\ntc.ngansach,tc,Chủ trì,01/03/2025\r\n\r\n"
	b, err = functionsheet.Batch(context.Background(), "giao.csv", strings.NewReader(csv))
	if err != nil || len(b.Assignments) != 1 || b.Assignments[0].Assignment.Role != function.Lead {
		t.Errorf("CSV: %+v, %v", b, err)
	}
}
