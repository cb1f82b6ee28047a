package staff

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

//go:embed rules.json
var rulesJSON []byte

// Rule is what every rule carries: an id, when it applies, and its legal source.
type Rule struct {
	ID     string     `json:"id"`
	From   civil.Date `json:"from"`
	To     civil.Date `json:"to"`
	Source string     `json:"source"`
	Detail string     `json:"detail"`
}

// In reports whether the rule applies on day d.
func (r Rule) In(d civil.Date) bool { return covers(r.From, r.To, d) }

// DeputyLimit caps the deputies of units of some kinds at a level.
type DeputyLimit struct {
	Rule
	Kinds []string  `json:"kinds"`
	Level org.Level `json:"level"`
	Max   int       `json:"max"`
	// GraceYears is how long a unit formed by a merger may keep its surplus.
	GraceYears int `json:"grace_years"`
}

// DeputyShare caps deputies as a share of a body's staff, with a temporary
// excess for merged bodies and a date to comply by.
type DeputyShare struct {
	Rule
	MaxPercent  int `json:"max_percent"`
	MergedExtra []struct {
		Inputs int `json:"inputs"`
		Extra  int `json:"extra"`
	} `json:"merged_extra"`
	ComplyBy civil.Date `json:"comply_by"`
}

// Extra is the excess a body formed from n merged bodies may keep.
func (s DeputyShare) Extra(n int) int {
	e := 0
	for _, m := range s.MergedExtra {
		if n >= m.Inputs && m.Extra > e {
			e = m.Extra
		}
	}
	return e
}

// BudgetCut is the reduction target of budget-paid staff against a baseline year.
type BudgetCut struct {
	Rule
	Percent      int        `json:"percent"`
	BaselineYear int        `json:"baseline_year"`
	By           civil.Date `json:"by"`
	Categories   []Category `json:"categories"`
}

// ProfessionalShare is the minimum share of professional job positions.
type ProfessionalShare struct {
	Rule
	Percent int          `json:"percent"`
	Pillars []org.Pillar `json:"pillars"`
}

// Grassroots is the share of staff to be sent to the grassroots.
type Grassroots struct {
	Rule
	Percent    int         `json:"percent"`
	FromLevels []org.Level `json:"from_levels"`
	ToLevels   []org.Level `json:"to_levels"`
	// Categories are the people counted: those in the staff quota.
	Categories []Category `json:"categories"`
}

// NonLocal lists the posts to be held by people from elsewhere.
type NonLocal struct {
	Rule
	Posts []struct {
		Kinds  []string    `json:"kinds"`
		Levels []org.Level `json:"levels"`
		Label  string      `json:"label"`
	} `json:"posts"`
}

// Post returns the label of the non-local post a head of a unit holds, if any.
func (n NonLocal) Post(kind string, level org.Level) (string, bool) {
	for _, p := range n.Posts {
		if slices.Contains(p.Kinds, kind) && slices.Contains(p.Levels, level) {
			return p.Label, true
		}
	}
	return "", false
}

// SecretaryChair requires the Party secretary to chair the People's Council.
type SecretaryChair struct {
	Rule
	Levels []org.Level `json:"levels"`
}

// Retirement lists people reaching retirement age within a horizon.
type Retirement struct {
	Rule
	HorizonMonths int `json:"horizon_months"`
}

// Rules is the dated rule set the product checks.
type Rules struct {
	About             string              `json:"about"`
	DeputyLimits      []DeputyLimit       `json:"deputy_limits"`
	DeputyShare       []DeputyShare       `json:"deputy_share"`
	Quota             []Rule              `json:"quota"`
	BudgetCut         []BudgetCut         `json:"budget_cut"`
	ProfessionalShare []ProfessionalShare `json:"professional_share"`
	Grassroots        []Grassroots        `json:"grassroots"`
	NonLocal          []NonLocal          `json:"non_local"`
	SecretaryChair    []SecretaryChair    `json:"secretary_chairs_council"`
	Retirement        []Retirement        `json:"retirement"`
	OnePrimary        []Rule              `json:"one_primary"`
}

// LoadRules parses the rule set shipped with the product.
func LoadRules() (*Rules, error) {
	var r Rules
	if err := json.Unmarshal(rulesJSON, &r); err != nil {
		return nil, fmt.Errorf("staff rules: %w", err)
	}
	return &r, nil
}

// at returns the rule of a list that applies on d, the latest first.
func at[T interface{ base() Rule }](list []T, d civil.Date) (T, bool) {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].base().In(d) {
			return list[i], true
		}
	}
	var zero T
	return zero, false
}

func (r Rule) base() Rule { return r }

// DeputyLimitFor returns the deputy limit for a unit kind and level on d.
func (r *Rules) DeputyLimitFor(kind string, level org.Level, d civil.Date) (DeputyLimit, bool) {
	for i := len(r.DeputyLimits) - 1; i >= 0; i-- {
		l := r.DeputyLimits[i]
		if l.In(d) && l.Level == level && slices.Contains(l.Kinds, kind) {
			return l, true
		}
	}
	return DeputyLimit{}, false
}
