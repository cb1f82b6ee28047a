package sheet

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// ReasonFormat refuses a file that is neither .xlsx nor .csv.
const ReasonFormat = "chỉ nhận tệp Excel .xlsx hoặc tệp .csv; tệp .xls cần mở bằng Excel rồi lưu lại dạng .xlsx"

// ReadFile reads r with xlsx or csv by the extension of name, or gives
// refuse the reason it cannot.
func ReadFile(name string, r io.Reader, xlsx, csv func(io.Reader) error, refuse func(reason string)) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		return xlsx(r)
	case ".csv":
		return csv(r)
	}
	refuse(ReasonFormat)
	return nil
}

// ErrNotXLSX is why a workbook could not be opened, in the user's words.
var ErrNotXLSX = errors.New("không mở được tệp Excel (.xlsx): tệp hỏng, có mật khẩu hoặc không phải .xlsx")

// OpenXLSX opens a workbook and says whether it counts serial days from
// 1904 (Excel for Mac's old default), which every date cell depends on.
func OpenXLSX(r io.Reader) (f *excelize.File, date1904 bool, err error) {
	f, err = excelize.OpenReader(r)
	if err != nil {
		return nil, false, ErrNotXLSX
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	return f, date1904, nil
}

// Rows yields the number and cells of a sheet's next row, io.EOF after
// the last one.
type Rows func() (row int, cells []string, err error)

// XLSXRows streams the rows of an open sheet, so that memory does not grow
// with rows. The iterator yields every row number, empty rows included, so
// counting calls gives the row number.
func XLSXRows(rows *excelize.Rows) Rows {
	row := 0
	return func() (int, []string, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return row + 1, nil, err
			}
			return row, nil, io.EOF
		}
		row++
		// Raw values are what a cell holds rather than what its number
		// format shows: a date as its serial day whatever the user's
		// locale displays, a coefficient with all its decimals.
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		return row, cells, err
	}
}

// BOM is the UTF-8 byte order mark Excel writes at the start of a
// "CSV UTF-8" file, and needs to read one as UTF-8.
const BOM = "\ufeff"

// ErrEmptyCSV is a CSV file with nothing on its first line.
var ErrEmptyCSV = errors.New("tệp CSV trống: dòng 1 phải là dòng tiêu đề của mẫu")

// ErrNotUTF8 is a CSV in a legacy code page, which is what Excel's plain
// "CSV (Comma delimited)" writes on Vietnamese Windows.
var ErrNotUTF8 = errors.New("tệp không phải mã UTF-8: trong Excel hãy chọn «Lưu thành» kiểu «CSV UTF-8 (Comma delimited)»")

// OpenCSV starts reading a CSV file past its byte order mark. The
// separator is a comma or, as Excel writes it where the comma is the
// decimal mark, a semicolon; the first line says which. The error is
// ErrEmptyCSV or the reader's.
func OpenCSV(r io.Reader) (*csv.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(BOM)); err == nil && string(b) == BOM {
		_, _ = br.Discard(len(BOM))
	}
	first, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, err
	}
	if strings.TrimSpace(first) == "" {
		return nil, ErrEmptyCSV
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(first), br))
	cr.Comma = ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1 // Excel drops trailing empty cells
	// No LazyQuotes: Excel quotes what needs it, and a lazy reader would
	// swallow the rest of the file into the cell after a stray quote.
	return cr, nil
}

// CSVRows yields the records of cr with the line each starts on, which is
// its row when Excel opens the file; a record that is not UTF-8 gives
// ErrNotUTF8.
func CSVRows(cr *csv.Reader) Rows {
	return func() (int, []string, error) {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return pe.StartLine, nil, err
			}
			return 0, nil, err
		}
		line, _ := cr.FieldPos(0)
		if !ValidUTF8(rec) {
			return line, nil, ErrNotUTF8
		}
		return line, rec, nil
	}
}

// ValidUTF8 says whether every cell is UTF-8.
func ValidUTF8(cells []string) bool {
	for _, c := range cells {
		if !utf8.ValidString(c) {
			return false
		}
	}
	return true
}
