// Package sheet holds what the readers of the product's workbooks share:
// reading a day, a decision number or a header row as users and Excel
// give them, opening an .xlsx or a CSV file, and naming a column as Excel
// does. The staff, functions and scheme workbooks call it so that one file
// and another read a cell alike and say so in the same Vietnamese words.
// It knows no sheet of its own, and neither HTTP nor SQL.
package sheet
