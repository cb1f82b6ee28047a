package api

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzSchemeRequest: any body sent to create a scheme is read into a
// scheme or answered with a 4xx problem; nothing panics.
func FuzzSchemeRequest(f *testing.F) {
	for _, s := range []string{
		`{"code":"da","name":"Đề án","effective_date":"2026-01-01","operations":[{"kind":"absorb","inputs":["a"],"outputs":["b"],"placements":[{"person":"LC1","to":"b","post":"deputy","surplus":true}]}]}`,
		`{"name":"x","effective_date":"2026-02-30"}`,
		`{"name":"x","operations":[{"kind":"explode"}]}`,
		`{"name":"x","operations":[{"kind":"merge","outputs":[{"code":"n","name":"Mới","typo":1}]}]}`,
		`{"name":`, `[]`, `{"operations":[{"kind":"split","effective_date":"hôm nay"}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/api/v1/schemes", strings.NewReader(body))
		var req schemeRequest
		if !decode(w, r, &req) {
			if w.Code < 400 || w.Code >= 500 {
				t.Fatalf("a refused body answered %d", w.Code)
			}
			return
		}
		if _, ok := req.scheme(w); !ok && (w.Code < 400 || w.Code >= 500) {
			t.Fatalf("a refused operation answered %d", w.Code)
		}
	})
}
