package staff

import (
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/retirement"
	"tinhgon/internal/vntext"
)

// Severity says how much a finding matters.
type Severity string

// The severities.
const (
	Violation Severity = "violation" // breaks a rule now
	Warning   Severity = "warning"   // allowed for a while, to be resolved by a deadline
	Info      Severity = "info"      // to know and plan for
)

// Finding is one result of checking the rules on a day: which unit or
// person, which rule, its legal source.
type Finding struct {
	Rule       string   `json:"rule"`
	Title      string   `json:"title"`
	Severity   Severity `json:"severity"`
	UnitID     string   `json:"unit_id,omitempty"`
	UnitName   string   `json:"unit_name,omitempty"`
	PersonID   string   `json:"person_id,omitempty"`
	PersonCode string   `json:"person_code,omitempty"`
	PersonName string   `json:"person_name,omitempty"`
	// Function is the code of the function a finding of the functions rule is about.
	Function string     `json:"function,omitempty"`
	Detail   string     `json:"detail"`
	Source   string     `json:"source"`
	Deadline civil.Date `json:"deadline"`
}

// Places tells whether a hometown lies in an administrative area.
type Places interface {
	Within(hometown, area string) (within, known bool)
}

// Context is what checking the rules needs besides the model and tallies.
type Context struct {
	// Units are the units alive on the day, with names and areas.
	Units      map[string]org.Unit
	Places     Places
	Retirement *retirement.Rules
	// HorizonMonths overrides the retirement rule's horizon when positive.
	HorizonMonths int
}

// Findings checks every rule on the tallies' day.
func (m *Model) Findings(t *Tallies, c Context) []Finding {
	var out []Finding
	name := func(id string) string { return c.Units[id].Name }
	d := toDay(t.AsOf, openFrom)

	// Deputies above the limit, with the deadline to resolve them.
	for i := range t.own {
		o := &t.own[i]
		if o.surplusDeps == 0 {
			continue
		}
		id := t.Nodes[i].ID
		f := Finding{Rule: t.limitID[i], Title: "Cấp phó vượt số lượng tối đa", Severity: Violation, UnitID: id, UnitName: name(id),
			Source: t.limit[i], Deadline: t.deadline[i],
			Detail: fmt.Sprintf("%s có %d cấp phó, tối đa %d: dôi dư %d cấp phó", name(id), o.deps, o.maxDeps, o.surplusDeps)}
		if !f.Deadline.IsZero() && !t.AsOf.After(f.Deadline) {
			f.Severity = Warning
			f.Detail += fmt.Sprintf(", phải giải quyết xong trước %s", f.Deadline.VN())
		}
		out = append(out, f)
	}

	// Headcount against quota.
	if q, ok := at(t.rules.Quota, t.AsOf); ok {
		for i := range t.own {
			if o := &t.own[i]; o.quotaSet && o.overQuota > 0 {
				id := t.Nodes[i].ID
				out = append(out, Finding{Rule: q.ID, Title: "Vượt biên chế được giao", Severity: Violation, UnitID: id, UnitName: name(id),
					Source: q.Source, Detail: fmt.Sprintf("%s có %d người, biên chế năm %d là %d; số người vượt biên chế ở các loại được giao: %d", name(id), o.headcount(), t.AsOf.Time().Year(), o.quota, o.overQuota)})
			}
		}
	}

	// Professional share in public service units.
	if p := t.prof; p.ID != "" {
		for i := range t.own {
			o := &t.own[i]
			if o.psuStaff == 0 || o.psuProf*100 >= o.psuStaff*int32(p.Percent) {
				continue
			}
			id := t.Nodes[i].ID
			out = append(out, Finding{Rule: p.ID, Title: fmt.Sprintf("Vị trí chuyên môn dưới %d%%", p.Percent), Severity: Violation, UnitID: id, UnitName: name(id),
				Source: p.Source, Detail: fmt.Sprintf("%s: %d/%d người ở vị trí chuyên môn, nghiệp vụ (%.1f%%)", name(id), o.psuProf, o.psuStaff, percent(o.psuProf, o.psuStaff))})
		}
	}

	// The budget cut, province-wide, once its deadline has passed or as progress.
	if cut := t.cut; cut.ID != "" {
		x := t.total()
		if x.cutBase > 0 && x.cutNow*100 > x.cutBase*int32(100-cut.Percent) {
			sev := Info
			if t.AsOf.After(cut.By) {
				sev = Violation
			}
			out = append(out, Finding{Rule: cut.ID, Title: fmt.Sprintf("Chưa giảm đủ %d%% biên chế hưởng lương ngân sách", cut.Percent), Severity: sev,
				Source: cut.Source, Deadline: cut.By,
				Detail: fmt.Sprintf("đã giảm %.1f%% (%d → %d người) so với ngày %s", percent(x.cutBase-x.cutNow, x.cutBase), x.cutBase, x.cutNow, t.Baseline.VN())})
		}
	}

	heads := m.headsAt(t, d)
	out = append(out, m.nonLocal(t, c, heads)...)
	out = append(out, m.secretaryChair(t, c, heads)...)
	out = append(out, m.onePrimary(t, d)...)
	out = append(out, m.retiring(t, c, d)...)
	return out
}

// headsAt lists, per node, the people heading it on d (concurrent posts included).
func (m *Model) headsAt(t *Tallies, d day) map[int32][]int32 {
	heads := map[int32][]int32{}
	for u, id := range m.units {
		i, ok := t.tree.index(id)
		if !ok {
			continue
		}
		for k := m.unitStart[u]; k < m.unitStart[u+1]; k++ {
			if a := &m.asgs[k]; a.post == pHead && a.at(d) {
				heads[i] = append(heads[i], a.person)
			}
		}
	}
	return heads
}

func (m *Model) nonLocal(t *Tallies, c Context, heads map[int32][]int32) []Finding {
	rule, ok := at(t.rules.NonLocal, t.AsOf)
	if !ok || c.Places == nil {
		return nil
	}
	var out []Finding
	d := toDay(t.AsOf, openFrom)
	for i, ps := range heads {
		node := t.Nodes[i]
		label, ok := rule.Post(node.Kind, node.Level)
		if !ok {
			continue
		}
		u := c.Units[node.ID]
		for _, pi := range ps {
			p := m.personAt(pi, d)
			if within, known := c.Places.Within(p.hometown, u.AreaCode); known && within {
				out = append(out, Finding{Rule: rule.ID, Title: "Chức danh phải bố trí người không phải người địa phương", Severity: Violation,
					UnitID: node.ID, UnitName: u.Name, PersonID: p.id, PersonCode: p.code, PersonName: p.name, Source: rule.Source,
					Detail: fmt.Sprintf("%s (%s) là người địa phương (quê quán %s)", p.name, label, p.hometown)})
			}
		}
	}
	return out
}

func (m *Model) secretaryChair(t *Tallies, c Context, heads map[int32][]int32) []Finding {
	rule, ok := at(t.rules.SecretaryChair, t.AsOf)
	if !ok {
		return nil
	}
	councils := map[string]int32{} // level|area → council node
	for i, n := range t.Nodes {
		if n.Kind == "peoples_council" {
			councils[string(n.Level)+"|"+c.Units[n.ID].AreaCode] = int32(i)
		}
	}
	var out []Finding
	d := toDay(t.AsOf, openFrom)
	for i, n := range t.Nodes {
		if n.Kind != "party_committee" || !slices.Contains(rule.Levels, n.Level) {
			continue
		}
		area := c.Units[n.ID].AreaCode
		ci, ok := councils[string(n.Level)+"|"+area]
		secs := heads[int32(i)]
		if !ok || area == "" || len(secs) == 0 {
			continue
		}
		chairs := heads[ci]
		for _, s := range secs {
			if slices.Contains(chairs, s) {
				continue
			}
			p := m.personAt(s, d)
			council := c.Units[t.Nodes[ci].ID]
			out = append(out, Finding{Rule: rule.ID, Title: "Bí thư không đồng thời là Chủ tịch HĐND", Severity: Warning,
				UnitID: n.ID, UnitName: c.Units[n.ID].Name, PersonID: p.id, PersonCode: p.code, PersonName: p.name, Source: rule.Source,
				Detail: fmt.Sprintf("%s, Bí thư %s, không giữ chức Chủ tịch %s", p.name, c.Units[n.ID].Name, council.Name)})
		}
	}
	return out
}

func (m *Model) onePrimary(t *Tallies, d day) []Finding {
	rule, ok := at(t.rules.OnePrimary, t.AsOf)
	if !ok {
		return nil
	}
	var out []Finding
	for pi, o := range m.personOrd {
		if o < 0 {
			continue
		}
		n := 0
		for _, k := range m.personAsg[m.personStart[o]:m.personStart[o+1]] {
			if a := &m.asgs[k]; a.flags&fPrimary != 0 && a.at(d) {
				n++
			}
		}
		if n > 1 {
			p := m.personAt(int32(pi), d)
			out = append(out, Finding{Rule: rule.ID, Title: "Có hơn một vị trí công tác chính", Severity: Violation,
				PersonID: p.id, PersonCode: p.code, PersonName: p.name, Source: rule.Source,
				Detail: fmt.Sprintf("%s có %d vị trí công tác chính cùng lúc", p.name, n)})
		}
	}
	return out
}

func (m *Model) retiring(t *Tallies, c Context, d day) []Finding {
	rule, ok := at(t.rules.Retirement, t.AsOf)
	if !ok || c.Retirement == nil {
		return nil
	}
	months := rule.HorizonMonths
	if c.HorizonMonths > 0 {
		months = c.HorizonMonths
	}
	until := civil.Of(t.AsOf.Time().AddDate(0, months, 0))
	var out []Finding
	for pi, o := range m.personOrd {
		if o < 0 {
			continue
		}
		unit := ""
		for _, k := range m.personAsg[m.personStart[o]:m.personStart[o+1]] {
			if a := &m.asgs[k]; a.flags&fPrimary != 0 && a.at(d) {
				unit = m.units[a.unit]
			}
		}
		if unit == "" {
			continue
		}
		p := m.personAt(int32(pi), d)
		if p.birth.IsZero() {
			continue
		}
		sex := retirement.Male
		if p.sex == Female {
			sex = retirement.Female
		}
		r, err := c.Retirement.Compute(sex, p.birth, false)
		if err != nil || r.LastDay.Before(t.AsOf) || r.LastDay.After(until) {
			continue
		}
		out = append(out, Finding{Rule: rule.ID, Title: "Đến tuổi nghỉ hưu", Severity: Info, UnitID: unit, UnitName: c.Units[unit].Name,
			PersonID: p.id, PersonCode: p.code, PersonName: p.name, Source: rule.Source, Deadline: r.LastDay,
			Detail: fmt.Sprintf("%s đủ tuổi nghỉ hưu ngày %s, hưởng lương hưu từ %s", p.name, r.LastDay.VN(), r.PensionStart.VN())})
	}
	return out
}

// SortFindings orders findings by severity, then unit and person names.
func SortFindings(fs []Finding) {
	rank := map[Severity]int{Violation: 0, Warning: 1, Info: 2}
	vntext.Sort(fs, func(f Finding) string { return f.UnitName + " " + f.PersonName }, func(a, b Finding) int {
		return strings.Compare(a.Rule, b.Rule)
	})
	slices.SortStableFunc(fs, func(a, b Finding) int { return rank[a.Severity] - rank[b.Severity] })
}

// OfRule keeps the findings of a rule: its id, or every rule whose id
// starts with it and a dash ("cap-pho" for cap-pho-so-45, cap-pho-187…).
func OfRule(fs []Finding, rule string) []Finding {
	if rule == "" {
		return fs
	}
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule || strings.HasPrefix(f.Rule, rule+"-") {
			out = append(out, f)
		}
	}
	return out
}
