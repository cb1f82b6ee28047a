package auth

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// User is an account.
type User struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	FullName string `json:"full_name"`
	Role     Role   `json:"role"`
	// Scope is the unit id whose subtree an officer works in.
	Scope string `json:"scope,omitempty"`
	// PasswordHash is empty for accounts that sign in only through the
	// province's identity provider.
	PasswordHash string `json:"-"`
	// Subject is the account's subject at the identity provider, if linked.
	Subject   string    `json:"subject,omitempty"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
}

// Principal is the user as a request's actor.
func (u User) Principal(via string) Principal {
	return Principal{UserID: u.ID, Name: u.Name, FullName: u.FullName, Role: u.Role, Scope: u.Scope, Via: via}
}

// Token is an API token's record; the secret itself is never stored.
type Token struct {
	ID        string     `json:"id"`
	UserID    string     `json:"user_id"`
	Label     string     `json:"label"`
	Digest    string     `json:"-"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Session is a browser's login.
type Session struct {
	Digest    string
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	Remote    string
}

// Store keeps accounts, tokens and sessions.
type Store interface {
	CreateUser(ctx context.Context, u User) error
	// UserByName returns ErrNoUser when no account has the name.
	UserByName(ctx context.Context, name string) (User, error)
	UserBySubject(ctx context.Context, subject string) (User, error)
	Users(ctx context.Context) ([]User, error)
	SetPassword(ctx context.Context, userID, hash string) error
	// SetSubject links an account to its subject at the identity provider.
	SetSubject(ctx context.Context, userID, subject string) error
	CreateToken(ctx context.Context, t Token) error
	// TokenUser returns the live token with the digest and its user, or ErrNoUser.
	TokenUser(ctx context.Context, digest string, now time.Time) (User, Token, error)
	CreateSession(ctx context.Context, s Session) error
	// SessionUser returns the live session with the digest and its user, or ErrNoUser.
	SessionUser(ctx context.Context, digest string, now time.Time) (User, Session, error)
	DeleteSession(ctx context.Context, digest string) error
}

// Errors the service answers with.
var (
	ErrNoUser = errors.New("không có tài khoản")
	// ErrLogin is a failed login; it never says which of name or password was wrong.
	ErrLogin = errors.New("tên đăng nhập hoặc mật khẩu không đúng")
	// ErrTaken is a name already used by another account.
	ErrTaken = errors.New("tên đăng nhập đã có")
	// ErrExpired is a token or session that is no longer valid.
	ErrExpired = errors.New("phiên đăng nhập hoặc mã truy cập đã hết hạn hoặc bị thu hồi")
)

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// NewUser is what creating an account takes.
type NewUser struct {
	Name, FullName string
	Role           Role
	Scope          string
	Password       string
}

// Validate checks a new account; the scope's unit is checked by the caller,
// who knows the register.
func (n NewUser) Validate() error {
	if !namePattern.MatchString(n.Name) {
		return fmt.Errorf("tên đăng nhập %q không hợp lệ: 2–64 ký tự thường không dấu, số, dấu chấm, gạch ngang, gạch dưới", n.Name)
	}
	if _, err := ParseRole(string(n.Role)); err != nil {
		return err
	}
	if n.Role == Officer && strings.TrimSpace(n.Scope) == "" {
		return errors.New("tài khoản cán bộ tổ chức của đơn vị cần đơn vị phụ trách (--unit)")
	}
	if n.Role != Officer && n.Scope != "" {
		return fmt.Errorf("chỉ vai trò officer có đơn vị phụ trách; vai trò %s làm việc trên toàn tỉnh", n.Role)
	}
	if n.Password != "" && len([]rune(n.Password)) < MinPassword {
		return fmt.Errorf("mật khẩu cần ít nhất %d ký tự", MinPassword)
	}
	return nil
}
