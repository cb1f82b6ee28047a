package demo

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/progress"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
)

// step is one operation of the demo with the key of its decision and the
// skeleton operation it comes from.
type step struct {
	op       org.Operation
	decision string
	src      string
}

// Plan is the demo in the register's terms: the units that existed before
// the register began, the decisions, and the operations in order.
type Plan struct {
	Seed      []org.NewUnit
	Decisions map[string]org.Decision
	Steps     []step
	// Pending counts the steps left in an approved scheme, not applied;
	// Schemes the schemes recorded.
	Pending, Schemes int
	// Functions is the catalogue of functions before 2025, with their
	// lead and coordinating units; the steps carry them on.
	Functions function.Batch
}

// Build translates the shipped skeleton into a Plan.
func Build() (Plan, error) {
	src, err := loadSource()
	if err != nil {
		return Plan{}, err
	}
	communes, err := loadCommunes()
	if err != nil {
		return Plan{}, err
	}
	t := &translator{names: map[string]string{}, units: map[string]srcUnit{}, endedIDs: map[string]bool{}, communes: communes}
	for _, o := range src.Operations {
		for _, id := range o.Ends {
			t.endedIDs[id] = true
		}
	}
	p := Plan{Decisions: decisions, Functions: functionsBatch()}
	for _, u := range src.Units {
		t.units[u.ID] = u
	}
	for _, u := range src.Units {
		if u.Type == "admin_unit" {
			continue
		}
		if strings.HasPrefix(u.Parent, "au.") {
			u.Parent = ""
		}
		a := attrs(u, t.names[u.Parent])
		t.names[u.ID] = a.Name
		p.Seed = append(p.Seed, org.NewUnit{Attrs: a})
	}
	for _, o := range src.Operations {
		steps, err := t.translate(o)
		if err != nil {
			return Plan{}, fmt.Errorf("demo operation %s: %w", o.ID, err)
		}
		p.Steps = append(p.Steps, withFunctionMoves(o, steps)...)
	}
	return p, nil
}

type translator struct {
	names    map[string]string // code → name, for derived names
	units    map[string]srcUnit
	endedIDs map[string]bool
	communes []commune
}

func (t *translator) newUnit(c srcUnit) org.Output {
	if strings.HasPrefix(c.Parent, "au.") {
		c.Parent = ""
	}
	a := attrs(c, t.names[c.Parent])
	t.names[c.ID] = a.Name
	t.units[c.ID] = c
	return org.Output{New: &org.NewUnit{Attrs: a}}
}

func (t *translator) translate(o srcOp) ([]step, error) {
	base := org.Operation{EffectiveDate: civil.MustParse(o.Date), Summary: o.Summary}
	dec := decisionOf(o)
	mk := func(kind org.OpKind, f func(op *org.Operation)) step {
		op := base
		op.Kind = kind
		f(&op)
		return step{op: op, decision: dec, src: o.ID}
	}
	moves := func() []org.Move {
		var ms []org.Move
		for _, r := range o.Reparent {
			if r.NewParent != "" {
				ms = append(ms, org.Move{Unit: r.Unit, To: r.NewParent})
			}
		}
		return ms
	}
	switch o.Kind {
	case "end":
		return []step{mk(org.OpEndActivity, func(op *org.Operation) { op.Inputs = o.Ends })}, nil
	case "dissolve":
		return []step{mk(org.OpDissolve, func(op *org.Operation) { op.Inputs = o.Ends })}, nil
	case "merge":
		return []step{mk(org.OpMerge, func(op *org.Operation) {
			op.Inputs, op.Outputs, op.Moves = o.Inputs, []org.Output{t.newUnit(o.Creates[0])}, moves()
		})}, nil
	case "transfer_in":
		return []step{mk(org.OpTransferIn, func(op *org.Operation) {
			op.Inputs, op.Outputs = o.Inputs, []org.Output{t.newUnit(o.Creates[0])}
		})}, nil
	case "establish":
		if len(o.Inputs) == 0 {
			return []step{mk(org.OpEstablish, func(op *org.Operation) {
				for _, c := range o.Creates {
					op.Outputs = append(op.Outputs, t.newUnit(c))
				}
			})}, nil
		}
		// "Thành lập … trên cơ sở …": the old unit is reorganised into the new one.
		return []step{mk(org.OpReorganize, func(op *org.Operation) {
			op.Inputs, op.Outputs, op.Moves = o.Inputs, []org.Output{t.newUnit(o.Creates[0])}, moves()
		})}, nil
	case "rename":
		var out []step
		for _, r := range o.Renames {
			out = append(out, mk(org.OpRename, func(op *org.Operation) { op.Inputs, op.NewName = []string{r.Unit}, r.NewName }))
		}
		return out, nil
	case "reparent":
		return t.front(o, mk), nil
	case "reorganize":
		if len(o.Creates) == 0 && len(o.Transfers) > 0 {
			// The inspectorates taken over by Thanh tra tỉnh.
			return []step{mk(org.OpAbsorb, func(op *org.Operation) {
				op.Inputs, op.Outputs = o.Ends, []org.Output{{Ref: o.Transfers[0].To}}
			})}, nil
		}
		return t.publicService(o, mk), nil
	case "abolish_level":
		return t.abolishDistricts(o, mk)
	}
	return nil, fmt.Errorf("kind %q not translated", o.Kind)
}

type maker func(kind org.OpKind, f func(op *org.Operation)) step

// front: the Front's new committees, and the mass organisations placed under it.
func (t *translator) front(o srcOp, mk maker) []step {
	var out []step
	if len(o.Creates) > 0 {
		out = append(out, mk(org.OpEstablish, func(op *org.Operation) {
			for _, c := range o.Creates {
				op.Outputs = append(op.Outputs, t.newUnit(c))
			}
		}))
	}
	byParent := map[string][]string{}
	var parents []string
	for _, r := range o.Reparent {
		if t.units[r.Unit].Parent == r.NewParent {
			continue
		}
		if _, ok := byParent[r.NewParent]; !ok {
			parents = append(parents, r.NewParent)
		}
		byParent[r.NewParent] = append(byParent[r.NewParent], r.Unit)
	}
	for _, p := range parents {
		out = append(out, mk(org.OpReparent, func(op *org.Operation) { op.Inputs, op.NewParent = byParent[p], p }))
	}
	return out
}

// publicService: district service centres turned into stations of the
// provincial extension centre; the city's centre and urban-order team
// dissolved; the city health centre renamed.
func (t *translator) publicService(o srcOp, mk maker) []step {
	var out []step
	converted := map[string]bool{}
	for _, c := range o.Creates {
		converted[c.Converted] = true
		out = append(out, mk(org.OpReorganize, func(op *org.Operation) {
			op.Inputs, op.Outputs = []string{c.Converted}, []org.Output{t.newUnit(c)}
		}))
	}
	for _, id := range o.Ends {
		if converted[id] {
			continue
		}
		if strings.Contains(t.units[id].Name, "Dịch vụ nông nghiệp") {
			out = append(out, mk(org.OpAbsorb, func(op *org.Operation) {
				op.Inputs, op.Outputs = []string{id}, []org.Output{{Ref: "dv.nn.khuyennong"}}
			}))
			continue
		}
		out = append(out, mk(org.OpDissolve, func(op *org.Operation) { op.Inputs = []string{id} }))
	}
	for _, r := range o.Reparent {
		if r.NewName != "" {
			out = append(out, mk(org.OpRename, func(op *org.Operation) { op.Inputs, op.NewName = []string{r.Unit}, r.NewName }))
		}
	}
	return out
}

// abolishDistricts: the communes' new Party committees, People's Councils
// and People's Committees are established; then, district by district, the
// district bodies end, their culture centres go to the commune of the
// district seat, and the district health centres become regional centres
// of the province.
func (t *translator) abolishDistricts(o srcOp, mk maker) ([]step, error) {
	var out []step
	ubndOf := map[string]string{}
	for _, c := range t.communes {
		kind := "xã"
		if c.Type == "phường" {
			kind = "phường"
		}
		short := strings.TrimPrefix(strings.TrimPrefix(c.Name, "Xã "), "Phường ")
		code := "c." + c.Code
		ubndOf[c.Name] = code + ".ubnd"
		units := []org.NewUnit{
			{Attrs: org.Attrs{Code: code + ".dangbo", Name: "Đảng bộ " + kind + " " + short, Kind: "party_committee", Pillar: org.PillarParty, Level: org.LevelCommune, ParentID: "p.tu", AreaCode: c.Code}},
			{Attrs: org.Attrs{Code: code + ".hdnd", Name: "Hội đồng nhân dân " + kind + " " + short, Kind: "peoples_council", Pillar: org.PillarState, Level: org.LevelCommune, AreaCode: c.Code}},
			{Attrs: org.Attrs{Code: code + ".ubnd", Name: "Ủy ban nhân dân " + kind + " " + short, Kind: "peoples_committee", Pillar: org.PillarState, Level: org.LevelCommune, AreaCode: c.Code}},
		}
		out = append(out, mk(org.OpEstablish, func(op *org.Operation) {
			op.Summary = "Thành lập các cơ quan của " + c.Name + " theo mô hình chính quyền địa phương hai cấp."
			for i := range units {
				op.Outputs = append(op.Outputs, org.Output{New: &units[i]})
			}
		}))
	}
	ends := map[string][]string{} // district → units
	var districts []string
	for _, id := range o.Ends {
		u, ok := t.units[id]
		if !ok || u.Type == "admin_unit" {
			continue // territories are the administrative-area register's
		}
		if _, seen := ends[u.AdminArea]; !seen {
			districts = append(districts, u.AdminArea)
		}
		ends[u.AdminArea] = append(ends[u.AdminArea], id)
	}
	for _, dist := range districts {
		seat, ok := ubndOf[seatCommune[dist]]
		if !ok {
			return nil, fmt.Errorf("no seat commune for %s", dist)
		}
		var moves []org.Move
		for _, u := range t.units {
			if u.AdminArea != dist || slices.Contains(o.Ends, u.ID) || u.Type == "admin_unit" || t.ended(u.ID) {
				continue
			}
			switch {
			case u.Parent == "s.yte":
				moves = append(moves, org.Move{Unit: u.ID, To: "s.yte", Level: org.LevelProvince})
			case strings.HasPrefix(u.Parent, "ubnd."):
				moves = append(moves, org.Move{Unit: u.ID, To: seat, Level: org.LevelCommune})
			}
		}
		slices.SortFunc(moves, func(a, b org.Move) int { return strings.Compare(a.Unit, b.Unit) })
		name := strings.TrimPrefix(t.names["ubnd."+strings.TrimPrefix(dist, "au.")], "Ủy ban nhân dân ")
		out = append(out, mk(org.OpDissolve, func(op *org.Operation) {
			op.Inputs, op.Moves = ends[dist], moves
			op.Summary = "Không tổ chức cấp huyện: kết thúc hoạt động các cơ quan của " + name + "; Trung tâm Văn hóa, Thể thao và Truyền thông chuyển về xã, phường nơi đặt trụ sở; Trung tâm Y tế trở thành trung tâm y tế khu vực thuộc Sở Y tế."
		}))
	}
	return out, nil
}

// ended reports whether an operation of the skeleton ends the unit.
func (t *translator) ended(id string) bool { return t.endedIDs[id] }

// Load records the demo in an empty register: the units, the decisions
// and every operation, each in its own transaction, drawing progress to w.
//
// With schemes, the 2025 merger of departments is applied through a scheme,
// the merger of the press bodies is left as an approved scheme to apply,
// and a draft for the Front is recorded; without, every operation is applied.
func Load(ctx context.Context, reg *org.Register, st *staff.Service, schemes *scheme.Service, by string, w io.Writer) (Plan, error) {
	p, err := Build()
	if err != nil {
		return p, err
	}
	bar := progress.New(w, "Nạp dữ liệu mẫu Lai Châu", len(p.Steps)+len(p.Decisions)+1)
	if err := reg.Seed(ctx, p.Seed, "Cơ cấu tổ chức trước năm 2025 (dữ liệu mẫu)", by); err != nil {
		return p, fmt.Errorf("demo units: %w", err)
	}
	bar.Add(1)
	ids := map[string]string{}
	keys := make([]string, 0, len(p.Decisions))
	for k := range p.Decisions {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d, err := reg.RecordDecision(ctx, p.Decisions[k], by)
		if err != nil {
			return p, fmt.Errorf("demo decision %s: %w", k, err)
		}
		ids[k] = d.ID
		bar.Add(1)
	}
	communes, err := loadCommunes()
	if err != nil {
		return p, err
	}
	if _, err := st.Record(ctx, p.people(communes), by); err != nil {
		return p, fmt.Errorf("demo people: %w", err)
	}
	if err := recordFunctions(ctx, reg, p.Functions, by); err != nil {
		return p, fmt.Errorf("demo functions: %w", err)
	}
	codes := make([]string, len(communes))
	for i, c := range communes {
		codes[i] = c.Code
	}
	ps := &placeState{heads: map[string]bool{}, deps: map[string]int{}}
	env := loadEnv{reg: reg, st: st, schemes: schemes, by: by, communes: codes, ps: ps}
	var group, press []step
	for _, s := range p.Steps {
		if inGroup(s, departmentOps) {
			s.op.DecisionID = ids[s.decision]
			group = append(group, s)
		}
	}
	for i, s := range p.Steps {
		s.op.DecisionID = ids[s.decision]
		if schemes != nil && inGroup(s, pressOps) {
			press = append(press, s)
			bar.Add(1)
			continue
		}
		if schemes != nil && inGroup(s, departmentOps) {
			continue // applied with its scheme, below
		}
		if schemes != nil && len(group) > 0 && !s.op.EffectiveDate.Before(group[0].op.EffectiveDate) {
			// The scheme goes first on its day, so that its impact is its own.
			for j := range group {
				if err := p.placements(ctx, reg, st.Store(), &group[j].op, codes, ps); err != nil {
					return p, fmt.Errorf("demo departments scheme placements: %w", err)
				}
			}
			if err := p.applyDepartments(ctx, env, group); err != nil {
				return p, fmt.Errorf("demo departments scheme: %w", err)
			}
			bar.Add(len(group))
			group = nil
		}
		if err := p.placements(ctx, reg, st.Store(), &s.op, codes, ps); err != nil {
			return p, fmt.Errorf("demo step %d placements: %w", i+1, err)
		}
		if _, err := reg.Apply(ctx, s.op, by); err != nil {
			return p, fmt.Errorf("demo step %d (%s, %s): %w", i+1, s.op.Kind, strings.Join(s.op.Inputs, ","), err)
		}
		bar.Add(1)
	}
	if err := p.afterReform(ctx, reg, st, by); err != nil {
		return p, fmt.Errorf("demo after the reform: %w", err)
	}
	if schemes != nil {
		if err := p.pressScheme(ctx, env, press); err != nil {
			return p, fmt.Errorf("demo press scheme: %w", err)
		}
		if err := p.frontDraft(ctx, env); err != nil {
			return p, fmt.Errorf("demo Front scheme: %w", err)
		}
		p.Pending, p.Schemes = len(press), 3
	}
	bar.Finish()
	return p, nil
}
