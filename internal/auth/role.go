// Package auth holds accounts, their roles and the rights each role gives:
// who may read, change, see sensitive personal data or read the audit log,
// and over which units a scoped officer's rights reach. It hashes
// passwords with argon2id and mints API tokens and session ids; it knows
// nothing of HTTP or SQL.
package auth

import (
	"context"
	"fmt"
	"slices"
)

// Role is what an account may do.
type Role string

// The roles of a province's installation.
const (
	// Admin manages accounts and may do everything.
	Admin Role = "admin"
	// Editor is the province's editor (Home Affairs department or the
	// Party Organisation Board): changes the whole register.
	Editor Role = "editor"
	// Officer is a unit's HR officer: reads and changes people, their
	// assignments and quotas within one unit's subtree only.
	Officer Role = "officer"
	// Viewer reads the register without personal data.
	Viewer Role = "viewer"
	// Auditor reads the register and the audit log.
	Auditor Role = "auditor"
)

// Roles lists every role, for messages and forms.
var Roles = []Role{Admin, Editor, Officer, Viewer, Auditor}

// ParseRole reads a role's code.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !slices.Contains(Roles, r) {
		return "", fmt.Errorf("vai trò %q không có; dùng một trong: admin, editor, officer, viewer, auditor", s)
	}
	return r, nil
}

// Label is the role's Vietnamese name.
func (r Role) Label() string {
	switch r {
	case Admin:
		return "quản trị hệ thống"
	case Editor:
		return "biên tập cấp tỉnh (Sở Nội vụ, Ban Tổ chức)"
	case Officer:
		return "cán bộ tổ chức của đơn vị"
	case Viewer:
		return "người xem"
	case Auditor:
		return "kiểm tra, thanh tra"
	}
	return string(r)
}

// Right is one kind of access a route or command needs.
type Right int

// The rights, from the least to the most.
const (
	// Read is reading the register, staffing and schemes.
	Read Right = iota
	// EditStaff is changing people, assignments and quotas.
	EditStaff
	// Edit is changing the register itself: operations, decisions,
	// functions, schemes and imports.
	Edit
	// ReadAudit is reading the audit log.
	ReadAudit
	// ManageUsers is creating accounts and tokens for others.
	ManageUsers
)

// Label names a right in Vietnamese, for refusals.
func (r Right) Label() string {
	switch r {
	case Read:
		return "xem dữ liệu"
	case EditStaff:
		return "sửa nhân sự, bố trí, biên chế"
	case Edit:
		return "sửa sổ đăng ký, đề án, nhập dữ liệu"
	case ReadAudit:
		return "xem nhật ký kiểm tra"
	case ManageUsers:
		return "quản lý tài khoản"
	}
	return "?"
}

// Has reports whether the role carries the right. An officer's rights
// hold only inside their scope, which the caller checks.
func (r Role) Has(right Right) bool {
	switch right {
	case Read:
		return slices.Contains(Roles, r)
	case EditStaff:
		return r == Admin || r == Editor || r == Officer
	case Edit:
		return r == Admin || r == Editor
	case ReadAudit:
		return r == Admin || r == Auditor
	case ManageUsers:
		return r == Admin
	}
	return false
}

// SeesSensitive reports whether the role is given sensitive personal data
// (Decree 13/2023/NĐ-CP): those who manage the records need it; viewers
// and auditors do not.
func (r Role) SeesSensitive() bool {
	return r == Admin || r == Editor || r == Officer
}

// Principal is who makes a request or runs a command.
type Principal struct {
	UserID string `json:"id"`
	Name   string `json:"name"`
	// FullName is the person's name as shown.
	FullName string `json:"full_name"`
	Role     Role   `json:"role"`
	// Scope is the unit whose subtree bounds an officer's rights.
	Scope string `json:"scope,omitempty"`
	// Via says how they were recognised: session, token, oidc, cli.
	Via string `json:"via"`
}

// Scoped reports whether the principal's rights stop at a subtree.
func (p Principal) Scoped() bool { return p.Role == Officer }

type principalKey struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// From is the principal ctx carries.
func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
