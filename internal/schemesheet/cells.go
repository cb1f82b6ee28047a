package schemesheet

import (
	"fmt"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	sheets "tinhgon/internal/sheet" // sheet is the writer of one sheet here
	"tinhgon/internal/staff"
)

// Typed reads of a row's cells: an empty cell gives the zero value, a bad
// one an error at its position and the zero value.

func (r *row) date(h string) civil.Date {
	s := r.text(h)
	if s == "" {
		return civil.Date{}
	}
	d, ok := sheets.ParseDate(s, false, r.rd.date1904)
	if !ok {
		r.fail(h, "%s", dateReason(s))
	}
	return d
}

func dateReason(s string) string {
	return fmt.Sprintf("ngày %s không hợp lệ, cần dạng dd/mm/yyyy (hoặc yyyy-mm-dd)", quote(s))
}

// count reads a whole number not below min; ok is false when the cell is
// empty or bad.
func (r *row) count(h string, min int) (int, bool) {
	s := r.text(h)
	if s == "" {
		return 0, false
	}
	n, ok := parseCount(s)
	switch {
	case !ok:
		r.fail(h, "%s không phải số nguyên", quote(s))
	case n < min:
		r.fail(h, "số %d phải từ %d trở lên", n, min)
		ok = false
	}
	return n, ok
}

// refs reads unit references joined by ";" or line breaks.
func (r *row) refs(h string) []string {
	var out []string
	for _, p := range splitRefs(r.note(h)) {
		out = append(out, strings.Join(strings.Fields(p), " "))
	}
	return out
}

func (r *row) flag(h string) bool {
	s := r.text(h)
	v, ok := parseYes(s)
	if !ok {
		r.fail(h, "%s không hợp lệ: ghi «%s» hoặc để trống", quote(s), yes)
	}
	return v
}

func (r *row) level(h string) org.Level {
	s := r.text(h)
	if s == "" {
		return ""
	}
	l, ok := parseLevel(s)
	if !ok {
		r.fail(h, "cấp %s không có; chọn một trong: %s", quote(s), choices(levels, org.LevelLabel))
	}
	return l
}

func (r *row) pillar(h string) org.Pillar {
	s := r.text(h)
	if s == "" {
		return ""
	}
	p, ok := parsePillar(s)
	if !ok {
		r.fail(h, "khối %s không có; chọn một trong: %s", quote(s), choices(pillars, org.PillarLabel))
	}
	return p
}

func (r *row) opKind(h string) org.OpKind {
	s := r.text(h)
	if s == "" {
		return ""
	}
	k, ok := parseOpKind(s)
	if !ok {
		r.fail(h, "loại thao tác %s không có; chọn một trong: %s", quote(s), choices(opKinds(), org.OpKind.Label))
	}
	return k
}

func (r *row) post(h string) string {
	s := r.text(h)
	if s == "" {
		return "" // keeps the person's post
	}
	p, ok := parsePost(s)
	if !ok {
		r.fail(h, "chức vụ %s không có; chọn một trong: %s", quote(s), labels(staff.Posts))
	}
	return string(p)
}

func (r *row) category(h string) string {
	s := r.text(h)
	if s == "" {
		return ""
	}
	c, ok := parseCategory(s)
	if !ok {
		r.fail(h, "loại %s không có; chọn một trong: %s", quote(s), labels(staff.Categories[:]))
	}
	return string(c)
}

func (r *row) role(h string) string {
	s := r.text(h)
	if s == "" {
		return "" // keeps the role the input held
	}
	role, ok := parseRole(s)
	if !ok {
		r.fail(h, "vai trò %s không có; chọn «chủ trì» hoặc «phối hợp»", quote(s))
	}
	return string(role)
}

func (r *row) policy(h string) string {
	s := r.text(h)
	if s == "" {
		return ""
	}
	p, ok := parsePolicy(s)
	if !ok {
		r.fail(h, "chính sách %s không có; chọn một trong: %s", quote(s), choices(scheme.Policies(), func(p scheme.Policy) string { return p.Label }))
	}
	return p
}

func labels[T ~string](list []staff.Labelled[T]) string {
	return choices(list, func(l staff.Labelled[T]) string { return l.Label })
}

// op finds the operation a row of parts belongs to by its number.
func (r *row) op() *opEntry {
	s := r.text(hOp)
	if s == "" {
		return nil // reported as a missing required cell
	}
	n, ok := parseCount(s)
	e := r.rd.ops[n]
	switch {
	case !ok:
		r.fail(hOp, "%s không phải số thứ tự của một thao tác", quote(s))
	case e == nil:
		r.fail(hOp, "thao tác số %d không có ở trang «%s»", n, SheetOperations)
	}
	return e
}
