package staffsheet

import "github.com/xuri/excelize/v2"

// styles are the cell styles of the template.
type styles struct {
	header, required, sensitive int // header cells
	date, birth, text           int // data column formats
	title, heading, para, body  int // guide
	example, warn               int
}

// Excel's built-in number format 49 is "@", text: codes and ID numbers
// keep their leading zeros.
const numFmtText = 49

func (b *book) styles() {
	border := []excelize.Border{
		{Type: "left", Color: "#A6A6A6", Style: 1}, {Type: "right", Color: "#A6A6A6", Style: 1},
		{Type: "top", Color: "#A6A6A6", Style: 1}, {Type: "bottom", Color: "#A6A6A6", Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "center"}
	fill := func(c string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
	}
	dateFmt := "dd/mm/yyyy"
	// A birth year typed alone (1968) shows as the year, not as the
	// serial day 1968 (21/05/1905); the reader takes it as a year.
	birthFmt := "[<10000]0;dd/mm/yyyy"
	b.st = styles{
		header:    b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("#DDEBF7"), Border: border, Alignment: wrap}),
		required:  b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "#C00000"}, Fill: fill("#DDEBF7"), Border: border, Alignment: wrap}),
		sensitive: b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("#FCE4D6"), Border: border, Alignment: wrap}),
		date:      b.style(&excelize.Style{CustomNumFmt: &dateFmt}),
		birth:     b.style(&excelize.Style{CustomNumFmt: &birthFmt}),
		text:      b.style(&excelize.Style{NumFmt: numFmtText}),
		title:     b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		heading:   b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "#1F4E79"}}),
		para:      b.style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		body:      b.style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		example:   b.style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "#808080"}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		warn:      b.style(&excelize.Style{Font: &excelize.Font{Color: "#C00000"}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
	}
}

// headerOf is the style of a column's header: required columns in red,
// sensitive ones on an orange fill.
func (s styles) headerOf(c *column) int {
	switch {
	case c.Sensitive:
		return s.sensitive
	case c.Required:
		return s.required
	}
	return s.header
}

// columnFormat is the number format of a data column, 0 for General.
func (s styles) columnFormat(k kind) int {
	switch k {
	case kDate:
		return s.date
	case kBirthDate:
		return s.birth
	case kText, kNote, kChoice, kNationalID, kDecisionNo, kAllowances:
		return s.text
	}
	return 0
}
