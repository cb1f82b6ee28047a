package schemesheet_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/org"
	"tinhgon/internal/schemesheet"
)

// handMade builds a workbook sheet by sheet from rows of values.
func handMade(t *testing.T, sheets []string, rows map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for j, r := range rows[name] {
			cell, _ := excelize.CoordinatesToCellName(1, j+1)
			if err := f.SetSheetRow(name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadTyped: a workbook a province fills in by hand reads as well as
// one Write made: sheet names and headers without diacritics or with the
// required mark, a subset of the columns, codes or labels as typed, dates
// as text in either form or as date cells, operations out of order.
func TestReadTyped(t *testing.T) {
	sheets := []string{"DE AN", "thao tac", "Don vi moi", "bo tri", "Chia bien che", "chia chuc nang"}
	file := handMade(t, sheets, map[string][][]any{
		"DE AN": {{"Mục", "Giá trị"}, {"ten de an", " Đề án  thử "}, {"Ngày hiệu lực*", "2025-07-01"},
			{"Ngay lay so lieu", "31/3/2025"}, {"Trạng thái", "bất kỳ"}},
		"thao tac": {{"STT*", "loai thao tac", "Ngày hiệu lực", "Đơn vị đầu vào", "Đơn vị đầu ra", "Nội dung"},
			{2, "Sáp nhập", time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), "a\nb", "c", "  x  "},
			{},
			{1, "merge", "", "d; e;", "n1", ""}},
		"Don vi moi":     {{"STT thao tác", "Tên", "Mã", "Cấp", "Khối", "Loại hình"}, {1, "Sở mới", "n1", "tỉnh", "state", "Cơ quan chuyên môn"}},
		"bo tri":         {{"STT thao tác", "Mã cán bộ", "Chức vụ", "Cấp phó dôi dư", "Thôi công tác", "Chính sách"}, {1, "P1", "cap pho", "x"}, {1, "P2", "", "", 1, "thoi-viec-cbcc"}},
		"Chia bien che":  {{"STT thao tác", "Đơn vị nhận", "Loại", "Số lượng"}, {1, "n1", "cong_chuc", 3}, {1, "n1", "vien chuc", "2"}},
		"chia chuc nang": {{"STT thao tác", "Chức năng", "Đơn vị nhận", "Vai trò"}, {1, "f1", "n1", "Chủ trì"}, {1, "f2", "n1", "coordinate"}},
	})
	sc, err := schemesheet.Read(bytes.NewReader(file), "tay.xlsx")
	if err != nil {
		t.Fatal(details(err))
	}
	if sc.Name != "Đề án thử" || sc.EffectiveDate != day("2025-07-01") || sc.BaseDate != day("2025-03-31") {
		t.Errorf("fields: %q %s %s", sc.Name, sc.EffectiveDate, sc.BaseDate)
	}
	want := []org.Operation{
		{Kind: org.OpMerge, Inputs: []string{"d", "e"}, Outputs: []org.Output{{New: &org.NewUnit{Attrs: org.Attrs{Code: "n1", Name: "Sở mới",
			Kind: "specialized_agency", Level: org.LevelProvince, Pillar: org.PillarState}}}},
			Placements:     []org.Placement{{Person: "P1", Post: "deputy", Surplus: true}, {Person: "P2", Leave: true, Policy: "thoi-viec-cbcc"}},
			QuotaShares:    []org.QuotaShare{{To: "n1", Category: "cong_chuc", Count: 3}, {To: "n1", Category: "vien_chuc", Count: 2}},
			FunctionShares: []org.FunctionShare{{Function: "f1", To: "n1", Role: "lead"}, {Function: "f2", To: "n1", Role: "coordinate"}}},
		{Kind: org.OpAbsorb, EffectiveDate: day("2025-08-01"), Inputs: []string{"a", "b"}, Outputs: []org.Output{{Ref: "c"}}, Summary: "x"},
	}
	if !reflect.DeepEqual(sc.Operations, want) {
		t.Errorf("operations:\n got %s\nwant %s", show(sc.Operations), show(want))
	}
}
