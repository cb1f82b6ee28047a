package api

import (
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"tinhgon/internal/audit"
	"tinhgon/internal/auth"
	"tinhgon/internal/civil"
)

func (a *API) accountRoutes() []route {
	rs := []route{
		{"POST", "/api/v1/session", a.login},
		{"GET", "/api/v1/session", a.me},
		{"DELETE", "/api/v1/session", a.logout},
		{"POST", "/api/v1/tokens", a.createToken},
		{"GET", "/api/v1/users", a.listUsers},
		{"POST", "/api/v1/users", a.createUser},
		{"GET", "/api/v1/audit", a.listAudit},
		{"GET", "/api/v1/audit/verify", a.verifyAudit},
	}
	if a.auth == nil {
		for i := range rs {
			rs[i].handle = func(w http.ResponseWriter, r *http.Request) {
				writeProblem(w, Problem{Status: http.StatusNotFound, Title: "Không có tài khoản",
					Detail: "Máy chủ này chạy không có tài khoản và nhật ký kiểm tra."})
			}
		}
	}
	return rs
}

// loginRequest is the body of POST /session.
type loginRequest struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

// SessionView is who is logged in.
type SessionView struct {
	User auth.Principal `json:"user"`
	// RoleLabel is the role's Vietnamese name.
	RoleLabel string `json:"role_label"`
	// SeesSensitive says whether the role may ask for sensitive personal data.
	SeesSensitive bool `json:"sees_sensitive"`
}

func sessionView(p auth.Principal) SessionView {
	return SessionView{User: p, RoleLabel: p.Role.Label(), SeesSensitive: p.Role.SeesSensitive()}
}

// Login checks a name and password, rate-limited per address and per
// name; it answers the session cookie. Failed logins are in the audit log.
func (a *API) Login(w http.ResponseWriter, r *http.Request, name, password string) (auth.Principal, bool) {
	ip := clientIP(r)
	if !a.limiter.Allow("ip:"+ip, "name:"+name) {
		w.Header().Set("Retry-After", "12")
		writeProblem(w, Problem{Status: http.StatusTooManyRequests, Title: "Thử đăng nhập quá nhiều lần",
			Detail: "Đã thử đăng nhập quá nhiều lần từ địa chỉ này hoặc với tên này; hãy đợi ít phút rồi thử lại."})
		return auth.Principal{}, false
	}
	u, sec, err := a.auth.Login(r.Context(), name, password, ip)
	if errors.Is(err, auth.ErrLogin) {
		r = r.WithContext(auth.With(r.Context(), auth.Principal{Name: name}))
		a.logAccess(r, audit.Denied, "user:"+name, map[string]string{"reason": "đăng nhập sai"}) //nolint:errcheck // logged inside
		writeProblem(w, Problem{Status: http.StatusUnauthorized, Title: "Đăng nhập không thành công", Detail: "Tên đăng nhập hoặc mật khẩu không đúng."})
		return auth.Principal{}, false
	}
	if err != nil {
		a.fail(w, r, err)
		return auth.Principal{}, false
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: string(sec), Path: "/", HttpOnly: true, Secure: a.secureCookies,
		SameSite: http.SameSiteLaxMode, MaxAge: int(auth.SessionLife / time.Second)})
	return u.Principal("session"), true
}

func (a *API) login(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if !decode(w, r, &req) {
		return
	}
	for f, v := range map[string]string{"name": req.Name, "password": req.Password} {
		if v == "" {
			invalid(w, f, "Cần tên đăng nhập (name) và mật khẩu (password).")
			return
		}
	}
	if p, ok := a.Login(w, r, req.Name, req.Password); ok {
		writeJSON(w, http.StatusOK, sessionView(p))
	}
}

func (a *API) me(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.From(r.Context())
	writeJSON(w, http.StatusOK, sessionView(p))
}

// Logout ends the request's session, if it has one, and clears the cookie.
func (a *API) Logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := a.auth.Logout(r.Context(), auth.Secret(c.Value)); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: a.secureCookies,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	return nil
}

func (a *API) logout(w http.ResponseWriter, r *http.Request) {
	if err := a.Logout(w, r); err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Principal recognises a request's caller, for pages served beside the API.
func (a *API) Principal(r *http.Request) (auth.Principal, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" || a.auth == nil {
		return auth.Principal{}, false
	}
	p, err := a.auth.BySession(r.Context(), auth.Secret(c.Value))
	return p, err == nil
}

// tokenRequest is the body of POST /tokens.
type tokenRequest struct {
	Label string `json:"label"`
	// Days is the token's life, 1 to 366 (default 90).
	Days int `json:"days"`
}

// TokenView is a new API token: the secret is shown only here.
type TokenView struct {
	Token     string    `json:"token"`
	ID        string    `json:"id"`
	Label     string    `json:"label"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request) {
	var req tokenRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Days == 0 {
		req.Days = 90
	}
	if req.Days < 1 || req.Days > 366 {
		invalid(w, "days", "Thời hạn mã truy cập (days) từ 1 đến 366 ngày.")
		return
	}
	p, _ := auth.From(r.Context())
	t, sec, err := a.auth.CreateToken(r.Context(), p.Name, req.Label, time.Duration(req.Days)*24*time.Hour)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, TokenView{Token: string(sec), ID: t.ID, Label: t.Label, ExpiresAt: t.ExpiresAt})
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request) {
	us, err := a.auth.Store().Users(r.Context())
	if us == nil {
		us = []auth.User{}
	}
	a.answer(w, r, List[auth.User]{Items: us, Total: len(us), Limit: len(us)}, err)
}

// userRequest is the body of POST /users.
type userRequest struct {
	Name     string    `json:"name"`
	FullName string    `json:"full_name"`
	Role     auth.Role `json:"role"`
	// Scope is the unit (id or code) an officer works in.
	Scope    string `json:"scope"`
	Password string `json:"password"`
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request) {
	var req userRequest
	if !decode(w, r, &req) {
		return
	}
	n := auth.NewUser{Name: req.Name, FullName: req.FullName, Role: req.Role, Password: req.Password}
	if req.Scope != "" {
		id, err := a.reg.Resolve(r.Context(), req.Scope)
		if err != nil {
			invalid(w, "scope", fmt.Sprintf("Không có đơn vị «%s» để làm phạm vi phụ trách.", req.Scope))
			return
		}
		n.Scope = id
	}
	if req.Password == "" {
		invalid(w, "password", "Cần mật khẩu ban đầu.")
		return
	}
	if err := n.Validate(); err != nil {
		invalid(w, "", err.Error())
		return
	}
	u, err := a.auth.AddUser(r.Context(), n)
	if errors.Is(err, auth.ErrTaken) {
		writeProblem(w, Problem{Status: http.StatusConflict, Title: "Tên đăng nhập đã có", Detail: err.Error(), Field: "name"})
		return
	}
	a.created(w, r, "/api/v1/users", u, err)
}

// auditFilter reads the log's filters from the query.
func auditFilter(w http.ResponseWriter, r *http.Request) (audit.Filter, bool) {
	q := r.URL.Query()
	f := audit.Filter{Actor: q.Get("actor"), Object: q.Get("object"), Outcome: q.Get("outcome"), Newest: q.Get("order") != "asc"}
	for name, dst := range map[string]*time.Time{"from": &f.From, "to": &f.To} {
		if s := q.Get(name); s != "" {
			d, err := civil.Parse(s)
			if err != nil {
				invalid(w, name, fmt.Sprintf("Ngày %s «%s» không hợp lệ, cần dạng YYYY-MM-DD.", name, s))
				return f, false
			}
			*dst = time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), 0, 0, 0, 0, vietnam)
			if name == "to" {
				*dst = dst.AddDate(0, 0, 1)
			}
		}
	}
	return f, true
}

func (a *API) listAudit(w http.ResponseWriter, r *http.Request) {
	f, ok := auditFilter(w, r)
	if !ok {
		return
	}
	switch r.URL.Query().Get("format") {
	case "csv":
		a.auditCSV(w, r, f)
		return
	case "", "json":
	default:
		invalid(w, "format", "Định dạng (format) là json hoặc csv.")
		return
	}
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	f.Limit, f.Offset = limit, offset
	es, total, err := a.auditLog.AuditEntries(r.Context(), f)
	if es == nil {
		es = []audit.Entry{}
	}
	a.answer(w, r, List[audit.Entry]{Items: es, Total: total, Limit: limit, Offset: offset}, err)
}

// auditCSV streams every entry the filter selects, oldest first, with the
// hashes, so that a copy can be checked away from the server.
func (a *API) auditCSV(w http.ResponseWriter, r *http.Request, f audit.Filter) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="nhat-ky-kiem-tra.csv"`)
	w.Write([]byte("\ufeff")) //nolint:errcheck // Excel reads UTF-8 only after a BOM
	cw := csv.NewWriter(w)
	cw.Write(AuditCSVHeader) //nolint:errcheck // checked by Flush
	err := a.auditLog.WalkAudit(r.Context(), f, func(e audit.Entry) error {
		return cw.Write(AuditCSVRow(e))
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		a.log.Error("audit csv", "err", err)
	}
}

// AuditCSVHeader is the header of the log's CSV export.
var AuditCSVHeader = []string{"seq", "at", "province", "actor", "role", "remote", "action", "object", "decision", "outcome", "before", "after", "prev_hash", "hash"}

// AuditCSVRow is an entry as a CSV row.
func AuditCSVRow(e audit.Entry) []string {
	return []string{strconv.FormatInt(e.Seq, 10), e.At.Format(time.RFC3339Nano), e.Province, e.Actor, e.Role, e.Remote, e.Action,
		e.Object, e.Decision, e.Outcome, string(e.Before), string(e.After), e.PrevHash, e.Hash}
}

// AuditCheck is the answer of GET /audit/verify.
type AuditCheck struct {
	OK       bool            `json:"ok"`
	Entries  int64           `json:"entries"`
	Problems []audit.Problem `json:"problems"`
}

func (a *API) verifyAudit(w http.ResponseWriter, r *http.Request) {
	v, err := a.auditLog.VerifyAudit(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ps := v.Problems
	if ps == nil {
		ps = []audit.Problem{}
	}
	writeJSON(w, http.StatusOK, AuditCheck{OK: v.OK(), Entries: v.Entries, Problems: ps})
}
