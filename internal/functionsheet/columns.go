package functionsheet

import (
	"tinhgon/internal/function"
	"tinhgon/internal/sheet"
	"tinhgon/internal/vntext"
)

// The sheet names of the template. Readers accept them in any case and
// without diacritics ("Chuc nang", "giao chuc nang").
const (
	SheetGuide       = "Hướng dẫn"
	SheetFunctions   = "Chức năng"
	SheetAssignments = "Giao chức năng"
	SheetLists       = "Danh mục"
)

// kind says how a cell is read, written and described to users.
type kind int

const (
	kText       kind = iota // one line of text, inner spaces collapsed
	kNote                   // free text, line breaks kept
	kRole                   // chủ trì or phối hợp
	kDate                   // a day
	kDecisionNo             // the number of a decision, "123/QĐ-UBND"
)

// column is one column of a sheet: the single source of its header, of
// how the reader parses it and of how the template documents it.
type column struct {
	Header   string // the function package's field name; without the required mark
	Required bool
	Kind     kind
	Width    float64
	Example  string
	Note     string
}

// sheetSpec is one data sheet of the template.
type sheetSpec struct {
	Name    string
	CSV     string // file name of the sheet's CSV template
	About   string
	Columns []column
}

func templateSheets() []sheetSpec {
	return []sheetSpec{
		{Name: SheetFunctions, CSV: "chuc-nang.csv",
			About: "mỗi dòng là một chức năng, nhiệm vụ của danh mục, thuộc một lĩnh vực.",
			Columns: []column{
				{Header: function.FieldCode, Required: true, Kind: kText, Width: 16, Example: "tc.ngansach",
					Note: "Mã của chức năng trong tỉnh, không trùng nhau; trang «" + SheetAssignments + "» dùng mã này."},
				{Header: function.FieldName, Required: true, Kind: kText, Width: 40, Example: "Quản lý ngân sách nhà nước"},
				{Header: function.FieldField, Required: true, Kind: kText, Width: 22, Example: "Tài chính",
					Note: "Ngành, lĩnh vực quản lý nhà nước hoặc lĩnh vực công tác."},
				{Header: function.FieldDescription, Kind: kNote, Width: 50, Example: "Tham mưu lập, phân bổ, quyết toán ngân sách địa phương"},
				{Header: function.FieldFrom, Kind: kDate, Width: 12, Example: "",
					Note: "Ngày chức năng bắt đầu có; để trống nếu có từ trước khi lập sổ."},
				{Header: function.FieldTo, Kind: kDate, Width: 12, Example: "",
					Note: "Ngày chức năng không còn (từ ngày này), phải sau «Từ ngày»; để trống nếu còn."},
			}},
		{Name: SheetAssignments, CSV: "giao-chuc-nang.csv",
			About: "mỗi dòng giao một chức năng, nhiệm vụ cho một đơn vị với vai trò chủ trì hoặc phối hợp, từ một ngày, theo một văn bản.",
			Columns: []column{
				{Header: function.FieldCode, Required: true, Kind: kText, Width: 16, Example: "tc.ngansach",
					Note: "Mã của một chức năng ở trang «" + SheetFunctions + "» hoặc đã có trong hệ thống."},
				{Header: function.FieldUnit, Required: true, Kind: kText, Width: 14, Example: "s2.taichinh",
					Note: "Mã hoặc định danh của đơn vị trong hệ thống."},
				{Header: function.FieldRole, Required: true, Kind: kRole, Width: 12, Example: "Chủ trì",
					Note: "Mỗi chức năng chỉ giao cho một cơ quan chủ trì thực hiện và chịu trách nhiệm chính; các cơ quan khác phối hợp."},
				{Header: function.FieldFrom, Required: true, Kind: kDate, Width: 12, Example: "01/03/2025"},
				{Header: function.FieldTo, Kind: kDate, Width: 12, Example: "",
					Note: "Ngày thôi giao (từ ngày này không còn), phải sau «Từ ngày»; để trống nếu đang giao."},
				{Header: function.FieldDecisionNo, Kind: kDecisionNo, Width: 26, Example: "Quyết định số 12/2025/QĐ-UBND",
					Note: "Văn bản quy định chức năng, nhiệm vụ; ví dụ «Quyết định số 123/QĐ-UBND» hoặc «123/QĐ-UBND»."},
				{Header: function.FieldIssuer, Kind: kText, Width: 22, Example: "UBND tỉnh",
					Note: "Bắt buộc khi văn bản chưa có trong hệ thống."},
				{Header: function.FieldSigned, Kind: kDate, Width: 12, Example: "25/02/2025"},
				{Header: function.FieldNote, Kind: kNote, Width: 30, Example: ""},
			}},
	}
}

// roleLabels are the roles as the drop-down shows them.
func roleLabels() []string {
	out := make([]string, len(function.Roles))
	for i, r := range function.Roles {
		out[i] = sheet.UpperFirst(r.Label)
	}
	return out
}

// column finds a column by the folded text of its header.
func (s *sheetSpec) column(key string) *column {
	for i := range s.Columns {
		if vntext.Fold(s.Columns[i].Header) == key {
			return &s.Columns[i]
		}
	}
	return nil
}

// Headers returns the header row of a data sheet as the template writes
// it, required columns marked with "*"; nil for a name that is not one.
func Headers(name string) []string {
	s := sheet.ByName(templateSheets(), name, func(s *sheetSpec) string { return s.Name })
	if s == nil {
		return nil
	}
	h := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		h[i] = sheet.Title(c.Header, c.Required)
	}
	return h
}
