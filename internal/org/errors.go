package org

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors the edges map to status codes.
var (
	ErrNotFound = errors.New("không tìm thấy")
	// ErrStale: the write was based on a version that is no longer current.
	ErrStale = errors.New("dữ liệu đã bị thay đổi bởi người khác")
	// ErrPreconditionRequired: an edit came without the version it was based on.
	ErrPreconditionRequired = errors.New("thiếu phiên bản dữ liệu (If-Match)")
)

// FieldError is one reason an input was refused, with the field it concerns.
type FieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// ValidationError refuses a whole input: nothing of it was written.
type ValidationError struct {
	Subject string // what was refused, e.g. "Thao tác «sáp nhập»"
	Errors  []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, f := range e.Errors {
		parts[i] = f.Detail
	}
	return e.Subject + " không hợp lệ: " + strings.Join(parts, "; ")
}

// Detail is the first reason, phrased for a user; the others follow.
func (e *ValidationError) Detail() string {
	if len(e.Errors) == 0 {
		return e.Subject + " không hợp lệ."
	}
	d := e.Subject + ": " + e.Errors[0].Detail
	if n := len(e.Errors) - 1; n > 0 {
		d += fmt.Sprintf(" (và %d lỗi khác)", n)
	}
	return d
}

// Field is the field of the first reason.
func (e *ValidationError) Field() string {
	if len(e.Errors) == 0 {
		return ""
	}
	return e.Errors[0].Field
}

// AsValidation returns the ValidationError in err's chain, if any.
func AsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}
