package scheme

import (
	"context"
	"slices"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// UnitChange is a unit the scheme adds, ends or changes, as the tree shows it.
type UnitChange struct {
	UnitID string `json:"unit_id"`
	Code   string `json:"code"`
	// Change is "added", "removed" or "changed".
	Change string `json:"change"`
	// Before and After are the unit's name and parent; empty on the side it is absent.
	NameBefore   string `json:"name_before"`
	NameAfter    string `json:"name_after"`
	ParentBefore string `json:"parent_before"`
	ParentAfter  string `json:"parent_after"`
	KindBefore   string `json:"kind_before"`
	KindAfter    string `json:"kind_after"`
}

// TreeDiff is the scheme's before/after difference of the tree.
type TreeDiff struct {
	BaseDate      civil.Date   `json:"base_date"`
	EffectiveDate civil.Date   `json:"effective_date"`
	Added         int          `json:"added"`
	Removed       int          `json:"removed"`
	Changed       int          `json:"changed"`
	Items         []UnitChange `json:"items"`
}

// LineageStep is one step of the lineage the scheme leaves.
type LineageStep struct {
	Operation int        `json:"operation"` // index in the scheme's operations
	Kind      org.OpKind `json:"kind"`
	KindLabel string     `json:"kind_label"`
	Date      civil.Date `json:"date"`
	FromID    string     `json:"from_id"`
	FromName  string     `json:"from_name"`
	ToID      string     `json:"to_id"`
	ToName    string     `json:"to_name"`
}

// Preview is what a scheme does to the tree: the difference before/after
// and the lineage it leaves.
type Preview struct {
	Diff    TreeDiff      `json:"diff"`
	Lineage []LineageStep `json:"lineage"`
}

// Preview computes a scheme's tree difference and lineage: from its
// simulation, or from the register once applied.
func (s *Service) Preview(ctx context.Context, sc *Scheme) (*Preview, error) {
	if sc.Previewed != nil {
		return sc.Previewed, nil // kept when it was applied
	}
	before, err := s.units.Snapshot(ctx, org.Moment{AsOf: sc.Base()})
	if err != nil {
		return nil, err
	}
	var after []org.Unit
	var edges []org.Edge
	var ops []org.Operation
	if sc.Status == Applied {
		if after, err = s.units.Snapshot(ctx, org.Moment{AsOf: sc.EffectiveDate}); err != nil {
			return nil, err
		}
		for _, id := range sc.Applied {
			op, err := s.units.Operation(ctx, id)
			if err != nil {
				return nil, err
			}
			ops = append(ops, op)
		}
		all, err := s.staff.Store().Edges(ctx, time.Time{})
		if err != nil {
			return nil, err
		}
		for _, e := range all {
			if slices.Contains(sc.Applied, e.OperationID) {
				edges = append(edges, e)
			}
		}
	} else {
		sim, err := s.Simulate(ctx, sc)
		if err != nil {
			return nil, err
		}
		after, edges, ops = sim.Units, sim.Edges, sim.Ops
	}
	return previewOf(sc, before, after, edges, ops), nil
}

// previewOf lays out the tree difference and lineage of a scheme.
func previewOf(sc *Scheme, before, after []org.Unit, edges []org.Edge, ops []org.Operation) *Preview {
	out := &Preview{Diff: diffUnits(before, after), Lineage: []LineageStep{}}
	out.Diff.BaseDate, out.Diff.EffectiveDate = sc.Base(), sc.EffectiveDate
	names := map[string]string{}
	for _, u := range before {
		names[u.ID] = u.Name
	}
	for _, u := range after {
		names[u.ID] = u.Name
	}
	for _, e := range edges {
		i := slices.IndexFunc(ops, func(op org.Operation) bool { return op.ID == e.OperationID })
		out.Lineage = append(out.Lineage, LineageStep{Operation: i, Kind: e.Kind, KindLabel: e.Kind.Label(), Date: e.Date,
			FromID: e.From, FromName: names[e.From], ToID: e.To, ToName: names[e.To]})
	}
	return out
}

// diffUnits compares two days' units: added, removed, and changed in name,
// parent or kind.
func diffUnits(before, after []org.Unit) TreeDiff {
	b := make(map[string]org.Unit, len(before))
	names := map[string]string{}
	for _, u := range before {
		b[u.ID] = u
		names[u.ID] = u.Name
	}
	a := make(map[string]org.Unit, len(after))
	for _, u := range after {
		a[u.ID] = u
		names[u.ID] = u.Name
	}
	d := TreeDiff{Items: []UnitChange{}}
	for _, u := range after {
		old, ok := b[u.ID]
		switch {
		case !ok:
			d.Added++
			d.Items = append(d.Items, UnitChange{UnitID: u.ID, Code: u.Code, Change: "added", NameAfter: u.Name,
				ParentAfter: names[u.ParentID], KindAfter: u.Kind})
		case old.Name != u.Name || old.ParentID != u.ParentID || old.Kind != u.Kind:
			d.Changed++
			d.Items = append(d.Items, UnitChange{UnitID: u.ID, Code: u.Code, Change: "changed", NameBefore: old.Name, NameAfter: u.Name,
				ParentBefore: names[old.ParentID], ParentAfter: names[u.ParentID], KindBefore: old.Kind, KindAfter: u.Kind})
		}
	}
	for _, u := range before {
		if _, ok := a[u.ID]; !ok {
			d.Removed++
			d.Items = append(d.Items, UnitChange{UnitID: u.ID, Code: u.Code, Change: "removed", NameBefore: u.Name,
				ParentBefore: names[u.ParentID], KindBefore: u.Kind})
		}
	}
	order := map[string]int{"removed": 0, "added": 1, "changed": 2}
	slices.SortStableFunc(d.Items, func(x, y UnitChange) int {
		if x.Change != y.Change {
			return order[x.Change] - order[y.Change]
		}
		return compare(x.NameBefore+x.NameAfter, y.NameBefore+y.NameAfter)
	})
	return d
}

// Comparison is several schemes' impacts side by side.
type Comparison struct {
	Schemes []SchemeBrief `json:"schemes"`
	Rows    []CompareRow  `json:"rows"`
}

// SchemeBrief names a scheme in a comparison.
type SchemeBrief struct {
	ID            string     `json:"id"`
	Code          string     `json:"code"`
	Name          string     `json:"name"`
	Status        Status     `json:"status"`
	EffectiveDate civil.Date `json:"effective_date"`
}

// CompareRow is one figure across the schemes, in their order.
type CompareRow struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"`
	Values []Figure `json:"values"`
}

// figures lists an impact's figures in the order reports show them.
func figures(im *Impact) []struct {
	key, label string
	f          Figure
} {
	return []struct {
		key, label string
		f          Figure
	}{
		{"units", "Số đầu mối", im.Units},
		{"headcount", "Biên chế có mặt", im.Headcount},
		{"budget_paid", "Hưởng lương ngân sách", im.BudgetPaid},
		{"quota", "Biên chế được giao", im.Quota},
		{"heads", "Cấp trưởng", im.Heads},
		{"deputies", "Cấp phó", im.Deputies},
		{"surplus_deputies", "Cấp phó vượt quy định", im.SurplusDeputies},
		{"leaving", "Người thôi công tác", Figure{After: im.Leaving, Change: im.Leaving}},
	}
}

// Compare computes the impact of each scheme and lays the figures side by side.
func (s *Service) Compare(ctx context.Context, refs []string) (*Comparison, error) {
	out := &Comparison{}
	var impacts []*Impact
	for _, ref := range refs {
		sc, err := s.Get(ctx, ref)
		if err != nil {
			return nil, err
		}
		res, err := s.Check(ctx, &sc)
		if err != nil {
			return nil, err
		}
		out.Schemes = append(out.Schemes, SchemeBrief{ID: sc.ID, Code: sc.Code, Name: sc.Name, Status: sc.Status, EffectiveDate: sc.EffectiveDate})
		impacts = append(impacts, res.Impact)
	}
	if len(impacts) == 0 {
		return out, nil
	}
	for i, f := range figures(impacts[0]) {
		row := CompareRow{Key: f.key, Label: f.label}
		for _, im := range impacts {
			row.Values = append(row.Values, figures(im)[i].f)
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// previewSim is Preview of a scheme not applied, from a simulation made.
func (s *Service) previewSim(ctx context.Context, sc *Scheme, sim *Simulation) (*Preview, error) {
	before, err := s.units.Snapshot(ctx, org.Moment{AsOf: sc.Base()})
	if err != nil {
		return nil, err
	}
	return previewOf(sc, before, sim.Units, sim.Edges, sim.Ops), nil
}
