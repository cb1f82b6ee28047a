package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/demo"
	"tinhgon/internal/server"
	"tinhgon/internal/storetest"
)

// demoServer serves the demo province on a real loopback port.
func demoServer(t *testing.T, dsn string) *httptest.Server {
	t.Helper()
	db := storetest.Open(t, dsn)
	prov, err := app.Open(db, demo.Province)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), prov.Org, prov.Staff, prov.Schemes, "test", io.Discard); err != nil {
		t.Fatal(err)
	}
	s := server.New(db, prov, nil)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	if err := demo.LoadAccounts(context.Background(), s.Accounts(), prov.Org); err != nil {
		t.Fatal(err)
	}
	_, tok, err := s.Accounts().CreateToken(context.Background(), "admin", "test", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	srv.Client().Transport = bearer{token: string(tok), next: srv.Client().Transport}
	return srv
}

// tokenFor logs in as a demo account and mints an API token for it.
func tokenFor(t *testing.T, srv *httptest.Server, name, password string) string {
	t.Helper()
	r := call(t, srv, "POST", "/api/v1/session", `{"name":"`+name+`","password":"`+password+`"}`, "Authorization", "none")
	if r.status != 200 {
		t.Fatalf("login as %s: %d %s", name, r.status, r.body)
	}
	cookie := strings.Split(r.header.Get("Set-Cookie"), ";")[0]
	r = call(t, srv, "POST", "/api/v1/tokens", `{"label":"test"}`, "Authorization", "none", "Cookie", cookie)
	if r.status != 201 {
		t.Fatalf("token for %s: %d %s", name, r.status, r.body)
	}
	tok, _ := r.json(t)["token"].(string)
	return tok
}

// bearer sends the demo administrator's token with every request that
// carries no Authorization of its own; "Authorization: none" sends none.
type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	switch r.Header.Get("Authorization") {
	case "":
		r.Header.Set("Authorization", "Bearer "+b.token)
	case "none":
		r.Header.Del("Authorization")
	}
	return b.next.RoundTrip(r)
}

type resp struct {
	status int
	header http.Header
	body   string
}

func (r resp) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("answer is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

func call(t *testing.T, srv *httptest.Server, method, path, body string, header ...string) resp {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: string(b)}
}

func TestAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		srv := demoServer(t, fresh(t))
		khdt := unitID(t, srv, "so ke hoach", "2025-01-01")

		// Reads: a table of requests and what their answers must and must not contain.
		reads := []struct {
			name, path string
			status     int
			want, not  []string
		}{
			{"health", "/healthz", 200, []string{"ok"}, nil},
			{"openapi", "/api/v1/openapi.json", 200, []string{`"openapi"`, `"/api/v1/units/{id}/lineage"`}, nil},
			{"search before", "/api/v1/units?q=so%20ke%20hoach&as_of=2025-01-01", 200, []string{"Sở Kế hoạch và Đầu tư", `"total":1`}, nil},
			{"search after", "/api/v1/units?q=so%20ke%20hoach&as_of=2025-06-01", 200, []string{`"total":0`}, []string{"Sở Kế hoạch và Đầu tư"}},
			{"search with diacritics", "/api/v1/units?q=" + url.QueryEscape("Sở Tài chính") + "&as_of=2025-06-01", 200, []string{`"name":"Sở Tài chính"`}, nil},
			{"lineage", "/api/v1/units/" + khdt + "/lineage?as_of=2025-06-01", 200, []string{`"name":"Sở Tài chính"`, `"kind":"merge"`, `"number":"45/2025/NĐ-CP"`}, nil},
			{"lineage before the merge", "/api/v1/units/" + khdt + "/lineage?as_of=2025-02-01", 200, []string{`"successors":[]`}, nil},
			{"history", "/api/v1/units/s.khdt/history", 200, []string{`"versions"`, `"records"`, `"valid_to":"2025-03-01"`}, nil},
			{"tree", "/api/v1/tree?as_of=2025-01-01", 200, []string{`"total":381`, "Ủy ban nhân dân tỉnh Lai Châu", `"descendants_count"`}, nil},
			{"children", "/api/v1/units/st.ubnd/children?as_of=2025-01-01", 200, []string{"Sở Kế hoạch và Đầu tư"}, nil},
			{"counts", "/api/v1/counts?as_of=2025-07-01", 200, []string{`"by_pillar"`, `"commune"`}, []string{`"district"`}},
			{"diff", "/api/v1/diff?from=2025-01-01&to=2025-07-01", 200, []string{`"ended"`, "Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và Môi trường"}, nil},
			{"operations", "/api/v1/operations?from=2025-03-01&to=2025-03-01&limit=1000", 200, []string{`"kind":"merge"`}, nil},
			{"operation kinds", "/api/v1/operation-kinds", 200, []string{"sáp nhập"}, nil},
			{"bad as_of", "/api/v1/units?as_of=2025-02-30", 422, []string{`"field":"as_of"`, "không hợp lệ"}, nil},
			{"bad known_at", "/api/v1/tree?known_at=hôm-qua", 422, []string{`"field":"known_at"`}, nil},
			{"bad level", "/api/v1/units?level=quận", 422, []string{`"field":"level"`}, nil},
			{"unknown unit", "/api/v1/units/khong-co/lineage", 404, []string{"khong-co"}, nil},
			{"unknown route", "/api/v1/khong-co", 404, []string{`"detail"`}, nil},
			{"diff needs dates", "/api/v1/diff?from=2025-01-01", 422, []string{`"field":"to"`}, nil},
		}
		if r := call(t, srv, "DELETE", "/api/v1/units/st.ubnd", ""); r.status != 405 || r.header.Get("Allow") != "GET, PATCH" {
			t.Errorf("DELETE a unit: %d, Allow %q", r.status, r.header.Get("Allow"))
		}
		for _, tt := range reads {
			t.Run(tt.name, func(t *testing.T) {
				r := call(t, srv, "GET", tt.path, "")
				if r.status != tt.status {
					t.Fatalf("GET %s: %d, want %d: %s", tt.path, r.status, tt.status, r.body)
				}
				if tt.status >= 400 && r.header.Get("Content-Type") != "application/problem+json" {
					t.Errorf("errors are problem+json, got %q", r.header.Get("Content-Type"))
				}
				for _, w := range tt.want {
					if !strings.Contains(r.body, w) {
						t.Errorf("GET %s lacks %s: %.400s", tt.path, w, r.body)
					}
				}
				for _, n := range tt.not {
					if strings.Contains(r.body, n) {
						t.Errorf("GET %s should not contain %s", tt.path, n)
					}
				}
			})
		}

		t.Run("invalid operations are refused whole", func(t *testing.T) {
			before := call(t, srv, "GET", "/api/v1/operations?limit=1", "").json(t)["total"]
			bad := []struct{ body, field, detail string }{
				{`{"kind":"absorb","inputs":["does-not-exist"],"outputs":["does-not-exist"],"effective_date":"2025-13-45"}`, "effective_date", "2025-13-45"},
				{`{"kind":"absorb","inputs":["does-not-exist"],"outputs":["s2.taichinh"],"effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh"}}`, "inputs[0]", "does-not-exist"},
				{`{"kind":"absorb","inputs":["s2.noivu"],"outputs":["s2.noivu"],"effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh"}}`, "outputs[0]", "chính nó"},
				{`{"kind":"dissolve","inputs":["s.khdt"],"effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh"}}`, "inputs[0]", "đã chấm dứt hoạt động từ ngày 01/03/2025"},
				{`{"kind":"establish","outputs":[{"name":"Sở Tài chính","kind":"specialized_agency","pillar":"state","level":"province","parent_id":"st.ubnd"}],"effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh"}}`, "outputs", "trùng"},
				{`{"kind":"reparent","inputs":["st.ubnd"],"new_parent":"s2.taichinh","effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh"}}`, "new_parent", "vòng lặp"},
				{`{"kind":"explode","inputs":[],"effective_date":"2025-08-01"}`, "kind", "không được hỗ trợ"},
				{`{"kind":"dissolve","inputs":["s2.noivu"],"effective_date":"2025-08-01","typo":1}`, "typo", "không được hỗ trợ"},
			}
			for _, b := range bad {
				r := call(t, srv, "POST", "/api/v1/operations", b.body)
				if r.status != 422 || r.header.Get("Content-Type") != "application/problem+json" {
					t.Fatalf("POST %s: %d %s", b.body, r.status, r.body)
				}
				p := r.json(t)
				if p["field"] != b.field || !strings.Contains(p["detail"].(string), b.detail) {
					t.Errorf("POST %s: field %v, detail %v; want %s, %s", b.body, p["field"], p["detail"], b.field, b.detail)
				}
			}
			if r := call(t, srv, "POST", "/api/v1/operations", `{"kind":`); r.status != 400 {
				t.Errorf("broken JSON: %d", r.status)
			}
			if after := call(t, srv, "GET", "/api/v1/operations?limit=1", "").json(t)["total"]; after != before {
				t.Errorf("refused operations were written: %v → %v", before, after)
			}
		})

		t.Run("optimistic concurrency on corrections", func(t *testing.T) {
			r := call(t, srv, "GET", "/api/v1/units/s2.noivu?as_of=2025-08-01", "")
			tag := r.header.Get("ETag")
			if r.status != 200 || tag == "" {
				t.Fatalf("GET unit: %d, ETag %q", r.status, tag)
			}
			known := time.Now().Format(time.RFC3339Nano)
			time.Sleep(2 * time.Millisecond)
			body := `{"short_name":"SNV","reason":"bổ sung tên viết tắt"}`
			if r := call(t, srv, "PATCH", "/api/v1/units/s2.noivu", body); r.status != 428 {
				t.Errorf("PATCH without If-Match: %d", r.status)
			}
			if r := call(t, srv, "PATCH", "/api/v1/units/s2.noivu", body, "If-Match", `"not-a-version"`); r.status != 412 {
				t.Errorf("PATCH with a wrong version: %d", r.status)
			}
			r = call(t, srv, "PATCH", "/api/v1/units/s2.noivu", body, "If-Match", tag)
			if r.status != 200 || r.header.Get("ETag") == tag || !strings.Contains(r.body, `"short_name":"SNV"`) {
				t.Fatalf("PATCH: %d %s", r.status, r.body)
			}
			if r := call(t, srv, "PATCH", "/api/v1/units/s2.noivu", `{"short_name":"X"}`, "If-Match", tag); r.status != 412 {
				t.Errorf("second PATCH from the same version: %d, want 412", r.status)
			}
			old := call(t, srv, "GET", "/api/v1/units/s2.noivu?as_of=2025-08-01&known_at="+url.QueryEscape(known), "")
			if strings.Contains(old.body, `"short_name":"SNV"`) {
				t.Errorf("known before the correction, the old record shows")
			}
		})

		t.Run("apply and revert an operation", func(t *testing.T) {
			r := call(t, srv, "POST", "/api/v1/operations", `{"kind":"rename","inputs":["s2.xaydung"],"new_name":"Sở Xây dựng và Giao thông","effective_date":"2025-09-01",
				"decision":{"number":"99/QĐ-UBND","issuer":"Ủy ban nhân dân tỉnh Lai Châu","signed_date":"2025-08-25"}}`)
			if r.status != 201 {
				t.Fatalf("POST rename: %d %s", r.status, r.body)
			}
			id := r.json(t)["id"].(string)
			if got := call(t, srv, "GET", "/api/v1/units/s2.xaydung?as_of=2025-09-02", "").json(t)["name"]; got != "Sở Xây dựng và Giao thông" {
				t.Errorf("after rename: %v", got)
			}
			if got := call(t, srv, "GET", "/api/v1/units/s2.xaydung?as_of=2025-08-31", "").json(t)["name"]; got != "Sở Xây dựng" {
				t.Errorf("before rename: %v", got)
			}
			if r := call(t, srv, "POST", "/api/v1/operations/"+id+"/revert", `{"reason":"nhập nhầm"}`); r.status != 200 || !strings.Contains(r.body, "reverted_at") {
				t.Fatalf("revert: %d %s", r.status, r.body)
			}
			if got := call(t, srv, "GET", "/api/v1/units/s2.xaydung?as_of=2025-09-02", "").json(t)["name"]; got != "Sở Xây dựng" {
				t.Errorf("after revert: %v", got)
			}
			if r := call(t, srv, "POST", "/api/v1/operations/"+id+"/revert", `{"reason":"lần hai"}`); r.status != 422 {
				t.Errorf("second revert: %d", r.status)
			}
		})
	})
}

// unitID finds a unit's id by search, as a client would.
func unitID(t *testing.T, srv *httptest.Server, q, asOf string) string {
	t.Helper()
	r := call(t, srv, "GET", "/api/v1/units?q="+url.QueryEscape(q)+"&as_of="+asOf, "")
	items, _ := r.json(t)["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("no unit for %q on %s: %s", q, asOf, r.body)
	}
	return items[0].(map[string]any)["id"].(string)
}

func TestStrictOperationInput(t *testing.T) {
	srv := demoServer(t, filepathTemp(t))
	cases := []struct{ body, field, detail string }{
		// A misspelt field inside a new unit must not silently become a default.
		{`{"kind":"establish","effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh"},
			"outputs":[{"name":"Sở Mới","kind":"specialized_agency","pillar":"state","level":"province","parent":"st.ubnd"}]}`, "", "parent"},
		{`{"kind":"dissolve","inputs":[123],"effective_date":"2025-08-01"}`, "inputs", "cần chuỗi"},
		{`{"kind":"dissolve","inputs":["s2.noivu"],"effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh","signed_date":"2025-09-01"}}`,
			"decision.effective_date", "ngày hiệu lực trước ngày ký"},
		{`{"kind":"dissolve","inputs":["s2.noivu"],"effective_date":"2025-08-01","decision":{"number":"1/QĐ"}}`, "decision.issuer", "cơ quan ban hành"},
	}
	for _, c := range cases {
		r := call(t, srv, "POST", "/api/v1/operations", c.body)
		if r.status != 422 {
			t.Errorf("POST %s: %d %s", c.body, r.status, r.body)
			continue
		}
		p := r.json(t)
		if (c.field != "" && p["field"] != c.field) || !strings.Contains(p["detail"].(string), c.detail) || strings.Contains(p["detail"].(string), "org.") {
			t.Errorf("POST %s: field %v, detail %v", c.body, p["field"], p["detail"])
		}
	}
}

func filepathTemp(t *testing.T) string { return t.TempDir() + "/t.db" }

// A correction of a version that ended long ago still names its parent.
func TestCorrectionOfAnEndedVersionNamesItsParent(t *testing.T) {
	srv := demoServer(t, filepathTemp(t))
	r := call(t, srv, "GET", "/api/v1/units/hu.tplc.vp?as_of=2025-01-01", "")
	if r.status != 200 {
		t.Fatalf("GET: %d %s", r.status, r.body)
	}
	r = call(t, srv, "PATCH", "/api/v1/units/hu.tplc.vp", `{"short_name":"VP Thành ủy","reason":"bổ sung"}`, "If-Match", r.header.Get("ETag"))
	if r.status != 200 {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	if p, _ := r.json(t)["parent"].(map[string]any); p == nil || p["code"] != "hu.tplc" {
		t.Errorf("the answer names the parent of the corrected version: %s", r.body)
	}
}
