package sheet

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/vntext"
)

// Short cuts a value quoted in a message: a wrong file can put a whole
// page in one cell.
func Short(s string) string {
	const limit = 80
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}

// DecisionNumber takes the number out of "Quyết định số 123/QĐ-UBND":
// the part after "số", which must start with a digit and hold a "/".
func DecisionNumber(s string) (string, bool) {
	lower := strings.ToLower(s)
	if i := strings.LastIndex(lower, "số "); i >= 0 {
		s = strings.TrimSpace(s[i+len("số "):])
	}
	ok := s != "" && s[0] >= '0' && s[0] <= '9' && strings.Contains(s, "/") && !strings.ContainsAny(s, " \t\n")
	return s, ok
}

// UpperFirst puts the first letter in upper case, as a label stands at
// the start of a cell or a sentence.
func UpperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// ColumnLetter is the Excel letter of a 0-based column index.
func ColumnLetter(i int) string {
	s, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return s
}

// Title is a header cell's text: required columns end in "*", which the
// guides explain.
func Title(header string, required bool) string {
	if required {
		return header + "*"
	}
	return header
}

// ByName finds the sheet named name in specs, in any case and with or
// without diacritics, as users retype sheet names; nil if none.
func ByName[S any](specs []S, name string, nameOf func(*S) string) *S {
	key := vntext.Fold(name)
	for i := range specs {
		if vntext.Fold(nameOf(&specs[i])) == key {
			return &specs[i]
		}
	}
	return nil
}

// Detect recognises the sheet of a CSV file by its header row: the sheet
// with the most headers it knows, nil if none or on a tie (a header that
// two sheets share says nothing).
func Detect[S any](specs []S, header []string, knows func(s *S, h string) bool) *S {
	var best *S
	bestN, tie := 0, false
	for i := range specs {
		n := 0
		for _, h := range header {
			if knows(&specs[i], h) {
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
