package functionsheet

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/staffsheet"
	"tinhgon/internal/vntext"
)

// Pos, Error and Errors are those of the staff sheets, so that every file
// of the product names a cell the same way.
type (
	Pos    = staffsheet.Pos
	Error  = staffsheet.Error
	Errors = staffsheet.Errors
)

// maxErrors caps the errors kept from one file.
const maxErrors = 1000

// Batch reads a whole file (.xlsx, or .csv of one sheet) into a batch to
// record; every row keeps where it came from, so that the catalogue's
// checks name the cell too. Bad cells are returned together as an
// *org.ValidationError, each with its file, sheet, row and column.
func Batch(ctx context.Context, name string, r io.Reader) (function.Batch, error) {
	rd := &reader{ctx: ctx, file: name, seen: map[string]int{}}
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		err = rd.readXLSX(r)
	case ".csv":
		err = rd.readCSV(r)
	default:
		rd.fileError("chỉ nhận tệp Excel .xlsx hoặc tệp .csv; tệp .xls cần mở bằng Excel rồi lưu lại dạng .xlsx")
	}
	if err != nil {
		return function.Batch{}, err
	}
	if len(rd.errs) > 0 {
		return function.Batch{}, rd.validation()
	}
	return rd.batch, nil
}

// Import reads a file and records it whole, or nothing.
func Import(ctx context.Context, svc *function.Service, name string, r io.Reader, by string) (function.Written, error) {
	b, err := Batch(ctx, name, r)
	if err != nil {
		return function.Written{}, err
	}
	return svc.Record(ctx, b, by)
}

type reader struct {
	ctx      context.Context
	file     string
	date1904 bool
	errs     Errors
	more     int
	seen     map[string]int // upper-cased function code → its row
	batch    function.Batch
}

func (rd *reader) add(e Error) {
	if len(rd.errs) < maxErrors {
		rd.errs = append(rd.errs, e)
		return
	}
	rd.more++
}

func (rd *reader) fileError(reason string) { rd.add(Error{Pos: Pos{File: rd.file}, Reason: reason}) }

// validation is the file's errors as the register's validation error,
// which the API and the CLI show field by field.
func (rd *reader) validation() error {
	es := rd.errs
	if rd.more > 0 {
		es = append(es, Error{Pos: Pos{File: rd.file}, Reason: fmt.Sprintf(
			"còn %d lỗi nữa chưa được liệt kê (chỉ liệt kê %d lỗi đầu tiên)", rd.more, maxErrors)})
	}
	v := &org.ValidationError{Subject: "Tệp " + rd.file}
	for _, e := range es {
		v.Errors = append(v.Errors, org.FieldError{Field: e.Pos.String(), Detail: e.Error()})
	}
	return v
}

// readXLSX reads the data sheets of a workbook, in template order.
func (rd *reader) readXLSX(r io.Reader) error {
	f, err := excelize.OpenReader(r)
	if err != nil {
		rd.fileError("không mở được tệp Excel (.xlsx): tệp hỏng, có mật khẩu hoặc không phải .xlsx")
		return nil
	}
	defer f.Close()
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		rd.date1904 = *props.Date1904
	}
	specs := templateSheets()
	found := make([]string, len(specs))
	some := false
	for _, name := range f.GetSheetList() {
		for i := range specs {
			if vntext.Fold(specs[i].Name) != vntext.Fold(name) {
				continue
			}
			if found[i] != "" {
				rd.fileError(fmt.Sprintf("có hai trang cùng là trang «%s»: «%s» và «%s»", specs[i].Name, found[i], name))
				return nil
			}
			found[i], some = name, true
		}
	}
	if !some {
		rd.fileError(fmt.Sprintf("tệp không có trang «%s» hay «%s» của mẫu nhập chức năng, nhiệm vụ", SheetFunctions, SheetAssignments))
		return nil
	}
	for i := range specs {
		if found[i] == "" {
			continue
		}
		rows, err := f.Rows(found[i])
		if err != nil {
			rd.add(Error{Pos: Pos{File: rd.file, Sheet: specs[i].Name}, Reason: "không đọc được trang: " + err.Error()})
			continue
		}
		row := 0
		next := func() (int, []string, error) {
			if !rows.Next() {
				if err := rows.Error(); err != nil {
					return row + 1, nil, err
				}
				return row, nil, io.EOF
			}
			row++
			// Raw values: a date as its serial day whatever the locale shows.
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			return row, cells, err
		}
		_, header, err := next()
		if err == nil {
			err = rd.sheet(&specs[i], header, next)
		} else if err == io.EOF {
			err = nil
		}
		rows.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// bom is the byte order mark Excel writes at the start of a "CSV UTF-8" file.
const bom = "\ufeff"

// readCSV reads one CSV file: one sheet, recognised by its header row;
// the separator is a comma or a semicolon, as the header line says.
func (rd *reader) readCSV(r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(bom)); err == nil && string(b) == bom {
		_, _ = br.Discard(len(bom))
	}
	first, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		rd.fileError("không đọc được tệp: " + err.Error())
		return nil
	}
	if strings.TrimSpace(first) == "" {
		rd.fileError("tệp CSV trống: dòng 1 phải là dòng tiêu đề của mẫu")
		return nil
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(first), br))
	if strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil || !validUTF8(header) {
		rd.add(Error{Pos: Pos{File: rd.file, Row: 1}, Reason: "dòng tiêu đề không đọc được; trong Excel hãy chọn «Lưu thành» kiểu «CSV UTF-8 (Comma delimited)»"})
		return nil
	}
	specs := templateSheets()
	spec := detect(specs, header)
	if spec == nil {
		rd.add(Error{Pos: Pos{File: rd.file, Row: 1}, Reason: fmt.Sprintf(
			"dòng tiêu đề không khớp với trang nào của mẫu («%s», «%s»); hãy dùng dòng tiêu đề của tệp mẫu %s hoặc %s",
			SheetFunctions, SheetAssignments, specs[0].CSV, specs[1].CSV)})
		return nil
	}
	next := func() (int, []string, error) {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return pe.StartLine, nil, err
			}
			return 0, nil, err
		}
		line, _ := cr.FieldPos(0)
		if !validUTF8(rec) {
			return line, nil, errors.New("tệp không phải mã UTF-8: trong Excel hãy chọn «Lưu thành» kiểu «CSV UTF-8 (Comma delimited)»")
		}
		return line, rec, nil
	}
	return rd.sheet(spec, header, next)
}

func validUTF8(cells []string) bool {
	for _, c := range cells {
		if !utf8.ValidString(c) {
			return false
		}
	}
	return true
}

// detect recognises the sheet of a CSV file by its header: the sheet with
// the most known headers, none on a tie.
func detect(specs []sheetSpec, header []string) *sheetSpec {
	var best *sheetSpec
	bestN, tie := 0, false
	for i := range specs {
		n := 0
		for _, h := range header {
			if specs[i].column(vntext.Fold(strings.TrimSuffix(strings.TrimSpace(h), "*"))) != nil {
				n++
			}
		}
		switch {
		case n > bestN:
			best, bestN, tie = &specs[i], n, false
		case n == bestN && n > 0:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return best
}

// bound is a template column found at position at (0-based) of the file.
type bound struct {
	col *column
	at  int
}

// sheet reads the data rows of one sheet, given its header row.
func (rd *reader) sheet(spec *sheetSpec, header []string, next func() (int, []string, error)) error {
	base := Pos{File: rd.file, Sheet: spec.Name, Row: 1}
	var cols []bound
	seen := map[string]int{}
	ok := true
	for i, h := range header {
		key := vntext.Fold(strings.TrimSuffix(strings.TrimSpace(h), "*"))
		if key == "" || key == "stt" || key == "tt" || key == "so thu tu" {
			continue
		}
		pos := base
		pos.Column = columnLetter(i)
		c := spec.column(key)
		if c == nil {
			rd.add(Error{Pos: pos, Reason: fmt.Sprintf("cột «%s» không có trong mẫu của trang «%s»", vntext.NFC(h), spec.Name)})
			ok = false
			continue
		}
		if prev, dup := seen[c.Header]; dup {
			pos.Header = c.Header
			rd.add(Error{Pos: pos, Reason: fmt.Sprintf("cột «%s» lặp lại (đã có ở cột %s)", c.Header, columnLetter(prev))})
			ok = false
			continue
		}
		seen[c.Header] = i
		cols = append(cols, bound{col: c, at: i})
	}
	if len(cols) == 0 && ok {
		// An empty header: fine if the sheet is empty, an error if data follows.
		for {
			row, cells, err := next()
			if err != nil {
				return nil
			}
			if strings.TrimSpace(strings.Join(cells, "")) != "" {
				rd.add(Error{Pos: Pos{File: rd.file, Sheet: spec.Name, Row: row}, Reason: "thiếu dòng tiêu đề: dòng 1 phải là dòng tiêu đề của mẫu"})
				return nil
			}
		}
	}
	for i := range spec.Columns {
		if c := &spec.Columns[i]; c.Required {
			if _, found := seen[c.Header]; !found {
				rd.add(Error{Pos: base, Reason: fmt.Sprintf("thiếu cột bắt buộc «%s»", c.Header)})
				ok = false
			}
		}
	}
	if !ok {
		return nil // rows read by a wrong header would bury its error
	}
	for n := 0; ; n++ {
		if n%256 == 0 {
			if err := rd.ctx.Err(); err != nil {
				return err
			}
		}
		row, cells, err := next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			rd.add(Error{Pos: Pos{File: rd.file, Sheet: spec.Name, Row: row}, Reason: "không đọc được dòng này: " + err.Error()})
			return nil
		}
		rd.row(spec, cols, Pos{File: rd.file, Sheet: spec.Name, Row: row}, cells)
	}
}

// value is a cell read by its column's kind.
type value struct {
	text string
	date civil.Date
	role function.Role
}

// row reads one data row and adds it to the batch if it is good.
func (rd *reader) row(spec *sheetSpec, cols []bound, pos Pos, cells []string) {
	vals := map[string]value{}
	at := map[string]Pos{}
	failed := map[string]bool{}
	blank, bad := true, false
	for _, b := range cols {
		p := pos
		p.Column, p.Header = columnLetter(b.at), b.col.Header
		at[b.col.Header] = p
		s := ""
		if b.at < len(cells) {
			s = clean(b.col, cells[b.at])
		}
		if s == "" {
			continue
		}
		blank = false
		v, reason := rd.parse(b.col, s)
		if reason != "" {
			rd.add(Error{Pos: p, Reason: reason})
			bad, failed[b.col.Header] = true, true
			continue
		}
		vals[b.col.Header] = v
	}
	if blank {
		return
	}
	for _, b := range cols {
		if _, has := vals[b.col.Header]; b.col.Required && !has && !failed[b.col.Header] {
			rd.add(Error{Pos: at[b.col.Header], Reason: "chưa nhập giá trị cho cột bắt buộc"})
			bad = true
		}
	}
	from, to := vals[function.FieldFrom], vals[function.FieldTo]
	if !from.date.IsZero() && !to.date.IsZero() && !to.date.After(from.date) {
		rd.add(Error{Pos: at[function.FieldTo], Reason: fmt.Sprintf("đến ngày «%s» phải sau từ ngày «%s»", to.text, from.text)})
		bad = true
	}
	cellOf := func(field string) string {
		if p, ok := at[field]; ok {
			return p.String()
		}
		p := pos
		p.Header = field
		return p.String()
	}
	code := vals[function.FieldCode].text
	switch spec.Name {
	case SheetFunctions:
		if code != "" {
			key := strings.ToUpper(code)
			if first, dup := rd.seen[key]; dup {
				rd.add(Error{Pos: at[function.FieldCode], Reason: fmt.Sprintf("mã chức năng «%s» trùng với dòng %d", code, first)})
				bad = true
			} else {
				rd.seen[key] = pos.Row
			}
		}
		if bad {
			return
		}
		rd.batch.Functions = append(rd.batch.Functions, function.NewFunction{Where: pos.String(), At: cellOf,
			Function: function.Function{Code: code, Name: vals[function.FieldName].text, Field: vals[function.FieldField].text,
				Description: vals[function.FieldDescription].text, ValidFrom: from.date, ValidTo: to.date}})
	case SheetAssignments:
		if bad {
			return
		}
		rd.batch.Assignments = append(rd.batch.Assignments, function.NewAssignment{Where: pos.String(), At: cellOf,
			FunctionRef: code, UnitRef: vals[function.FieldUnit].text,
			Assignment: function.Assignment{Role: vals[function.FieldRole].role, ValidFrom: from.date, ValidTo: to.date,
				Note: vals[function.FieldNote].text},
			Decision: org.Decision{Number: vals[function.FieldDecisionNo].text, Issuer: vals[function.FieldIssuer].text,
				SignedDate: vals[function.FieldSigned].date}})
	}
}

// clean normalises a cell: NFC, trimmed, inner white space collapsed
// (line breaks kept in notes).
func clean(c *column, s string) string {
	if c.Kind == kNote {
		return strings.TrimSpace(norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n")))
	}
	return strings.Join(strings.Fields(vntext.NFC(s)), " ")
}

// parse reads the cleaned, non-empty text of a cell.
func (rd *reader) parse(c *column, s string) (value, string) {
	v := value{text: s}
	q := s
	if utf8.RuneCountInString(q) > 80 {
		q = string([]rune(q)[:80]) + "…"
	}
	switch c.Kind {
	case kRole:
		r, ok := function.ParseRole(s)
		if !ok {
			return v, fmt.Sprintf("«%s» không có trong danh sách; chọn một trong: %s", q, strings.Join(roleLabels(), "; "))
		}
		v.role = r
	case kDate:
		d, ok := parseDate(s, rd.date1904)
		if !ok {
			if strings.Count(s, "/") == 2 || strings.Count(s, "-") == 2 {
				return v, fmt.Sprintf("ngày «%s» không hợp lệ", q)
			}
			return v, fmt.Sprintf("ngày «%s» không hợp lệ, cần dạng dd/mm/yyyy", q)
		}
		v.date = d
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			v.text = d.VN() // quote a serial day as the user sees it
		}
	case kDecisionNo:
		no, ok := decisionNumber(s)
		if !ok {
			return v, fmt.Sprintf("số văn bản «%s» không đúng dạng, ví dụ «Quyết định số 123/QĐ-UBND» hoặc «123/QĐ-UBND»", q)
		}
		v.text = no
	}
	return v, ""
}

// parseDate reads a day as users and Excel give it: an Excel serial day
// (a date cell read raw), dd/mm/yyyy or d/m/yyyy (also with "-" or "."),
// or yyyy-mm-dd, possibly followed by a time. Two-digit years are refused.
func parseDate(s string, date1904 bool) (civil.Date, bool) {
	if len(s) == 4 && strings.Trim(s, "0123456789") == "" {
		return civil.Date{}, false // a year alone is no day
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 1 || f > 2958465 {
			return civil.Date{}, false
		}
		t, err := excelize.ExcelDateToTime(math.Floor(f), date1904)
		if err != nil {
			return civil.Date{}, false
		}
		return ymd(t.Year(), int(t.Month()), t.Day())
	}
	if i := strings.IndexAny(s, "T "); i > 0 {
		s = s[:i]
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || strings.Trim(parts[0]+parts[1]+parts[2], "0123456789") != "" {
		return civil.Date{}, false
	}
	a, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	c, _ := strconv.Atoi(parts[2])
	switch {
	case len(parts[0]) == 4 && len(parts[2]) <= 2:
		return ymd(a, m, c)
	case len(parts[2]) == 4 && len(parts[0]) <= 2:
		return ymd(c, m, a)
	}
	return civil.Date{}, false
}

// ymd builds a day and refuses impossible ones (31/02) and years outside 1900–2100.
func ymd(y, m, d int) (civil.Date, bool) {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return civil.Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return civil.Date{}, false
	}
	return civil.Of(t), true
}

// decisionNumber takes the number out of "Quyết định số 123/QĐ-UBND".
func decisionNumber(s string) (string, bool) {
	lower := strings.ToLower(s)
	if i := strings.LastIndex(lower, "số "); i >= 0 {
		s = strings.TrimSpace(s[i+len("số "):])
	}
	ok := s != "" && s[0] >= '0' && s[0] <= '9' && strings.Contains(s, "/") && !strings.ContainsAny(s, " \t\n")
	return s, ok
}
