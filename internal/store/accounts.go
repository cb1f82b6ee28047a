package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"tinhgon/internal/auth"
)

// Accounts is the store of accounts, tokens and sessions; it implements auth.Store.
type Accounts struct{ db *DB }

// Accounts returns the accounts store of the installation.
func (db *DB) Accounts() *Accounts { return &Accounts{db: db} }

var _ auth.Store = (*Accounts)(nil)

const userCols = `u.id, u.name, u.full_name, u.role, u.scope_unit, u.password_hash, u.subject, u.disabled, u.created_at`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (auth.User, error) {
	var u auth.User
	var disabled int
	var created int64
	dst := append([]any{&u.ID, &u.Name, &u.FullName, &u.Role, &u.Scope, &u.PasswordHash, &u.Subject, &disabled, &created}, extra...)
	if err := row.Scan(dst...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return u, auth.ErrNoUser
		}
		return u, err
	}
	u.Disabled, u.CreatedAt = disabled != 0, fromMicros(created)
	return u, nil
}

// isDuplicate reports whether err is a unique-constraint violation.
func isDuplicate(err error) bool {
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// CreateUser implements auth.Store.
func (s *Accounts) CreateUser(ctx context.Context, u auth.User) error {
	return s.db.writeAudited(ctx, func(tx *sql.Tx, w auditWritten) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO users (id, name, full_name, role, scope_unit, password_hash, subject, disabled, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, u.ID, u.Name, u.FullName, string(u.Role), u.Scope, u.PasswordHash, u.Subject, boolInt(u.Disabled), micros(u.CreatedAt))
		if err != nil {
			if isDuplicate(err) {
				return fmt.Errorf("tài khoản %q: %w", u.Name, auth.ErrTaken)
			}
			return fmt.Errorf("create user %s: %w", u.Name, err)
		}
		w.Add("users", 1, u.ID)
		return nil
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// UserByName implements auth.Store.
func (s *Accounts) UserByName(ctx context.Context, name string) (auth.User, error) {
	return scanUser(s.db.read.QueryRowContext(ctx, `SELECT `+userCols+` FROM users u WHERE u.name = $1`, name))
}

// UserBySubject implements auth.Store.
func (s *Accounts) UserBySubject(ctx context.Context, subject string) (auth.User, error) {
	if subject == "" {
		return auth.User{}, auth.ErrNoUser
	}
	return scanUser(s.db.read.QueryRowContext(ctx, `SELECT `+userCols+` FROM users u WHERE u.subject = $1`, subject))
}

// Users implements auth.Store.
func (s *Accounts) Users(ctx context.Context) ([]auth.User, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+userCols+` FROM users u ORDER BY u.name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []auth.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetPassword implements auth.Store.
func (s *Accounts) SetPassword(ctx context.Context, userID, hash string) error {
	return s.db.writeAudited(ctx, func(tx *sql.Tx, w auditWritten) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		w.Add("users", 1, userID)
		return nil
	})
}

// SetSubject implements auth.Store.
func (s *Accounts) SetSubject(ctx context.Context, userID, subject string) error {
	return s.db.writeAudited(ctx, func(tx *sql.Tx, w auditWritten) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET subject = $1 WHERE id = $2`, subject, userID); err != nil {
			if isDuplicate(err) {
				return fmt.Errorf("định danh %q đã gắn với tài khoản khác: %w", subject, auth.ErrTaken)
			}
			return fmt.Errorf("set subject: %w", err)
		}
		w.Add("users", 1, userID)
		return nil
	})
}

// CreateToken implements auth.Store.
func (s *Accounts) CreateToken(ctx context.Context, t auth.Token) error {
	return s.db.writeAudited(ctx, func(tx *sql.Tx, w auditWritten) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (id, user_id, label, digest, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			t.ID, t.UserID, t.Label, t.Digest, micros(t.CreatedAt), micros(t.ExpiresAt)); err != nil {
			return fmt.Errorf("create token: %w", err)
		}
		w.Add("api_tokens", 1, t.ID)
		return nil
	})
}

// TokenUser implements auth.Store.
func (s *Accounts) TokenUser(ctx context.Context, digest string, now time.Time) (auth.User, auth.Token, error) {
	var t auth.Token
	var created, expires int64
	u, err := scanUser(s.db.read.QueryRowContext(ctx, `SELECT `+userCols+`, t.id, t.label, t.created_at, t.expires_at FROM api_tokens t
		JOIN users u ON u.id = t.user_id WHERE t.digest = $1 AND t.revoked_at IS NULL AND t.expires_at > $2`, digest, micros(now)),
		&t.ID, &t.Label, &created, &expires)
	if errors.Is(err, auth.ErrNoUser) {
		return u, t, auth.ErrExpired
	}
	t.UserID, t.CreatedAt, t.ExpiresAt = u.ID, fromMicros(created), fromMicros(expires)
	return u, t, err
}

// CreateSession implements auth.Store. Sessions are not audited: logins are.
func (s *Accounts) CreateSession(ctx context.Context, ses auth.Session) error {
	// Sessions long expired go with each new one, so the table stays small.
	if _, err := s.db.write.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, micros(ses.CreatedAt)); err != nil {
		return fmt.Errorf("purge sessions: %w", err)
	}
	_, err := s.db.write.ExecContext(ctx, `INSERT INTO sessions (digest, user_id, created_at, expires_at, remote) VALUES ($1, $2, $3, $4, $5)`,
		ses.Digest, ses.UserID, micros(ses.CreatedAt), micros(ses.ExpiresAt), ses.Remote)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// SessionUser implements auth.Store.
func (s *Accounts) SessionUser(ctx context.Context, digest string, now time.Time) (auth.User, auth.Session, error) {
	var ses auth.Session
	var created, expires int64
	u, err := scanUser(s.db.read.QueryRowContext(ctx, `SELECT `+userCols+`, s.created_at, s.expires_at, s.remote FROM sessions s
		JOIN users u ON u.id = s.user_id WHERE s.digest = $1 AND s.expires_at > $2`, digest, micros(now)), &created, &expires, &ses.Remote)
	if errors.Is(err, auth.ErrNoUser) {
		return u, ses, auth.ErrExpired
	}
	ses.Digest, ses.UserID, ses.CreatedAt, ses.ExpiresAt = digest, u.ID, fromMicros(created), fromMicros(expires)
	return u, ses, err
}

// DeleteSession implements auth.Store.
func (s *Accounts) DeleteSession(ctx context.Context, digest string) error {
	if _, err := s.db.write.ExecContext(ctx, `DELETE FROM sessions WHERE digest = $1`, digest); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
