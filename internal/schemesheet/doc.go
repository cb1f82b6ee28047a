// Package schemesheet writes a restructuring scheme ("đề án") as the XLSX
// workbook a province sends upward, and reads one back.
//
// Write lays the scheme out sheet by sheet in Vietnamese: the scheme's
// fields, its operations, and one sheet per part of an operation (new
// units, moves, placements of people, quota and function shares), each row
// tied to its operation by the operation's number (STT); with a check
// result and a preview, also the impact tables, the findings and the tree
// difference, which are for reading only.
//
// Read takes back the scheme's fields and its operations with all their
// parts. It checks what it can without the register (required cells,
// dates, numbers, operation kinds, the labels of levels, pillars, posts,
// categories, roles and policies, operation numbers that exist) and
// reports every bad cell at once, with its file, sheet, row and column,
// as an *org.ValidationError; it returns no scheme then. Unit and person
// codes are left to the scheme's check, which simulates the register.
package schemesheet
