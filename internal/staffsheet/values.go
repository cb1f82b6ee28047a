package staffsheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"tinhgon/internal/civil"
	"tinhgon/internal/sheet"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

// value is one non-empty cell read according to its column's kind.
type value struct {
	text       string // as typed, normalised; what messages quote
	code       string // kChoice
	date       civil.Date
	n          int
	coef       staff.Coef
	allowances []staff.Allowance
}

// cleanText normalises a cell: NFC, trimmed, inner white space collapsed,
// since people paste names from Word and web pages.
func cleanText(c *column, s string) string {
	if c.Kind == kNote {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		return strings.TrimSpace(norm.NFC.String(s))
	}
	return vntext.NFC(s)
}

// parse reads the cleaned, non-empty text s of a cell of column c. A bad
// value gives a Vietnamese reason.
func (c *column) parse(s string, date1904 bool) (v value, reason string) {
	v.text = s
	q := sheet.Short(s)
	switch c.Kind {
	case kText, kNote:
	case kChoice:
		code, ok := c.Choices.match(s)
		if !ok {
			return v, fmt.Sprintf("«%s» không có trong danh sách; chọn một trong: %s", q, c.Choices.labels())
		}
		v.code = code
	case kDate, kBirthDate:
		d, ok := sheet.ParseDate(s, c.Kind == kBirthDate, date1904)
		if !ok {
			return v, sheet.DateReason(q)
		}
		v.date = d
		if _, err := strconv.ParseFloat(s, 64); err == nil && len(s) != 4 {
			v.text = d.VN() // quote a serial day as the user sees it
		}
	case kInt:
		n, ok := parseInt(s)
		if !ok {
			return v, fmt.Sprintf("«%s» không phải số nguyên", q)
		}
		if n < c.Min || n > c.Max {
			return v, rangeReason(q, c.Min, c.Max)
		}
		v.n = n
	case kCoef:
		k, ok := parseCoef(s)
		if !ok {
			return v, fmt.Sprintf("hệ số «%s» không hợp lệ, cần số có tối đa hai chữ số thập phân, ví dụ 4,98", q)
		}
		if k > staff.Coef(c.Max*100) {
			return v, fmt.Sprintf("hệ số «%s» phải từ 0 đến %d", q, c.Max)
		}
		v.coef = k
	case kAllowances:
		a, reason := parseAllowances(s, c.Max)
		if reason != "" {
			return v, reason
		}
		v.allowances = a
	case kNationalID:
		if len(s) != 12 || strings.Trim(s, "0123456789") != "" {
			return v, fmt.Sprintf("«%s» không phải số định danh cá nhân: cần đúng 12 chữ số (nếu Excel làm mất số 0 ở đầu, hãy định dạng ô là Văn bản)", q)
		}
	case kDecisionNo:
		no, ok := sheet.DecisionNumber(s)
		if !ok {
			return v, fmt.Sprintf("số văn bản «%s» không đúng dạng, ví dụ «Quyết định số 123/QĐ-UBND» hoặc «123/QĐ-UBND»", q)
		}
		v.text = no
	}
	return v, ""
}

func rangeReason(s string, lo, hi int) string {
	return fmt.Sprintf("«%s» phải %s", s, rangeText(lo, hi))
}

// rangeText says an inclusive range; math.MaxInt32 means no upper bound.
func rangeText(lo, hi int) string {
	if hi == math.MaxInt32 {
		return fmt.Sprintf("từ %d trở lên", lo)
	}
	return fmt.Sprintf("từ %d đến %d", lo, hi)
}

// match finds the code of a label or code typed in any case, with or
// without diacritics.
func (l *choiceList) match(s string) (string, bool) {
	for _, it := range l.Items {
		if strings.EqualFold(s, it.Label) || strings.EqualFold(s, it.Code) {
			return it.Code, true
		}
	}
	key := vntext.Fold(s)
	for _, it := range l.Items {
		if key == vntext.Fold(it.Label) || key == vntext.Fold(it.Code) {
			return it.Code, true
		}
		for _, a := range it.Aliases {
			if key == vntext.Fold(a) {
				return it.Code, true
			}
		}
	}
	return "", false
}

// labels lists the labels for messages and the guide.
func (l *choiceList) labels() string {
	ls := make([]string, len(l.Items))
	for i, it := range l.Items {
		ls[i] = it.Label
	}
	return strings.Join(ls, "; ")
}

// parseInt reads a whole number, also as Excel stores it ("5", "5.0").
func parseInt(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// parseCoef reads "4,98" or "4.98", and also the binary-float spelling
// Excel may store for a typed 4.98 ("4.9800000000000004").
func parseCoef(s string) (staff.Coef, bool) {
	if strings.HasPrefix(s, "-") {
		return 0, false
	}
	if k, err := staff.ParseCoef(s); err == nil {
		return k, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e6 {
		return 0, false
	}
	hundredths := math.Round(f * 100)
	if math.Abs(f*100-hundredths) > 1e-6 {
		return 0, false
	}
	return staff.Coef(hundredths), true
}
