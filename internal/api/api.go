// Package api serves the register as JSON under /api/v1, described by the
// OpenAPI document at /api/v1/openapi.json. Errors are problem+json with a
// Vietnamese detail and the offending field.
package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"tinhgon/internal/auth"
	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
)

// API is the JSON API over a register.
type API struct {
	reg   *org.Register
	staff *staff.Service
	// functions is the catalogue of functions, when served (WithFunctions).
	functions *function.Service
	// schemes are the province's restructuring schemes, when served (WithSchemes).
	schemes *scheme.Service
	log     *slog.Logger
	// auth recognises callers; without it (WithAccounts not called) every
	// route is open, as in tests of the handlers alone.
	auth     *auth.Service
	auditLog AuditLog
	limiter  *auth.Limiter
	scopes   *scopes
	// secureCookies marks the session cookie Secure (WithInsecureCookies
	// turns it off for plain HTTP inside a closed network).
	secureCookies bool
}

// WithInsecureCookies lets the session cookie travel over plain HTTP.
func (a *API) WithInsecureCookies() *API {
	a.secureCookies = false
	return a
}

// WithAccounts makes every route but the OpenAPI document and the login
// ask for an account, and logs refusals and sensitive reads to log.
func (a *API) WithAccounts(s *auth.Service, log AuditLog) *API {
	a.auth, a.auditLog, a.secureCookies = s, log, true
	// Five tries at once per address and per name, then one every 12 s.
	a.limiter = auth.NewLimiter(5, 12*time.Second)
	return a
}

// New returns the API over a province's register and staffing.
func New(reg *org.Register, st *staff.Service, log *slog.Logger) *API {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &API{reg: reg, staff: st, log: log, scopes: &scopes{}}
}

// route is one endpoint; the table is also what the OpenAPI test checks.
type route struct {
	method, path string
	handle       http.HandlerFunc
}

func (a *API) routes() []route {
	return append([]route{
		{"GET", "/api/v1/openapi.json", a.openAPI},
		{"GET", "/api/v1/units", a.listUnits},
		{"GET", "/api/v1/units/{id}", a.getUnit},
		{"PATCH", "/api/v1/units/{id}", a.correctUnit},
		{"GET", "/api/v1/units/{id}/history", a.unitHistory},
		{"GET", "/api/v1/units/{id}/lineage", a.unitLineage},
		{"GET", "/api/v1/units/{id}/children", a.unitChildren},
		{"GET", "/api/v1/tree", a.tree},
		{"GET", "/api/v1/counts", a.counts},
		{"GET", "/api/v1/diff", a.diff},
		{"GET", "/api/v1/decisions", a.listDecisions},
		{"POST", "/api/v1/decisions", a.createDecision},
		{"GET", "/api/v1/decisions/{id}", a.getDecision},
		{"GET", "/api/v1/operations", a.listOperations},
		{"POST", "/api/v1/operations", a.createOperation},
		{"GET", "/api/v1/operations/{id}", a.getOperation},
		{"POST", "/api/v1/operations/{id}/revert", a.revertOperation},
		{"GET", "/api/v1/operation-kinds", a.operationKinds},
		{"GET", "/api/v1/reports/staffing", a.staffingReport},
		{"GET", "/api/v1/findings", a.findings},
		{"GET", "/api/v1/people", a.listPeople},
		{"POST", "/api/v1/people", a.createPerson},
		{"GET", "/api/v1/people/{id}", a.getPerson},
		{"PATCH", "/api/v1/people/{id}", a.changePerson},
		{"POST", "/api/v1/people/{id}/leave", a.personLeaves},
		{"POST", "/api/v1/assignments", a.createAssignment},
		{"POST", "/api/v1/quotas", a.createQuota},
		{"GET", "/api/v1/units/{id}/quotas", a.unitQuotas},
		{"GET", "/api/v1/units/{id}/staff", a.unitStaff},
		{"POST", "/api/v1/imports/staff", a.importStaff},
		{"GET", "/api/v1/imports/staff/template", a.staffTemplate},
	}, append(append(a.functionRoutes(), a.schemeRoutes()...), a.accountRoutes()...)...)
}

// Register adds the API's routes to mux.
func (a *API) Register(mux *http.ServeMux) {
	for _, rt := range a.routes() {
		mux.HandleFunc(rt.method+" "+rt.path, a.guard(rt))
	}
	// Anything else under /api/ is answered in problem+json: 405 with Allow
	// when the path exists for other methods, else 404.
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, rt := range a.routes() {
			if pathMatches(rt.path, r.URL.Path) {
				allow = append(allow, rt.method)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeProblem(w, Problem{Status: http.StatusMethodNotAllowed, Title: "Phương thức không được hỗ trợ",
				Detail: fmt.Sprintf("Địa chỉ %s không nhận phương thức %s; dùng %s.", r.URL.Path, r.Method, strings.Join(allow, ", "))})
			return
		}
		writeProblem(w, Problem{Status: http.StatusNotFound, Title: "Không tìm thấy", Detail: fmt.Sprintf("Không có địa chỉ %s %s trong API.", r.Method, r.URL.Path)})
	})
}

// pathMatches reports whether path fits a route pattern with {name} segments.
func pathMatches(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if !(strings.HasPrefix(ps[i], "{") && xs[i] != "") && ps[i] != xs[i] {
			return false
		}
	}
	return true
}

// maxBody bounds a request body; operations and decisions are small.
const maxBody = 1 << 20

// decode reads a JSON body strictly: unknown fields are refused by name.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		var big *http.MaxBytesError
		switch {
		case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
			off := int64(0)
			if syn != nil {
				off = syn.Offset
			}
			writeProblem(w, Problem{Status: http.StatusBadRequest, Title: "JSON không đọc được",
				Detail: fmt.Sprintf("Nội dung gửi lên không phải JSON hợp lệ (lỗi ở ký tự thứ %d).", off)})
		case errors.As(err, &typ):
			field := typ.Field
			if field == "" {
				field = "nội dung"
			}
			invalid(w, typ.Field, fmt.Sprintf("Trường %q là %s, cần %s.", field, jsonKind(typ.Value), goKind(typ.Type)))
		case errors.As(err, &big):
			writeProblem(w, Problem{Status: http.StatusRequestEntityTooLarge, Title: "Nội dung quá lớn", Detail: fmt.Sprintf("Nội dung vượt quá %d byte.", maxBody)})
		case errors.Is(err, io.EOF):
			invalid(w, "", "Thiếu nội dung JSON.")
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			invalid(w, f, fmt.Sprintf("Trường %q không được hỗ trợ.", f))
		default:
			invalid(w, "", "Nội dung không hợp lệ: "+err.Error())
		}
		return false
	}
	return true
}

// jsonKind names a JSON value kind in Vietnamese.
func jsonKind(v string) string {
	switch {
	case v == "string":
		return "chuỗi"
	case v == "number" || strings.HasPrefix(v, "number "):
		return "số"
	case v == "bool":
		return "giá trị đúng/sai"
	case v == "array":
		return "danh sách"
	case v == "object":
		return "đối tượng"
	}
	return v
}

// goKind names the kind of value a field needs, in Vietnamese.
func goKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "chuỗi"
	case reflect.Slice, reflect.Array:
		return "danh sách"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "đối tượng"
	case reflect.Bool:
		return "giá trị đúng/sai"
	default:
		return "số"
	}
}

// moment reads as_of (default today) and known_at (default now).
func moment(w http.ResponseWriter, r *http.Request) (org.Moment, bool) {
	m := org.Moment{AsOf: civil.Today()}
	if s := r.URL.Query().Get("as_of"); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			invalid(w, "as_of", "Ngày xem (as_of) «"+s+"» không hợp lệ, cần dạng YYYY-MM-DD.")
			return m, false
		}
		m.AsOf = d
	}
	t, ok := knownAt(w, r)
	m.KnownAt = t
	return m, ok
}

var vietnam = time.FixedZone("ICT", 7*3600)

// knownAt reads known_at as an RFC 3339 time, or a date meaning the end of
// that day in Vietnam.
func knownAt(w http.ResponseWriter, r *http.Request) (time.Time, bool) {
	s := r.URL.Query().Get("known_at")
	if s == "" {
		return time.Time{}, true
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	if d, err := civil.Parse(s); err == nil {
		y, mo, dd := d.Time().Date()
		return time.Date(y, mo, dd, 23, 59, 59, 999999000, vietnam), true
	}
	invalid(w, "known_at", "Thời điểm ghi nhận (known_at) «"+s+"» không hợp lệ, cần dạng YYYY-MM-DD hoặc RFC 3339.")
	return time.Time{}, false
}

// page reads limit (1..1000, default 50) and offset.
func page(w http.ResponseWriter, r *http.Request) (limit, offset int, ok bool) {
	limit, offset = 50, 0
	q := r.URL.Query()
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			invalid(w, "limit", "limit phải là số từ 1 đến 1000.")
			return 0, 0, false
		}
		limit = n
	}
	if s := q.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			invalid(w, "offset", "offset phải là số không âm.")
			return 0, 0, false
		}
		offset = n
	}
	return limit, offset, true
}

// List is the shape of every list answer.
type List[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func pageOf[T any](all []T, limit, offset int) List[T] {
	l := List[T]{Total: len(all), Limit: limit, Offset: offset, Items: []T{}}
	if offset < len(all) {
		end := min(offset+limit, len(all))
		l.Items = all[offset:end]
	}
	return l
}

// actor names who made a change: the account, or the caller's address
// when the API runs without accounts.
func actor(r *http.Request) string {
	if p, ok := auth.From(r.Context()); ok {
		return p.Name
	}
	return "api:" + r.RemoteAddr
}
