package staffsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"tinhgon/internal/sheet"
	"tinhgon/internal/vntext"
)

// readCSV reads one CSV file: one sheet, recognised by its header row.
// The separator is a comma or, as Excel writes it where the comma is the
// decimal mark, a semicolon; the header line says which.
func (rd *reader) readCSV(r io.Reader) error {
	cr, err := sheet.OpenCSV(r)
	if errors.Is(err, sheet.ErrEmptyCSV) {
		rd.errs.FileError(err.Error())
		return nil
	}
	if err != nil {
		rd.errs.FileError(readReason(err))
		return nil
	}
	header, err := cr.Read()
	if err != nil {
		rd.errs.Add(Error{Pos: Pos{File: rd.file, Row: 1}, Reason: readReason(err)})
		return nil
	}
	if !sheet.ValidUTF8(header) {
		rd.errs.FileError(sheet.ErrNotUTF8.Error())
		return nil
	}
	specs := templateSheets()
	// "Mã cán bộ" alone could be people or assignments: a tie is no sheet.
	spec := sheet.Detect(specs, header, func(s *sheetSpec, h string) bool { return s.column(vntext.Fold(h)) != nil })
	if spec == nil {
		rd.errs.Add(Error{Pos: Pos{File: rd.file, Row: 1}, Reason: fmt.Sprintf(
			"dòng tiêu đề không khớp với trang nào của mẫu («%s», «%s», «%s»); hãy dùng dòng tiêu đề của tệp mẫu %s, %s hoặc %s",
			SheetPeople, SheetAssignments, SheetQuotas, specs[0].CSV, specs[1].CSV, specs[2].CSV)})
		return nil
	}
	cr.ReuseRecord = true // rows are read into values before the next one
	return rd.sheet(spec, 1, header, sheet.CSVRows(cr))
}

// WriteTemplateCSV writes the CSV template into dir, one file per data
// sheet (nguoi.csv, bo-tri.csv, bien-che.csv) holding its header row, in
// UTF-8 with a byte order mark so that Excel opens the diacritics right.
func WriteTemplateCSV(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range templateSheets() {
		var b bytes.Buffer
		b.WriteString(sheet.BOM)
		w := csv.NewWriter(&b)
		w.UseCRLF = true // for Notepad and older Excel on Windows
		if err := w.Write(Headers(s.Name)); err != nil {
			return err
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, s.CSV), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
