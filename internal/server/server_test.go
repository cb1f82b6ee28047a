package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/auth"
	"tinhgon/internal/server"
	"tinhgon/internal/storetest"
)

// TestReadyAndMetrics: /readyz follows the database, and /metrics counts
// requests by route pattern (not raw path) with the database pools.
func TestReadyAndMetrics(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		db := storetest.Open(t, fresh(t))
		prov, err := app.Open(db, "12")
		if err != nil {
			t.Fatal(err)
		}
		s := server.New(db, prov, nil)
		srv := httptest.NewServer(s.Handler())
		defer srv.Close()
		ctx := context.Background()
		if _, err := s.Accounts().AddUser(ctx, auth.NewUser{Name: "xem", Role: auth.Viewer, Password: "mat-khau-dai-du"}); err != nil {
			t.Fatal(err)
		}
		_, tok, err := s.Accounts().CreateToken(ctx, "xem", "", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		anonymous := true
		get := func(path string) (int, string) {
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			if !anonymous {
				req.Header.Set("Authorization", "Bearer "+string(tok))
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(b)
		}
		if code, body := get("/readyz"); code != 200 || !strings.Contains(body, "ready") {
			t.Errorf("/readyz: %d %s", code, body)
		}
		if code, _ := get("/api/v1/units"); code != 401 {
			t.Errorf("/api/v1/units without a token: %d, want 401", code)
		}
		anonymous = false
		get("/api/v1/units")
		get("/api/v1/units/khong-co")
		_, body := get("/metrics")
		for _, want := range []string{
			`tinhgon_http_requests_total{method="GET",route="GET /api/v1/units",status="200"} 1`,
			`tinhgon_http_requests_total{method="GET",route="GET /api/v1/units",status="401"} 1`,
			`tinhgon_http_requests_total{method="GET",route="GET /api/v1/units/{id}",status="404"} 1`,
			`tinhgon_http_request_duration_seconds_bucket{method="GET",route="GET /readyz"`,
			`go_sql_open_connections{db_name=`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
		db.Close()
		if code, body := get("/readyz"); code != 503 || !strings.Contains(body, "không trả lời") {
			t.Errorf("/readyz with the database closed: %d %s", code, body)
		}
	})
}
