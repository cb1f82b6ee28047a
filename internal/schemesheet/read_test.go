package schemesheet_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/schemesheet"
)

// set returns an edit that types values into cells of a sheet.
func set(sheet string, cells ...string) func(*excelize.File) error {
	return func(f *excelize.File) error {
		for i := 0; i+1 < len(cells); i += 2 {
			if err := f.SetCellValue(sheet, cells[i], cells[i+1]); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestReadBadCells: each bad cell of a written workbook edited by hand is
// refused with its file, sheet, row and column, and no scheme is read.
func TestReadBadCells(t *testing.T) {
	const (
		ops, units, moves = schemesheet.SheetOperations, schemesheet.SheetNewUnits, schemesheet.SheetMoves
		people, quotas    = schemesheet.SheetPlacements, schemesheet.SheetQuotas
		funcs, sch        = schemesheet.SheetFunctions, schemesheet.SheetScheme
	)
	base := write(t, fullScheme(), nil, nil)
	cases := []struct {
		name   string
		change func(*excelize.File) error
		where  string
		reason string
	}{
		{"unknown operation kind", set(ops, "B2", "gộp"), "trang «Thao tác», dòng 2, cột B (Loại thao tác)", "loại thao tác «gộp» không có; chọn một trong: «thành lập»"},
		{"impossible date", set(ops, "C3", "31/02/2025"), "trang «Thao tác», dòng 3, cột C (Ngày hiệu lực)", "ngày «31/02/2025» không hợp lệ"},
		{"two-digit year", set(sch, "B6", "01/07/25"), "trang «Đề án», dòng 6, cột B (Ngày hiệu lực)", "ngày «01/07/25» không hợp lệ"},
		{"scheme without a name", set(sch, "B3", ""), "trang «Đề án», dòng 3, cột B (Tên đề án)", "chưa nhập giá trị"},
		{"scheme without an effective date row", set(sch, "A6", "Ghi chú"), "trang «Đề án»", "thiếu dòng «Ngày hiệu lực»"},
		{"number twice", set(ops, "A3", "1"), "trang «Thao tác», dòng 3, cột A (STT)", "số thứ tự 1 trùng với dòng 2"},
		{"number not a number", set(ops, "A2", "một"), "trang «Thao tác», dòng 2, cột A (STT)", "«một» không phải số nguyên"},
		{"operation without a kind", set(ops, "B4", ""), "trang «Thao tác», dòng 4, cột B (Loại thao tác)", "chưa nhập giá trị cho cột bắt buộc"},
		{"new unit twice among outputs", set(ops, "E2", "s.tc2; s.tc2"), "trang «Thao tác», dòng 2, cột E (Đơn vị đầu ra)", "đơn vị mới «s.tc2» được nêu hai lần"},
		{"part of no operation", set(people, "A5", "9"), "trang «Bố trí», dòng 5, cột A (STT thao tác)", "thao tác số 9 không có ở trang «Thao tác»"},
		{"placement without a person", set(people, "B3", ""), "trang «Bố trí», dòng 3, cột B (Mã cán bộ)", "chưa nhập giá trị cho cột bắt buộc"},
		{"unknown post", set(people, "D2", "trưởng phòng"), "trang «Bố trí», dòng 2, cột D (Chức vụ)", "chức vụ «trưởng phòng» không có"},
		{"bad flag", set(people, "F3", "có lẽ"), "trang «Bố trí», dòng 3, cột F (Cấp phó dôi dư)", "ghi «Có» hoặc để trống"},
		{"unknown policy", set(people, "H4", "về quê"), "trang «Bố trí», dòng 4, cột H (Chính sách)", "chính sách «về quê» không có"},
		{"unknown level", set(units, "F2", "cấp tổ"), "trang «Đơn vị mới», dòng 2, cột F (Cấp)", "cấp «cấp tổ» không có"},
		{"unknown pillar", set(units, "G4", "Khối tư nhân"), "trang «Đơn vị mới», dòng 4, cột G (Khối)", "khối «Khối tư nhân» không có"},
		{"new unit without a name", set(units, "C3", ""), "trang «Đơn vị mới», dòng 3, cột C (Tên)", "chưa nhập giá trị cho cột bắt buộc"},
		{"new unit code twice", set(units, "B4", "S.NV2"), "trang «Đơn vị mới», dòng 4, cột B (Mã)", "mã «S.NV2» đã dùng cho đơn vị mới ở dòng 3"},
		{"move to nowhere", set(moves, "C2", ""), "trang «Chuyển đơn vị», dòng 2, cột C (Chuyển về)", "chưa nhập giá trị cho cột bắt buộc"},
		{"move to an unknown level", set(moves, "D3", "thôn"), "trang «Chuyển đơn vị», dòng 3, cột D (Cấp mới)", "cấp «thôn» không có"},
		{"count in words", set(quotas, "D2", "ba mươi"), "trang «Chia biên chế», dòng 2, cột D (Số lượng)", "«ba mươi» không phải số nguyên"},
		{"negative count", set(quotas, "D3", "-1"), "trang «Chia biên chế», dòng 3, cột D (Số lượng)", "phải từ 0 trở lên"},
		{"unknown category", set(quotas, "C4", "hợp đồng"), "trang «Chia biên chế», dòng 4, cột C (Loại)", "loại «hợp đồng» không có"},
		{"unknown role", set(funcs, "D2", "giám sát"), "trang «Chia chức năng», dòng 2, cột D (Vai trò)", "vai trò «giám sát» không có"},
		{"unknown column", set(people, "I1", "Ghi chú"), "trang «Bố trí», dòng 1, cột I", "cột «Ghi chú» không có trong trang «Bố trí»"},
		{"missing required column", set(quotas, "D1", ""), "trang «Chia biên chế», dòng 1", "thiếu cột bắt buộc «Số lượng»"},
		{"repeated column", set(funcs, "E1", "vai tro"), "trang «Chia chức năng», dòng 1, cột E", "cột «Vai trò» lặp lại (đã có ở cột D)"},
		{"rows under no header", set(moves, "A1", "", "B1", "", "C1", "", "D1", ""), "trang «Chuyển đơn vị», dòng 2", "thiếu dòng tiêu đề"},
		{"no operations sheet", func(f *excelize.File) error { return f.DeleteSheet(ops) }, "", "tệp không có trang «Thao tác»"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, err := schemesheet.Read(bytes.NewReader(edit(t, base, c.change)), "nhap.xlsx")
			where := "tệp nhap.xlsx"
			if c.where != "" {
				where += ", " + c.where
			}
			if !found(err, where, c.reason) {
				t.Errorf("want an error at %q saying %q, got %v", c.where, c.reason, details(err))
			}
			if !reflect.DeepEqual(sc, scheme.Scheme{}) {
				t.Errorf("a refused file gave a scheme: %+v", sc)
			}
		})
	}
}

// TestReadAllErrors: every bad cell of a file is reported at once, not
// just the first, and a file that is no workbook is refused as such.
func TestReadAllErrors(t *testing.T) {
	file := edit(t, write(t, fullScheme(), nil, nil), func(f *excelize.File) error {
		if err := set(schemesheet.SheetPlacements, "D2", "trưởng phòng", "H4", "về quê")(f); err != nil {
			return err
		}
		return set(schemesheet.SheetOperations, "C3", "hôm qua")(f)
	})
	_, err := schemesheet.Read(bytes.NewReader(file), "nhap.xlsx")
	v, ok := org.AsValidation(err)
	if !ok || len(v.Errors) != 3 || v.Subject != "Tệp nhap.xlsx" {
		t.Fatalf("want 3 errors of Tệp nhap.xlsx, got %v", details(err))
	}
	for _, where := range []string{"trang «Thao tác», dòng 3, cột C", "trang «Bố trí», dòng 2, cột D", "trang «Bố trí», dòng 4, cột H"} {
		if !found(err, "tệp nhap.xlsx, "+where, "") {
			t.Errorf("no error at %s: %v", where, details(err))
		}
	}
	_, err = schemesheet.Read(strings.NewReader("STT,Loại thao tác\n"), "nhap.csv")
	if !found(err, "tệp nhap.csv", "không mở được tệp Excel") {
		t.Errorf("a CSV file: %v", details(err))
	}
}

// found reports whether err is a validation error with a field error at
// where (a prefix of its position) whose text says reason.
func found(err error, where, reason string) bool {
	v, ok := org.AsValidation(err)
	if !ok {
		return false
	}
	for _, e := range v.Errors {
		if strings.HasPrefix(e.Field, where) && strings.HasPrefix(e.Detail, e.Field+": ") && strings.Contains(e.Detail, reason) {
			return true
		}
	}
	return false
}

func details(err error) []string {
	v, ok := org.AsValidation(err)
	if !ok {
		return []string{"not a validation error: " + errString(err)}
	}
	out := make([]string, len(v.Errors))
	for i, e := range v.Errors {
		out[i] = e.Detail
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
