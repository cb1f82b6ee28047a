package schemesheet

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"tinhgon/internal/scheme"
	sheets "tinhgon/internal/sheet" // sheet is the writer of one sheet here
	"tinhgon/internal/staffsheet"
	"tinhgon/internal/vntext"
)

// Pos and Error are those of the staff sheets, so that every file of the
// product names a cell the same way.
type (
	Pos   = staffsheet.Pos
	Error = staffsheet.Error
)

// Read reads a scheme from a workbook laid out as Write lays it out: its
// code, name, legal basis, base and effective dates, and its operations
// with all their parts. The status, version, approving decision and the
// sheets for reading only are not read. name is the file's name, for
// error messages. A workbook with any bad cell gives no scheme but an
// *org.ValidationError listing each bad cell with its position.
func Read(r io.Reader, name string) (scheme.Scheme, error) {
	rd := &reader{file: name, errs: staffsheet.Collector{File: name}, ops: map[int]*opEntry{}}
	f, date1904, err := sheets.OpenXLSX(r)
	if err != nil {
		rd.errs.FileError(err.Error())
		return scheme.Scheme{}, rd.errs.Validation()
	}
	defer f.Close()
	rd.date1904 = date1904
	if !rd.findSheets(f.GetSheetList()) {
		return scheme.Scheme{}, rd.errs.Validation()
	}
	sc := rd.scheme(f)
	rd.table(f, &opsTable, rd.operation)
	rd.table(f, &newUnitsTable, rd.newUnit)
	rd.table(f, &movesTable, rd.move)
	rd.table(f, &placementsTable, rd.placement)
	rd.table(f, &quotasTable, rd.quota)
	rd.table(f, &functionsTable, rd.functionShare)
	sc.Operations = rd.operations()
	if rd.errs.Len() > 0 {
		return scheme.Scheme{}, rd.errs.Validation()
	}
	sc.Normalize()
	return sc, nil
}

// reader is the state of one Read.
type reader struct {
	file     string
	date1904 bool
	sheets   map[string]string    // our sheet name → the workbook's
	errs     staffsheet.Collector // capped and noted as the staff sheets are
	ops      map[int]*opEntry     // by the operation's number (STT)
}

// findSheets matches the workbook's sheets to ours by folded name. The
// sheets «Đề án» and «Thao tác» are required: without them the file is
// not a scheme; the sheets of parts may be left out when empty.
func (rd *reader) findSheets(names []string) bool {
	rd.sheets = map[string]string{}
	ok := true
	for _, ours := range []string{SheetScheme, SheetOperations, SheetNewUnits, SheetMoves, SheetPlacements, SheetQuotas, SheetFunctions} {
		for _, n := range names {
			if vntext.Fold(n) != vntext.Fold(ours) {
				continue
			}
			if prev, dup := rd.sheets[ours]; dup {
				rd.errs.Add(Error{Pos: Pos{File: rd.file}, Reason: fmt.Sprintf("có hai trang cùng là trang «%s»: «%s» và «%s»", ours, prev, n)})
				ok = false
			}
			rd.sheets[ours] = n
		}
	}
	for _, need := range []string{SheetScheme, SheetOperations} {
		if _, found := rd.sheets[need]; !found {
			rd.errs.Add(Error{Pos: Pos{File: rd.file}, Reason: fmt.Sprintf("tệp không có trang «%s» của đề án", need)})
			ok = false
		}
	}
	return ok
}

// each streams the rows of one of our sheets, with their 1-based numbers.
func (rd *reader) each(f *excelize.File, sheet string, fn func(n int, cells []string)) {
	name, ok := rd.sheets[sheet]
	if !ok {
		return
	}
	rows, err := f.Rows(name)
	if err != nil {
		rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: sheet}, Reason: "không đọc được trang: " + err.Error()})
		return
	}
	defer rows.Close()
	// The iterator yields every row number, empty rows included.
	n := 0
	for rows.Next() {
		n++
		// Raw values: a date as its serial day, whatever the locale shows.
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: sheet, Row: n}, Reason: "không đọc được dòng này: " + err.Error()})
			continue
		}
		fn(n, cells)
	}
	if err := rows.Error(); err != nil {
		rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: sheet, Row: n + 1}, Reason: "không đọc được dòng này: " + err.Error()})
	}
}

// table reads the rows of a sheet under its header row, handing each
// non-blank row to fn once its required cells are checked. A sheet whose
// header does not bind has its rows skipped: read by a wrong header they
// would bury its error.
func (rd *reader) table(f *excelize.File, t *table, fn func(*row)) {
	var cols []int
	state := awaitHeader
	rd.each(f, t.Name, func(n int, cells []string) {
		switch {
		case state == awaitHeader && blank(cells):
			state = noHeader
		case state == awaitHeader:
			if cols = rd.bind(t, cells); cols != nil {
				state = bound
			} else {
				state = skipRows
			}
		case state == noHeader && !blank(cells):
			rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: t.Name, Row: n}, Reason: "thiếu dòng tiêu đề: dòng 1 phải là dòng tiêu đề"})
			state = skipRows
		case state == bound && !blank(cells):
			r := &row{rd: rd, t: t, cols: cols, cells: cells, pos: Pos{File: rd.file, Sheet: t.Name, Row: n}}
			for _, c := range t.Columns {
				if c.Required && r.text(c.Header) == "" {
					r.fail(c.Header, "chưa nhập giá trị cho cột bắt buộc")
				}
			}
			fn(r)
		}
	})
}

// headerState is where table stands in a sheet.
type headerState int

const (
	awaitHeader headerState = iota
	bound                   // rows are read by the header
	noHeader                // row 1 is blank: fine while no data follows
	skipRows                // the header is wrong: rows are not read
)

// bind finds each column of t in the header row: cols[i] is where the
// i-th column is (0-based), -1 when absent. Unknown or repeated headers
// and missing required columns are errors, and give nil.
func (rd *reader) bind(t *table, header []string) []int {
	cols := make([]int, len(t.Columns))
	for i := range cols {
		cols[i] = -1
	}
	ok := true
	for at, h := range header {
		key := vntext.Fold(strings.TrimSuffix(strings.TrimSpace(h), "*"))
		if key == "" {
			continue
		}
		pos := Pos{File: rd.file, Sheet: t.Name, Row: 1, Column: letter(at)}
		i := -1
		for j, c := range t.Columns {
			if vntext.Fold(c.Header) == key {
				i = j
			}
		}
		switch {
		case i < 0:
			rd.errs.Add(Error{Pos: pos, Reason: fmt.Sprintf("cột «%s» không có trong trang «%s»; các cột: %s", vntext.NFC(h), t.Name,
				choices(t.Columns, func(c column) string { return c.Header }))})
			ok = false
		case cols[i] >= 0:
			rd.errs.Add(Error{Pos: pos, Reason: fmt.Sprintf("cột «%s» lặp lại (đã có ở cột %s)", t.Columns[i].Header, letter(cols[i]))})
			ok = false
		default:
			cols[i] = at
		}
	}
	for i, c := range t.Columns {
		if c.Required && cols[i] < 0 {
			rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: t.Name, Row: 1}, Reason: fmt.Sprintf("thiếu cột bắt buộc «%s»", c.Header)})
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return cols
}

// row is one data row being read; bad says a cell of it was refused.
type row struct {
	rd    *reader
	t     *table
	cols  []int
	cells []string
	pos   Pos
	bad   bool
}

// at is the position of a column's cell in the row.
func (r *row) at(h string) Pos {
	p := r.pos
	p.Header = h
	if c := r.cols[r.t.index(h)]; c >= 0 {
		p.Column = letter(c)
	}
	return p
}

func (r *row) fail(h, format string, args ...any) {
	r.bad = true
	r.rd.errs.Add(Error{Pos: r.at(h), Reason: fmt.Sprintf(format, args...)})
}

// text is a cell's text in NFC, trimmed, inner spaces collapsed.
func (r *row) text(h string) string { return vntext.NFC(r.raw(h)) }

// note is a cell of free text: NFC and trimmed, its line breaks kept.
func (r *row) note(h string) string { return note(r.raw(h)) }

func note(s string) string {
	return strings.TrimSpace(norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n")))
}

func (r *row) raw(h string) string {
	c := r.cols[r.t.index(h)]
	if c < 0 || c >= len(r.cells) {
		return ""
	}
	return r.cells[c]
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func letter(at int) string {
	s, _ := excelize.ColumnNumberToName(at + 1)
	return s
}
