package staffsheet

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"tinhgon/internal/sheet"
)

// guideWidths are the widths of the guide's columns: the column tables
// use all five; paragraphs are merged across them.
func guideWidths() []float64 { return []float64{30, 10, 24, 70, 28} }

// guide writes the instructions sheet from the sheet tables.
func (b *book) guide(specs []sheetSpec) {
	const sh = SheetGuide
	for i, w := range guideWidths() {
		col := sheet.ColumnLetter(i)
		b.do(b.f.SetColWidth(sh, col, col, w))
	}
	row := 1
	b.cell(sh, 1, row, "HƯỚNG DẪN NHẬP DỮ LIỆU CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC VÀ BIÊN CHẾ", b.st.title)
	row += 2
	b.cell(sh, 1, row, "Những điều cần biết", b.st.heading)
	row++
	for _, p := range generalNotes(specs) {
		b.para(row, "• "+p)
		row++
	}
	for i := range specs {
		row++
		row = b.sheetGuide(&specs[i], row)
	}
}

// para writes a paragraph merged across the guide's columns. Excel does
// not fit the height of merged cells, so it is estimated from the length.
func (b *book) para(row int, text string) {
	b.cell(SheetGuide, 1, row, text, b.st.para)
	last := sheet.ColumnLetter(len(guideWidths()) - 1)
	b.do(b.f.MergeCell(SheetGuide, fmt.Sprintf("A%d", row), fmt.Sprintf("%s%d", last, row)))
	const charsPerLine = 150
	lines := math.Ceil(float64(utf8.RuneCountInString(text)) / charsPerLine)
	b.do(b.f.SetRowHeight(SheetGuide, row, 15*lines+3))
}

// sheetGuide writes the column table of one data sheet from row on and
// returns the next free row.
func (b *book) sheetGuide(s *sheetSpec, row int) int {
	const sh = SheetGuide
	b.cell(sh, 1, row, "Trang «"+s.Name+"»", b.st.heading)
	row++
	b.para(row, sheet.UpperFirst(s.About)+" Tệp CSV tương ứng: "+s.CSV+".")
	row++
	for i, h := range []string{"Cột", "Bắt buộc", "Kiểu dữ liệu", "Giá trị nhận và ghi chú", "Ví dụ (chỉ để tham khảo)"} {
		b.cell(sh, i+1, row, h, b.st.header)
	}
	row++
	for i := range s.Columns {
		c := &s.Columns[i]
		required := ""
		if c.Required {
			required = "Có"
		}
		noteStyle := b.st.body
		if c.Sensitive {
			noteStyle = b.st.warn
		}
		b.cell(sh, 1, row, sheet.Title(c.Header, c.Required), b.st.body)
		b.cell(sh, 2, row, required, b.st.body)
		b.cell(sh, 3, row, kindName(c.Kind), b.st.body)
		b.cell(sh, 4, row, c.describe(), noteStyle)
		b.cell(sh, 5, row, c.Example, b.st.example)
		row++
	}
	return row
}

// kindName says in Vietnamese what a column holds.
func kindName(k kind) string {
	switch k {
	case kNote:
		return "Chữ (được xuống dòng)"
	case kChoice:
		return "Chọn trong danh sách"
	case kDate:
		return "Ngày (dd/mm/yyyy)"
	case kBirthDate:
		return "Ngày (dd/mm/yyyy) hoặc năm"
	case kInt:
		return "Số nguyên"
	case kCoef:
		return "Hệ số"
	case kAllowances:
		return "Danh sách phụ cấp"
	case kNationalID:
		return "Dãy 12 chữ số"
	case kDecisionNo:
		return "Số văn bản"
	}
	return "Chữ"
}

// describe is the accepted values of a column and its note.
func (c *column) describe() string {
	var parts []string
	if c.Sensitive {
		parts = append(parts, "Dữ liệu cá nhân nhạy cảm.")
	}
	switch c.Kind {
	case kChoice:
		parts = append(parts, "Một trong: "+c.Choices.labels()+".")
	case kInt:
		parts = append(parts, sheet.UpperFirst(rangeText(c.Min, c.Max))+".")
	case kCoef:
		parts = append(parts, fmt.Sprintf("Từ 0 đến %d, tối đa hai chữ số thập phân (4,98 hoặc 4.98).", c.Max))
	}
	if c.Note != "" {
		parts = append(parts, c.Note)
	}
	return strings.Join(parts, " ")
}

// generalNotes are the guide's opening paragraphs.
func generalNotes(specs []sheetSpec) []string {
	var sensitive []string
	for _, s := range specs {
		for _, c := range s.Columns {
			if c.Sensitive {
				sensitive = append(sensitive, "«"+c.Header+"»")
			}
		}
	}
	return []string{
		fmt.Sprintf("Tệp gồm các trang «%s» (thông tin từng người), «%s» (người giữ chức vụ gì ở đơn vị nào), «%s» (số lượng biên chế được giao) và trang «%s» (đang ẩn) chứa các danh sách để chọn. Chỉ cần điền những trang có dữ liệu; trang để trống, trang «%s» và trang «%s» không được nhập.",
			SheetPeople, SheetAssignments, SheetQuotas, SheetLists, SheetGuide, SheetLists),
		"Dòng 1 của mỗi trang là dòng tiêu đề: không sửa tên cột. Cột có dấu * (chữ đỏ) là bắt buộc: không được xóa và phải có giá trị ở mọi dòng. Có thể đổi thứ tự cột, xóa cột không bắt buộc, thêm cột «STT». Dữ liệu bắt đầu từ dòng 2, mỗi dòng một bản ghi; dòng trống được bỏ qua.",
		"Ngày nhập dạng dd/mm/yyyy (ví dụ 05/03/1980); cũng nhận d/m/yyyy và yyyy-mm-dd. Không dùng năm hai chữ số. Riêng «Ngày sinh»: nếu chỉ biết năm sinh thì nhập năm (ví dụ 1968), hệ thống hiểu là ngày 01/01 của năm đó.",
		"Các cột có danh sách thả xuống: chọn một giá trị trong danh sách; hệ thống cũng nhận chữ hoa, chữ thường, có dấu hoặc không dấu. Hệ số lương và phụ cấp nhập dạng 4,98 hoặc 4.98.",
		fmt.Sprintf("Trang «%s» chỉ người bằng «Mã cán bộ» (ở trang «%s» hoặc đã có trong hệ thống) và đơn vị bằng «Mã đơn vị» đã có trong hệ thống.", SheetAssignments, SheetPeople),
		"Nhập theo nguyên tắc «tất cả hoặc không»: chỉ cần một ô sai, hệ thống không ghi dòng nào và trả về danh sách lỗi kèm trang, dòng, cột. Sửa hết các lỗi rồi nhập lại cả tệp.",
		"Các cột " + strings.Join(sensitive, ", ") + " (tiêu đề nền cam) là dữ liệu cá nhân nhạy cảm: chỉ điền khi được giao, lưu giữ và gửi tệp theo quy định về bảo vệ dữ liệu cá nhân.",
		"Có thể nhập từng trang dưới dạng tệp CSV: trong Excel chọn «Lưu thành» kiểu «CSV UTF-8 (Comma delimited)», giữ nguyên dòng tiêu đề của trang; dấu phân cách là dấu phẩy hoặc dấu chấm phẩy.",
	}
}
