package schemesheet_test

import (
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/scheme"
	"tinhgon/internal/schemesheet"
	"tinhgon/internal/staff"
)

func checkResult() *scheme.Result {
	return &scheme.Result{
		Findings: []scheme.Finding{
			{Severity: scheme.Error, Rule: "so-cap-pho", Title: "Số cấp phó vượt quy định", Message: "Sở Tài chính có 5 cấp phó, tối đa 3",
				Source: "Nghị định số 45/2025/NĐ-CP", UnitName: "Sở Tài chính", Deadline: "2030-07-01"},
			{Severity: scheme.Warning, Rule: "nguoi-dia-phuong", Message: "Bí thư đảng ủy xã là người địa phương",
				PersonName: "Nguyễn Văn A", PersonCode: "CB001"},
		},
		Impact: &scheme.Impact{
			BaseDate: day("2025-03-31"), EffectiveDate: day("2025-07-01"), Simulated: true,
			Units:     scheme.Figure{Before: 20, After: 15, Change: -5},
			Headcount: scheme.Figure{Before: 1200, After: 1100, Change: -100}, BudgetPaid: scheme.Figure{Before: 1000, After: 950, Change: -50},
			Quota: scheme.Figure{Before: 1250, After: 1150, Change: -100}, Heads: scheme.Figure{Before: 20, After: 15, Change: -5},
			Deputies: scheme.Figure{Before: 60, After: 58, Change: -2}, SurplusDeputies: scheme.Figure{Before: 0, After: 13, Change: 13},
			Leaving:  1,
			ByKind:   []scheme.Group{{Key: "specialized_agency", Label: "Cơ quan chuyên môn", Figure: scheme.Figure{Before: 14, After: 12, Change: -2}}},
			ByLevel:  []scheme.Group{{Key: "province", Label: "Cấp tỉnh", Figure: scheme.Figure{Before: 20, After: 15, Change: -5}}},
			ByPillar: []scheme.Group{{Key: "state", Label: "Khối chính quyền", Figure: scheme.Figure{Before: 20, After: 15, Change: -5}}},
			Leavers: []scheme.Leaver{{PersonCode: "CB003", PersonName: "Trần Thị B", UnitName: "Sở Kế hoạch và Đầu tư",
				Policy: "nghi-huu-truoc-tuoi", PolicyLabel: "Nghỉ hưu trước tuổi"}},
			SalaryFund: scheme.Money{Before: "123456789000", After: "110000000000", Change: "-13456789000", BaseSalary: "2340000",
				BaseSalarySource: "Nghị định số 73/2024/NĐ-CP", PeopleBefore: 1200, PeopleAfter: 1100},
			TargetsAfter: []staff.Target{{Label: "Giảm biên chế", Source: "Kết luận số 40-KL/TW", Percent: 20, Base: 1250, Value: 1100,
				Current: 12, Goal: 1000, Deadline: day("2030-12-31")}},
		},
	}
}

func preview() *scheme.Preview {
	return &scheme.Preview{
		Diff: scheme.TreeDiff{BaseDate: day("2025-03-31"), EffectiveDate: day("2025-07-01"), Added: 1, Removed: 2, Changed: 1,
			Items: []scheme.UnitChange{
				{Code: "s.khdt", Change: "removed", NameBefore: "Sở Kế hoạch và Đầu tư", ParentBefore: "UBND tỉnh"},
				{Code: "s.tc2", Change: "added", NameAfter: "Sở Tài chính", ParentAfter: "UBND tỉnh"},
				{Code: "tt.cntt", Change: "changed", NameBefore: "Trung tâm CNTT", NameAfter: "Trung tâm CNTT",
					ParentBefore: "Sở Thông tin và Truyền thông", ParentAfter: "Sở Khoa học và Công nghệ"},
			}},
		Lineage: []scheme.LineageStep{{Operation: 0, Kind: "merge", KindLabel: "hợp nhất", Date: day("2025-07-01"),
			FromID: "u1", FromName: "Sở Kế hoạch và Đầu tư", ToID: "u9", ToName: "Sở Tài chính"}},
	}
}

// TestWriteReport: the impact, findings and tree sheets carry the figures
// of the check and the preview in the cells a province prints, money with
// thousands separators.
func TestWriteReport(t *testing.T) {
	f := open(t, write(t, fullScheme(), checkResult(), preview()))
	sheets := []string{schemesheet.SheetScheme, schemesheet.SheetOperations, schemesheet.SheetNewUnits, schemesheet.SheetMoves,
		schemesheet.SheetPlacements, schemesheet.SheetQuotas, schemesheet.SheetFunctions, schemesheet.SheetImpact,
		schemesheet.SheetFindings, schemesheet.SheetTree}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, sheets) {
		t.Fatalf("sheets %q, want %q", got, sheets)
	}
	want := map[string][][]string{
		schemesheet.SheetImpact: {
			{"Số đầu mối", "20", "15", "-5"},
			{"Biên chế có mặt", "1,200", "1,100", "-100"},
			{"Hưởng lương ngân sách", "1,000", "950", "-50"},
			{"Biên chế được giao", "1,250", "1,150", "-100"},
			{"Cấp trưởng", "20", "15", "-5"},
			{"Cấp phó", "60", "58", "-2"},
			{"Cấp phó vượt quy định", "0", "13", "+13"},
			{"Người thôi công tác", "0", "1", "+1"},
			{"Cơ quan chuyên môn", "14", "12", "-2"},
			{"Cấp tỉnh", "20", "15", "-5"},
			{"Khối chính quyền", "20", "15", "-5"},
			{"Quỹ lương một năm", "123,456,789,000", "110,000,000,000", "-13,456,789,000"},
			{"Số người hưởng lương", "1,200", "1,100", "-100"},
			{"Mức lương cơ sở (đồng/tháng)", "2,340,000"},
			{"Căn cứ mức lương cơ sở", "Nghị định số 73/2024/NĐ-CP"},
			{"Sở Kế hoạch và Đầu tư", "CB003", "Trần Thị B", "Nghỉ hưu trước tuổi"},
			{"Giảm biên chế", "20", "1,250", "1,100", "12.0", "1,000", "Chưa đạt", "31/12/2030", "Kết luận số 40-KL/TW"},
		},
		schemesheet.SheetFindings: {
			{"Mức độ", "Quy tắc", "Nội dung", "Đơn vị", "Người", "Căn cứ", "Hạn"},
			{"Lỗi", "Số cấp phó vượt quy định", "Sở Tài chính có 5 cấp phó, tối đa 3", "Sở Tài chính", "", "Nghị định số 45/2025/NĐ-CP", "01/07/2030"},
			{"Cảnh báo", "nguoi-dia-phuong", "Bí thư đảng ủy xã là người địa phương", "", "Nguyễn Văn A (CB001)"},
		},
		schemesheet.SheetTree: {
			{"Bỏ", "s.khdt", "Sở Kế hoạch và Đầu tư", "", "UBND tỉnh"},
			{"Thêm", "s.tc2", "", "Sở Tài chính", "", "UBND tỉnh"},
			{"Đổi", "tt.cntt", "Trung tâm CNTT", "Trung tâm CNTT", "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"},
			{"1", "hợp nhất", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "01/07/2025"},
		},
	}
	for sheet, rows := range want {
		for _, w := range rows {
			if got := rowOf(t, f, sheet, w[0]); !reflect.DeepEqual(got, w) {
				t.Errorf("%s: row %q\n got %q\nwant %q", sheet, w[0], got, w)
			}
		}
	}
	// Amounts are numbers, not text: a province sums them in Excel.
	if v, _ := f.GetCellValue(schemesheet.SheetImpact, cellOf(t, f, schemesheet.SheetImpact, "Quỹ lương một năm", 2),
		excelize.Options{RawCellValue: true}); v != "123456789000" {
		t.Errorf("salary fund before stored as %q", v)
	}
	// Headers are bold and frozen on the data sheets.
	panes, err := f.GetPanes(schemesheet.SheetPlacements)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes of %s: %+v, %v", schemesheet.SheetPlacements, panes, err)
	}
	id, _ := f.GetCellStyle(schemesheet.SheetOperations, "B1")
	if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header of %s is not bold: %+v, %v", schemesheet.SheetOperations, st, err)
	}
	// Without a check or a preview, only the scheme's own sheets.
	if n := len(open(t, write(t, fullScheme(), nil, nil)).GetSheetList()); n != 7 {
		t.Errorf("%d sheets without check and preview, want 7", n)
	}
}

// cellOf names the cell in column col (1-based) of the row whose first cell is label.
func cellOf(t *testing.T, f *excelize.File, sheet, label string, col int) string {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			c, _ := excelize.CoordinatesToCellName(col, i+1)
			return c
		}
	}
	t.Fatalf("sheet %s has no row %q", sheet, label)
	return ""
}
