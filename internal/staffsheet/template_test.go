package staffsheet

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestTemplateLayout(t *testing.T) {
	f := openTemplate(t)
	want := []string{SheetGuide, SheetPeople, SheetAssignments, SheetQuotas, SheetLists}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	if visible, _ := f.GetSheetVisible(SheetLists); visible {
		t.Error("the lists sheet should be hidden")
	}
	for _, sheet := range []string{SheetPeople, SheetAssignments, SheetQuotas} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || !slices.Equal(rows[0], Headers(sheet)) {
			t.Errorf("%s: rows = %q, want only the header %q", sheet, rows, Headers(sheet))
		}
		panes, _ := f.GetPanes(sheet)
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v", sheet, panes)
		}
	}
	dvs, err := f.GetDataValidations(SheetAssignments)
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 4 { // Chức vụ, Vị trí việc làm, Nguồn lương, Kiêm nhiệm
		t.Errorf("assignment drop-downs = %d, want 4", len(dvs))
	}
	if got := Headers("bien che"); len(got) == 0 || got[0] != "Mã đơn vị*" {
		t.Errorf(`Headers("bien che") = %q`, got)
	}
}

// openTemplate writes the template and opens it for filling in, as a user
// would in Excel.
func openTemplate(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatalf("WriteTemplate: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("open template: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
