package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"tinhgon/internal/api"
	"tinhgon/internal/app"
	"tinhgon/internal/demo"
	"tinhgon/internal/storetest"
)

// fuzzTarget is the demo province's API over a real SQLite database, made
// once per fuzzing process.
func fuzzTarget(f *testing.F) (http.Handler, func() int64) {
	db := storetest.Open(f, filepath.Join(f.TempDir(), "fuzz.db"))
	prov, err := app.Open(db, demo.Province)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), prov.Org, prov.Staff, prov.Schemes, "fuzz", io.Discard); err != nil {
		f.Fatal(err)
	}
	mux := http.NewServeMux()
	api.New(prov.Org, prov.Staff, nil).WithFunctions(prov.Functions).WithSchemes(prov.Schemes).Register(mux)
	clock := func() int64 {
		n, err := prov.Org.Store().(interface {
			Clock(context.Context) (int64, error)
		}).Clock(context.Background())
		if err != nil {
			f.Fatal(err)
		}
		return n
	}
	return mux, clock
}

// writeTargets are the API's write routes a fuzzed body is sent to.
var writeTargets = []string{"/api/v1/operations", "/api/v1/decisions", "/api/v1/people", "/api/v1/assignments", "/api/v1/quotas",
	"/api/v1/functions", "/api/v1/function-assignments", "/api/v1/schemes"}

// FuzzWriteBodies: any JSON body sent to a write route is applied whole
// or refused with a 4xx problem that leaves the register as it was;
// nothing panics and nothing answers 5xx.
func FuzzWriteBodies(f *testing.F) {
	for i, s := range []string{
		`{"kind":"absorb","inputs":["s.khdt"],"outputs":["s.taichinh"],"effective_date":"2025-08-01","decision":{"number":"1/QĐ","issuer":"UBND tỉnh","signed_date":"2025-07-20"}}`,
		`{"number":"5/QĐ-UBND","issuer":"UBND tỉnh","signed_date":"2025-13-01"}`,
		`{"code":"F1","name":"Nguyễn Văn Thử","sex":"M","birth_date":"1980-02-30","category":"cong_chuc"}`,
		`{"person":"LC00001","unit":"s.tuphap","post":"staff","position":"professional","funding":"budget","valid_from":"2025-08-01"}`,
		`{"unit":"s.tuphap","year":2026,"category":"cong_chuc","count":-5}`,
		`{"code":"vp.x","name":"Chức năng thử","field":"Văn phòng","valid_from":"2025-08-01"}`,
		`{"function":"vp.x","unit":"s.tuphap","role":"lead","valid_from":"2025-08-01"}`,
		`{"code":"da-x","name":"Đề án thử","effective_date":"2026-01-01","operations":[{"kind":"dissolve","inputs":["s.tuphap"]}]}`,
		`{"kind":"merge","inputs":["s.tuphap","s.tuphap"],"outputs":[{"name":"X"}]}`, `null`, `{}`, `[1,2]`,
	} {
		f.Add(uint8(i), s)
	}
	h, clock := fuzzTarget(f)
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		target := writeTargets[int(route)%len(writeTargets)]
		before := clock()
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", target, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(w, r)
		switch {
		case w.Code >= 500:
			t.Fatalf("POST %s %q answered %d: %s", target, body, w.Code, w.Body)
		case w.Code >= 400 && clock() != before && target != "/api/v1/schemes":
			t.Fatalf("POST %s %q was refused (%d) but the register moved", target, body, w.Code)
		}
	})
}

// FuzzSearch: any text typed in a search box answers a list, never an error.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"so ke hoach", "Sở Tài chính", "%", "_", "'; DROP TABLE people; --", "LC00001", "\x00", "ệ\u0301", strings.Repeat("a ", 300)} {
		f.Add(s)
	}
	h, _ := fuzzTarget(f)
	f.Fuzz(func(t *testing.T, q string) {
		for _, path := range []string{"/api/v1/units", "/api/v1/people", "/api/v1/functions", "/api/v1/schemes"} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", path+"?as_of=2025-07-01&q="+url.QueryEscape(q), nil))
			if w.Code != 200 {
				t.Fatalf("GET %s?q=%q answered %d: %s", path, q, w.Code, w.Body)
			}
		}
	})
}
