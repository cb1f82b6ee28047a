package demo

import (
	"context"
	"errors"
	"fmt"

	"tinhgon/internal/auth"
	"tinhgon/internal/org"
)

// Account is a demo account, with its password: the demo is for trying
// the product, and its passwords are printed on purpose.
type Account struct {
	Name, FullName string
	Role           auth.Role
	// ScopeCode is the code of the officer's unit.
	ScopeCode string
	Password  string
}

// Accounts are the demo's accounts: one per role, and an HR officer of
// Sở Tư pháp, a department the 2025 restructuring left as it was.
func Accounts() []Account {
	return []Account{
		{Name: "admin", FullName: "Quản trị hệ thống", Role: auth.Admin, Password: "quantri-demo"},
		{Name: "editor", FullName: "Chuyên viên Sở Nội vụ", Role: auth.Editor, Password: "bientap-demo"},
		{Name: "viewer", FullName: "Lãnh đạo xem báo cáo", Role: auth.Viewer, Password: "nguoixem-demo"},
		{Name: "auditor", FullName: "Thanh tra tỉnh", Role: auth.Auditor, Password: "kiemtra-demo"},
		{Name: "tuphap", FullName: "Cán bộ tổ chức Sở Tư pháp", Role: auth.Officer, ScopeCode: "s.tuphap", Password: "tuphap-demo"},
	}
}

// LoadAccounts creates the demo accounts that do not exist yet.
func LoadAccounts(ctx context.Context, svc *auth.Service, reg *org.Register) error {
	for _, a := range Accounts() {
		if _, err := svc.Store().UserByName(ctx, a.Name); err == nil {
			continue
		} else if !errors.Is(err, auth.ErrNoUser) {
			return err
		}
		n := auth.NewUser{Name: a.Name, FullName: a.FullName, Role: a.Role, Password: a.Password}
		if a.ScopeCode != "" {
			id, err := reg.Resolve(ctx, a.ScopeCode)
			if err != nil {
				return fmt.Errorf("demo account %s: unit %s: %w", a.Name, a.ScopeCode, err)
			}
			n.Scope = id
		}
		if _, err := svc.AddUser(ctx, n); err != nil {
			return fmt.Errorf("demo account %s: %w", a.Name, err)
		}
	}
	return nil
}
