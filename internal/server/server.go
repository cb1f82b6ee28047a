// Package server runs tinhgon's HTTP server: the API, health checks, a
// landing page, request logging, timeouts and graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"time"

	"tinhgon/internal/api"
	"tinhgon/internal/app"
	"tinhgon/internal/auth"
	"tinhgon/internal/store"
)

// Server is the HTTP server of one register.
type Server struct {
	db      *store.DB
	prov    *app.Province
	log     *slog.Logger
	metrics *metrics
	api     *api.API
	// Insecure lets the session cookie travel over plain HTTP (a closed
	// network without TLS); set before Handler.
	Insecure bool
	// sso is the identity provider, when single sign-on is configured.
	sso *sso
}

// New returns a server over a province's services.
func New(db *store.DB, prov *app.Province, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{db: db, prov: prov, log: log, metrics: newMetrics(db)}
}

// Accounts is the accounts service the server checks callers against.
func (s *Server) Accounts() *auth.Service { return auth.NewService(s.db.Accounts(), store.NewID) }

// Handler is every route of the server.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.api = api.New(s.prov.Org, s.prov.Staff, s.log).WithFunctions(s.prov.Functions).WithSchemes(s.prov.Schemes).
		WithAccounts(s.Accounts(), s.db)
	if s.Insecure {
		s.api.WithInsecureCookies()
	}
	s.api.Register(mux)
	mux.HandleFunc("POST /login", s.loginForm)
	mux.HandleFunc("POST /logout", s.logoutForm)
	if s.sso != nil {
		mux.HandleFunc("GET /auth/login", s.ssoLogin)
		mux.HandleFunc("GET /auth/callback", s.ssoCallback)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", s.ready)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.HandleFunc("GET /{$}", s.index)
	// Form posts and API calls from another site's page are refused
	// (Sec-Fetch-Site, Origin); scripts with a token send neither.
	return s.logRequests(http.NewCrossOriginProtection().Handler(mux))
}

// maxRequest bounds any request's body; imports are the largest.
const maxRequest = 64 << 20

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
		// Bounded in place, not by a copy of the request, so that the
		// route pattern the mux sets on r is seen here for the metrics.
		if r.Body != nil {
			r.Body = http.MaxBytesReader(sw, r.Body, maxRequest)
		}
		ctx, user := api.TrackUser(r.Context())
		r2 := r.WithContext(ctx)
		next.ServeHTTP(sw, r2)
		// The mux sets the route pattern on the request it was given.
		r.Pattern = r2.Pattern
		s.metrics.observe(r, sw.status, time.Since(start))
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)), slog.String("remote", r.RemoteAddr),
			slog.String("user", user()))
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
	w.Header().Set("Cache-Control", "no-store")
	p, ok := s.api.Principal(r)
	if !ok {
		s.loginPage(w, http.StatusOK, "")
		return
	}
	if err := homePage.Execute(w, p); err != nil {
		s.log.Error("home page", "err", err)
	}
}

func (s *Server) loginPage(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := loginPage.Execute(w, loginData{Message: msg, SSO: s.sso != nil}); err != nil {
		s.log.Error("login page", "err", err)
	}
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.loginPage(w, http.StatusBadRequest, "Biểu mẫu đăng nhập không đọc được.")
		return
	}
	rec := &problemCatcher{ResponseWriter: w}
	if _, ok := s.api.Login(rec, r, r.PostForm.Get("name"), r.PostForm.Get("password")); !ok {
		msg := "Tên đăng nhập hoặc mật khẩu không đúng."
		if rec.status == http.StatusTooManyRequests {
			msg = "Đã thử đăng nhập quá nhiều lần; hãy đợi ít phút rồi thử lại."
		}
		s.loginPage(w, rec.status, msg)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) logoutForm(w http.ResponseWriter, r *http.Request) {
	if err := s.api.Logout(w, r); err != nil {
		s.log.Error("logout", "err", err)
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// problemCatcher passes headers (the session cookie) through but keeps a
// failed login's problem document, which the form answers as a page.
type problemCatcher struct {
	http.ResponseWriter
	status int
}

func (p *problemCatcher) WriteHeader(code int) { p.status = code }

func (p *problemCatcher) Write(b []byte) (int, error) { return len(b), nil }

const pageStyle = `<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
code{background:#f3f3f3;padding:0 .2em}label{display:block;margin:.6rem 0 .2rem}input{font:inherit;padding:.3rem;width:18rem}
button{font:inherit;padding:.3rem 1rem;margin-top:.8rem}.err{color:#a00}</style>`

type loginData struct {
	Message string
	SSO     bool
}

var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập — tinhgon</title>` + pageStyle + `</head>
<body><h1>tinhgon</h1>
<p>Sổ đăng ký cơ quan, đơn vị của hệ thống chính trị theo thời gian: sắp xếp, hợp nhất, sáp nhập, giải thể và quá trình kế thừa.</p>
<h2>Đăng nhập</h2>
{{if .Message}}<p class="err" role="alert">{{.Message}}</p>{{end}}
<form method="post" action="/login">
<label for="name">Tên đăng nhập</label><input id="name" name="name" autocomplete="username" required autofocus>
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<div><button type="submit">Đăng nhập</button></div>
</form>
{{if .SSO}}<p><a href="/auth/login">Đăng nhập một lần qua hệ thống của tỉnh</a></p>{{end}}
<p>Tài liệu API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
</body></html>`))

var homePage = template.Must(template.New("home").Parse(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tinhgon — Sổ đăng ký tổ chức bộ máy</title>` + pageStyle + `</head>
<body><h1>tinhgon</h1>
<p>Đang đăng nhập: <strong>{{.Name}}</strong> ({{.Role.Label}}).</p>
<form method="post" action="/logout"><button type="submit">Đăng xuất</button></form>
<ul>
<li><a href="/api/v1/openapi.json">Tài liệu API (OpenAPI)</a></li>
<li><a href="/api/v1/tree?as_of=2025-01-01">Cây tổ chức ngày 01/01/2025</a> · <a href="/api/v1/tree?as_of=2025-07-01">ngày 01/07/2025</a></li>
<li><a href="/api/v1/counts?as_of=2025-01-01">Số đầu mối ngày 01/01/2025</a> · <a href="/api/v1/counts?as_of=2025-07-01">ngày 01/07/2025</a></li>
<li><a href="/api/v1/diff?from=2025-01-01&amp;to=2025-07-01">Thay đổi từ 01/01/2025 đến 01/07/2025</a></li>
<li><a href="/api/v1/units?q=so%20ke%20hoach&amp;as_of=2025-01-01">Tìm «so ke hoach» ngày 01/01/2025</a></li>
<li><a href="/api/v1/operations?limit=200">Các thao tác sắp xếp đã ghi nhận</a></li>
</ul></body></html>`))
