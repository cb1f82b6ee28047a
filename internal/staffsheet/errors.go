package staffsheet

import (
	"fmt"
	"strings"
)

// Pos says where a value came from, for error messages.
type Pos struct {
	File, Sheet string
	Row         int
	// Column is the column letter, e.g. "D"; for CSV the letter of the
	// 1-based column number, as Excel shows it when it opens the file.
	Column string
	// Header is the column's Vietnamese header, without the required mark.
	Header string
}

// String writes the position as Vietnamese users read it:
// "tệp people.xlsx, trang «Người», dòng 7, cột D (Ngày sinh)".
func (p Pos) String() string {
	var parts []string
	if p.File != "" {
		parts = append(parts, "tệp "+p.File)
	}
	if p.Sheet != "" {
		parts = append(parts, "trang «"+p.Sheet+"»")
	}
	if p.Row > 0 {
		parts = append(parts, fmt.Sprintf("dòng %d", p.Row))
	}
	switch {
	case p.Column != "" && p.Header != "":
		parts = append(parts, "cột "+p.Column+" ("+p.Header+")")
	case p.Column != "":
		parts = append(parts, "cột "+p.Column)
	case p.Header != "":
		parts = append(parts, "cột «"+p.Header+"»")
	}
	return strings.Join(parts, ", ")
}

// within fills what p leaves unset from the position of the row it is
// about, so a handler may return an Error with only a Reason, or with
// only a Column.
func (p Pos) within(row Pos) Pos {
	if p.File == "" {
		p.File = row.File
	}
	if p.Sheet == "" {
		p.Sheet = row.Sheet
	}
	if p.Row == 0 {
		p.Row = row.Row
	}
	return p
}

// Error is one bad value or row; Reason is Vietnamese.
type Error struct {
	Pos
	Reason string
}

// Error writes the position then the reason:
// "tệp people.xlsx, trang «Người», dòng 7, cột D (Ngày sinh): ngày «31/02/1980» không hợp lệ".
func (e Error) Error() string {
	if p := e.Pos.String(); p != "" {
		return p + ": " + e.Reason
	}
	return e.Reason
}

// Errors is all bad rows of a file; the import writes nothing when there
// is any. When Read stops listing errors at its cap, the last entry is a
// file-level note saying how many more there are.
type Errors []Error

// shownErrors is how many errors the message of Errors spells out; the
// full list is for screens that can show a table.
const shownErrors = 3

// Error writes the first few errors and counts the rest. A closing
// file-level entry (no sheet: the cap note, or a file that could not be
// read) is written out too, since it explains the count.
func (es Errors) Error() string {
	n := len(es)
	if n == 0 {
		return "không có lỗi"
	}
	var tail string
	if n > shownErrors+1 && es[n-1].Sheet == "" {
		tail = "; " + es[n-1].Error()
		n--
	}
	parts := make([]string, 0, shownErrors)
	for _, e := range es[:min(n, shownErrors)] {
		parts = append(parts, e.Error())
	}
	s := strings.Join(parts, "; ")
	if n > shownErrors {
		s += fmt.Sprintf("; và %d lỗi khác", n-shownErrors)
	}
	return s + tail
}

// maxErrors caps the errors kept from one file: past it a user has enough
// to fix, and a wrong file (say, the wrong sheet pasted) must not fill
// memory with one error per cell.
const maxErrors = 1000

// Collector gathers the errors of one file, up to maxErrors and then a
// count, so that every workbook of the product (staff, functions, scheme)
// caps and notes them alike.
type Collector struct {
	File string
	errs Errors
	more int // errors past maxErrors, counted only
}

// Add records an error.
func (c *Collector) Add(e Error) {
	if len(c.errs) < maxErrors {
		c.errs = append(c.errs, e)
		return
	}
	c.more++
}

// FileError records an error about the file as a whole.
func (c *Collector) FileError(reason string) {
	c.Add(Error{Pos: Pos{File: c.File}, Reason: reason})
}

// Len is how many errors were recorded, counted ones included.
func (c *Collector) Len() int { return len(c.errs) + c.more }

// Result is nil or the collected Errors, with the cap note last.
func (c *Collector) Result() error {
	if len(c.errs) == 0 {
		return nil
	}
	es := c.errs
	if c.more > 0 {
		es = append(es, Error{Pos: Pos{File: c.File}, Reason: fmt.Sprintf(
			"còn %d lỗi nữa chưa được liệt kê (chỉ liệt kê %d lỗi đầu tiên)", c.more, maxErrors)})
	}
	return es
}

// Validation is nil or the collected errors as the register's validation
// error, which the API and the CLI show field by field.
func (c *Collector) Validation() error { return asValidation(c.File, c.Result()) }
