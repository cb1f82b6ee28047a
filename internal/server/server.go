// Package server runs tinhgon's HTTP server: the API, health checks, a
// landing page, request logging, timeouts and graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"tinhgon/internal/api"
	"tinhgon/internal/app"
	"tinhgon/internal/store"
)

// Server is the HTTP server of one register.
type Server struct {
	db      *store.DB
	prov    *app.Province
	log     *slog.Logger
	metrics *metrics
}

// New returns a server over a province's services.
func New(db *store.DB, prov *app.Province, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{db: db, prov: prov, log: log, metrics: newMetrics(db)}
}

// Handler is every route of the server.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	api.New(s.prov.Org, s.prov.Staff, s.log).WithFunctions(s.prov.Functions).WithSchemes(s.prov.Schemes).Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", s.ready)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.HandleFunc("GET /{$}", s.index)
	return s.logRequests(mux)
}

// statusWriter remembers the status written, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.metrics.observe(r, sw.status, time.Since(start))
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)), slog.String("remote", r.RemoteAddr))
	})
}

// Serve listens on ln until ctx ends, then drains requests for up to 10 s.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, indexHTML)
}

const indexHTML = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>tinhgon — Sổ đăng ký tổ chức bộ máy</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}</style></head>
<body><h1>tinhgon</h1>
<p>Sổ đăng ký cơ quan, đơn vị của hệ thống chính trị theo thời gian: sắp xếp, hợp nhất, sáp nhập, giải thể và quá trình kế thừa.</p>
<ul>
<li><a href="/api/v1/openapi.json">Tài liệu API (OpenAPI)</a></li>
<li><a href="/api/v1/tree?as_of=2025-01-01">Cây tổ chức ngày 01/01/2025</a> · <a href="/api/v1/tree?as_of=2025-07-01">ngày 01/07/2025</a></li>
<li><a href="/api/v1/counts?as_of=2025-01-01">Số đầu mối ngày 01/01/2025</a> · <a href="/api/v1/counts?as_of=2025-07-01">ngày 01/07/2025</a></li>
<li><a href="/api/v1/diff?from=2025-01-01&amp;to=2025-07-01">Thay đổi từ 01/01/2025 đến 01/07/2025</a></li>
<li><a href="/api/v1/units?q=so%20ke%20hoach&amp;as_of=2025-01-01">Tìm «so ke hoach» ngày 01/01/2025</a></li>
<li><a href="/api/v1/operations?limit=200">Các thao tác sắp xếp đã ghi nhận</a></li>
</ul></body></html>`
