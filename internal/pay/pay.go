// Package pay holds the dated figures of public-sector pay: the base
// salary ("mức lương cơ sở") each period, with the decree that set it.
package pay

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"tinhgon/internal/civil"
)

//go:embed base_salary.json
var baseSalaryJSON []byte

// BaseSalary is the monthly base salary in VND from a date.
type BaseSalary struct {
	From   civil.Date `json:"from"`
	Amount int64      `json:"amount"`
	Source string     `json:"source"`
}

// Table is the base salaries through time, by date.
type Table struct {
	BaseSalary []BaseSalary `json:"base_salary"`
}

// Load reads the embedded table.
func Load() (*Table, error) {
	var t Table
	if err := json.Unmarshal(baseSalaryJSON, &t); err != nil {
		return nil, fmt.Errorf("base salary table: %w", err)
	}
	if !slices.IsSortedFunc(t.BaseSalary, func(a, b BaseSalary) int { return a.From.Time().Compare(b.From.Time()) }) {
		return nil, fmt.Errorf("base salary table: periods out of order")
	}
	return &t, nil
}

// On returns the base salary in force on d; ok is false before the first period.
func (t *Table) On(d civil.Date) (BaseSalary, bool) {
	for i := len(t.BaseSalary) - 1; i >= 0; i-- {
		if !t.BaseSalary[i].From.After(d) {
			return t.BaseSalary[i], true
		}
	}
	return BaseSalary{}, false
}

// Yearly is twelve months of pay given in ten-thousandths of the base
// salary (how the staffing read model sums it), in VND.
func (b BaseSalary) Yearly(tenThousandths int64) int64 {
	return tenThousandths * b.Amount * 12 / 10000
}
