package api

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/schemesheet"
)

// WithSchemes returns the API serving also the province's schemes.
func (a *API) WithSchemes(s *scheme.Service) *API {
	c := *a
	c.schemes = s
	return &c
}

func (a *API) schemeRoutes() []route {
	return []route{
		{"GET", "/api/v1/schemes", a.listSchemes},
		{"POST", "/api/v1/schemes", a.createScheme},
		{"GET", "/api/v1/schemes/compare", a.compareSchemes},
		{"GET", "/api/v1/schemes/{id}", a.getScheme},
		{"PUT", "/api/v1/schemes/{id}", a.updateScheme},
		{"POST", "/api/v1/schemes/{id}/check", a.checkScheme},
		{"GET", "/api/v1/schemes/{id}/impact", a.schemeImpact},
		{"GET", "/api/v1/schemes/{id}/preview", a.schemePreview},
		{"POST", "/api/v1/schemes/{id}/submit", a.schemeAction(scheme.Submit)},
		{"POST", "/api/v1/schemes/{id}/approve", a.schemeAction(scheme.Approve)},
		{"POST", "/api/v1/schemes/{id}/reject", a.schemeAction(scheme.Reject)},
		{"POST", "/api/v1/schemes/{id}/withdraw", a.schemeAction(scheme.Withdraw)},
		{"POST", "/api/v1/schemes/{id}/reopen", a.schemeAction(scheme.Reopen)},
		{"POST", "/api/v1/schemes/{id}/apply", a.schemeAction(scheme.Apply)},
		{"GET", "/api/v1/schemes/{id}/export", a.exportScheme},
		{"POST", "/api/v1/imports/schemes", a.importScheme},
		{"GET", "/api/v1/scheme-policies", a.schemePolicies},
	}
}

// SchemeSummary is a scheme in a list.
type SchemeSummary struct {
	ID            string        `json:"id"`
	Code          string        `json:"code"`
	Name          string        `json:"name"`
	Status        scheme.Status `json:"status"`
	StatusLabel   string        `json:"status_label"`
	BaseDate      civil.Date    `json:"base_date"`
	EffectiveDate civil.Date    `json:"effective_date"`
	Operations    int           `json:"operations"`
	Version       int           `json:"version"`
	UpdatedAt     time.Time     `json:"updated_at"`
	UpdatedBy     string        `json:"updated_by"`
}

// schemeRequest is a new scheme or a draft's new content.
type schemeRequest struct {
	Code          string             `json:"code"`
	Name          string             `json:"name"`
	LegalBasis    string             `json:"legal_basis"`
	BaseDate      civil.Date         `json:"base_date"`
	EffectiveDate civil.Date         `json:"effective_date"`
	Operations    []operationRequest `json:"operations"`
}

func (q schemeRequest) scheme(w http.ResponseWriter) (scheme.Scheme, bool) {
	sc := scheme.Scheme{Code: q.Code, Name: q.Name, LegalBasis: q.LegalBasis, BaseDate: q.BaseDate, EffectiveDate: q.EffectiveDate,
		Operations: make([]org.Operation, 0, len(q.Operations))}
	for i, o := range q.Operations {
		op, ok := o.operation(w, fmt.Sprintf("operations[%d].", i), false)
		if !ok {
			return sc, false
		}
		sc.Operations = append(sc.Operations, op)
	}
	return sc, true
}

// transitionRequest goes with a change of status: a note, and for an
// approval the approving decision.
type transitionRequest struct {
	Note     string           `json:"note"`
	Decision *decisionRequest `json:"decision"`
}

func (a *API) listSchemes(w http.ResponseWriter, r *http.Request) {
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	f := scheme.Filter{Status: scheme.Status(r.URL.Query().Get("status")), Query: r.URL.Query().Get("q"), Limit: limit, Offset: offset}
	if f.Status != "" && f.Status.Label() == string(f.Status) {
		invalid(w, "status", fmt.Sprintf("Trạng thái «%s» không có; dùng draft, submitted, approved, applied, rejected hoặc withdrawn.", f.Status))
		return
	}
	list, total, err := a.schemes.List(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := List[SchemeSummary]{Items: make([]SchemeSummary, 0, len(list)), Total: total, Limit: limit, Offset: offset}
	for _, sc := range list {
		out.Items = append(out.Items, SchemeSummary{ID: sc.ID, Code: sc.Code, Name: sc.Name, Status: sc.Status, StatusLabel: sc.Status.Label(),
			BaseDate: sc.Base(), EffectiveDate: sc.EffectiveDate, Operations: len(sc.Operations), Version: sc.Version,
			UpdatedAt: sc.UpdatedAt, UpdatedBy: sc.UpdatedBy})
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) createScheme(w http.ResponseWriter, r *http.Request) {
	var req schemeRequest
	if !decode(w, r, &req) {
		return
	}
	in, ok := req.scheme(w)
	if !ok {
		return
	}
	sc, err := a.schemes.Create(r.Context(), in, actor(r))
	if err == nil {
		w.Header().Set("ETag", schemeTag(sc))
	}
	a.created(w, r, "/api/v1/schemes/"+sc.ID, sc, err)
}

func schemeTag(sc scheme.Scheme) string { return `"` + strconv.Itoa(sc.Version) + `"` }

// ifMatchVersion reads the version an edit is based on from If-Match; ok
// is false when the header is absent (0) and required says so, or unreadable.
func ifMatchVersion(w http.ResponseWriter, r *http.Request, required bool) (int, bool) {
	h := strings.Trim(strings.TrimPrefix(strings.TrimSpace(r.Header.Get("If-Match")), "W/"), `"`)
	if h == "" {
		if required {
			writeProblem(w, Problem{Status: http.StatusPreconditionRequired, Title: "Thiếu phiên bản",
				Detail: "Cần gửi tiêu đề If-Match với ETag (phiên bản) của đề án đang sửa.", Field: "If-Match"})
			return 0, false
		}
		return 0, true
	}
	v, err := strconv.Atoi(h)
	if err != nil || v < 1 {
		invalid(w, "If-Match", fmt.Sprintf("If-Match «%s» không phải phiên bản của đề án (số nguyên dương).", h))
		return 0, false
	}
	return v, true
}

func (a *API) getScheme(w http.ResponseWriter, r *http.Request) {
	sc, err := a.schemes.Get(r.Context(), r.PathValue("id"))
	if err == nil {
		w.Header().Set("ETag", schemeTag(sc))
	}
	a.answer(w, r, sc, err)
}

func (a *API) updateScheme(w http.ResponseWriter, r *http.Request) {
	version, ok := ifMatchVersion(w, r, true)
	if !ok {
		return
	}
	var req schemeRequest
	if !decode(w, r, &req) {
		return
	}
	in, ok := req.scheme(w)
	if !ok {
		return
	}
	sc, err := a.schemes.Update(r.Context(), r.PathValue("id"), in, version, actor(r))
	if err == nil {
		w.Header().Set("ETag", schemeTag(sc))
	}
	a.answer(w, r, sc, err)
}

// schemeAction changes a scheme's status; If-Match, when sent, must name
// the current version.
func (a *API) schemeAction(action scheme.Action) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		version, ok := ifMatchVersion(w, r, false)
		if !ok {
			return
		}
		var req transitionRequest
		if r.ContentLength != 0 && !decode(w, r, &req) {
			return
		}
		c := scheme.Change{Action: action, Version: version, Note: req.Note}
		if req.Decision != nil {
			d, ok := req.Decision.decision(w, "decision.")
			if !ok {
				return
			}
			c.Decision = &d
		}
		sc, err := a.schemes.Transition(r.Context(), r.PathValue("id"), c, actor(r))
		if err == nil {
			w.Header().Set("ETag", schemeTag(sc))
		}
		a.answer(w, r, sc, err)
	}
}

// check runs a scheme's check, for the three answers that need it.
func (a *API) check(w http.ResponseWriter, r *http.Request) (*scheme.Result, bool) {
	sc, err := a.schemes.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return nil, false
	}
	res, err := a.schemes.Check(r.Context(), &sc)
	if err != nil {
		a.fail(w, r, err)
		return nil, false
	}
	return res, true
}

func (a *API) checkScheme(w http.ResponseWriter, r *http.Request) {
	if res, ok := a.check(w, r); ok {
		writeJSON(w, http.StatusOK, res)
	}
}

func (a *API) schemeImpact(w http.ResponseWriter, r *http.Request) {
	if res, ok := a.check(w, r); ok {
		writeJSON(w, http.StatusOK, res.Impact)
	}
}

func (a *API) schemePreview(w http.ResponseWriter, r *http.Request) {
	sc, err := a.schemes.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	pv, err := a.schemes.Preview(r.Context(), &sc)
	a.answer(w, r, pv, err)
}

func (a *API) compareSchemes(w http.ResponseWriter, r *http.Request) {
	var ids []string
	for _, id := range strings.Split(r.URL.Query().Get("ids"), ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) < 2 {
		invalid(w, "ids", "Cần ít nhất hai đề án để so sánh: ids=mã1,mã2.")
		return
	}
	if len(ids) > 10 {
		invalid(w, "ids", "So sánh được tối đa 10 đề án một lần.")
		return
	}
	c, err := a.schemes.Compare(r.Context(), ids)
	a.answer(w, r, c, err)
}

func (a *API) schemePolicies(w http.ResponseWriter, r *http.Request) {
	ps := scheme.Policies()
	writeJSON(w, http.StatusOK, List[scheme.Policy]{Items: ps, Total: len(ps), Limit: len(ps)})
}

// exportScheme answers the scheme as the workbook the province sends
// upward: its operations, the impact tables, the check and the tree.
func (a *API) exportScheme(w http.ResponseWriter, r *http.Request) {
	sc, err := a.schemes.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	res, pv, err := a.schemes.CheckAndPreview(r.Context(), &sc)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// Written to memory first: a failure must answer a problem, not half a file.
	var buf bytes.Buffer
	if err := schemesheet.Write(&buf, sc, res, pv); err != nil {
		a.fail(w, r, err)
		return
	}
	name := "de-an-" + sc.ID + ".xlsx"
	if sc.Code != "" {
		name = "de-an-" + sc.Code + ".xlsx"
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if _, err := w.Write(buf.Bytes()); err != nil {
		a.log.DebugContext(r.Context(), "write scheme workbook", "err", err)
	}
}

// importScheme records a draft from a workbook laid out as the export.
func (a *API) importScheme(w http.ResponseWriter, r *http.Request) {
	body, name, done, ok := uploaded(w, r)
	if !ok {
		return
	}
	defer done()
	in, err := schemesheet.Read(body, name)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	sc, err := a.schemes.Create(r.Context(), in, actor(r))
	if err == nil {
		w.Header().Set("ETag", schemeTag(sc))
	}
	a.created(w, r, "/api/v1/schemes/"+sc.ID, sc, err)
}
