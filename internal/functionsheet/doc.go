// Package functionsheet is the spreadsheet through which a province
// imports its catalogue of functions (chức năng, nhiệm vụ, lĩnh vực quản
// lý) and their assignment to units as lead (chủ trì) or coordinating
// (phối hợp) unit: the documented XLSX template (and its CSV variant), and
// a reader that turns a filled-in file into a batch to record.
//
// The reader checks what it can without a database (required values,
// dates, roles, codes repeated in the file) and reports every bad cell in
// Vietnamese with its file, sheet, row and column, in the form of
// internal/staffsheet; whatever needs the register (unknown unit or
// function codes, a unit not alive, an assignment already recorded) is
// checked by function.Service.Record, which names the same cells. The
// import is all-or-nothing: nothing is written when any row is bad.
package functionsheet
