package function

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/org"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

// Service is the catalogue of a province: writes that keep the register's
// rules, the catalogue as of a day, and the one-lead rule's findings.
type Service struct {
	store Store
	units org.Reader
	ids   org.IDs
	rules *Rules
}

// NewService returns the catalogue over a store and the register's reader.
func NewService(s Store, units org.Reader, ids org.IDs) (*Service, error) {
	rules, err := LoadRules()
	if err != nil {
		return nil, err
	}
	return &Service{store: s, units: units, ids: ids, rules: rules}, nil
}

// Rules returns the rule set the service checks.
func (s *Service) Rules() *Rules { return s.rules }

// Store returns the underlying store.
func (s *Service) Store() Store { return s.store }

// UnitRef names a unit in an answer.
type UnitRef struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// View is a function with the units that lead and coordinate it on a day.
type View struct {
	Function
	Leads        []UnitRef `json:"lead_units"`
	Coordinators []UnitRef `json:"coordinating_units"`
}

// Filter narrows the catalogue.
type Filter struct {
	Query  string // words of the name, code or field, with or without diacritics
	Field  string // the field, in any case, with or without diacritics
	UnitID string // functions the unit leads or coordinates
}

// List is the catalogue on m.AsOf as believed at m.KnownAt: the functions
// alive that day, each with its lead and coordinating units alive that
// day, by field then name in Vietnamese order.
func (s *Service) List(ctx context.Context, m org.Moment, f Filter) ([]View, error) {
	fs, err := s.store.FunctionsAt(ctx, m)
	if err != nil {
		return nil, err
	}
	tokens := strings.Fields(vntext.Fold(f.Query))
	field := vntext.Fold(f.Field)
	kept := fs[:0]
	for _, fn := range fs {
		key := vntext.Fold(fn.Name + " " + fn.Code + " " + fn.Field)
		ok := field == "" || vntext.Fold(fn.Field) == field
		for _, t := range tokens {
			ok = ok && strings.Contains(key, t)
		}
		if ok {
			kept = append(kept, fn)
		}
	}
	views, err := s.views(ctx, m, kept)
	if err != nil {
		return nil, err
	}
	if f.UnitID != "" {
		views = slices.DeleteFunc(views, func(v View) bool {
			has := func(us []UnitRef) bool {
				return slices.ContainsFunc(us, func(u UnitRef) bool { return u.ID == f.UnitID })
			}
			return !has(v.Leads) && !has(v.Coordinators)
		})
	}
	vntext.Sort(views, func(v View) string { return v.Field + "\x00" + v.Name }, func(a, b View) int { return strings.Compare(a.Code, b.Code) })
	return views, nil
}

// views adds to functions their lead and coordinating units on m.AsOf.
func (s *Service) views(ctx context.Context, m org.Moment, fs []Function) ([]View, error) {
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = f.ID
	}
	var rows []Assignment
	if len(ids) > 0 {
		var err error
		if rows, err = s.store.FunctionAssignmentsAt(ctx, m, ids, nil); err != nil {
			return nil, err
		}
	}
	units, err := s.unitsAt(ctx, m, rows)
	if err != nil {
		return nil, err
	}
	byFn := map[string][]Assignment{}
	for _, a := range rows {
		byFn[a.FunctionID] = append(byFn[a.FunctionID], a)
	}
	out := make([]View, len(fs))
	for i, f := range fs {
		out[i] = View{Function: f, Leads: []UnitRef{}, Coordinators: []UnitRef{}}
		for _, a := range byFn[f.ID] {
			u, ok := units[a.UnitID]
			if !ok {
				continue // the unit is not alive that day
			}
			if a.Role == Lead {
				out[i].Leads = append(out[i].Leads, u)
			} else {
				out[i].Coordinators = append(out[i].Coordinators, u)
			}
		}
		byName := func(u UnitRef) string { return u.Name }
		tie := func(a, b UnitRef) int { return strings.Compare(a.Code, b.Code) }
		vntext.Sort(out[i].Leads, byName, tie)
		vntext.Sort(out[i].Coordinators, byName, tie)
	}
	return out, nil
}

// unitsAt names the units of rows alive on m.AsOf.
func (s *Service) unitsAt(ctx context.Context, m org.Moment, rows []Assignment) (map[string]UnitRef, error) {
	var ids []string
	for _, a := range rows {
		ids = append(ids, a.UnitID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make(map[string]UnitRef, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	us, err := s.units.UnitsAt(ctx, ids, m)
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		out[u.ID] = UnitRef{ID: u.ID, Code: u.Code, Name: u.Name}
	}
	return out, nil
}

// AssignmentView is an assignment with its unit named.
type AssignmentView struct {
	Assignment
	Unit UnitRef `json:"unit"`
}

// Detail is a function on a day with every version and assignment.
type Detail struct {
	View
	Versions    []Function       `json:"versions"`
	Assignments []AssignmentView `json:"assignments"`
}

// Get returns a function (by id or code) as of m with its history.
func (s *Service) Get(ctx context.Context, ref string, m org.Moment) (Detail, error) {
	vs, err := s.store.FunctionVersions(ctx, ref, m.KnownAt)
	if err != nil {
		return Detail{}, err
	}
	if len(vs) == 0 {
		return Detail{}, fmt.Errorf("không tìm thấy chức năng, nhiệm vụ «%s»: %w", ref, org.ErrNotFound)
	}
	cur := vs[len(vs)-1]
	for _, v := range vs {
		if v.ValidAt(m.AsOf) {
			cur = v
		}
	}
	views, err := s.views(ctx, m, []Function{cur})
	if err != nil {
		return Detail{}, err
	}
	d := Detail{View: views[0], Versions: vs, Assignments: []AssignmentView{}}
	as, err := s.store.FunctionAssignments(ctx, cur.ID, m.KnownAt)
	if err != nil {
		return Detail{}, err
	}
	var ids []string
	for _, a := range as {
		ids = append(ids, a.UnitID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	names := map[string]UnitRef{}
	if len(ids) > 0 {
		us, err := s.units.Versions(ctx, ids, m.KnownAt)
		if err != nil {
			return Detail{}, err
		}
		for _, u := range us { // the latest version names the unit
			names[u.ID] = UnitRef{ID: u.ID, Code: u.Code, Name: u.Name}
		}
	}
	for _, a := range as {
		u, ok := names[a.UnitID]
		if !ok {
			u = UnitRef{ID: a.UnitID}
		}
		d.Assignments = append(d.Assignments, AssignmentView{Assignment: a, Unit: u})
	}
	return d, nil
}

// Brief names a function in an answer about a unit.
type Brief struct {
	ID    string `json:"id"`
	Code  string `json:"code"`
	Name  string `json:"name"`
	Field string `json:"field"`
}

// UnitFunction is a function a unit leads or coordinates.
type UnitFunction struct {
	Assignment
	Function Brief `json:"function"`
}

// OfUnit lists the functions of a unit on m.AsOf, leads first, then by
// field and name.
func (s *Service) OfUnit(ctx context.Context, unitID string, m org.Moment) ([]UnitFunction, error) {
	rows, err := s.store.FunctionAssignmentsAt(ctx, m, nil, []string{unitID})
	if err != nil {
		return nil, err
	}
	fs, err := s.store.FunctionsAt(ctx, m)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Function, len(fs))
	for _, f := range fs {
		byID[f.ID] = f
	}
	out := make([]UnitFunction, 0, len(rows))
	for _, a := range rows {
		f, ok := byID[a.FunctionID]
		if !ok {
			continue // the function is not alive that day
		}
		out = append(out, UnitFunction{Assignment: a, Function: Brief{ID: f.ID, Code: f.Code, Name: f.Name, Field: f.Field}})
	}
	vntext.Sort(out, func(u UnitFunction) string { return u.Function.Field + "\x00" + u.Function.Name },
		func(a, b UnitFunction) int { return strings.Compare(a.Function.Code, b.Function.Code) })
	slices.SortStableFunc(out, func(a, b UnitFunction) int {
		return strings.Compare(string(b.Role), string(a.Role)) // lead before coordinate
	})
	return out, nil
}

// Findings checks the one-lead rule on m.AsOf over the catalogue believed
// at m.KnownAt.
func (s *Service) Findings(ctx context.Context, m org.Moment) ([]staff.Finding, error) {
	fs, err := s.store.FunctionsAt(ctx, m)
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return nil, nil
	}
	rows, err := s.store.FunctionAssignmentsAt(ctx, m, nil, nil)
	if err != nil {
		return nil, err
	}
	units, err := s.unitsAt(ctx, m, rows)
	if err != nil {
		return nil, err
	}
	alive := func(id string) bool { _, ok := units[id]; return ok }
	name := func(id string) string { return units[id].Name }
	return CheckLeads(s.rules, m.AsOf, fs, rows, alive, name), nil
}
