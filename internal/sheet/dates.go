package sheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/civil"
)

// Dates outside these years are typing mistakes (or a number read as an
// Excel serial day), whatever the column.
const (
	minYear = 1900
	maxYear = 2100
)

// ParseDate reads a day as users and Excel give it: an Excel serial day
// number (a date cell read raw), "dd/mm/yyyy", "d/m/yyyy" (also with "-"
// or "."), or "yyyy-mm-dd", possibly followed by a time. With yearOnly, a
// year alone is 1 January of that year, as the retirement rules read a
// birth date when only the year is known; otherwise it is refused.
func ParseDate(s string, yearOnly, date1904 bool) (civil.Date, bool) {
	if len(s) == 4 && isDigits(s) {
		// A year alone; as a serial day it would be in the 1900s-1920s,
		// which no date of the register is.
		if !yearOnly {
			return civil.Date{}, false
		}
		y, _ := strconv.Atoi(s)
		return ymd(y, 1, 1)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return serialDate(f, date1904)
	}
	if i := strings.IndexAny(s, "T "); i > 0 {
		s = s[:i]
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || !isDigits(parts[0]+parts[1]+parts[2]) {
		return civil.Date{}, false
	}
	a, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	c, _ := strconv.Atoi(parts[2])
	switch {
	case len(parts[0]) == 4 && len(parts[2]) <= 2:
		return ymd(a, m, c)
	case len(parts[2]) == 4 && len(parts[0]) <= 2:
		return ymd(c, m, a)
	}
	// Two-digit years are refused: "01/02/68" could be 1968 or 2068.
	return civil.Date{}, false
}

// serialDate converts an Excel serial day; a time of day is dropped.
func serialDate(f float64, date1904 bool) (civil.Date, bool) {
	if f < 1 || f > 2958465 { // 2958465 is 31/12/9999, Excel's last day
		return civil.Date{}, false
	}
	t, err := excelize.ExcelDateToTime(math.Floor(f), date1904)
	if err != nil {
		return civil.Date{}, false
	}
	return ymd(t.Year(), int(t.Month()), t.Day())
}

// ymd builds a day and refuses impossible ones (31/02) and those outside
// [minYear, maxYear].
func ymd(y, m, d int) (civil.Date, bool) {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 {
		return civil.Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return civil.Date{}, false
	}
	return civil.Of(t), true
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// DateReason explains a bad date quoted as q: a well-formed but impossible
// day is just "không hợp lệ"; anything else gets the expected form too.
func DateReason(q string) string {
	if strings.Count(q, "/") == 2 || strings.Count(q, "-") == 2 {
		return fmt.Sprintf("ngày «%s» không hợp lệ", q)
	}
	return fmt.Sprintf("ngày «%s» không hợp lệ, cần dạng dd/mm/yyyy", q)
}
