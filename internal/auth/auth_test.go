package auth_test

import (
	"strings"
	"testing"
	"time"

	"tinhgon/internal/auth"
)

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("mật-khẩu-dài-đủ")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id in PHC form", h)
	}
	h2, _ := auth.HashPassword("mật-khẩu-dài-đủ")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, c := range []struct {
		hash, password string
		ok             bool
		bad            bool
	}{
		{h, "mật-khẩu-dài-đủ", true, false},
		{h, "mật-khẩu-dài-đu", false, false},
		{h, "", false, false},
		{"$argon2id$v=19$m=0,t=2,p=1$AAAA$AAAA", "x", false, true},
		{"$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA", "x", false, true},
		{"$argon2id$v=19$m=19456,t=2,p=1$@@@$AAAA", "x", false, true},
		{"", "x", false, true},
		{"$argon2id$v=19$m=99999999,t=2,p=1$AAAA$AAAA", "x", false, true},
	} {
		ok, err := auth.CheckPassword(c.hash, c.password)
		if ok != c.ok || (err != nil) != c.bad {
			t.Errorf("CheckPassword(%.30q, %q) = %v, %v; want %v, error %v", c.hash, c.password, ok, err, c.ok, c.bad)
		}
	}
}

func TestRoles(t *testing.T) {
	for _, c := range []struct {
		role                                    auth.Role
		read, staff, edit, audit, users, senses bool
	}{
		{auth.Admin, true, true, true, true, true, true},
		{auth.Editor, true, true, true, false, false, true},
		{auth.Officer, true, true, false, false, false, true},
		{auth.Viewer, true, false, false, false, false, false},
		{auth.Auditor, true, false, false, true, false, false},
		{"khach", false, false, false, false, false, false},
	} {
		got := []bool{c.role.Has(auth.Read), c.role.Has(auth.EditStaff), c.role.Has(auth.Edit), c.role.Has(auth.ReadAudit),
			c.role.Has(auth.ManageUsers), c.role.SeesSensitive()}
		want := []bool{c.read, c.staff, c.edit, c.audit, c.users, c.senses}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: right %d is %v, want %v", c.role, i, got[i], want[i])
			}
		}
	}
}

func TestNewUserValidate(t *testing.T) {
	for _, c := range []struct {
		n    auth.NewUser
		want string // part of the error; empty: valid
	}{
		{auth.NewUser{Name: "admin", Role: auth.Admin, Password: "mot-mat-khau"}, ""},
		{auth.NewUser{Name: "cb.tuphap", Role: auth.Officer, Scope: "u1"}, ""},
		{auth.NewUser{Name: "Admin", Role: auth.Admin}, "không hợp lệ"},
		{auth.NewUser{Name: "nguyễn", Role: auth.Viewer}, "không hợp lệ"},
		{auth.NewUser{Name: "x", Role: auth.Viewer}, "không hợp lệ"},
		{auth.NewUser{Name: "xem", Role: "khach"}, "vai trò"},
		{auth.NewUser{Name: "cb", Role: auth.Officer}, "đơn vị phụ trách"},
		{auth.NewUser{Name: "xem", Role: auth.Viewer, Scope: "u1"}, "chỉ vai trò officer"},
		{auth.NewUser{Name: "xem", Role: auth.Viewer, Password: "ngan"}, "ít nhất 10"},
	} {
		err := c.n.Validate()
		if (err == nil) != (c.want == "") || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%+v: %v, want %q", c.n, err, c.want)
		}
	}
}

func TestLimiter(t *testing.T) {
	l := auth.NewLimiter(3, time.Hour)
	for i := range 3 {
		if !l.Allow("ip:1", "name:a") {
			t.Fatalf("attempt %d refused within the burst", i+1)
		}
	}
	if l.Allow("ip:1", "name:b") {
		t.Error("a fourth attempt from the same address was let through")
	}
	if l.Allow("ip:2", "name:a") {
		t.Error("a fourth attempt on the same name from another address was let through")
	}
	if !l.Allow("ip:2", "name:b") {
		t.Error("a first attempt of another address and name was refused")
	}
}
