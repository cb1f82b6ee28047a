package api

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"tinhgon/internal/org"
)

// Problem is an RFC 9457 problem document; Detail is always Vietnamese.
type Problem struct {
	Type   string           `json:"type"`
	Title  string           `json:"title"`
	Status int              `json:"status"`
	Detail string           `json:"detail"`
	Field  string           `json:"field,omitempty"`
	Errors []org.FieldError `json:"errors,omitempty"`
}

func writeProblem(w http.ResponseWriter, p Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p) //nolint:errcheck // the client went away
}

// invalid answers 422 for a value that is well-formed JSON but wrong.
func invalid(w http.ResponseWriter, field, detail string) {
	writeProblem(w, Problem{Status: http.StatusUnprocessableEntity, Title: "Dữ liệu không hợp lệ", Detail: detail, Field: field,
		Errors: []org.FieldError{{Field: field, Detail: detail}}})
}

// fail maps a domain error to its answer; internal errors stay in the log.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	if v, ok := org.AsValidation(err); ok {
		writeProblem(w, Problem{Status: http.StatusUnprocessableEntity, Title: "Dữ liệu không hợp lệ", Detail: v.Detail(), Field: v.Field(), Errors: v.Errors})
		return
	}
	switch {
	case errors.Is(err, org.ErrNotFound):
		writeProblem(w, Problem{Status: http.StatusNotFound, Title: "Không tìm thấy", Detail: sentence(err.Error())})
	case errors.Is(err, org.ErrStale):
		writeProblem(w, Problem{Status: http.StatusPreconditionFailed, Title: "Dữ liệu đã thay đổi",
			Detail: "Bản ghi đã được người khác thay đổi sau khi bạn mở; hãy tải lại và sửa lại trên phiên bản mới nhất.", Field: "If-Match"})
	case errors.Is(err, org.ErrPreconditionRequired):
		writeProblem(w, Problem{Status: http.StatusPreconditionRequired, Title: "Thiếu phiên bản",
			Detail: "Cần gửi tiêu đề If-Match với ETag của phiên bản đang sửa.", Field: "If-Match"})
	default:
		a.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeProblem(w, Problem{Status: http.StatusInternalServerError, Title: "Lỗi hệ thống", Detail: "Máy chủ gặp lỗi khi xử lý yêu cầu; lỗi đã được ghi lại."})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		slog.Debug("write response", "err", err)
	}
}

// answer writes v, or the problem err maps to.
func (a *API) answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// created answers 201 with the new resource and where it lives, or the
// problem err maps to.
func (a *API) created(w http.ResponseWriter, r *http.Request, location string, v any, err error) {
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", location)
	writeJSON(w, http.StatusCreated, v)
}

// sentence capitalises a message and ends it with a full stop.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// uploaded reads an uploaded file: the field «file» of a multipart form,
// or the body itself, named by ?name= (else by its content type).
func uploaded(w http.ResponseWriter, r *http.Request) (body io.Reader, name string, done func(), ok bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImport)
	name, body, done = r.URL.Query().Get("name"), r.Body, func() {}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		f, h, err := r.FormFile("file")
		if err != nil {
			invalid(w, "file", "Cần gửi tệp XLSX hoặc CSV trong trường «file» của biểu mẫu.")
			return nil, "", nil, false
		}
		body, name, done = f, h.Filename, func() { f.Close() }
	}
	if name == "" {
		name = "tai-len.xlsx"
		if strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
			name = "tai-len.csv"
		}
	}
	return body, name, done, true
}
