package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"tinhgon/internal/api"
	"tinhgon/internal/storetest"
)

// specDoc loads the API's OpenAPI document and validates it as a document.
func specDoc(t *testing.T) *openapi3.T {
	t.Helper()
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI())
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi.json is OpenAPI %s, want 3.1", doc.OpenAPI)
	}
	return doc
}

// conformance sends requests to a live server and checks each answer
// against the document.
type conformance struct {
	t      *testing.T
	srv    *httptest.Server
	router routers.Router
	// covered records the documented operations exercised, as "METHOD /path".
	covered map[string]bool
}

// exchange is one request and the status it must be answered with.
type exchange struct {
	method, target, body string
	header               map[string]string
	status               int
	// docRefuses says the document itself refuses the request (a missing
	// required header, a value outside an enum, broken JSON): the document
	// must refuse it as the server does. Otherwise the request must conform.
	docRefuses bool
}

type answer struct {
	header http.Header
	body   []byte
}

func (a answer) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(a.body, &m); err != nil {
		t.Fatalf("answer is not a JSON object: %v: %.300s", err, a.body)
	}
	return m
}

// do sends x, checks its status, then validates the request and the answer
// (status, headers, body) against the document.
func (c *conformance) do(x exchange) answer {
	t := c.t
	t.Helper()
	ctx := context.Background()
	what := x.method + " " + x.target
	req, err := http.NewRequest(x.method, c.srv.URL+x.target, strings.NewReader(x.body))
	if err != nil {
		t.Fatal(err)
	}
	if x.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range x.header {
		req.Header.Set(k, v)
	}
	res, err := c.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != x.status {
		t.Errorf("%s: status %d, want %d: %.400s", what, res.StatusCode, x.status, body)
	}

	// A copy of the request, its body readable again, for the validator.
	vreq := req.Clone(ctx)
	vreq.Body = io.NopCloser(strings.NewReader(x.body))
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		t.Errorf("%s: the document has no operation for it: %v", what, err)
		return answer{header: res.Header, body: body}
	}
	c.covered[route.Method+" "+route.Path] = true
	in := &openapi3filter.RequestValidationInput{
		Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	switch err := openapi3filter.ValidateRequest(ctx, in); {
	case err != nil && !x.docRefuses:
		t.Errorf("%s: the document refuses this request, which the test means to conform:\n  - %s", what, strings.Join(reasons(err), "\n  - "))
	case err == nil && x.docRefuses:
		t.Errorf("%s: the document accepts this request, which the server refuses with %d", what, res.StatusCode)
	}

	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 res.StatusCode,
		Header:                 res.Header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("%s: the answer (%d %s) disagrees with openapi.json:\n  - %s\n  body: %.300s",
			what, res.StatusCode, res.Header.Get("Content-Type"), strings.Join(reasons(err), "\n  - "), body)
	}
	return answer{header: res.Header, body: body}
}

// reasons flattens a validation error into one short line per mismatch:
// where in the answer (a JSON pointer or a header) and why.
func reasons(err error) []string {
	var out []string
	var walk func(prefix string, err error)
	walk = func(prefix string, err error) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, sub := range e {
				walk(prefix, sub)
			}
		case *openapi3filter.ResponseError:
			if e.Err == nil {
				out = append(out, prefix+e.Reason)
				return
			}
			walk(prefix+e.Reason+": ", e.Err)
		case *openapi3filter.RequestError:
			where := e.Reason
			if e.Parameter != nil {
				where = "parameter " + e.Parameter.Name + " in " + e.Parameter.In
			}
			if e.Err == nil {
				out = append(out, prefix+where)
				return
			}
			walk(prefix+where+": ", e.Err)
		case *openapi3.SchemaError:
			var inner openapi3.MultiError
			if errors.As(e.Origin, &inner) {
				walk(prefix, inner)
				return
			}
			v, _ := json.Marshal(e.Value)
			if len(v) > 80 {
				v = append(v[:77], "..."...)
			}
			out = append(out, fmt.Sprintf("%sat /%s: %s (value %s)", prefix, strings.Join(e.JSONPointer(), "/"), e.Reason, v))
		default:
			out = append(out, prefix+strings.ReplaceAll(err.Error(), "\n", " "))
		}
	}
	walk("", err)
	slices.Sort(out)
	out = slices.Compact(out)
	if n := len(out); n > 12 {
		out = append(out[:12], fmt.Sprintf("(and %d more)", n-12))
	}
	return out
}

// firstID is the id of the first item of a list answer.
func firstID(t *testing.T, a answer) string {
	t.Helper()
	items, _ := a.object(t)["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("empty list: %.300s", a.body)
	}
	id, _ := items[0].(map[string]any)["id"].(string)
	if id == "" {
		t.Fatalf("first item has no id: %.300s", a.body)
	}
	return id
}

// TestOpenAPIConformance answers a representative request per route from a
// live server with the demo data, on every engine, and checks every answer
// (status, headers and body) against openapi.json.
func TestOpenAPIConformance(t *testing.T) {
	// Spreadsheets are opaque to the validator: it checks only that one is sent.
	openapi3filter.RegisterBodyDecoder("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/csv", openapi3filter.FileBodyDecoder)
	doc := specDoc(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		c := &conformance{t: t, srv: demoServer(t, fresh(t)), router: router, covered: map[string]bool{}}
		get := func(target string, status int) answer {
			t.Helper()
			return c.do(exchange{method: "GET", target: target, status: status})
		}

		// The document served is the one embedded.
		if a := get("/api/v1/openapi.json", 200); !bytes.Equal(a.body, api.OpenAPI()) {
			t.Errorf("GET /api/v1/openapi.json does not serve the embedded document")
		}

		// Units.
		khdt := firstID(t, get("/api/v1/units?q=so%20ke%20hoach&as_of=2025-01-01", 200))
		get("/api/v1/units?level=province&pillar=state&parent=st.ubnd&as_of=2025-01-01&limit=5&offset=2", 200)
		get("/api/v1/units?kind=specialized_agency&known_at=2025-01-01", 200)
		get("/api/v1/units?known_at="+url.QueryEscape("2030-01-01T00:00:00+07:00"), 200)
		get("/api/v1/units?q=khong-co-don-vi-nao", 200)
		get("/api/v1/units/"+khdt+"?as_of=2025-01-01", 200)
		get("/api/v1/units/st.ubnd", 200)
		get("/api/v1/units/"+khdt+"/history", 200)
		get("/api/v1/units/"+khdt+"/lineage?as_of=2025-06-01", 200)
		get("/api/v1/units/s.khdt/lineage?as_of=2025-02-01", 200)
		get("/api/v1/units/st.ubnd/children?as_of=2025-01-01&depth=2", 200)

		// Tree, counts, diff.
		get("/api/v1/tree?as_of=2025-01-01", 200)
		get("/api/v1/tree?as_of=2025-07-01&root=st.ubnd&depth=3", 200)
		get("/api/v1/counts?as_of=2025-07-01", 200)
		get("/api/v1/counts", 200)
		get("/api/v1/diff?from=2025-01-01&to=2025-07-01", 200)

		// Decisions and operations as recorded by the demo.
		decID := firstID(t, get("/api/v1/decisions?limit=3", 200))
		get("/api/v1/decisions/"+decID, 200)
		get("/api/v1/decisions?offset=100000", 200)
		opID := firstID(t, get("/api/v1/operations?limit=1000", 200))
		get("/api/v1/operations?kind=merge&from=2025-03-01&to=2025-07-01&unit=s.khdt", 200)
		get("/api/v1/operations/"+opID, 200)
		get("/api/v1/operation-kinds", 200)

		// Staffing.
		get("/api/v1/reports/staffing?as_of=2025-06-01&limit=5", 200)
		get("/api/v1/reports/staffing?as_of=2025-07-01&root=st.ubnd&limit=3&offset=1", 200)
		get("/api/v1/reports/staffing?as_of=2025-06-01&root=khong-co", 404)
		get("/api/v1/findings?as_of=2025-06-01&limit=20", 200)
		get("/api/v1/findings?as_of=2025-07-15&rule=cap-pho&horizon_months=24", 200)
		c.do(exchange{method: "GET", target: "/api/v1/findings?horizon_months=0", status: 422, docRefuses: true})
		get("/api/v1/people?q=nguyen&as_of=2025-06-01&limit=3", 200)
		get("/api/v1/people?category=vien_chuc&limit=2", 200)
		c.do(exchange{method: "GET", target: "/api/v1/people?category=khong-co", status: 422, docRefuses: true})
		get("/api/v1/people/LC00001", 200)
		get("/api/v1/people/khong-co", 404)
		get("/api/v1/units/s2.noivu/staff?as_of=2025-06-01", 200)
		get("/api/v1/units/khong-co/staff", 404)
		get("/api/v1/reports/staffing?as_of=2025-06-01&format=xlsx", 200)
		get("/api/v1/reports/staffing?as_of=2025-07-01&format=csv&root=st.ubnd", 200)
		c.do(exchange{method: "GET", target: "/api/v1/reports/staffing?format=pdf", status: 422, docRefuses: true})
		get("/api/v1/imports/staff/template", 200)
		c.do(exchange{method: "POST", target: "/api/v1/people", status: 201,
			body: `{"code":"LCN01","name":"Hoàng Thị Lan","sex":"nu","birth_date":"1990-04-02","category":"cong_chuc","hometown":"03388","coefficient":3.00}`})
		c.do(exchange{method: "POST", target: "/api/v1/people", status: 422,
			body: `{"code":"LCN01","name":"Hoàng Thị Lan","sex":"nu","birth_date":"1990-04-02","category":"cong_chuc"}`})
		c.do(exchange{method: "POST", target: "/api/v1/assignments", status: 201,
			body: `{"person":"LCN01","unit":"s2.noivu","post":"staff","position":"professional","funding":"budget","primary":true,"valid_from":"2025-08-01"}`})
		c.do(exchange{method: "POST", target: "/api/v1/assignments", status: 201,
			body: `{"person":"LCN01","unit":"s2.taichinh","post":"staff","primary":true,"valid_from":"2025-10-01","ends_previous":true}`})
		c.do(exchange{method: "POST", target: "/api/v1/assignments", status: 422,
			body: `{"person":"LCN01","unit":"s2.noivu","post":"staff","primary":true,"valid_from":"2025-11-01"}`})
		c.do(exchange{method: "POST", target: "/api/v1/people/LCN01/leave", status: 200, body: `{"date":"2026-01-01","note":"nghỉ theo Nghị định 178/2024/NĐ-CP"}`})
		c.do(exchange{method: "POST", target: "/api/v1/people/LCN01/leave", status: 422, body: `{"date":"2026-02-01"}`})
		c.do(exchange{method: "POST", target: "/api/v1/quotas", status: 201,
			body: `{"unit":"s2.noivu","year":2026,"category":"cong_chuc","count":45,"decision":{"number":"77/QĐ-UBND","issuer":"Ủy ban nhân dân tỉnh Lai Châu","signed_date":"2025-12-20"}}`})
		get("/api/v1/units/s2.noivu/quotas", 200)
		person := get("/api/v1/people/LC00002", 200)
		ptag := person.header.Get("ETag")
		change := `{"valid_from":"2025-10-01","salary_step":6,"coefficient":4.65}`
		c.do(exchange{method: "PATCH", target: "/api/v1/people/LC00002", body: change, status: 428, docRefuses: true})
		changed := c.do(exchange{method: "PATCH", target: "/api/v1/people/LC00002", body: change, status: 200, header: map[string]string{"If-Match": ptag}})
		if vs, _ := changed.object(t)["versions"].([]any); len(vs) != 2 {
			t.Errorf("a change from a day makes a second version: %s", changed.body)
		}
		c.do(exchange{method: "PATCH", target: "/api/v1/people/LC00002", body: change, status: 412, header: map[string]string{"If-Match": ptag}})
		c.do(exchange{method: "PATCH", target: "/api/v1/people/LC00002", body: `{"valid_from":"2025-09-01","grade":"01.002"}`, status: 422, header: map[string]string{"If-Match": "*"}})
		get("/api/v1/people/LC00002?as_of=2025-09-30&known_at=2025-08-01", 404) // not yet recorded then
		get("/api/v1/units/khong-co/quotas", 404)
		xlsx := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		c.do(exchange{method: "POST", target: "/api/v1/imports/staff?name=nhap.xlsx", status: 422, header: map[string]string{"Content-Type": xlsx},
			body: string(workbook(t, map[string][][]any{"Người": {{"LCX01", "Lê Văn B", "Nam", "30/02/1980", "", "Công chức"}}}))})
		c.do(exchange{method: "POST", target: "/api/v1/imports/staff?name=nguoi.csv", status: 200, header: map[string]string{"Content-Type": "text/csv"},
			body: "Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Loại\nLCX02,Lê Thị C,Nữ,02/03/1985,Viên chức\n"})

		// The catalogue of functions.
		get("/api/v1/functions?as_of=2025-07-15&limit=5", 200)
		get("/api/v1/functions?as_of=2025-01-01&q=ngan%20sach&field=T%C3%A0i%20ch%C3%ADnh&unit=s.taichinh", 200)
		get("/api/v1/functions?unit=khong-co", 404)
		c.do(exchange{method: "POST", target: "/api/v1/functions", status: 201,
			body: `{"code":"thu.chucnang","name":"Chức năng thử","field":"Thử nghiệm","description":"Dùng cho kiểm thử","valid_from":"2025-08-01"}`})
		c.do(exchange{method: "POST", target: "/api/v1/functions", status: 422, body: `{"code":"thu.chucnang","name":"Trùng mã","field":"Thử nghiệm"}`})
		get("/api/v1/functions/thu.chucnang?as_of=2025-08-01", 200)
		get("/api/v1/functions/khong-co", 404)
		c.do(exchange{method: "POST", target: "/api/v1/function-assignments", status: 201,
			body: `{"function":"thu.chucnang","unit":"s2.noivu","role":"lead","valid_from":"2025-08-01","decision":{"number":"5/QĐ-UBND","issuer":"Ủy ban nhân dân tỉnh Lai Châu","signed_date":"2025-07-25"}}`})
		c.do(exchange{method: "POST", target: "/api/v1/function-assignments", status: 422,
			body: `{"function":"thu.chucnang","unit":"s.khdt","role":"coordinate","valid_from":"2025-08-01"}`})
		c.do(exchange{method: "POST", target: "/api/v1/function-assignments", status: 422,
			body: `{"function":"thu.chucnang","unit":"s2.noivu","role":"giam-sat","valid_from":"2025-08-01"}`})
		c.do(exchange{method: "POST", target: "/api/v1/function-assignments", status: 201,
			body: `{"function":"thu.chucnang","unit":"s2.taichinh","role":"phối hợp","valid_from":"2025-08-01","decision":{"number":"5/QĐ-UBND","issuer":"Ủy ban nhân dân tỉnh Lai Châu","signed_date":"2025-07-25"}}`})
		get("/api/v1/units/s2.noivu/functions?as_of=2025-08-01", 200)
		get("/api/v1/units/khong-co/functions", 404)
		get("/api/v1/imports/functions/template", 200)
		c.do(exchange{method: "POST", target: "/api/v1/imports/functions?name=chuc-nang.csv", status: 200, header: map[string]string{"Content-Type": "text/csv"},
			body: "Mã chức năng,Tên chức năng,Lĩnh vực\nthu.csv,Chức năng nhập từ CSV,Thử nghiệm\n"})
		c.do(exchange{method: "POST", target: "/api/v1/imports/functions?name=giao.csv", status: 422, header: map[string]string{"Content-Type": "text/csv"},
			body: "Mã chức năng,Mã đơn vị,Vai trò,Từ ngày\nthu.csv,khong-co,Chủ trì,01/08/2025\n"})
		get("/api/v1/findings?as_of=2025-07-15&rule=mot-viec-mot-chu-tri", 200)

		// Schemes: a draft absorbing the Sở Ngoại vụ, edited, checked, approved and applied.
		var head string
		for _, it := range get("/api/v1/units/s.ngoaivu/staff?as_of=2025-12-31", 200).object(t)["items"].([]any) {
			if a := it.(map[string]any); a["post"] == "head" && a["primary"] == true {
				head, _ = a["person_id"].(string)
			}
		}
		draft := `{"code":"da-thu","name":"Đề án thử sáp nhập Sở Ngoại vụ","legal_basis":"Kết luận 121-KL/TW","effective_date":"2026-01-01",
			"operations":[{"kind":"absorb","inputs":["s.ngoaivu"],"outputs":["s.vpubnd"],
			"placements":[{"person":"` + head + `","to":"s.vpubnd","post":"deputy","surplus":true}]}]}`
		made := c.do(exchange{method: "POST", target: "/api/v1/schemes", status: 201, body: draft})
		schemeID, _ := made.object(t)["id"].(string)
		if loc := made.header.Get("Location"); loc != "/api/v1/schemes/"+schemeID {
			t.Errorf("Location %q does not name scheme %q", loc, schemeID)
		}
		v1 := made.header.Get("ETag")
		c.do(exchange{method: "POST", target: "/api/v1/schemes", status: 422, body: draft})
		get("/api/v1/schemes?status=draft&q=so%20ngoai%20vu", 200)
		c.do(exchange{method: "GET", target: "/api/v1/schemes?status=khac", status: 422, docRefuses: true})
		get("/api/v1/schemes/"+schemeID, 200)
		get("/api/v1/schemes/da-thu", 200)
		get("/api/v1/schemes/khong-co", 404)
		edited := strings.Replace(draft, `"legal_basis"`, `"base_date":"2025-12-31","legal_basis"`, 1)
		c.do(exchange{method: "PUT", target: "/api/v1/schemes/da-thu", status: 428, docRefuses: true, body: edited})
		v2 := c.do(exchange{method: "PUT", target: "/api/v1/schemes/da-thu", status: 200, body: edited, header: map[string]string{"If-Match": v1}}).header.Get("ETag")
		c.do(exchange{method: "PUT", target: "/api/v1/schemes/da-thu", status: 412, body: edited, header: map[string]string{"If-Match": v1}})
		checked := c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu/check", status: 200}).object(t)
		if units := checked["impact"].(map[string]any)["units"].(map[string]any); units["change"] != float64(-1) {
			t.Errorf("absorbing one department: units %v", units)
		}
		get("/api/v1/schemes/da-thu/impact", 200)
		get("/api/v1/schemes/da-thu/preview", 200)
		get("/api/v1/schemes/khong-co/impact", 404)
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu/apply", status: 422})
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu/submit", status: 412, header: map[string]string{"If-Match": v1}})
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu/submit", status: 200, header: map[string]string{"If-Match": v2}})
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu/approve", status: 422, body: `{"note":"thiếu quyết định"}`})
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu/approve", status: 200,
			body: `{"decision":{"number":"15/QĐ-UBND","issuer":"Ủy ban nhân dân tỉnh Lai Châu","signed_date":"2025-12-15"}}`})
		second := strings.Replace(strings.Replace(draft, `"da-thu"`, `"da-thu-2"`, 1), `"surplus":true`, `"surplus":false`, 1)
		c.do(exchange{method: "POST", target: "/api/v1/schemes", status: 201, body: second})
		get("/api/v1/schemes/compare?ids=da-thu,da-thu-2", 200)
		get("/api/v1/schemes/compare?ids=da-thu", 422)
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu-2/submit", status: 200})
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu-2/reject", status: 422, body: `{}`})
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu-2/reject", status: 200, body: `{"note":"chưa đủ căn cứ"}`})
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu-2/reopen", status: 200})
		c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu-2/withdraw", status: 200, body: `{"note":"thay bằng đề án khác"}`})
		applied := c.do(exchange{method: "POST", target: "/api/v1/schemes/da-thu/apply", status: 200}).object(t)
		if applied["status"] != "applied" {
			t.Errorf("applied scheme: %v", applied["status"])
		}
		get("/api/v1/scheme-policies", 200)
		// Exported, then imported back as a new draft; a scheme without a code
		// comes back without one (a code already used is refused).
		get("/api/v1/schemes/da-thu/export", 200)
		c.do(exchange{method: "POST", target: "/api/v1/imports/schemes?name=de-an.xlsx", status: 422, header: map[string]string{"Content-Type": xlsx},
			body: string(get("/api/v1/schemes/da-thu/export", 200).body)})
		uncoded := c.do(exchange{method: "POST", target: "/api/v1/schemes", status: 201, body: strings.Replace(draft, `"code":"da-thu",`, "", 1)})
		book := get("/api/v1/schemes/"+uncoded.object(t)["id"].(string)+"/export", 200)
		get("/api/v1/schemes/khong-co/export", 404)
		back := c.do(exchange{method: "POST", target: "/api/v1/imports/schemes?name=de-an.xlsx", status: 201, header: map[string]string{"Content-Type": xlsx},
			body: string(book.body)})
		if ops, _ := back.object(t)["operations"].([]any); len(ops) != 1 || back.object(t)["status"] != "draft" {
			t.Errorf("a scheme exported and imported back: %.300s", back.body)
		}
		c.do(exchange{method: "POST", target: "/api/v1/imports/schemes?name=hong.xlsx", status: 422, header: map[string]string{"Content-Type": xlsx},
			body: string(workbook(t, nil))}) // the staff template: no scheme in it

		// Writes.
		dec := c.do(exchange{method: "POST", target: "/api/v1/decisions", status: 201,
			body: `{"number":"12/QĐ-UBND","issuer":"Ủy ban nhân dân tỉnh Lai Châu","signed_date":"2025-08-20","effective_date":"2025-09-01","summary":"Về việc đổi tên Sở Xây dựng"}`})
		if loc, id := dec.header.Get("Location"), dec.object(t)["id"]; loc != "/api/v1/decisions/"+id.(string) {
			t.Errorf("Location %q does not name decision %v", loc, id)
		}
		rename := c.do(exchange{method: "POST", target: "/api/v1/operations", status: 201,
			body: `{"kind":"rename","inputs":["s2.xaydung"],"new_name":"Sở Xây dựng và Giao thông","effective_date":"2025-09-01",
				"decision":{"number":"99/QĐ-UBND","issuer":"Ủy ban nhân dân tỉnh Lai Châu","signed_date":"2025-08-25"}}`})
		renameID, _ := rename.object(t)["id"].(string)
		if loc := rename.header.Get("Location"); loc != "/api/v1/operations/"+renameID {
			t.Errorf("Location %q does not name operation %q", loc, renameID)
		}
		get("/api/v1/operations/"+renameID, 200)
		// A new unit as an object output, with a decision recorded before.
		c.do(exchange{method: "POST", target: "/api/v1/operations", status: 201,
			body: `{"kind":"establish","effective_date":"2025-09-15","decision_id":"` + dec.object(t)["id"].(string) + `",
				"outputs":[{"code":"s2.thu","name":"Ban Thử nghiệm","kind":"admin_org","pillar":"state","level":"province","parent_id":"st.ubnd"}]}`})

		// Corrections, with and without the version they are based on.
		noivu := get("/api/v1/units/s2.noivu?as_of=2025-08-01", 200)
		tag := noivu.header.Get("ETag")
		patch := `{"short_name":"SNV","reason":"bổ sung tên viết tắt"}`
		c.do(exchange{method: "PATCH", target: "/api/v1/units/s2.noivu", body: patch, status: 428, docRefuses: true})
		c.do(exchange{method: "PATCH", target: "/api/v1/units/s2.noivu", body: patch, status: 412, header: map[string]string{"If-Match": `"not-a-version"`}})
		c.do(exchange{method: "PATCH", target: "/api/v1/units/s2.noivu", body: patch, status: 200, header: map[string]string{"If-Match": tag}})
		c.do(exchange{method: "PATCH", target: "/api/v1/units/khong-co", body: patch, status: 404, header: map[string]string{"If-Match": tag}})
		get("/api/v1/units/s2.noivu/history", 200)

		// Revert, then read what it left.
		reverted := c.do(exchange{method: "POST", target: "/api/v1/operations/" + renameID + "/revert", body: `{"reason":"nhập nhầm"}`, status: 200})
		if _, ok := reverted.object(t)["reverted_at"]; !ok {
			t.Errorf("revert answer lacks reverted_at: %s", reverted.body)
		}
		c.do(exchange{method: "POST", target: "/api/v1/operations/" + renameID + "/revert", body: `{"reason":"lần hai"}`, status: 422})
		get("/api/v1/operations?include_reverted=true&unit=s2.xaydung", 200)
		get("/api/v1/units/s2.xaydung/history", 200)

		// Errors, each a problem document.
		get("/api/v1/units?as_of=2025-02-30", 422)
		get("/api/v1/units/khong-co", 404)
		get("/api/v1/units/khong-co/lineage", 404)
		get("/api/v1/units/khong-co/history", 404)
		get("/api/v1/units?parent=khong-co", 404)
		get("/api/v1/tree?root=khong-co", 404)
		get("/api/v1/decisions/khong-co", 404)
		get("/api/v1/operations/khong-co", 404)
		for _, x := range []exchange{
			{method: "GET", target: "/api/v1/units?as_of=hom-nay", status: 422, docRefuses: true},
			{method: "GET", target: "/api/v1/units?level=quan", status: 422, docRefuses: true},
			{method: "GET", target: "/api/v1/units?limit=0", status: 422, docRefuses: true},
			{method: "GET", target: "/api/v1/decisions?offset=-1", status: 422, docRefuses: true},
			{method: "GET", target: "/api/v1/tree?depth=11", status: 422, docRefuses: true},
			{method: "GET", target: "/api/v1/tree?known_at=hom-qua", status: 422, docRefuses: true},
			{method: "GET", target: "/api/v1/diff?from=2025-01-01", status: 422, docRefuses: true},
			{method: "GET", target: "/api/v1/operations?from=2025-13-01", status: 422, docRefuses: true},
			{method: "POST", target: "/api/v1/operations", status: 422,
				body: `{"kind":"absorb","inputs":["s2.noivu"],"outputs":["s2.noivu"],"effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh"}}`},
			{method: "POST", target: "/api/v1/operations", status: 422, docRefuses: true,
				body: `{"kind":"explode","inputs":[],"effective_date":"2025-08-01"}`},
			{method: "POST", target: "/api/v1/operations", status: 422, docRefuses: true,
				body: `{"kind":"dissolve","inputs":["s2.noivu"],"effective_date":"2025-08-01","typo":1}`},
			{method: "POST", target: "/api/v1/operations", status: 400, docRefuses: true, body: `{"kind":`},
			{method: "POST", target: "/api/v1/decisions", status: 422, docRefuses: true, body: `{"number":"1/QĐ"}`},
			{method: "POST", target: "/api/v1/operations/" + opID + "/revert", status: 422, docRefuses: true, body: `{}`},
			{method: "POST", target: "/api/v1/operations/khong-co/revert", status: 404, body: `{"reason":"thử"}`},
			{method: "POST", target: "/api/v1/operations/khong-co/revert", status: 413,
				body: `{"reason":"` + strings.Repeat("a", 1<<20) + `"}`},
		} {
			c.do(x)
		}

		// Accounts and the audit log.
		none := map[string]string{"Authorization": "none"}
		c.do(exchange{method: "GET", target: "/api/v1/units", header: none, status: 401})
		c.do(exchange{method: "GET", target: "/api/v1/session", status: 200})
		c.do(exchange{method: "POST", target: "/api/v1/session", header: none, status: 401, body: `{"name":"viewer","password":"sai-mat-khau-roi"}`})
		c.do(exchange{method: "POST", target: "/api/v1/session", header: none, status: 200, body: `{"name":"viewer","password":"nguoixem-demo"}`})
		c.do(exchange{method: "POST", target: "/api/v1/session", header: none, status: 422, docRefuses: true, body: `{"name":"viewer"}`})
		c.do(exchange{method: "DELETE", target: "/api/v1/session", status: 204})
		tok := c.do(exchange{method: "POST", target: "/api/v1/tokens", status: 201, body: `{"label":"kiểm thử","days":7}`}).object(t)
		viewer := map[string]string{}
		if s, _ := tok["token"].(string); !strings.HasPrefix(s, "tg_") {
			t.Errorf("token %v lacks its prefix", tok["token"])
		}
		c.do(exchange{method: "POST", target: "/api/v1/tokens", status: 422, docRefuses: true, body: `{"days":1000}`})
		c.do(exchange{method: "GET", target: "/api/v1/users", status: 200})
		c.do(exchange{method: "POST", target: "/api/v1/users", status: 201,
			body: `{"name":"xem2","full_name":"Người xem 2","role":"viewer","password":"mot-mat-khau-dai"}`})
		c.do(exchange{method: "POST", target: "/api/v1/users", status: 409,
			body: `{"name":"xem2","role":"viewer","password":"mot-mat-khau-dai"}`})
		c.do(exchange{method: "POST", target: "/api/v1/users", status: 422,
			body: `{"name":"cb2","role":"officer","password":"mot-mat-khau-dai"}`})
		c.do(exchange{method: "GET", target: "/api/v1/audit?limit=5&outcome=ok", status: 200})
		c.do(exchange{method: "GET", target: "/api/v1/audit?format=csv&from=2020-01-01&to=2099-12-31", status: 200})
		c.do(exchange{method: "GET", target: "/api/v1/audit?from=hom-qua", status: 422, docRefuses: true})
		if v := c.do(exchange{method: "GET", target: "/api/v1/audit/verify", status: 200}).object(t); v["ok"] != true {
			t.Errorf("the audit chain of the test server does not verify: %v", v)
		}
		viewer["Authorization"] = "Bearer " + tokenFor(t, c.srv, "viewer", "nguoixem-demo")
		c.do(exchange{method: "GET", target: "/api/v1/audit", header: viewer, status: 403})
		c.do(exchange{method: "GET", target: "/api/v1/people/LC00001?sensitive=true", header: viewer, status: 403})
		c.do(exchange{method: "GET", target: "/api/v1/people/LC00001?sensitive=true", status: 200})

		// Every documented operation was exercised.
		for path, item := range doc.Paths.Map() {
			for method := range item.Operations() {
				if !c.covered[method+" "+path] {
					t.Errorf("no request of this test reaches %s %s; add one", method, path)
				}
			}
		}
	})
}
