package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"syscall"
	"time"
)

// route is one kind of request the clients make.
type route int

const (
	rUnitsSearch route = iota
	rUnit
	rTree
	rCounts
	rPeopleSearch
	rPerson
	rStaffing
	rFindings
	rPersonBeforePatch
	rCreatePerson
	rCreateAssignment
	rPatchPerson
	nRoutes
)

func (rt route) String() string {
	switch rt {
	case rUnitsSearch:
		return "GET /units?q="
	case rUnit:
		return "GET /units/{id}"
	case rTree:
		return "GET /tree"
	case rCounts:
		return "GET /counts"
	case rPeopleSearch:
		return "GET /people?q="
	case rPerson:
		return "GET /people/{id}"
	case rStaffing:
		return "GET /reports/staffing"
	case rFindings:
		return "GET /findings"
	case rPersonBeforePatch:
		return "GET /people/{id} (trước PATCH)"
	case rCreatePerson:
		return "POST /people"
	case rCreateAssignment:
		return "POST /assignments"
	case rPatchPerson:
		return "PATCH /people/{id}"
	}
	return "?"
}

// writes reports whether the route changes data.
func (rt route) writes() bool { return rt >= rCreatePerson }

// errKind is what went wrong with a request, if anything.
type errKind int

const (
	errNone errKind = iota
	// errTimeout: no answer within the request's timeout.
	errTimeout
	// errTransport: the connection failed (refused, reset, closed early).
	errTransport
	// errServer: a 5xx.
	errServer
	// errClient: a 4xx the client did not expect.
	errClient
	// errAnswer: an expected status with a body that says otherwise (not
	// JSON, a missing ETag, a value not the one written).
	errAnswer
	nErrKinds
)

func (k errKind) String() string {
	switch k {
	case errTimeout:
		return "hết thời gian chờ"
	case errTransport:
		return "lỗi kết nối"
	case errServer:
		return "lỗi máy chủ 5xx"
	case errClient:
		return "4xx ngoài dự kiến"
	case errAnswer:
		return "trả lời sai"
	}
	return "không lỗi"
}

// sample is one request as measured.
type sample struct {
	route  route
	status int // 0 on a transport error
	dur    time.Duration
	err    errKind
}

// result is one request's answer.
type result struct {
	status int
	header http.Header
	body   []byte
	// err is set on a transport error; status is then 0.
	err error
	// failed is set when the request counts as an error.
	failed bool
}

// uncertain reports whether a write may have happened though it was not
// acknowledged: no answer, or a 5xx after which the change may stand.
func (r result) uncertain() bool { return r.err != nil || r.status >= 500 }

// do sends one request, records it in rec, and returns its answer. A
// status not among expect is an error, and so is a transport error.
func (r *run) do(ctx context.Context, rec recorder, rt route, method, path, token string, header map[string]string, body any, expect ...int) result {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return r.broken(rec, rt, method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	rctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, method, r.cfg.BaseURL+path, rd)
	if err != nil {
		return r.broken(rec, rt, method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	start := time.Now()
	res, err := r.cfg.HTTP.Do(req)
	var out result
	if err == nil {
		out.status, out.header = res.StatusCode, res.Header
		out.body, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	s := sample{route: rt, status: out.status, dur: time.Since(start)}
	switch {
	case err != nil:
		out.err = err
		s.err = transportKind(err)
	case out.status >= 500:
		s.err = errServer
	case !slices.Contains(expect, out.status):
		s.err = errClient
	}
	if s.err != errNone {
		out.failed = true
		rec.fail(s, method+" "+path, describe(out))
	}
	rec.add(s)
	return out
}

// broken records a request that could not even be made.
func (r *run) broken(rec recorder, rt route, method, path string, err error) result {
	out := result{err: err, failed: true}
	s := sample{route: rt, err: errTransport}
	rec.fail(s, method+" "+path, err.Error())
	rec.add(s)
	return out
}

// answerWrong records that an expected status came with a wrong body.
func answerWrong(rec recorder, rt route, what, why string) {
	rec.fail(sample{route: rt, err: errAnswer}, what, why)
	rec.markLast(errAnswer)
}

func transportKind(err error) errKind {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return errTimeout
	}
	return errTransport
}

// describe is an answer in a line, for the examples of errors.
func describe(r result) string {
	if r.err != nil {
		msg := r.err.Error()
		switch {
		case errors.Is(r.err, syscall.ECONNREFUSED):
			msg = "kết nối bị từ chối: " + msg
		case errors.Is(r.err, syscall.ECONNRESET):
			msg = "kết nối bị đặt lại: " + msg
		case errors.Is(r.err, io.EOF), errors.Is(r.err, io.ErrUnexpectedEOF):
			msg = "máy chủ đóng kết nối: " + msg
		}
		return msg
	}
	var p struct {
		Title, Detail string
	}
	if json.Unmarshal(r.body, &p) == nil && p.Detail != "" {
		return fmt.Sprintf("%d %s: %s", r.status, p.Title, p.Detail)
	}
	b := strings.TrimSpace(string(r.body))
	if len(b) > 200 {
		b = b[:200] + "…"
	}
	return fmt.Sprintf("%d %s", r.status, b)
}

// recorder keeps a client's samples.
type recorder interface {
	add(s sample)
	fail(s sample, what, why string)
	markLast(k errKind)
}

// getJSON reads path as token for preparing or checking, not measured.
func (r *run) getJSON(ctx context.Context, path, token string, v any) (int, error) {
	res := r.do(ctx, discard{}, 0, http.MethodGet, path, token, nil, nil, http.StatusOK)
	if res.err != nil {
		return 0, fmt.Errorf("GET %s: %w", path, res.err)
	}
	if res.status != http.StatusOK {
		return res.status, fmt.Errorf("GET %s: %s", path, describe(res))
	}
	if err := json.Unmarshal(res.body, v); err != nil {
		return res.status, fmt.Errorf("GET %s: JSON: %w", path, err)
	}
	return res.status, nil
}

// discard records nothing: requests made while preparing or checking.
type discard struct{}

func (discard) add(sample)                  {}
func (discard) fail(sample, string, string) {}
func (discard) markLast(errKind)            {}
