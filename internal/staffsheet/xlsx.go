package staffsheet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/sheet"
	"tinhgon/internal/vntext"
)

// readXLSX reads the data sheets of a workbook in template order.
func (rd *reader) readXLSX(r io.Reader) error {
	f, date1904, err := sheet.OpenXLSX(r)
	if err != nil {
		rd.errs.FileError(err.Error())
		return nil
	}
	defer f.Close()
	rd.date1904 = date1904
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
				rd.errs.FileError(fmt.Sprintf("có hai trang cùng là trang «%s»: «%s» và «%s»", specs[i].Name, found[i], name))
				ok = false
			}
			found[i], some = name, true
		}
	}
	if !some {
		rd.errs.FileError(fmt.Sprintf("tệp không có trang «%s», «%s» hay «%s» của mẫu nhập",
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
		rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: spec.Name}, Reason: readReason(err)})
		return nil
	}
	defer rows.Close()
	next := sheet.XLSXRows(rows)
	_, header, err := next()
	if err == io.EOF {
		return nil // an empty sheet imports nothing
	}
	if err != nil {
		rd.errs.Add(Error{Pos: Pos{File: rd.file, Sheet: spec.Name, Row: 1}, Reason: readReason(err)})
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
	case errors.Is(err, sheet.ErrNotUTF8):
		return err.Error()
	}
	return "không đọc được dòng này: " + strings.TrimSpace(err.Error())
}
