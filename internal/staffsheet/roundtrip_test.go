package staffsheet

import (
	"reflect"
	"testing"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/staff"
)

func TestUntouchedTemplateImportsEmpty(t *testing.T) {
	g, err := readBook(t, openTemplate(t), "mau.xlsx")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(g.people)+len(g.assignments)+len(g.quotas) != 0 {
		t.Fatalf("rows from an empty template: %+v", g)
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	f := openTemplate(t)
	setRow(t, f, SheetPeople, 2, map[string]any{
		"Mã cán bộ": "CB000123", "Họ và tên": "  Nguyễn Thị   Lan ", "Giới tính": "nu",
		// A date cell: excelize stores the serial day, as Excel does.
		"Ngày sinh": time.Date(1980, 3, 15, 0, 0, 0, 0, time.UTC),
		"Quê quán":  "040", "Loại": "CONG CHUC", "Mã ngạch/chức danh nghề nghiệp": "01.003",
		"Bậc lương": 4, "Hệ số lương": 3.33, "Phụ cấp chức vụ": "0,4",
		"Phụ cấp khác":           "thâm niên vượt khung 5%; khu vực 0,5",
		"Ngày bắt đầu đóng BHXH": "01/09/2003", "Đảng viên": "Có", "Ngày vào Đảng": "2010-05-19",
		"Trình độ chuyên môn": "Thạc sĩ Luật", "Lý luận chính trị": "Cao cấp",
		"Số định danh cá nhân": "040180000123", "Dân tộc": "Kinh", "Tôn giáo": "Không", "Sức khỏe": "Tốt",
	})
	setRow(t, f, SheetPeople, 4, map[string]any{ // row 3 left empty
		"Mã cán bộ": "CB000124", "Họ và tên": "Lê Văn Hùng", "Giới tính": "Nam",
		"Ngày sinh": 1968, "Loại": "viên chức",
	})
	setRow(t, f, SheetAssignments, 2, map[string]any{
		"Mã cán bộ": "CB000123", "Mã đơn vị": "SNV", "Chức vụ": "Cấp phó", "Chức danh": "Phó Giám đốc Sở",
		"Vị trí việc làm": "chuyen mon, nghiep vu", "Nguồn lương": "budget", "Kiêm nhiệm": "Có",
		"Từ ngày": "1/7/2025", "Đến ngày": "01/07/2026", "Ghi chú": "Quyết định 45/QĐ-UBND",
	})
	setRow(t, f, SheetQuotas, 2, map[string]any{
		"Mã đơn vị": "SNV", "Năm": 2025, "Loại": "Công chức", "Số lượng": 52,
		"Số văn bản": "Quyết định số 123/QĐ-UBND", "Cơ quan ban hành": "UBND tỉnh",
		"Ngày ký": time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC),
	})
	g, err := readBook(t, f, "nhap.xlsx")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}

	wantPeople := []PersonRow{
		{Pos: Pos{File: "nhap.xlsx", Sheet: SheetPeople, Row: 2}, Person: staff.Person{
			Code: "CB000123", Name: "Nguyễn Thị Lan", Sex: staff.Female, BirthDate: civil.MustParse("1980-03-15"),
			Hometown: "040", Category: staff.CongChuc, Grade: "01.003", SalaryStep: 4, Coefficient: 333,
			PositionAllowance: 40,
			Allowances: []staff.Allowance{
				{Kind: "thâm niên vượt khung", Percent: 5}, {Kind: "khu vực", Coef: 50},
			},
			InsuranceFrom: civil.MustParse("2003-09-01"), PartyMember: true, PartyJoined: civil.MustParse("2010-05-19"),
			Education: "Thạc sĩ Luật", PoliticalTheory: "Cao cấp",
			Sensitive: staff.Sensitive{NationalID: "040180000123", Ethnicity: "Kinh", Religion: "Không", Health: "Tốt"},
		}},
		{Pos: Pos{File: "nhap.xlsx", Sheet: SheetPeople, Row: 4}, Person: staff.Person{
			Code: "CB000124", Name: "Lê Văn Hùng", Sex: staff.Male, BirthDate: civil.MustParse("1968-01-01"),
			Category: staff.VienChuc,
		}},
	}
	// The rows' At is checked here; the layout itself is not compared.
	if got := g.assignments[0].At("Mã đơn vị").String(); got != "tệp nhap.xlsx, trang «Bố trí», dòng 2, cột B (Mã đơn vị)" {
		t.Errorf("At(Mã đơn vị) = %q", got)
	}
	for i := range g.people {
		g.people[i].lay = nil
	}
	for i := range g.assignments {
		g.assignments[i].lay = nil
	}
	for i := range g.quotas {
		g.quotas[i].lay = nil
	}
	if !reflect.DeepEqual(g.people, wantPeople) {
		t.Errorf("people =\n%+v\nwant\n%+v", g.people, wantPeople)
	}
	wantAssignments := []AssignmentRow{{
		Pos: Pos{File: "nhap.xlsx", Sheet: SheetAssignments, Row: 2}, PersonCode: "CB000123", UnitRef: "SNV",
		Assignment: staff.Assignment{
			Post: staff.Deputy, Title: "Phó Giám đốc Sở", Position: staff.Professional, Funding: staff.Budget,
			Primary: false, ValidFrom: civil.MustParse("2025-07-01"), ValidTo: civil.MustParse("2026-07-01"),
			Note: "Quyết định 45/QĐ-UBND",
		},
	}}
	if !reflect.DeepEqual(g.assignments, wantAssignments) {
		t.Errorf("assignments =\n%+v\nwant\n%+v", g.assignments, wantAssignments)
	}
	wantQuotas := []QuotaRow{{
		Pos: Pos{File: "nhap.xlsx", Sheet: SheetQuotas, Row: 2}, UnitRef: "SNV",
		Quota:          staff.Quota{Year: 2025, Category: staff.CongChuc, Count: 52},
		DecisionNumber: "123/QĐ-UBND", DecisionIssuer: "UBND tỉnh", DecisionSigned: civil.MustParse("2024-12-20"),
	}}
	if !reflect.DeepEqual(g.quotas, wantQuotas) {
		t.Errorf("quotas =\n%+v\nwant\n%+v", g.quotas, wantQuotas)
	}
}
