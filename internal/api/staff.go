package api

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"tinhgon/internal/auth"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
	"tinhgon/internal/staffsheet"
)

// StaffingRow is a unit's line of the staffing report, with the unit named.
type StaffingRow struct {
	Unit UnitRef `json:"unit"`
	staff.Row
}

// UnitRef names a unit in an answer.
type UnitRef struct {
	ID    string    `json:"id"`
	Code  string    `json:"code"`
	Name  string    `json:"name"`
	Kind  string    `json:"kind"`
	Level org.Level `json:"level"`
}

// StaffingReport is the answer of GET /reports/staffing.
type StaffingReport struct {
	AsOf     civil.Date `json:"as_of"`
	KnownAt  *time.Time `json:"known_at"`
	Baseline civil.Date `json:"baseline"`
	Root     *UnitRef   `json:"root"`
	// Total is the report's total; the list's count is TotalItems, since
	// "total" is what a province reads as the sum of its units.
	Total      staff.Summary `json:"total"`
	Items      []StaffingRow `json:"items"`
	TotalItems int           `json:"total_items"`
	Limit      int           `json:"limit"`
	Offset     int           `json:"offset"`
}

func (a *API) staffingReport(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	var t *staff.Tallies
	var rootRef *UnitRef
	root := ""
	if ref := r.URL.Query().Get("root"); ref != "" {
		u, err := a.reg.Get(r.Context(), ref, m)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		root, rootRef = u.ID, &UnitRef{ID: u.ID, Code: u.Code, Name: u.Name, Kind: u.Kind, Level: u.Level}
		t, err = a.staff.TallyUnder(r.Context(), m, u.ID)
		if err != nil {
			a.fail(w, r, err)
			return
		}
	} else {
		var err error
		if t, _, err = a.staff.Tally(r.Context(), m); err != nil {
			a.fail(w, r, err)
			return
		}
	}
	rep := StaffingReport{AsOf: m.AsOf, Baseline: t.Baseline, Total: t.Total(), Root: rootRef}
	if !m.KnownAt.IsZero() {
		rep.KnownAt = &m.KnownAt
	}
	rows := t.Rows(root)
	if f := r.URL.Query().Get("format"); f != "" && f != "json" {
		a.staffingSheet(w, r, f, m, t.Baseline, rep.Total, rows)
		return
	}
	l := pageOf(rows, limit, offset)
	byID, err := a.unitsOf(r, l.Items, m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rep.TotalItems, rep.Limit, rep.Offset, rep.Items = l.Total, limit, offset, make([]StaffingRow, len(l.Items))
	for i, row := range l.Items {
		u := byID[row.UnitID]
		rep.Items[i] = StaffingRow{Unit: UnitRef{ID: u.ID, Code: u.Code, Name: u.Name, Kind: u.Kind, Level: u.Level}, Row: row}
	}
	a.answer(w, r, rep, nil)
}

// FindingList is the answer of GET /findings.
type FindingList struct {
	AsOf civil.Date `json:"as_of"`
	List[staff.Finding]
}

func (a *API) findings(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	horizon := 0
	if s := r.URL.Query().Get("horizon_months"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 120 {
			invalid(w, "horizon_months", "horizon_months phải là số tháng từ 1 đến 120.")
			return
		}
		horizon = n
	}
	fs, err := a.staff.Findings(r.Context(), m, horizon)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if a.functions != nil {
		ff, err := a.functions.Findings(r.Context(), m)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		fs = append(fs, ff...)
		staff.SortFindings(fs)
	}
	fs = staff.OfRule(fs, r.URL.Query().Get("rule"))
	if p, _ := auth.From(r.Context()); p.Scoped() {
		set, err := a.scopeUnits(r.Context(), p.Scope)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		fs = slices.DeleteFunc(fs, func(f staff.Finding) bool { return !set[f.UnitID] })
	}
	if fs == nil {
		fs = []staff.Finding{}
	}
	a.answer(w, r, FindingList{AsOf: m.AsOf, List: pageOf(fs, limit, offset)}, nil)
}

func (a *API) listPeople(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	f := staff.PeopleFilter{AsOf: m.AsOf, KnownAt: m.KnownAt, Query: r.URL.Query().Get("q"), Limit: limit, Offset: offset}
	units, err := a.scopeIDs(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if units != nil {
		f.Units = units
		if len(units) == 0 {
			f.Units = []string{""}
		}
	}
	if c := r.URL.Query().Get("category"); c != "" {
		cat, ok := staff.ParseCategory(c)
		if !ok {
			invalid(w, "category", "Loại «"+c+"» không hợp lệ.")
			return
		}
		f.Category = cat
	}
	ps, total, err := a.staff.Store().ListPeople(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if ps == nil {
		ps = []staff.Person{}
	}
	// Lists never carry sensitive data: a person's own page does, on request.
	out, err := redacted(List[staff.Person]{Items: ps, Total: total, Limit: limit, Offset: offset})
	a.answer(w, r, out, err)
}

// PersonView is a person with their versions and assignments.
type PersonView struct {
	staff.Person
	Versions    []staff.Person     `json:"versions"`
	Assignments []staff.Assignment `json:"assignments"`
}

func (a *API) getPerson(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	a.writePerson(w, r, r.PathValue("id"), m)
}

func (a *API) unitStaff(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	u, err := a.reg.Get(r.Context(), r.PathValue("id"), m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	as, err := a.staff.Store().AssignmentsIn(r.Context(), u.ID, m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if as == nil {
		as = []staff.Assignment{}
	}
	a.answer(w, r, List[staff.Assignment]{Items: as, Total: len(as), Limit: len(as)}, nil)
}

// staffingSheet answers the whole report as XLSX or CSV, as the province sends it upward.
func (a *API) staffingSheet(w http.ResponseWriter, r *http.Request, format string, m org.Moment, baseline civil.Date, total staff.Summary, rows []staff.Row) {
	if format != "xlsx" && format != "csv" {
		invalid(w, "format", "Định dạng «"+format+"» không được hỗ trợ; dùng json, xlsx hoặc csv.")
		return
	}
	rep, err := staffsheet.ReportOf(r.Context(), a.reg.Store(), m, baseline, total, rows)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	name := "bao-cao-bien-che-" + m.AsOf.String() + "." + format
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		if err := staffsheet.WriteReportCSV(w, rep); err != nil {
			a.log.Error("write report", "err", err)
		}
		return
	}
	w.Header().Set("Content-Type", xlsxType)
	if err := staffsheet.WriteReportXLSX(w, rep); err != nil {
		a.log.Error("write report", "err", err)
	}
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// maxImport bounds an uploaded file: a province's whole staff fits well within it.
const maxImport = 200 << 20

// importStaff records people, assignments and quotas from an XLSX or CSV
// file sent as multipart form field "file", or as the body with ?name=.
func (a *API) importStaff(w http.ResponseWriter, r *http.Request) {
	body, name, done, ok := uploaded(w, r)
	if !ok {
		return
	}
	defer done()
	n, err := staffsheet.Import(r.Context(), a.staff, name, body, actor(r), nil)
	a.answer(w, r, n, err)
}

func (a *API) staffTemplate(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", `attachment; filename="mau-nhap-nhan-su.xlsx"`)
	if err := staffsheet.WriteTemplate(w); err != nil {
		a.log.Error("write template", "err", err)
	}
}

func notFoundPerson(ref string) error {
	return fmt.Errorf("không tìm thấy người có mã «%s»: %w", ref, org.ErrNotFound)
}

// unitsOf reads the units a report's rows are about, by id.
func (a *API) unitsOf(r *http.Request, rows []staff.Row, m org.Moment) (map[string]org.Unit, error) {
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = row.UnitID
	}
	units, err := a.reg.Store().UnitsAt(r.Context(), ids, m)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]org.Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	return byID, nil
}
