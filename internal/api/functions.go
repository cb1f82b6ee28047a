package api

import (
	"fmt"
	"net/http"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/functionsheet"
	"tinhgon/internal/org"
)

// WithFunctions returns the API serving also the province's catalogue of
// functions, and its one-lead findings among GET /findings.
func (a *API) WithFunctions(f *function.Service) *API {
	c := *a
	c.functions = f
	return &c
}

func (a *API) functionRoutes() []route {
	return []route{
		{"GET", "/api/v1/functions", a.listFunctions},
		{"POST", "/api/v1/functions", a.createFunction},
		{"GET", "/api/v1/functions/{id}", a.getFunction},
		{"POST", "/api/v1/function-assignments", a.createFunctionAssignment},
		{"GET", "/api/v1/units/{id}/functions", a.unitFunctions},
		{"POST", "/api/v1/imports/functions", a.importFunctions},
		{"GET", "/api/v1/imports/functions/template", a.functionTemplate},
	}
}

func (a *API) listFunctions(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := function.Filter{Query: q.Get("q"), Field: q.Get("field")}
	if ref := q.Get("unit"); ref != "" {
		id, err := a.reg.Resolve(r.Context(), ref)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		f.UnitID = id
	}
	vs, err := a.functions.List(r.Context(), m, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.answer(w, r, pageOf(vs, limit, offset), nil)
}

func (a *API) getFunction(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	d, err := a.functions.Get(r.Context(), r.PathValue("id"), m)
	a.answer(w, r, d, err)
}

// functionRequest is the body of POST /functions.
type functionRequest struct {
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Field       string     `json:"field"`
	Description string     `json:"description"`
	ValidFrom   civil.Date `json:"valid_from"`
	ValidTo     civil.Date `json:"valid_to"`
}

func (a *API) createFunction(w http.ResponseWriter, r *http.Request) {
	var req functionRequest
	if !decode(w, r, &req) {
		return
	}
	f := function.Function{Code: req.Code, Name: req.Name, Field: req.Field, Description: req.Description,
		ValidFrom: req.ValidFrom, ValidTo: req.ValidTo}
	n, err := a.functions.Record(r.Context(), function.Batch{Functions: []function.NewFunction{{At: functionField("code"), Function: f}}}, actor(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	id := n.FunctionIDs[0]
	d, err := a.functions.Get(r.Context(), id, org.Moment{AsOf: civil.Today()})
	a.created(w, r, "/api/v1/functions/"+id, d, err)
}

// functionAssignmentRequest is the body of POST /function-assignments.
type functionAssignmentRequest struct {
	Function  string        `json:"function"`
	Unit      string        `json:"unit"`
	Role      function.Role `json:"role"`
	ValidFrom civil.Date    `json:"valid_from"`
	ValidTo   civil.Date    `json:"valid_to"`
	Decision  *decisionRef  `json:"decision"`
	Note      string        `json:"note"`
}

func (a *API) createFunctionAssignment(w http.ResponseWriter, r *http.Request) {
	var req functionAssignmentRequest
	if !decode(w, r, &req) {
		return
	}
	na := function.NewAssignment{At: functionField("function"), FunctionRef: req.Function, UnitRef: req.Unit,
		Assignment: function.Assignment{Role: req.Role, ValidFrom: req.ValidFrom, ValidTo: req.ValidTo, Note: req.Note}}
	if req.Decision != nil {
		na.Decision = org.Decision{Number: req.Decision.Number, Issuer: req.Decision.Issuer, SignedDate: req.Decision.SignedDate}
	}
	n, err := a.functions.Record(r.Context(), function.Batch{Assignments: []function.NewAssignment{na}}, actor(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	fs, err := a.functions.Store().FunctionVersions(r.Context(), req.Function, time.Time{})
	if err == nil && len(fs) == 0 {
		err = fmt.Errorf("không tìm thấy chức năng, nhiệm vụ «%s»: %w", req.Function, org.ErrNotFound)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	as, err := a.functions.Store().FunctionAssignments(r.Context(), fs[0].ID, time.Time{})
	var made function.Assignment
	for _, x := range as {
		if x.ID == n.AssignmentIDs[0] {
			made = x
		}
	}
	a.created(w, r, "/api/v1/functions/"+fs[0].ID, made, err)
}

// functionField names, for a request, the JSON field behind each field
// the catalogue's checks name in Vietnamese; code is the JSON name of the
// function's code in the request.
func functionField(code string) function.At {
	return func(field string) string {
		if f, ok := map[string]string{
			function.FieldCode: code, function.FieldName: "name", function.FieldField: "field", function.FieldFrom: "valid_from",
			function.FieldTo: "valid_to", function.FieldUnit: "unit", function.FieldRole: "role",
			function.FieldDecisionNo: "decision.number", function.FieldIssuer: "decision.issuer",
		}[field]; ok {
			return f
		}
		return field
	}
}

func (a *API) unitFunctions(w http.ResponseWriter, r *http.Request) {
	m, ok := moment(w, r)
	if !ok {
		return
	}
	u, err := a.reg.Get(r.Context(), r.PathValue("id"), m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	fs, err := a.functions.OfUnit(r.Context(), u.ID, m)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.answer(w, r, List[function.UnitFunction]{Items: fs, Total: len(fs), Limit: len(fs)}, nil)
}

// importFunctions records the catalogue and its assignments from an XLSX
// or CSV file sent as multipart form field "file", or as the body with ?name=.
func (a *API) importFunctions(w http.ResponseWriter, r *http.Request) {
	body, name, done, ok := uploaded(w, r)
	if !ok {
		return
	}
	defer done()
	n, err := functionsheet.Import(r.Context(), a.functions, name, body, actor(r))
	a.answer(w, r, n, err)
}

func (a *API) functionTemplate(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", `attachment; filename="mau-nhap-chuc-nang.xlsx"`)
	if err := functionsheet.WriteTemplate(w); err != nil {
		a.log.Error("write template", "err", err)
	}
}
