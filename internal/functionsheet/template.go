package functionsheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/sheet"
)

// WriteTemplate writes the XLSX template: the instructions sheet, the two
// data sheets with their header rows and no data (an untouched template
// imports as empty), and the hidden sheet of the roles' drop-down list.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f}
	b.styles()
	specs := templateSheets()
	b.do(f.SetSheetName(f.GetSheetName(0), SheetGuide))
	b.guide(specs)
	roles := fmt.Sprintf("'%s'!$A$2:$A$%d", SheetLists, len(roleLabels())+1)
	for i := range specs {
		b.dataSheet(&specs[i], roles)
	}
	b.newSheet(SheetLists)
	b.do(f.SetColWidth(SheetLists, "A", "A", 20))
	b.cell(SheetLists, 1, 1, roleListHeader, b.header)
	for i, l := range roleLabels() {
		b.cell(SheetLists, 1, i+2, l, 0)
	}
	b.do(f.SetSheetVisible(SheetLists, false))
	if b.err != nil {
		return b.err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// roleListHeader is the header of the roles' list.
const roleListHeader = "Vai trò"

// book writes a workbook, keeping the first error.
type book struct {
	f                                   *excelize.File
	err                                 error
	header, required, date, text        int
	title, heading, para, body, example int
}

func (b *book) do(err error) {
	if b.err == nil {
		b.err = err
	}
}

func (b *book) newSheet(name string) {
	_, err := b.f.NewSheet(name)
	b.do(err)
}

func (b *book) style(s *excelize.Style) int {
	id, err := b.f.NewStyle(s)
	b.do(err)
	return id
}

func (b *book) cell(sheet string, col, row int, v any, style int) {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		b.do(err)
		return
	}
	b.do(b.f.SetCellValue(sheet, ref, v))
	if style != 0 {
		b.do(b.f.SetCellStyle(sheet, ref, ref, style))
	}
}

func (b *book) styles() {
	border := []excelize.Border{
		{Type: "left", Color: "#A6A6A6", Style: 1}, {Type: "right", Color: "#A6A6A6", Style: 1},
		{Type: "top", Color: "#A6A6A6", Style: 1}, {Type: "bottom", Color: "#A6A6A6", Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "center"}
	top := &excelize.Alignment{WrapText: true, Vertical: "top"}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}}
	dateFmt := "dd/mm/yyyy"
	b.header = b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill, Border: border, Alignment: wrap})
	b.required = b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "#C00000"}, Fill: fill, Border: border, Alignment: wrap})
	b.date = b.style(&excelize.Style{CustomNumFmt: &dateFmt})
	b.text = b.style(&excelize.Style{NumFmt: 49}) // "@": codes keep their leading zeros
	b.title = b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	b.heading = b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "#1F4E79"}})
	b.para = b.style(&excelize.Style{Alignment: top})
	b.body = b.style(&excelize.Style{Border: border, Alignment: top})
	b.example = b.style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "#808080"}, Border: border, Alignment: top})
}

func (b *book) dataSheet(s *sheetSpec, roles string) {
	b.newSheet(s.Name)
	for i := range s.Columns {
		c := &s.Columns[i]
		col := sheet.ColumnLetter(i)
		b.do(b.f.SetColWidth(s.Name, col, col, c.Width))
		if c.Kind == kDate {
			b.do(b.f.SetColStyle(s.Name, col, b.date))
		} else {
			b.do(b.f.SetColStyle(s.Name, col, b.text))
		}
		st := b.header
		if c.Required {
			st = b.required
		}
		b.cell(s.Name, i+1, 1, sheet.Title(c.Header, c.Required), st)
		if c.Kind == kRole {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, excelize.TotalRows)
			dv.SetSqrefDropList(roles)
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Giá trị ngoài danh sách", "Nên chọn Chủ trì hoặc Phối hợp.")
			b.do(b.f.AddDataValidation(s.Name, dv))
		}
	}
	b.do(b.f.SetRowHeight(s.Name, 1, 32))
	b.do(b.f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// guideWidths are the widths of the guide's columns.
var guideWidths = []float64{26, 10, 22, 70, 28}

func (b *book) guide(specs []sheetSpec) {
	const sh = SheetGuide
	for i, w := range guideWidths {
		col := sheet.ColumnLetter(i)
		b.do(b.f.SetColWidth(sh, col, col, w))
	}
	row := 1
	b.cell(sh, 1, row, "HƯỚNG DẪN NHẬP DANH MỤC CHỨC NĂNG, NHIỆM VỤ VÀ VIỆC GIAO CHO CƠ QUAN, ĐƠN VỊ", b.title)
	row += 2
	b.cell(sh, 1, row, "Những điều cần biết", b.heading)
	row++
	for _, p := range generalNotes() {
		b.paragraph(row, "• "+p)
		row++
	}
	for i := range specs {
		s := &specs[i]
		row++
		b.cell(sh, 1, row, "Trang «"+s.Name+"»", b.heading)
		row++
		b.paragraph(row, sheet.UpperFirst(s.About)+" Tệp CSV tương ứng: "+s.CSV+".")
		row++
		for j, h := range []string{"Cột", "Bắt buộc", "Kiểu dữ liệu", "Giá trị nhận và ghi chú", "Ví dụ (chỉ để tham khảo)"} {
			b.cell(sh, j+1, row, h, b.header)
		}
		row++
		for _, c := range s.Columns {
			req := ""
			if c.Required {
				req = "Có"
			}
			note := c.Note
			if c.Kind == kRole {
				note = "Một trong: " + strings.Join(roleLabels(), "; ") + ". " + note
			}
			b.cell(sh, 1, row, sheet.Title(c.Header, c.Required), b.body)
			b.cell(sh, 2, row, req, b.body)
			b.cell(sh, 3, row, kindName(c.Kind), b.body)
			b.cell(sh, 4, row, note, b.body)
			b.cell(sh, 5, row, c.Example, b.example)
			row++
		}
	}
}

// paragraph writes a paragraph merged across the guide's columns, its
// height estimated from its length since Excel does not fit merged cells.
func (b *book) paragraph(row int, text string) {
	b.cell(SheetGuide, 1, row, text, b.para)
	b.do(b.f.MergeCell(SheetGuide, fmt.Sprintf("A%d", row), fmt.Sprintf("%s%d", sheet.ColumnLetter(len(guideWidths)-1), row)))
	lines := math.Ceil(float64(utf8.RuneCountInString(text)) / 150)
	b.do(b.f.SetRowHeight(SheetGuide, row, 15*lines+3))
}

func kindName(k kind) string {
	switch k {
	case kNote:
		return "Chữ (được xuống dòng)"
	case kRole:
		return "Chọn trong danh sách"
	case kDate:
		return "Ngày (dd/mm/yyyy)"
	case kDecisionNo:
		return "Số văn bản"
	}
	return "Chữ"
}

func generalNotes() []string {
	return []string{
		fmt.Sprintf("Tệp gồm trang «%s» (danh mục chức năng, nhiệm vụ theo lĩnh vực), trang «%s» (chức năng nào giao cho cơ quan, đơn vị nào, chủ trì hay phối hợp, từ ngày nào) và trang «%s» (đang ẩn) chứa danh sách vai trò. Chỉ cần điền những trang có dữ liệu.",
			SheetFunctions, SheetAssignments, SheetLists),
		"Nguyên tắc: một cơ quan thực hiện nhiều việc, một việc chỉ giao cho một cơ quan chủ trì thực hiện và chịu trách nhiệm chính (Nghị quyết số 18-NQ/TW). Hệ thống kiểm tra ở mọi ngày: chức năng không có cơ quan chủ trì là bị bỏ sót, có hai cơ quan chủ trì trở lên là chồng chéo.",
		"Dòng 1 của mỗi trang là dòng tiêu đề: không sửa tên cột. Cột có dấu * (chữ đỏ) là bắt buộc. Có thể đổi thứ tự cột, xóa cột không bắt buộc, thêm cột «STT». Dữ liệu bắt đầu từ dòng 2, mỗi dòng một bản ghi; dòng trống được bỏ qua.",
		"Ngày nhập dạng dd/mm/yyyy (ví dụ 01/03/2025); cũng nhận d/m/yyyy và yyyy-mm-dd. Không dùng năm hai chữ số.",
		fmt.Sprintf("Trang «%s» chỉ chức năng bằng «%s» (ở trang «%s» hoặc đã có trong hệ thống) và đơn vị bằng «%s» đã có trong hệ thống; đơn vị phải đang hoạt động trong suốt thời gian được giao.",
			SheetAssignments, "Mã chức năng", SheetFunctions, "Mã đơn vị"),
		"Khi sắp xếp tổ chức bộ máy, không sửa việc giao ở đây: thao tác sắp xếp (hợp nhất, sáp nhập, chia tách, chuyển giao chức năng…) tự chuyển chức năng của đơn vị cũ sang đơn vị mới.",
		"Nhập theo nguyên tắc «tất cả hoặc không»: chỉ cần một ô sai, hệ thống không ghi dòng nào và trả về danh sách lỗi kèm trang, dòng, cột. Sửa hết các lỗi rồi nhập lại cả tệp.",
		"Có thể nhập từng trang dưới dạng tệp CSV: trong Excel chọn «Lưu thành» kiểu «CSV UTF-8 (Comma delimited)», giữ nguyên dòng tiêu đề của trang; dấu phân cách là dấu phẩy hoặc dấu chấm phẩy.",
	}
}

// WriteTemplateCSV writes the CSV template into dir, one file per data
// sheet (chuc-nang.csv, giao-chuc-nang.csv) holding its header row, in
// UTF-8 with a byte order mark so that Excel opens the diacritics right.
func WriteTemplateCSV(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range templateSheets() {
		var buf bytes.Buffer
		buf.WriteString(sheet.BOM)
		w := csv.NewWriter(&buf)
		w.UseCRLF = true
		if err := w.Write(Headers(s.Name)); err != nil {
			return err
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, s.CSV), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
