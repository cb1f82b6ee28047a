package staffsheet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/vntext"
)

// readXLSX reads the data sheets of a workbook in template order.
func (rd *reader) readXLSX(r io.Reader) error {
	f, err := excelize.OpenReader(r)
	if err != nil {
		rd.errs.fileError("không mở được tệp Excel (.xlsx): tệp hỏng, có mật khẩu hoặc không phải .xlsx")
		return nil
	}
	defer f.Close()
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		rd.date1904 = *props.Date1904
	}
	specs := templateSheets()
	found := rd.findSheets(specs, f.GetSheetList())
	if found == nil {
		return nil
	}
	for i := range specs {
		if found[i] == "" {
			continue
		}
		if err := rd.xlsxSheet(f, &specs[i], found[i]); err != nil {
			return err
		}
	}
	return nil
}

// findSheets matches the workbook's sheets to the template's data sheets
// by name, in any case and with or without diacritics. It returns nil,
// having recorded why, if the workbook has none or a name twice.
func (rd *reader) findSheets(specs []sheetSpec, names []string) []string {
	found := make([]string, len(specs))
	some, ok := false, true
	for _, name := range names {
		key := vntext.Fold(name)
		for i := range specs {
			if vntext.Fold(specs[i].Name) != key {
				continue
			}
			if found[i] != "" {
				rd.errs.fileError(fmt.Sprintf("có hai trang cùng là trang «%s»: «%s» và «%s»", specs[i].Name, found[i], name))
				ok = false
			}
			found[i], some = name, true
		}
	}
	if !some {
		rd.errs.fileError(fmt.Sprintf("tệp không có trang «%s», «%s» hay «%s» của mẫu nhập",
			SheetPeople, SheetAssignments, SheetQuotas))
	}
	if !some || !ok {
		return nil
	}
	return found
}

// xlsxSheet streams one sheet, so that memory does not grow with rows.
func (rd *reader) xlsxSheet(f *excelize.File, spec *sheetSpec, name string) error {
	rows, err := f.Rows(name)
	if err != nil {
		rd.errs.add(Error{Pos: Pos{File: rd.file, Sheet: spec.Name}, Reason: readReason(err)})
		return nil
	}
	defer rows.Close()
	// The iterator yields every row number, empty rows included, so
	// counting calls gives the row number.
	row := 0
	next := func() (int, []string, error) {
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
	_, header, err := next()
	if err == io.EOF {
		return nil // an empty sheet imports nothing
	}
	if err != nil {
		rd.errs.add(Error{Pos: Pos{File: rd.file, Sheet: spec.Name, Row: 1}, Reason: readReason(err)})
		return nil
	}
	return rd.sheet(spec, 1, header, next)
}

// readReason explains in Vietnamese why a row could not be read at all.
func readReason(err error) string {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		return "dòng sai cú pháp CSV (thường do dấu ngoặc kép không khớp): " + pe.Err.Error()
	case errors.As(err, new(notUTF8)):
		return err.Error()
	}
	return "không đọc được dòng này: " + strings.TrimSpace(err.Error())
}
