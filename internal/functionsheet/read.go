package functionsheet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/sheet"
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

// Batch reads a whole file (.xlsx, or .csv of one sheet) into a batch to
// record; every row keeps where it came from, so that the catalogue's
// checks name the cell too. Bad cells are returned together as an
// *org.ValidationError, each with its file, sheet, row and column.
func Batch(ctx context.Context, name string, r io.Reader) (function.Batch, error) {
	rd := &reader{ctx: ctx, file: name, errs: staffsheet.Collector{File: name}, seen: map[string]int{}}
	if err := sheet.ReadFile(name, r, rd.readXLSX, rd.readCSV, rd.errs.FileError); err != nil {
		return function.Batch{}, err
	}
	if rd.errs.Len() > 0 {
		return function.Batch{}, rd.errs.Validation()
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
	errs     staffsheet.Collector // capped and noted as the staff sheets are
	seen     map[string]int       // upper-cased function code → its row
	batch    function.Batch
}

// readXLSX reads the data sheets of a workbook, in template order.
func (rd *reader) readXLSX(r io.Reader) error {
	f, date1904, err := sheet.OpenXLSX(r)
	if err != nil {
		rd.errs.FileError(err.Error())
		return nil
	}
	defer f.Close()
	rd.date1904 = date1904
	specs := templateSheets()
	found := make([]string, len(specs))
	some := false
	for _, name := range f.GetSheetList() {
		for i := range specs {
			if vntext.Fold(specs[i].Name) != vntext.Fold(name) {
				continue
			}
			if found[i] != "" {
				rd.errs.FileError(fmt.Sprintf("có hai trang cùng là trang «%s»: «%s» và «%s»", specs[i].Name, found[i], name))
				return nil
			}
			found[i], some = name, true
		}
	}
	if !some {
		rd.errs.FileError(fmt.Sprintf("tệp không có trang «%s» hay «%s» của mẫu nhập chức năng, nhiệm vụ", SheetFunctions, SheetAssignments))
		return nil
	}
	for i := range specs {
		if found[i] == "" {
			continue
		}
		rows, err := f.Rows(found[i])
		if err != nil {
			rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: specs[i].Name}, Reason: "không đọc được trang: " + err.Error()})
			continue
		}
		next := sheet.XLSXRows(rows)
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

// readCSV reads one CSV file: one sheet, recognised by its header row;
// the separator is a comma or a semicolon, as the header line says.
func (rd *reader) readCSV(r io.Reader) error {
	cr, err := sheet.OpenCSV(r)
	if errors.Is(err, sheet.ErrEmptyCSV) {
		rd.errs.FileError(err.Error())
		return nil
	}
	if err != nil {
		rd.errs.FileError("không đọc được tệp: " + err.Error())
		return nil
	}
	header, err := cr.Read()
	if err != nil || !sheet.ValidUTF8(header) {
		rd.errs.Add(Error{Pos: Pos{File: rd.file, Row: 1}, Reason: "dòng tiêu đề không đọc được; trong Excel hãy chọn «Lưu thành» kiểu «CSV UTF-8 (Comma delimited)»"})
		return nil
	}
	specs := templateSheets()
	spec := sheet.Detect(specs, header, func(s *sheetSpec, h string) bool { return s.column(headerKey(h)) != nil })
	if spec == nil {
		rd.errs.Add(Error{Pos: Pos{File: rd.file, Row: 1}, Reason: fmt.Sprintf(
			"dòng tiêu đề không khớp với trang nào của mẫu («%s», «%s»); hãy dùng dòng tiêu đề của tệp mẫu %s hoặc %s",
			SheetFunctions, SheetAssignments, specs[0].CSV, specs[1].CSV)})
		return nil
	}
	return rd.sheet(spec, header, sheet.CSVRows(cr))
}

// headerKey is a header cell as the columns are looked up: folded, without
// the required mark.
func headerKey(h string) string { return vntext.Fold(strings.TrimSuffix(strings.TrimSpace(h), "*")) }

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
		key := headerKey(h)
		if key == "" || key == "stt" || key == "tt" || key == "so thu tu" {
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
		if prev, dup := seen[c.Header]; dup {
			pos.Header = c.Header
			rd.errs.Add(Error{Pos: pos, Reason: fmt.Sprintf("cột «%s» lặp lại (đã có ở cột %s)", c.Header, sheet.ColumnLetter(prev))})
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
				rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: spec.Name, Row: row}, Reason: "thiếu dòng tiêu đề: dòng 1 phải là dòng tiêu đề của mẫu"})
				return nil
			}
		}
	}
	for i := range spec.Columns {
		if c := &spec.Columns[i]; c.Required {
			if _, found := seen[c.Header]; !found {
				rd.errs.Add(Error{Pos: base, Reason: fmt.Sprintf("thiếu cột bắt buộc «%s»", c.Header)})
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
			rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: spec.Name, Row: row}, Reason: "không đọc được dòng này: " + err.Error()})
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
		p.Column, p.Header = sheet.ColumnLetter(b.at), b.col.Header
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
			rd.errs.Add(Error{Pos: p, Reason: reason})
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
			rd.errs.Add(Error{Pos: at[b.col.Header], Reason: "chưa nhập giá trị cho cột bắt buộc"})
			bad = true
		}
	}
	from, to := vals[function.FieldFrom], vals[function.FieldTo]
	if !from.date.IsZero() && !to.date.IsZero() && !to.date.After(from.date) {
		rd.errs.Add(Error{Pos: at[function.FieldTo], Reason: fmt.Sprintf("đến ngày «%s» phải sau từ ngày «%s»", to.text, from.text)})
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
				rd.errs.Add(Error{Pos: at[function.FieldCode], Reason: fmt.Sprintf("mã chức năng «%s» trùng với dòng %d", code, first)})
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
	q := sheet.Short(s)
	switch c.Kind {
	case kRole:
		r, ok := function.ParseRole(s)
		if !ok {
			return v, fmt.Sprintf("«%s» không có trong danh sách; chọn một trong: %s", q, strings.Join(roleLabels(), "; "))
		}
		v.role = r
	case kDate:
		d, ok := sheet.ParseDate(s, false, rd.date1904)
		if !ok {
			return v, sheet.DateReason(q)
		}
		v.date = d
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			v.text = d.VN() // quote a serial day as the user sees it
		}
	case kDecisionNo:
		no, ok := sheet.DecisionNumber(s)
		if !ok {
			return v, fmt.Sprintf("số văn bản «%s» không đúng dạng, ví dụ «Quyết định số 123/QĐ-UBND» hoặc «123/QĐ-UBND»", q)
		}
		v.text = no
	}
	return v, ""
}
