package auth

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Lifetimes of what the service hands out.
const (
	// SessionLife is how long a browser login lasts: a working day.
	SessionLife = 12 * time.Hour
	// DefaultTokenLife is how long an API token lasts unless asked otherwise.
	DefaultTokenLife = 90 * 24 * time.Hour
)

// Service creates accounts and recognises who is calling.
type Service struct {
	store Store
	ids   func() string
	now   func() time.Time
}

// NewService returns the accounts service over a store.
func NewService(store Store, ids func() string) *Service {
	return &Service{store: store, ids: ids, now: time.Now}
}

// Store is the service's store.
func (s *Service) Store() Store { return s.store }

// AddUser creates an account.
func (s *Service) AddUser(ctx context.Context, n NewUser) (User, error) {
	if err := n.Validate(); err != nil {
		return User{}, err
	}
	u := User{ID: s.ids(), Name: n.Name, FullName: n.FullName, Role: n.Role, Scope: n.Scope, CreatedAt: s.now().UTC()}
	if n.Password != "" {
		h, err := HashPassword(n.Password)
		if err != nil {
			return User{}, err
		}
		u.PasswordHash = h
	}
	if err := s.store.CreateUser(ctx, u); err != nil {
		return User{}, err
	}
	return u, nil
}

// SetPassword changes an account's password.
func (s *Service) SetPassword(ctx context.Context, name, password string) error {
	if len([]rune(password)) < MinPassword {
		return fmt.Errorf("mật khẩu cần ít nhất %d ký tự", MinPassword)
	}
	u, err := s.store.UserByName(ctx, name)
	if err != nil {
		return err
	}
	h, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.store.SetPassword(ctx, u.ID, h)
}

// Login checks a name and password and opens a session.
func (s *Service) Login(ctx context.Context, name, password, remote string) (User, Secret, error) {
	u, err := s.store.UserByName(ctx, name)
	if errors.Is(err, ErrNoUser) || (err == nil && (u.PasswordHash == "" || u.Disabled)) {
		CheckPassword(dummyHash, password) //nolint:errcheck // only to take the same time
		return User{}, "", ErrLogin
	}
	if err != nil {
		return User{}, "", err
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		return User{}, "", fmt.Errorf("tài khoản %s: %w", name, err)
	}
	if !ok {
		return User{}, "", ErrLogin
	}
	sec, err := s.OpenSession(ctx, u, remote)
	return u, sec, err
}

// OpenSession opens a session for an account already recognised (by its
// password or by the identity provider).
func (s *Service) OpenSession(ctx context.Context, u User, remote string) (Secret, error) {
	sec, err := newSecret("")
	if err != nil {
		return "", err
	}
	now := s.now().UTC()
	if err := s.store.CreateSession(ctx, Session{Digest: sec.Digest(), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(SessionLife), Remote: remote}); err != nil {
		return "", fmt.Errorf("open session: %w", err)
	}
	return sec, nil
}

// SignIn recognises who the province's identity provider vouches for: the
// account linked to the subject, or else the account named as the
// provider's user name (preferred_username), which is then linked. The
// provider proves who someone is; what they may do stays in tinhgon.
func (s *Service) SignIn(ctx context.Context, subject, username, remote string) (User, Secret, error) {
	u, err := s.store.UserBySubject(ctx, subject)
	if errors.Is(err, ErrNoUser) && username != "" {
		u, err = s.store.UserByName(ctx, username)
		if err == nil && u.Subject != "" && u.Subject != subject {
			return User{}, "", fmt.Errorf("tài khoản %s đã gắn với một người khác ở hệ thống đăng nhập một lần", username)
		}
		if err == nil {
			if err := s.store.SetSubject(ctx, u.ID, subject); err != nil {
				return User{}, "", err
			}
			u.Subject = subject
		}
	}
	if errors.Is(err, ErrNoUser) {
		return User{}, "", fmt.Errorf("%w tương ứng với người dùng %q của hệ thống đăng nhập một lần; quản trị viên cần tạo tài khoản tên %q", ErrNoUser, username, username)
	}
	if err != nil {
		return User{}, "", err
	}
	if u.Disabled {
		return User{}, "", ErrExpired
	}
	sec, err := s.OpenSession(ctx, u, remote)
	return u, sec, err
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, sec Secret) error {
	return s.store.DeleteSession(ctx, sec.Digest())
}

// BySession is the principal of a live session.
func (s *Service) BySession(ctx context.Context, sec Secret) (Principal, error) {
	u, _, err := s.store.SessionUser(ctx, sec.Digest(), s.now().UTC())
	if err != nil {
		return Principal{}, err
	}
	if u.Disabled {
		return Principal{}, ErrExpired
	}
	return u.Principal("session"), nil
}

// ByToken is the principal of a live API token.
func (s *Service) ByToken(ctx context.Context, sec Secret) (Principal, error) {
	u, _, err := s.store.TokenUser(ctx, sec.Digest(), s.now().UTC())
	if err != nil {
		return Principal{}, err
	}
	if u.Disabled {
		return Principal{}, ErrExpired
	}
	return u.Principal("token"), nil
}

// CreateToken mints an API token for an account; the secret is shown once.
func (s *Service) CreateToken(ctx context.Context, name, label string, life time.Duration) (Token, Secret, error) {
	u, err := s.store.UserByName(ctx, name)
	if err != nil {
		return Token{}, "", fmt.Errorf("tài khoản %q: %w", name, err)
	}
	if u.Disabled {
		return Token{}, "", fmt.Errorf("tài khoản %q đã bị khóa", name)
	}
	if life <= 0 {
		life = DefaultTokenLife
	}
	sec, err := newSecret(TokenPrefix)
	if err != nil {
		return Token{}, "", err
	}
	now := s.now().UTC()
	t := Token{ID: s.ids(), UserID: u.ID, Label: label, Digest: sec.Digest(), CreatedAt: now, ExpiresAt: now.Add(life)}
	if err := s.store.CreateToken(ctx, t); err != nil {
		return Token{}, "", fmt.Errorf("create token: %w", err)
	}
	return t, sec, nil
}
