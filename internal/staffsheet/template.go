package staffsheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/sheet"
)

// WriteTemplate writes the XLSX template: the instructions sheet, the
// three data sheets with their header rows and no data (an untouched
// template imports as empty; the examples are greyed in the instructions),
// and the hidden sheet of drop-down lists.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f}
	b.styles()
	specs := templateSheets()
	ls := usedLists(specs)
	refs := make(map[*choiceList]string, len(ls))
	for j, l := range ls {
		col := sheet.ColumnLetter(j)
		refs[l] = fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetLists, col, col, len(l.Items)+1)
	}
	b.do(f.SetSheetName(f.GetSheetName(0), SheetGuide))
	b.guide(specs)
	for i := range specs {
		b.dataSheet(&specs[i], refs)
	}
	b.listsSheet(ls)
	if b.err != nil {
		return b.err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// book writes a workbook, keeping the first error so that the writing
// code reads as a list of steps.
type book struct {
	f   *excelize.File
	err error
	st  styles
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

// cell writes a value with a style.
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

// usedLists are the choice lists of the sheets, in order of first use.
func usedLists(specs []sheetSpec) []*choiceList {
	var ls []*choiceList
	seen := map[*choiceList]bool{}
	for _, s := range specs {
		for _, c := range s.Columns {
			if c.Choices != nil && !seen[c.Choices] {
				seen[c.Choices] = true
				ls = append(ls, c.Choices)
			}
		}
	}
	return ls
}

// lastRow bounds the drop-downs and column formats: the whole sheet.
const lastRow = excelize.TotalRows

func (b *book) dataSheet(s *sheetSpec, refs map[*choiceList]string) {
	b.newSheet(s.Name)
	for i := range s.Columns {
		c := &s.Columns[i]
		col := sheet.ColumnLetter(i)
		b.do(b.f.SetColWidth(s.Name, col, col, c.Width))
		// Column formats first: the header cell's own style then wins.
		if st := b.st.columnFormat(c.Kind); st != 0 {
			b.do(b.f.SetColStyle(s.Name, col, st))
		}
		b.cell(s.Name, i+1, 1, sheet.Title(c.Header, c.Required), b.st.headerOf(c))
		if c.Choices != nil {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, lastRow)
			dv.SetSqrefDropList(refs[c.Choices])
			// A warning, not a stop: the reader also takes codes and
			// spellings without diacritics, which Excel's check would refuse.
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Giá trị ngoài danh sách",
				"Nên chọn một giá trị trong danh sách «"+c.Choices.Name+"».")
			b.do(b.f.AddDataValidation(s.Name, dv))
		}
	}
	b.do(b.f.SetRowHeight(s.Name, 1, 32))
	b.do(b.f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// listsSheet writes the drop-down lists, one per column, and hides the
// sheet: the lists are there for Excel, the guide lists them for people.
func (b *book) listsSheet(ls []*choiceList) {
	b.newSheet(SheetLists)
	for j, l := range ls {
		col := sheet.ColumnLetter(j)
		b.do(b.f.SetColWidth(SheetLists, col, col, 34))
		b.cell(SheetLists, j+1, 1, l.Name, b.st.header)
		for i, it := range l.Items {
			b.cell(SheetLists, j+1, i+2, it.Label, 0)
		}
	}
	b.do(b.f.SetSheetVisible(SheetLists, false))
}
