package staffsheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"tinhgon/internal/vntext"
)

// bom is the UTF-8 byte order mark Excel writes at the start of a
// "CSV UTF-8" file, and needs to read one as UTF-8.
const bom = "\ufeff"

// notUTF8 is the error for a CSV in a legacy code page, which is what
// Excel's plain "CSV (Comma delimited)" writes on Vietnamese Windows.
type notUTF8 struct{}

func (notUTF8) Error() string {
	return "tệp không phải mã UTF-8: trong Excel hãy chọn «Lưu thành» kiểu «CSV UTF-8 (Comma delimited)»"
}

// readCSV reads one CSV file: one sheet, recognised by its header row.
// The separator is a comma or, as Excel writes it where the comma is the
// decimal mark, a semicolon; the header line says which.
func (rd *reader) readCSV(r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(bom)); err == nil && string(b) == bom {
		_, _ = br.Discard(len(bom))
	}
	first, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		rd.errs.fileError(readReason(err))
		return nil
	}
	if strings.TrimSpace(first) == "" {
		rd.errs.fileError("tệp CSV trống: dòng 1 phải là dòng tiêu đề của mẫu")
		return nil
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(first), br))
	cr.Comma = ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1 // Excel drops trailing empty cells
	// No LazyQuotes: Excel quotes what needs it, and a lazy reader would
	// swallow the rest of the file into the cell after a stray quote.
	header, err := cr.Read()
	if err != nil {
		rd.errs.add(Error{Pos: Pos{File: rd.file, Row: 1}, Reason: readReason(err)})
		return nil
	}
	if !validUTF8(header) {
		rd.errs.fileError(notUTF8{}.Error())
		return nil
	}
	specs := templateSheets()
	spec := detectSheet(specs, header)
	if spec == nil {
		rd.errs.add(Error{Pos: Pos{File: rd.file, Row: 1}, Reason: fmt.Sprintf(
			"dòng tiêu đề không khớp với trang nào của mẫu («%s», «%s», «%s»); hãy dùng dòng tiêu đề của tệp mẫu %s, %s hoặc %s",
			SheetPeople, SheetAssignments, SheetQuotas, specs[0].CSV, specs[1].CSV, specs[2].CSV)})
		return nil
	}
	cr.ReuseRecord = true // rows are read into values before the next one
	next := func() (int, []string, error) {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return pe.StartLine, nil, err
			}
			return 0, nil, err
		}
		// A record's first line is its row when Excel opens the file.
		line, _ := cr.FieldPos(0)
		if !validUTF8(rec) {
			return line, nil, notUTF8{}
		}
		return line, rec, nil
	}
	return rd.sheet(spec, 1, header, next)
}

func validUTF8(cells []string) bool {
	for _, c := range cells {
		if !utf8.ValidString(c) {
			return false
		}
	}
	return true
}

// detectSheet recognises the sheet of a CSV by its header row: the sheet
// with the most matching headers, nil if none or a tie (a file with only
// "Mã cán bộ" could be people or assignments).
func detectSheet(specs []sheetSpec, header []string) *sheetSpec {
	var best *sheetSpec
	bestN, tie := 0, false
	for i := range specs {
		n := 0
		for _, h := range header {
			if specs[i].column(vntext.Fold(h)) != nil {
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

// WriteTemplateCSV writes the CSV template into dir, one file per data
// sheet (nguoi.csv, bo-tri.csv, bien-che.csv) holding its header row, in
// UTF-8 with a byte order mark so that Excel opens the diacritics right.
func WriteTemplateCSV(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range templateSheets() {
		var b bytes.Buffer
		b.WriteString(bom)
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
