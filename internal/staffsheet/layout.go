package staffsheet

import (
	"fmt"
	"strings"

	"tinhgon/internal/sheet"
	"tinhgon/internal/vntext"
)

// layout is where the template's columns are in one file's sheet: users
// may reorder columns and drop optional ones.
type layout struct {
	cols   []bound
	letter [fieldCount]string
	header [fieldCount]string
}

// bound is a template column found at position at (0-based) of the file.
type bound struct {
	col *column
	at  int
}

// posOf is the position of field f in a row.
func (l *layout) posOf(row Pos, f field) Pos {
	row.Column, row.Header = l.letter[f], l.header[f]
	return row
}

// blank reports whether a row has nothing in the template's columns; a
// row with only a prefilled STT is blank.
func (l *layout) blank(cells []string) bool {
	for _, b := range l.cols {
		if b.at < len(cells) && strings.TrimSpace(cells[b.at]) != "" {
			return false
		}
	}
	return true
}

// isRowNumberHeader reports a running-number column (STT), which
// Vietnamese sheets nearly always have; it carries no data and is ignored.
func isRowNumberHeader(key string) bool {
	switch key {
	case "stt", "tt", "so thu tu":
		return true
	}
	return false
}

// bind finds the template's columns in a header row by their text, in any
// order, case and with or without diacritics or the required mark. It
// reports unknown, repeated and missing required columns; ok is false if
// there was any, since the rows cannot be read right.
func (rd *reader) bind(spec *sheetSpec, header []string, base Pos) (*layout, bool) {
	lay := &layout{}
	ok := true
	seenAt := map[field]int{}
	for i, h := range header {
		key := vntext.Fold(h)
		if key == "" || isRowNumberHeader(key) {
			continue
		}
		pos := base
		pos.Column = sheet.ColumnLetter(i)
		c := spec.column(key)
		if c == nil {
			rd.errs.Add(Error{Pos: pos, Reason: fmt.Sprintf("cột «%s» không có trong mẫu của trang «%s»", vntext.NFC(h), spec.Name)})
			ok = false
			continue
		}
		if prev, dup := seenAt[c.Field]; dup {
			pos.Header = c.Header
			rd.errs.Add(Error{Pos: pos, Reason: fmt.Sprintf("cột «%s» lặp lại (đã có ở cột %s)", c.Header, sheet.ColumnLetter(prev))})
			ok = false
			continue
		}
		seenAt[c.Field] = i
		lay.cols = append(lay.cols, bound{col: c, at: i})
		lay.letter[c.Field], lay.header[c.Field] = sheet.ColumnLetter(i), c.Header
	}
	for i := range spec.Columns {
		c := &spec.Columns[i]
		if _, found := seenAt[c.Field]; c.Required && !found {
			rd.errs.Add(Error{Pos: base, Reason: fmt.Sprintf("thiếu cột bắt buộc «%s»", c.Header)})
			ok = false
		}
	}
	return lay, ok
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
