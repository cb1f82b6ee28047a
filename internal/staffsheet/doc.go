// Package staffsheet is the spreadsheet through which a provincial Home
// Affairs department imports people, their assignments and the staff
// quotas of units: the documented XLSX template (and its CSV variant), and
// a streaming reader that turns a filled-in file into typed rows.
//
// The reader checks what it can without a database (required values,
// types, ranges, dates in order, duplicate person codes) and reports every
// bad cell in Vietnamese with its sheet, row and column, so that a user can
// fix the whole file at once. Whatever needs the register (unknown unit or
// person codes, overlapping primary assignments) is the caller's, through
// the Handler. The import is all-or-nothing: a caller writes nothing when
// Read returns Errors.
//
// One table per sheet (sheets.go) defines the headers, the fields they
// fill, whether they are required and how they are read; the reader, the
// template writer and the instructions sheet all work from it.
package staffsheet
