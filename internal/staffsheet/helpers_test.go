package staffsheet

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/vntext"
)

// setRow writes values into a row of a sheet, finding each column by its
// header (without the required mark) in row 1 of the file.
func setRow(t *testing.T, f *excelize.File, sheet string, row int, vals map[string]any) {
	t.Helper()
	header, err := f.GetRows(sheet)
	if err != nil || len(header) == 0 {
		t.Fatalf("header of %s: %v", sheet, err)
	}
	for h, v := range vals {
		col := -1
		for i, cell := range header[0] {
			if vntext.Fold(cell) == vntext.Fold(h) {
				col = i
			}
		}
		if col < 0 {
			t.Fatalf("no column %q in %s", h, sheet)
		}
		ref, _ := excelize.CoordinatesToCellName(col+1, row)
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			t.Fatalf("set %s!%s: %v", sheet, ref, err)
		}
	}
}

// got is what a Read delivered.
type got struct {
	people      []PersonRow
	assignments []AssignmentRow
	quotas      []QuotaRow
}

func (g *got) handler() Handler {
	return Handler{
		Person:     func(r PersonRow) error { g.people = append(g.people, r); return nil },
		Assignment: func(r AssignmentRow) error { g.assignments = append(g.assignments, r); return nil },
		Quota:      func(r QuotaRow) error { g.quotas = append(g.quotas, r); return nil },
	}
}

// readBook saves a workbook and reads it back under name.
func readBook(t *testing.T, f *excelize.File, name string) (*got, error) {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatalf("write workbook: %v", err)
	}
	g := &got{}
	return g, Read(context.Background(), name, &buf, g.handler())
}

// withOverrides is base with some values replaced; an empty string clears.
func withOverrides(base, over map[string]any) map[string]any {
	m := make(map[string]any, len(base))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range over {
		m[k] = v
	}
	return m
}

// Valid rows, one per sheet, that tests spoil one value at a time.
func basePerson() map[string]any {
	return map[string]any{
		"Mã cán bộ": "CB001", "Họ và tên": "Trần Văn Minh", "Giới tính": "Nam",
		"Ngày sinh": "02/09/1975", "Loại": "Công chức", "Hệ số lương": "4,98",
	}
}

func baseAssignment() map[string]any {
	return map[string]any{
		"Mã cán bộ": "CB001", "Mã đơn vị": "SNV", "Chức vụ": "Nhân viên",
		"Vị trí việc làm": "Chuyên môn, nghiệp vụ", "Nguồn lương": "Ngân sách nhà nước",
		"Từ ngày": "01/07/2025",
	}
}

func baseQuota() map[string]any {
	return map[string]any{
		"Mã đơn vị": "SNV", "Năm": 2025, "Loại": "Công chức", "Số lượng": 52,
		"Số văn bản": "Quyết định số 123/QĐ-UBND", "Cơ quan ban hành": "UBND tỉnh",
	}
}
