package loadtest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tinhgon/internal/loadtest"
	"tinhgon/internal/storetest"
)

// TestLoadSmall runs the load test small, on the demo, on each engine: 20
// clients for 3 s must see no error and lose no acknowledged write, and
// the audit log must stay whole. Latencies are reported, not asserted.
func TestLoadSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped under -short")
	}
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		var log strings.Builder
		l, err := loadtest.StartLocal(ctx, fresh(t), &log)
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := l.Close(); err != nil {
				t.Error(err)
			}
		}()
		cfg := l.Config(20, 3*time.Second)
		cfg.Seed = 7
		rep, err := loadtest.Run(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		rep.Print(&out)
		t.Log("\n" + out.String())
		if log.Len() > 0 {
			t.Logf("server log:\n%s", log.String())
		}
		if rep.Requests == 0 || rep.Reads == 0 || rep.Writes == 0 {
			t.Errorf("requests %d, reads %d, writes %d: want some of each", rep.Requests, rep.Reads, rep.Writes)
		}
		if rep.CreatedAcked == 0 || rep.PatchedAcked == 0 {
			t.Errorf("%d people created, %d raises acknowledged: want some of each", rep.CreatedAcked, rep.PatchedAcked)
		}
		if rep.ErrorCount != 0 {
			t.Errorf("%d errors: %v", rep.ErrorCount, rep.Failures)
		}
		if rep.LostWrites != 0 || len(rep.Lost) != 0 || len(rep.Phantom) != 0 || len(rep.Unchecked) != 0 {
			t.Errorf("%d writes lost: %v, phantom %v, unchecked %v", rep.LostWrites, rep.Lost, rep.Phantom, rep.Unchecked)
		}
		if a := rep.Audit; a.Skipped != "" || !a.Verified || !a.ChainOK || !a.Counted || a.Added < rep.AckedWrites() || len(a.Problems) > 0 {
			t.Errorf("audit log after the run: %+v, %d writes acknowledged", a, rep.AckedWrites())
		}
		if rep.Failed() {
			t.Error("the report says the run failed")
		}
	})
}

// TestLoadFindsLostWrites: a proxy that acknowledges one PATCH in three
// without passing it on (answering what the server would have) must make
// the run report lost writes and an audit log short of entries, so that
// «no lost write» above is not the checks seeing nothing.
func TestLoadFindsLostWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped under -short")
	}
	ctx := context.Background()
	l, err := loadtest.StartLocal(ctx, filepath.Join(t.TempDir(), "tinhgon.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	target, err := url.Parse(l.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	var patches atomic.Int64
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPatch || patches.Add(1)%3 != 0 {
			proxy.ServeHTTP(w, r)
			return
		}
		var asked map[string]any
		if err := json.NewDecoder(r.Body).Decode(&asked); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, l.URL+r.URL.Path, nil)
		req.Header.Set("Authorization", r.Header.Get("Authorization"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		var person map[string]any
		if err := json.NewDecoder(res.Body).Decode(&person); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		person["salary_step"] = asked["salary_step"]
		w.Header().Set("ETag", res.Header.Get("ETag"))
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(person) //nolint:errcheck // the test's client reads it
	}))
	defer front.Close()
	cfg := l.Config(5, 2*time.Second)
	cfg.BaseURL, cfg.WriteShare = front.URL, 0.5
	rep, err := loadtest.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	rep.Print(&out)
	t.Log("\n" + out.String())
	if rep.ErrorCount != 0 {
		t.Errorf("%d errors, want none: the lost writes are answered as the server would\n%s", rep.ErrorCount, out.String())
	}
	// Each PATCH swallowed is acknowledged, unless the run ended while it
	// was under way; every one acknowledged must be found missing.
	if swallowed := int(patches.Load() / 3); rep.LostWrites == 0 || rep.LostWrites > swallowed || !rep.Failed() {
		t.Errorf("%d lost writes found, %d PATCHes swallowed\n%s", rep.LostWrites, swallowed, out.String())
	}
	if len(rep.Audit.Problems) == 0 {
		t.Errorf("the audit log's count of entries did not fall short\n%s", out.String())
	}
	if !strings.Contains(out.String(), "KHÔNG ĐẠT") {
		t.Errorf("the report does not say the run failed\n%s", out.String())
	}
}
