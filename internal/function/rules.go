package function

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

//go:embed rules.json
var rulesJSON []byte

// Rules is the dated rule set on functions.
type Rules struct {
	About string `json:"about"`
	// OneLead is "one function, one lead unit": a function alive on a day
	// has exactly one lead among the units alive that day.
	OneLead []staff.Rule `json:"one_lead"`
}

// LoadRules parses the rule set shipped with the product.
func LoadRules() (*Rules, error) {
	var r Rules
	if err := json.Unmarshal(rulesJSON, &r); err != nil {
		return nil, fmt.Errorf("function rules: %w", err)
	}
	return &r, nil
}

// OneLeadAt returns the one-lead rule in force on d, the latest first.
func (r *Rules) OneLeadAt(d civil.Date) (staff.Rule, bool) {
	for i := len(r.OneLead) - 1; i >= 0; i-- {
		if r.OneLead[i].In(d) {
			return r.OneLead[i], true
		}
	}
	return staff.Rule{}, false
}

// The finding ids of the one-lead rule are its id with these suffixes, so
// that filtering by the rule's id (staff.OfRule) keeps both.
const (
	SuffixOmitted = "-bo-sot"     // no lead unit
	SuffixOverlap = "-chong-cheo" // two or more lead units
)

// RulePrefix is the id shared by the findings of the one-lead rule.
const RulePrefix = "mot-viec-mot-chu-tri"

// CheckLeads checks the one-lead rule on day d over rows in memory: every
// function of functions alive on d must have exactly one lead among the
// units alive on d (alive tells which). A function with none is omitted
// ("bỏ sót"), one with two or more overlaps ("chồng chéo"); each is a
// violation naming the function and the units (unitName names a unit by
// id). Rows are the believed assignments, any day; those not valid on d
// are skipped. The findings are in the order of the functions' codes.
//
// It reads nothing else, so that a scheme's simulation runs it on the
// rows its operations left.
func CheckLeads(rules *Rules, d civil.Date, functions []Function, rows []Assignment,
	alive func(unitID string) bool, unitName func(unitID string) string) []staff.Finding {
	rule, ok := rules.OneLeadAt(d)
	if !ok {
		return nil
	}
	type holders struct{ leads, coords []string }
	by := map[string]*holders{}
	for _, a := range rows {
		if !a.ValidAt(d) || !alive(a.UnitID) {
			continue
		}
		h := by[a.FunctionID]
		if h == nil {
			h = &holders{}
			by[a.FunctionID] = h
		}
		switch a.Role {
		case Lead:
			if !slices.Contains(h.leads, a.UnitID) {
				h.leads = append(h.leads, a.UnitID)
			}
		case Coordinate:
			if !slices.Contains(h.coords, a.UnitID) {
				h.coords = append(h.coords, a.UnitID)
			}
		}
	}
	names := func(ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = unitName(id)
		}
		vntext.Sort(out, func(s string) string { return s }, strings.Compare)
		return out
	}
	seen := map[string]bool{}
	fs := slices.Clone(functions)
	slices.SortFunc(fs, func(a, b Function) int { return strings.Compare(a.Code, b.Code) })
	var out []staff.Finding
	for _, f := range fs {
		if !f.ValidAt(d) || seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		h := by[f.ID]
		if h == nil {
			h = &holders{}
		}
		switch n := len(h.leads); {
		case n == 0:
			detail := fmt.Sprintf("chức năng, nhiệm vụ %s (lĩnh vực %s) không có cơ quan chủ trì vào ngày %s: bị bỏ sót", f.Label(), f.Field, d.VN())
			if len(h.coords) > 0 {
				detail += "; cơ quan phối hợp: " + strings.Join(names(h.coords), ", ")
			}
			out = append(out, staff.Finding{Rule: rule.ID + SuffixOmitted, Title: "Chức năng, nhiệm vụ bị bỏ sót: không có cơ quan chủ trì",
				Severity: staff.Violation, Source: rule.Source, Function: f.Code, Detail: detail})
		case n > 1:
			ids := slices.Clone(h.leads)
			vntext.Sort(ids, unitName, strings.Compare)
			out = append(out, staff.Finding{Rule: rule.ID + SuffixOverlap, Title: "Chức năng, nhiệm vụ chồng chéo: nhiều cơ quan chủ trì",
				Severity: staff.Violation, UnitID: ids[0], UnitName: unitName(ids[0]), Source: rule.Source, Function: f.Code,
				Detail: fmt.Sprintf("chức năng, nhiệm vụ %s (lĩnh vực %s) giao cho %d cơ quan chủ trì cùng lúc vào ngày %s, chồng chéo, trùng lặp: %s",
					f.Label(), f.Field, n, d.VN(), strings.Join(names(ids), ", "))})
		}
	}
	return out
}
