package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"tinhgon/internal/audit"
	"tinhgon/internal/auth"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// AuditLog is where the API appends refusals and reads of sensitive data,
// and what it reads the log from.
type AuditLog interface {
	AppendAudit(ctx context.Context, e audit.Entry) error
	AuditEntries(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error)
	WalkAudit(ctx context.Context, f audit.Filter, fn func(audit.Entry) error) error
	VerifyAudit(ctx context.Context) (*audit.Verifier, error)
}

// SessionCookie is the name of the browser session's cookie.
const SessionCookie = "tinhgon_session"

// access is what a route asks of its caller.
type access struct {
	// public routes need no login.
	public bool
	right  auth.Right
	// officer routes are open to a scoped officer, inside the scope the
	// handler (or root) checks.
	officer bool
	// root routes take ?root=; an officer's is their scope unit by default
	// and must lie inside it.
	root bool
}

// accessOf is the access a route needs: reads need Read, writes Edit,
// except as listed.
func accessOf(method, path string) access {
	key := method + " " + path
	switch key {
	case "GET /api/v1/openapi.json", "POST /api/v1/session":
		return access{public: true}
	case "GET /api/v1/session", "DELETE /api/v1/session", "POST /api/v1/tokens":
		return access{right: auth.Read, officer: true}
	case "GET /api/v1/units", "GET /api/v1/units/{id}", "GET /api/v1/units/{id}/history", "GET /api/v1/units/{id}/lineage",
		"GET /api/v1/units/{id}/children", "GET /api/v1/units/{id}/quotas", "GET /api/v1/units/{id}/staff",
		"GET /api/v1/findings", "GET /api/v1/people", "GET /api/v1/people/{id}", "GET /api/v1/decisions",
		"GET /api/v1/decisions/{id}", "GET /api/v1/operation-kinds", "GET /api/v1/imports/staff/template":
		return access{right: auth.Read, officer: true}
	case "GET /api/v1/tree", "GET /api/v1/reports/staffing":
		return access{right: auth.Read, officer: true, root: true}
	case "POST /api/v1/people", "PATCH /api/v1/people/{id}", "POST /api/v1/people/{id}/leave", "POST /api/v1/assignments", "POST /api/v1/quotas":
		return access{right: auth.EditStaff, officer: true}
	case "POST /api/v1/schemes/{id}/check":
		// A check simulates on a copy: reading, though posted.
		return access{right: auth.Read}
	case "GET /api/v1/audit", "GET /api/v1/audit/verify":
		return access{right: auth.ReadAudit}
	case "GET /api/v1/users", "POST /api/v1/users":
		return access{right: auth.ManageUsers}
	}
	if method == http.MethodGet {
		return access{right: auth.Read}
	}
	return access{right: auth.Edit}
}

// guard wraps a route's handler with login, rights, scope and the audit
// note of the change it makes.
func (a *API) guard(rt route) http.HandlerFunc {
	acc := accessOf(rt.method, rt.path)
	if acc.public || a.auth == nil {
		return rt.handle
	}
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := a.authenticate(w, r)
		if !ok {
			return
		}
		ctx := auth.With(r.Context(), p)
		r = r.WithContext(ctx)
		if slot, ok := ctx.Value(userSlotKey{}).(*string); ok {
			*slot = p.Name
		}
		if !p.Role.Has(acc.right) || (p.Scoped() && !acc.officer) {
			a.deny(w, r, fmt.Sprintf("Tài khoản %s (%s) không có quyền %s.", p.Name, p.Role.Label(), acc.right.Label()))
			return
		}
		if p.Scoped() && acc.root && !a.scopeRoot(w, r) {
			return
		}
		if p.Scoped() && !a.scopePath(w, r, rt.path) {
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			note := &audit.Note{Actor: p.Name, Role: string(p.Role), Remote: clientIP(r), Action: rt.method + " " + rt.path, Object: r.URL.Path}
			if asked, ok := askedOf(w, r); ok {
				note.Asked = asked
			} else {
				return
			}
			r = r.WithContext(audit.WithNote(ctx, note))
			a.noteBefore(r, rt.path)
		}
		rt.handle(w, r)
	}
}

// noteBefore records on the audit note the object a change is about, as
// it is before the change.
func (a *API) noteBefore(r *http.Request, path string) {
	id := r.PathValue("id")
	if id == "" {
		return
	}
	ctx := r.Context()
	var v any
	var err error
	switch {
	case strings.HasPrefix(path, "/api/v1/units/{id}"):
		v, err = a.reg.Get(ctx, id, org.Moment{AsOf: civil.Today()})
	case strings.HasPrefix(path, "/api/v1/operations/{id}"):
		v, err = a.reg.Store().Operation(ctx, id)
	case strings.HasPrefix(path, "/api/v1/people/{id}"):
		v, err = a.personView(r, id, org.Moment{AsOf: civil.Today()})
	case strings.HasPrefix(path, "/api/v1/schemes/{id}") && a.schemes != nil:
		v, err = a.schemes.Get(ctx, id)
	default:
		return
	}
	if err == nil {
		before(r, v)
	}
}

type userSlotKey struct{}

// TrackUser returns ctx with room for the account a request is recognised
// as, and a function that reads it afterwards: for the request log.
func TrackUser(ctx context.Context) (context.Context, func() string) {
	var name string
	return context.WithValue(ctx, userSlotKey{}, &name), func() string { return name }
}

// authenticate recognises the caller by an API token or a session cookie.
func (a *API) authenticate(w http.ResponseWriter, r *http.Request) (auth.Principal, bool) {
	var p auth.Principal
	var err error
	if h := r.Header.Get("Authorization"); h != "" {
		tok, found := strings.CutPrefix(h, "Bearer ")
		if !found {
			unauthorized(w, "Tiêu đề Authorization cần dạng «Bearer <mã truy cập>».")
			return p, false
		}
		p, err = a.auth.ByToken(r.Context(), auth.Secret(strings.TrimSpace(tok)))
	} else if c, cerr := r.Cookie(SessionCookie); cerr == nil && c.Value != "" {
		p, err = a.auth.BySession(r.Context(), auth.Secret(c.Value))
	} else {
		unauthorized(w, "Cần đăng nhập: gửi mã truy cập (Authorization: Bearer …) hoặc đăng nhập tại POST /api/v1/session.")
		return p, false
	}
	if errors.Is(err, auth.ErrExpired) || errors.Is(err, auth.ErrNoUser) {
		unauthorized(w, "Phiên đăng nhập hoặc mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi; hãy đăng nhập lại.")
		return p, false
	}
	if err != nil {
		a.fail(w, r, err)
		return p, false
	}
	return p, true
}

func unauthorized(w http.ResponseWriter, detail string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="tinhgon"`)
	writeProblem(w, Problem{Status: http.StatusUnauthorized, Title: "Chưa đăng nhập", Detail: detail})
}

// deny answers 403 and logs the attempt.
func (a *API) deny(w http.ResponseWriter, r *http.Request, detail string) {
	a.logAccess(r, audit.Denied, r.URL.Path, map[string]string{"reason": detail})
	writeProblem(w, Problem{Status: http.StatusForbidden, Title: "Không có quyền", Detail: detail})
}

// logAccess appends an entry that changes nothing else: a refusal or a
// read of sensitive data. A failure to log is itself logged; for a read of
// sensitive data it refuses the read (see readSensitive).
func (a *API) logAccess(r *http.Request, outcome, object string, detail any) error {
	p, _ := auth.From(r.Context())
	e := audit.Entry{Actor: p.Name, Role: string(p.Role), Remote: clientIP(r), Action: r.Method + " " + r.URL.Path,
		Object: object, Outcome: outcome}
	if detail != nil {
		b, err := json.Marshal(detail)
		if err == nil {
			e.After = b
		}
	}
	if err := a.auditLog.AppendAudit(context.WithoutCancel(r.Context()), e); err != nil {
		a.log.Error("audit", "outcome", outcome, "object", object, "err", err)
		return err
	}
	return nil
}

// clientIP is the caller's address without the port.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// maxAsked bounds the request body an audit entry keeps whole.
const maxAsked = 64 << 10

// askedOf reads the request's body for its audit entry and puts it back:
// a JSON body is kept (with sensitive values hidden), an upload by its
// size and SHA-256.
func askedOf(w http.ResponseWriter, r *http.Request) (any, bool) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, true
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpload))
	if err != nil {
		writeProblem(w, Problem{Status: http.StatusRequestEntityTooLarge, Title: "Nội dung quá lớn",
			Detail: fmt.Sprintf("Nội dung gửi lên vượt quá %d MB.", maxUpload>>20)})
		return nil, false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if len(body) == 0 {
		return nil, true
	}
	if len(body) <= maxAsked && json.Valid(body) {
		var v any
		if json.Unmarshal(body, &v) == nil {
			return hideSensitive(v), true
		}
	}
	sum := sha256.Sum256(body)
	return map[string]any{"content_type": r.Header.Get("Content-Type"), "bytes": len(body), "sha256": hex.EncodeToString(sum[:])}, true
}

// maxUpload bounds any request body, imports included.
const maxUpload = 32 << 20

// sensitiveKeys are the JSON fields of sensitive personal data (Decree
// 13/2023/NĐ-CP): hidden from roles that do not need them and from the
// audit log's copies of requests.
var sensitiveKeys = []string{"sensitive", "party_member", "party_joined"}

// hideSensitive replaces the values of sensitive fields, at any depth.
func hideSensitive(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if slices.Contains(sensitiveKeys, k) {
				x[k] = "(đã ẩn)"
			} else {
				x[k] = hideSensitive(val)
			}
		}
	case []any:
		for i := range x {
			x[i] = hideSensitive(x[i])
		}
	}
	return v
}

// dropSensitive removes sensitive fields at any depth of a JSON document.
func dropSensitive(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sensitiveKeys {
			delete(x, k)
		}
		for k, val := range x {
			x[k] = dropSensitive(val)
		}
	case []any:
		for i := range x {
			x[i] = dropSensitive(x[i])
		}
	}
	return v
}

// redacted is v as JSON without its sensitive fields.
func redacted(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	return dropSensitive(doc), nil
}

// before records, on the change's audit note, the object as it was.
func before(r *http.Request, v any) {
	if n := audit.NoteFrom(r.Context()); n != nil {
		if doc, err := redacted(v); err == nil {
			n.Before = doc
		}
	}
}

// scopes caches, per timeline, the units each officer's scope covers.
type scopes struct {
	mu    sync.Mutex
	tl    *org.Timeline
	units map[string]map[string]bool
}

// scopeUnits is every unit that was, on some day, the scope unit or below it.
func (a *API) scopeUnits(ctx context.Context, scope string) (map[string]bool, error) {
	tl, err := a.reg.Store().Timeline(ctx)
	if err != nil {
		return nil, err
	}
	a.scopes.mu.Lock()
	defer a.scopes.mu.Unlock()
	if a.scopes.tl != tl {
		a.scopes.tl, a.scopes.units = tl, map[string]map[string]bool{}
	}
	if set, ok := a.scopes.units[scope]; ok {
		return set, nil
	}
	set := map[string]bool{}
	for _, id := range tl.Under(scope) {
		set[id] = true
	}
	a.scopes.units[scope] = set
	return set, nil
}

// inScope reports whether the caller may reach the unit: always, unless
// they are a scoped officer and the unit was never inside their scope.
func (a *API) inScope(r *http.Request, unitID string) (bool, error) {
	p, _ := auth.From(r.Context())
	if !p.Scoped() {
		return true, nil
	}
	set, err := a.scopeUnits(r.Context(), p.Scope)
	if err != nil {
		return false, err
	}
	return set[unitID], nil
}

// checkUnit answers 403 (and logs it) when the unit is outside the
// caller's scope.
func (a *API) checkUnit(w http.ResponseWriter, r *http.Request, unitID string) bool {
	ok, err := a.inScope(r, unitID)
	if err != nil {
		a.fail(w, r, err)
		return false
	}
	if !ok {
		p, _ := auth.From(r.Context())
		a.deny(w, r, fmt.Sprintf("Đơn vị %s nằm ngoài phạm vi phụ trách của tài khoản %s.", unitID, p.Name))
	}
	return ok
}

// checkPerson answers 403 (and logs it) when a scoped officer asks for a
// person never placed inside their scope. A person not yet placed
// anywhere is reachable, so that an officer can record and then place them.
func (a *API) checkPerson(w http.ResponseWriter, r *http.Request, ref string) bool {
	p, _ := auth.From(r.Context())
	if !p.Scoped() {
		return true
	}
	vs, err := a.staff.Store().PersonVersions(r.Context(), ref, time.Time{})
	if err != nil {
		a.fail(w, r, err)
		return false
	}
	if len(vs) == 0 {
		// Unknown to everyone: the handler answers 404 as it would anyway.
		return true
	}
	as, err := a.staff.Store().AssignmentsOf(r.Context(), vs[0].ID, time.Time{})
	if err != nil {
		a.fail(w, r, err)
		return false
	}
	set, err := a.scopeUnits(r.Context(), p.Scope)
	if err != nil {
		a.fail(w, r, err)
		return false
	}
	if len(as) == 0 || slices.ContainsFunc(as, func(x staff.Assignment) bool { return set[x.UnitID] }) {
		return true
	}
	a.deny(w, r, fmt.Sprintf("Người %s không thuộc đơn vị nào trong phạm vi phụ trách của tài khoản %s.", ref, p.Name))
	return false
}

// scopePath checks the unit or person a path names against an officer's
// scope, whatever id is put in the URL.
func (a *API) scopePath(w http.ResponseWriter, r *http.Request, path string) bool {
	ref := r.PathValue("id")
	switch {
	case ref == "":
		return true
	case strings.HasPrefix(path, "/api/v1/units/{id}"):
		id, err := a.reg.Resolve(r.Context(), ref)
		if errors.Is(err, org.ErrNotFound) {
			return true // the handler answers 404 as for anyone
		}
		if err != nil {
			a.fail(w, r, err)
			return false
		}
		return a.checkUnit(w, r, id)
	case strings.HasPrefix(path, "/api/v1/people/{id}"):
		return a.checkPerson(w, r, ref)
	}
	return true
}

// scopeRoot points an officer's tree or report at their scope unit, or
// checks the root they asked for lies inside it.
func (a *API) scopeRoot(w http.ResponseWriter, r *http.Request) bool {
	p, _ := auth.From(r.Context())
	q := r.URL.Query()
	ref := q.Get("root")
	if ref == "" {
		q.Set("root", p.Scope)
		r.URL.RawQuery = q.Encode()
		return true
	}
	id, err := a.reg.Resolve(r.Context(), ref)
	if err != nil {
		a.fail(w, r, err)
		return false
	}
	return a.checkUnit(w, r, id)
}

// scopeIDs lists the units of an officer's scope, or nil for everyone else.
func (a *API) scopeIDs(r *http.Request) ([]string, error) {
	p, _ := auth.From(r.Context())
	if !p.Scoped() {
		return nil, nil
	}
	set, err := a.scopeUnits(r.Context(), p.Scope)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// personOut is a person's answer: without sensitive personal data unless
// the caller asks for it (?sensitive=true) and their role is given it; then
// the read is logged first, and refused if it cannot be.
func (a *API) personOut(w http.ResponseWriter, r *http.Request, v any, personID string) (any, bool) {
	ask := r.URL.Query().Get("sensitive")
	if ask != "true" && ask != "1" {
		out, err := redacted(v)
		if err != nil {
			a.fail(w, r, err)
			return nil, false
		}
		return out, true
	}
	if a.auth == nil {
		return v, true
	}
	p, _ := auth.From(r.Context())
	if !p.Role.SeesSensitive() {
		a.deny(w, r, fmt.Sprintf("Vai trò %s không được xem dữ liệu cá nhân nhạy cảm (Nghị định 13/2023/NĐ-CP).", p.Role.Label()))
		return nil, false
	}
	if err := a.logAccess(r, audit.Read, "person:"+personID, map[string]any{"fields": sensitiveKeys}); err != nil {
		a.fail(w, r, fmt.Errorf("ghi nhật ký lần đọc dữ liệu nhạy cảm: %w", err))
		return nil, false
	}
	return v, true
}
