package staffsheet

import (
	"context"
	"errors"
	"io"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/sheet"
)

// Handler receives the good rows of a file, in file order. A nil function
// skips the rows of its sheet after checking them.
type Handler struct {
	Person     func(PersonRow) error
	Assignment func(AssignmentRow) error
	Quota      func(QuotaRow) error
	Progress   func(rowsRead int) // optional, called every few thousand rows and at the end
}

// progressEvery is how many rows pass between Progress calls: often
// enough for a bar to move, rarely enough to cost nothing.
const progressEvery = 5000

// cancelEvery is how many rows pass between looks at the context.
const cancelEvery = 256

// Read streams the rows of an XLSX workbook or a CSV file (by the name's
// extension, .xlsx or .csv) to h in order: people, then assignments, then
// quotas (sheet order of the template). A row with bad values is not
// passed to h; its errors are collected. A handler error of type Error or
// *Error (or Errors) is collected too, its unset position filled in from
// the row's, and reading goes on; any other error, or the context's, stops
// reading and is returned as is. At the end, if any errors were collected,
// Read returns them as Errors, at most 1000 of them followed by a note
// saying how many more there were.
func Read(ctx context.Context, name string, r io.Reader, h Handler) error {
	today := civil.Today()
	rd := &reader{
		ctx:      ctx,
		h:        h,
		errs:     Collector{File: name},
		file:     name,
		minBirth: civil.MustParse("1940-01-01"),
		maxBirth: civil.Of(today.Time().AddDate(-15, 0, 0)),
		seen:     map[string]int{},
	}
	if err := sheet.ReadFile(name, r, rd.readXLSX, rd.readCSV, rd.errs.FileError); err != nil {
		return err
	}
	if h.Progress != nil {
		h.Progress(rd.rowsRead)
	}
	return rd.errs.Result()
}

// reader is the state of one Read.
type reader struct {
	ctx                context.Context
	h                  Handler
	errs               Collector
	file               string
	rowsRead           int
	date1904           bool // the workbook counts serial days from 1904
	minBirth, maxBirth civil.Date
	seen               map[string]int // upper-cased person code → its row
}

// nextRow yields the number and cells of a sheet's next row, io.EOF after
// the last one.
type nextRow = sheet.Rows

// sheet reads the data rows of one sheet, given its header row.
func (rd *reader) sheet(spec *sheetSpec, headerRow int, header []string, next nextRow) error {
	if err := rd.ctx.Err(); err != nil {
		return err
	}
	base := Pos{File: rd.file, Sheet: spec.Name}
	if blank(header) {
		return rd.headerless(base, next)
	}
	base.Row = headerRow
	lay, ok := rd.bind(spec, header, base)
	if !ok {
		// Rows read by a wrong header would bury the header error
		// under one error per row.
		return nil
	}
	rec := &record{}
	for {
		row, cells, err := next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			base.Row = row
			rd.errs.Add(Error{Pos: base, Reason: readReason(err)})
			return nil
		}
		if lay.blank(cells) {
			continue
		}
		if err := rd.tick(); err != nil {
			return err
		}
		*rec = record{pos: base, lay: lay}
		rec.pos.Row = row
		rd.fill(rec, cells)
		if err := rd.deliver(spec, rec); err != nil {
			return err
		}
	}
}

// headerless handles a sheet whose first row is empty: fine if the whole
// sheet is, an error if data follows.
func (rd *reader) headerless(base Pos, next nextRow) error {
	for {
		row, cells, err := next()
		if err != nil {
			return nil
		}
		if !blank(cells) {
			base.Row = row
			rd.errs.Add(Error{Pos: base, Reason: "thiếu dòng tiêu đề: dòng 1 phải là dòng tiêu đề của mẫu"})
			return nil
		}
	}
}

func (rd *reader) tick() error {
	rd.rowsRead++
	if rd.h.Progress != nil && rd.rowsRead%progressEvery == 0 {
		rd.h.Progress(rd.rowsRead)
	}
	if rd.rowsRead%cancelEvery == 0 {
		return rd.ctx.Err()
	}
	return nil
}

// fill reads the cells of a row into rec by the sheet's layout.
func (rd *reader) fill(rec *record, cells []string) {
	for _, b := range rec.lay.cols {
		f := b.col.Field
		s := ""
		if b.at < len(cells) {
			s = cleanText(b.col, cells[b.at])
		}
		if s == "" {
			if b.col.Required {
				rec.fail(rd, f, "chưa nhập giá trị cho cột bắt buộc")
			}
			continue
		}
		v, reason := b.col.parse(s, rd.date1904)
		if reason != "" {
			rec.fail(rd, f, reason)
			continue
		}
		rec.vals[f], rec.has[f] = v, true
	}
}

// deliver builds the row and passes it to its handler if it is good.
func (rd *reader) deliver(spec *sheetSpec, rec *record) error {
	switch spec.Name {
	case SheetPeople:
		row := rd.person(rec) // also for a bad row, to see its code
		if !rec.bad && rd.h.Person != nil {
			return rd.handled(rec.pos, rd.h.Person(row))
		}
	case SheetAssignments:
		row := rd.assignment(rec)
		if !rec.bad && rd.h.Assignment != nil {
			return rd.handled(rec.pos, rd.h.Assignment(row))
		}
	case SheetQuotas:
		row := rd.quota(rec)
		if !rec.bad && rd.h.Quota != nil {
			return rd.handled(rec.pos, rd.h.Quota(row))
		}
	}
	return nil
}

// handled collects a handler's Error, *Error or Errors and lets any other
// error stop the reading.
func (rd *reader) handled(row Pos, err error) error {
	if err == nil {
		return nil
	}
	var es Errors
	var pe *Error
	var e Error
	switch {
	case errors.As(err, &es):
	case errors.As(err, &pe) && pe != nil:
		es = Errors{*pe}
	case errors.As(err, &e):
		es = Errors{e}
	default:
		return err
	}
	for _, x := range es {
		x.Pos = x.Pos.within(row)
		rd.errs.Add(x)
	}
	return nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
