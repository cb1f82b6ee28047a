package schemesheet

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/civil"
)

// book is a workbook being written sheet by sheet with stream writers, so
// that a province-wide scheme with thousands of placements stays small in
// memory.
type book struct {
	f     *excelize.File
	named bool // the default first sheet has been renamed
	st    styles
}

type styles struct {
	header, title, wrap, date, count, change, percent int
}

func newBook() (*book, error) {
	b := &book{f: excelize.NewFile()}
	border := []excelize.Border{
		{Type: "left", Color: "#A6A6A6", Style: 1}, {Type: "right", Color: "#A6A6A6", Style: 1},
		{Type: "top", Color: "#A6A6A6", Style: 1}, {Type: "bottom", Color: "#A6A6A6", Style: 1},
	}
	dateFmt, countFmt, changeFmt, pctFmt := "dd/mm/yyyy", "#,##0", "+#,##0;-#,##0;0", "0.0"
	specs := []struct {
		id *int
		s  *excelize.Style
	}{
		{&b.st.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}},
		{&b.st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&b.st.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.st.date, &excelize.Style{CustomNumFmt: &dateFmt}},
		{&b.st.count, &excelize.Style{CustomNumFmt: &countFmt}},
		{&b.st.change, &excelize.Style{CustomNumFmt: &changeFmt}},
		{&b.st.percent, &excelize.Style{CustomNumFmt: &pctFmt}},
	}
	for _, s := range specs {
		id, err := b.f.NewStyle(s.s)
		if err != nil {
			b.f.Close()
			return nil, fmt.Errorf("schemesheet: style: %w", err)
		}
		*s.id = id
	}
	return b, nil
}

// sheet adds a sheet with its column widths, freezing the first frozen rows.
func (b *book) sheet(name string, widths []float64, frozen int) (*sheet, error) {
	if !b.named {
		if err := b.f.SetSheetName(b.f.GetSheetName(0), name); err != nil {
			return nil, err
		}
		b.named = true
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if frozen > 0 {
		top, _ := excelize.CoordinatesToCellName(1, frozen+1)
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: frozen, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
	}
	return &sheet{sw: sw, st: &b.st}, nil
}

// sheet writes rows one after the other; the first error sticks and is
// returned by close, so that writers read as a list of lines.
type sheet struct {
	sw  *excelize.StreamWriter
	st  *styles
	row int
	err error
}

func (s *sheet) line(cells ...any) {
	s.row++
	if s.err != nil || len(cells) == 0 {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	s.err = s.sw.SetRow(cell, cells)
}

func (s *sheet) head(headers ...string) {
	cells := make([]any, len(headers))
	for i, h := range headers {
		cells[i] = excelize.Cell{StyleID: s.st.header, Value: h}
	}
	s.line(cells...)
}

func (s *sheet) title(text string) { s.line(excelize.Cell{StyleID: s.st.title, Value: text}) }

func (s *sheet) close() error {
	if s.err != nil {
		return s.err
	}
	return s.sw.Flush()
}

// The cell values below leave a cell empty (nil) when there is nothing to say.

func (s *sheet) date(d civil.Date) any {
	if d.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: s.st.date, Value: d.Time()}
}

func (s *sheet) count(n int) any { return excelize.Cell{StyleID: s.st.count, Value: n} }

func (s *sheet) change(n int) any { return excelize.Cell{StyleID: s.st.change, Value: n} }

func (s *sheet) percent(v float64) any { return excelize.Cell{StyleID: s.st.percent, Value: v} }

func (s *sheet) wrap(text string) any { return excelize.Cell{StyleID: s.st.wrap, Value: text} }

// money writes an amount of đồng given as the API's decimal string as a
// number with thousands separators; a string that is no number as it is.
func (s *sheet) money(v string, change bool) any {
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case v == "":
		return nil
	case err != nil:
		return v
	case change:
		return excelize.Cell{StyleID: s.st.change, Value: n}
	}
	return excelize.Cell{StyleID: s.st.count, Value: n}
}

func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func flag(b bool) any {
	if b {
		return yes
	}
	return nil
}
