package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tinhgon/internal/auth"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// UnitView is a unit version as the API shows it, with Vietnamese labels
// and its parent named.
type UnitView struct {
	org.Unit
	KindLabel   string   `json:"kind_label"`
	LevelLabel  string   `json:"level_label"`
	PillarLabel string   `json:"pillar_label"`
	Parent      *org.Ref `json:"parent,omitempty"`
}

func view(u org.Unit, parents map[string]org.Unit) UnitView {
	v := UnitView{Unit: u, KindLabel: org.KindLabel(u.Kind), LevelLabel: org.LevelLabel(u.Level), PillarLabel: org.PillarLabel(u.Pillar)}
	if p, ok := parents[u.ParentID]; ok {
		v.Parent = &org.Ref{ID: p.ID, Code: p.Code, Name: p.Name}
	}
	return v
}

// views labels units and names their parents as of m.
func (a *API) views(r *http.Request, us []org.Unit, m org.Moment) ([]UnitView, error) {
	var ids []string
	seen := map[string]bool{}
	for _, u := range us {
		if u.ParentID != "" && !seen[u.ParentID] {
			seen[u.ParentID] = true
			ids = append(ids, u.ParentID)
		}
	}
	parents := map[string]org.Unit{}
	if len(ids) > 0 {
		ps, err := a.reg.Store().UnitsAt(r.Context(), ids, m)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			parents[p.ID] = p
		}
	}
	out := make([]UnitView, len(us))
	for i, u := range us {
		out[i] = view(u, parents)
	}
	return out, nil
}

func (a *API) listUnits(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := org.Filter{Kind: q.Get("kind"), Level: org.Level(q.Get("level")), Pillar: org.Pillar(q.Get("pillar"))}
	if f.Level != "" && !org.ValidLevel(f.Level) {
		invalid(w, "level", "Cấp «"+string(f.Level)+"» không hợp lệ (central, province, district, commune).")
		return
	}
	if f.Pillar != "" && !org.ValidPillar(f.Pillar) {
		invalid(w, "pillar", "Khối «"+string(f.Pillar)+"» không hợp lệ (party, state, front, public_service, enterprise).")
		return
	}
	if p := q.Get("parent"); p != "" {
		id, err := a.reg.Resolve(r.Context(), p)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		f.ParentID = id
	}
	us, err := a.reg.Search(r.Context(), q.Get("q"), f, m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if p, _ := auth.From(r.Context()); p.Scoped() {
		set, err := a.scopeUnits(r.Context(), p.Scope)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		us = slices.DeleteFunc(us, func(u org.Unit) bool { return !set[u.ID] })
	}
	pg := pageOf(us, limit, offset)
	items, err := a.views(r, pg.Items, m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, List[UnitView]{Items: items, Total: pg.Total, Limit: limit, Offset: offset})
}

func etag(versionID string) string { return `"` + versionID + `"` }

func (a *API) getUnit(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	u, err := a.reg.Get(r.Context(), r.PathValue("id"), m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeUnit(w, r, u, m)
}

// writeUnit answers one unit version, its parent named as of m, with the
// version as ETag for the next edit.
func (a *API) writeUnit(w http.ResponseWriter, r *http.Request, u org.Unit, m org.Moment) {
	vs, err := a.views(r, []org.Unit{u}, m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(u.VersionID))
	writeJSON(w, http.StatusOK, vs[0])
}

// correctionRequest is a PATCH of a unit: a correction of facts recorded
// wrongly. Changes in the world (a new name, a new parent) are operations.
type correctionRequest struct {
	Code      *string     `json:"code"`
	Name      *string     `json:"name"`
	ShortName *string     `json:"short_name"`
	Kind      *string     `json:"kind"`
	Pillar    *org.Pillar `json:"pillar"`
	Level     *org.Level  `json:"level"`
	AreaCode  *string     `json:"area_code"`
	Reason    string      `json:"reason"`
}

func (a *API) correctUnit(w http.ResponseWriter, r *http.Request) {
	var req correctionRequest
	if !decode(w, r, &req) {
		return
	}
	ifMatch := strings.Trim(strings.TrimPrefix(r.Header.Get("If-Match"), "W/"), `"`)
	c := org.Correction{Code: req.Code, Name: req.Name, ShortName: req.ShortName, Kind: req.Kind,
		Pillar: req.Pillar, Level: req.Level, AreaCode: req.AreaCode, Reason: req.Reason}
	u, err := a.reg.Correct(r.Context(), r.PathValue("id"), ifMatch, c, actor(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// The parent is named as of a day the corrected version covers.
	m := org.Moment{AsOf: civil.Today()}
	switch {
	case u.ValidAt(m.AsOf):
	case !u.ValidFrom.IsZero():
		m.AsOf = u.ValidFrom
	default:
		m.AsOf = u.ValidTo.AddDays(-1)
	}
	a.writeUnit(w, r, u, m)
}

func (a *API) unitHistory(w http.ResponseWriter, r *http.Request) {
	t, ok := knownAt(w, r)
	if !ok {
		return
	}
	h, err := a.reg.History(r.Context(), r.PathValue("id"), t)
	a.answer(w, r, h, err)
}

func (a *API) unitLineage(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	l, err := a.reg.Lineage(r.Context(), r.PathValue("id"), m)
	a.answer(w, r, l, err)
}

// depth reads the depth of a tree answer (1..10, default 1).
func depth(w http.ResponseWriter, r *http.Request) (int, bool) {
	s := r.URL.Query().Get("depth")
	if s == "" {
		return 1, true
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 10 {
		invalid(w, "depth", "depth phải là số từ 1 đến 10.")
		return 0, false
	}
	return d, true
}

func (a *API) unitChildren(w http.ResponseWriter, r *http.Request) {
	a.serveTree(w, r, r.PathValue("id"))
}

func (a *API) tree(w http.ResponseWriter, r *http.Request) {
	a.serveTree(w, r, r.URL.Query().Get("root"))
}

func (a *API) serveTree(w http.ResponseWriter, r *http.Request, root string) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	d, ok := depth(w, r)
	if !ok {
		return
	}
	t, err := a.reg.Tree(r.Context(), m, root, d)
	a.answer(w, r, t, err)
}

func (a *API) counts(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	c, err := a.reg.Counts(r.Context(), m)
	a.answer(w, r, c, err)
}

func (a *API) diff(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var dates [2]civil.Date
	for i, f := range []string{"from", "to"} {
		d, err := civil.Parse(q.Get(f))
		if err != nil {
			invalid(w, f, "Cần ngày «"+f+"» dạng YYYY-MM-DD, nhận «"+q.Get(f)+"».")
			return
		}
		dates[i] = d
	}
	t, ok := knownAt(w, r)
	if !ok {
		return
	}
	d, err := a.reg.Diff(r.Context(), dates[0], dates[1], t)
	a.answer(w, r, d, err)
}
