package staffsheet

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

// parseAllowances reads "thâm niên vượt khung 5%; khu vực 0,5": items
// separated by ";" (or line breaks, from Alt+Enter), each a kind then a
// percentage or a coefficient. Commas cannot separate items since they
// are the decimal mark. maxCoef bounds the coefficients.
func parseAllowances(s string, maxCoef int) ([]staff.Allowance, string) {
	var out []staff.Allowance
	for item := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		item = vntext.NFC(item)
		if item == "" {
			continue
		}
		a, ok := parseAllowance(item)
		if !ok {
			return nil, fmt.Sprintf("phụ cấp «%s» không đúng dạng «tên phụ cấp hệ số» (khu vực 0,5) hoặc «tên phụ cấp n%%» (thâm niên vượt khung 5%%); các phụ cấp cách nhau bằng dấu «;»", item)
		}
		if a.Coef > staff.Coef(maxCoef*100) || a.Percent > 100 {
			return nil, fmt.Sprintf("phụ cấp «%s» vượt mức cho phép (hệ số đến %d, phần trăm đến 100%%)", item, maxCoef)
		}
		out = append(out, a)
	}
	return out, ""
}

// parseAllowance reads one "<kind> <coef>" or "<kind> <n>%" item.
func parseAllowance(item string) (staff.Allowance, bool) {
	percent := strings.HasSuffix(item, "%")
	body := strings.TrimSpace(strings.TrimSuffix(item, "%"))
	i := strings.LastIndexByte(body, ' ')
	if i < 0 {
		return staff.Allowance{}, false
	}
	kind, amount := strings.TrimSpace(body[:i]), body[i+1:]
	// A digit in the kind is two items joined by a comma, not a name.
	if !strings.ContainsFunc(kind, unicode.IsLetter) || strings.ContainsFunc(kind, unicode.IsDigit) {
		return staff.Allowance{}, false
	}
	a := staff.Allowance{Kind: kind}
	if percent {
		n, err := strconv.Atoi(amount)
		if err != nil || n <= 0 {
			return staff.Allowance{}, false
		}
		a.Percent = n
		return a, true
	}
	k, ok := parseCoef(amount)
	if !ok || k == 0 {
		return staff.Allowance{}, false
	}
	a.Coef = k
	return a, true
}
