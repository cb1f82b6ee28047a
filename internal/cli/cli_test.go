package cli

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tinhgon/internal/storetest"
)

// safeBuffer lets the test read what a running server prints.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	err := Run(context.Background(), env, args)
	return out.String() + errOut.String(), err
}

func TestCommands(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		db := fresh(t)
		if out, err := run(t, "demo", "--db", db); err != nil || !strings.Contains(out, "131 thao tác") {
			t.Fatalf("demo: %v\n%s", err, out)
		}
		if out, _ := run(t, "demo", "--db", db); !strings.Contains(out, "không nạp lại") {
			t.Errorf("a second demo must not load twice: %s", out)
		}
		tests := []struct {
			args []string
			want []string
		}{
			{[]string{"search", "so", "ke", "hoach", "--as-of", "2025-01-01"}, []string{"1 đơn vị", "Sở Kế hoạch và Đầu tư (s.khdt)"}},
			{[]string{"search", "so ke hoach", "--as-of", "2025-06-01"}, []string{"0 đơn vị"}},
			{[]string{"lineage", "s.khdt", "--as-of", "2025-06-01"}, []string{"Sở Kế hoạch và Đầu tư → Sở Tài chính: hợp nhất ngày 01/03/2025, 45/2025/NĐ-CP"}},
			{[]string{"lineage", "s.khdt", "--as-of", "2025-02-01"}, []string{"Kế thừa:\n  (không có)"}},
			{[]string{"history", "s.khdt"}, []string{"trước khi lập sổ → 01/03/2025", "thay thế lúc"}},
			{[]string{"diff", "--from", "2025-01-01", "--to", "2025-07-01"}, []string{"381 → 231 đầu mối", "Chấm dứt", "Sở Kế hoạch và Đầu tư (s.khdt)"}},
			{[]string{"tree", "--as-of", "2025-01-01", "--root", "st.ubnd", "--depth", "1"}, []string{"381 đầu mối", "Sở Kế hoạch và Đầu tư (s.khdt)"}},
			{[]string{"counts", "--as-of", "2025-07-01"}, []string{"Cấp xã", "Khối Đảng"}},
			{[]string{"counts", "--as-of", "2025-07-01", "--json"}, []string{`"by_level"`}},
			{[]string{"migrate"}, []string{"phiên bản mới nhất"}},
		}
		for _, tt := range tests {
			out, err := run(t, append(tt.args, "--db", db)...)
			if err != nil {
				t.Errorf("%v: %v\n%s", tt.args, err, out)
				continue
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("%v lacks %q:\n%s", tt.args, w, out)
				}
			}
		}
		if _, err := run(t, "lineage", "--db", db); !errors.Is(err, ErrUsage) {
			t.Errorf("lineage without a unit: %v", err)
		}
		if _, err := run(t, "lineage", "khong-co", "--db", db); err == nil || !strings.Contains(err.Error(), "khong-co") {
			t.Errorf("lineage of an unknown unit: %v", err)
		}
		if _, err := run(t, "diff", "--from", "2025-02-30", "--to", "2025-07-01", "--db", db); err == nil {
			t.Error("diff with an impossible date must fail")
		}
	})
}

func TestUnknownCommand(t *testing.T) {
	if _, err := run(t, "explode"); err == nil || !strings.Contains(err.Error(), "explode") {
		t.Fatalf("unknown command: %v", err)
	}
	if out, err := run(t); err != nil || !strings.Contains(out, "serve") {
		t.Fatalf("usage: %v %s", err, out)
	}
	db := filepath.Join(t.TempDir(), "u.db")
	for _, args := range [][]string{{"tree", "--depth", "x"}, {"lineage", "--bogus"}, {"diff", "--db", db}} {
		_, err := run(t, args...)
		if !errors.Is(err, ErrUsage) || strings.Contains(err.Error(), "invalid") || strings.Contains(err.Error(), "provided") {
			t.Errorf("%v: want a Vietnamese usage error, got %v", args, err)
		}
	}
	if out, _ := run(t, "tree", "-h"); !strings.Contains(out, "mặc định") || strings.Contains(out, "default") {
		t.Errorf("help is in Vietnamese: %s", out)
	}
}

func TestServeDemo(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out safeBuffer
	env := Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, env, []string{"serve", "--demo", "--db", filepath.Join(t.TempDir(), "t.db"), "--addr", addr})
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if s := out.String(); !strings.Contains(s, "Mở http://"+addr+"/") || !strings.Contains(s, "Đã nạp dữ liệu mẫu") {
		t.Errorf("serve --demo must say where to open it and that the demo was loaded:\n%s", s)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("graceful shutdown: %v", err)
	}
}
