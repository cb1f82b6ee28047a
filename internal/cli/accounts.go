package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"tinhgon/internal/api"
	"tinhgon/internal/audit"
	"tinhgon/internal/auth"
	"tinhgon/internal/store"
)

// accounts is the accounts service over db.
func accounts(db *store.DB) *auth.Service { return auth.NewService(db.Accounts(), store.NewID) }

func runUser(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list" && args[0] != "password") {
		return fmt.Errorf("%w: tinhgon user add|list|password [tùy chọn]", ErrUsage)
	}
	sub := args[0]
	fs := newFlags("user "+sub, env)
	var c common
	c.bind(fs, env)
	var name, full, role, unit, password string
	fs.StringVar(&name, "name", "", "tên đăng nhập")
	fs.StringVar(&full, "full-name", "", "họ và tên")
	fs.StringVar(&role, "role", "", "vai trò: admin, editor, officer, viewer, auditor")
	fs.StringVar(&unit, "unit", "", "mã hoặc id đơn vị phụ trách (vai trò officer)")
	fs.StringVar(&password, "password", "", "mật khẩu (mặc định: đọc từ biến TINHGON_PASSWORD hoặc dòng đầu của đầu vào chuẩn)")
	if _, err := parse(fs, args[1:]); err != nil {
		return err
	}
	db, prov, err := c.openProvince(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := accounts(db)
	switch sub {
	case "list":
		us, err := svc.Store().Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			state := ""
			if u.Disabled {
				state = " (đã khóa)"
			}
			fmt.Fprintf(env.Stdout, "%-16s %-8s %-24s %s%s\n", u.Name, u.Role, u.Scope, u.FullName, state)
		}
		return nil
	case "password":
		if name == "" {
			return fmt.Errorf("%w: cần --name", ErrUsage)
		}
		if password, err = readPassword(env, password); err != nil {
			return err
		}
		if err := svc.SetPassword(ctx, name, password); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã đặt mật khẩu mới cho %s.\n", name)
		return nil
	}
	if name == "" || role == "" {
		return fmt.Errorf("%w: cần --name và --role (tinhgon user add --name admin --role admin)", ErrUsage)
	}
	n := auth.NewUser{Name: name, FullName: full, Role: auth.Role(role)}
	if unit != "" {
		id, err := prov.Org.Resolve(ctx, unit)
		if err != nil {
			return fmt.Errorf("đơn vị phụ trách %q: %w", unit, err)
		}
		n.Scope = id
	}
	if err := n.Validate(); err != nil {
		return err
	}
	if n.Password, err = readPassword(env, password); err != nil {
		return err
	}
	u, err := svc.AddUser(ctx, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã tạo tài khoản %s (%s).\n", u.Name, u.Role.Label())
	return nil
}

// readPassword takes the password from the flag, TINHGON_PASSWORD or the
// first line of standard input, so that it need not be in the shell's history.
func readPassword(env Env, flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if p := env.Getenv("TINHGON_PASSWORD"); p != "" {
		return p, nil
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("đọc mật khẩu: %w", err)
	}
	p := strings.TrimRight(line, "\r\n")
	if p == "" {
		return "", fmt.Errorf("%w: cần mật khẩu (--password, biến TINHGON_PASSWORD hoặc một dòng ở đầu vào chuẩn)", ErrUsage)
	}
	if len([]rune(p)) < auth.MinPassword {
		return "", fmt.Errorf("mật khẩu cần ít nhất %d ký tự", auth.MinPassword)
	}
	return p, nil
}

func runToken(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("%w: tinhgon token create --user NAME [--label …] [--days 90]", ErrUsage)
	}
	fs := newFlags("token create", env)
	var c common
	c.bind(fs, env)
	user := fs.String("user", "", "tài khoản nhận mã truy cập")
	label := fs.String("label", "", "ghi chú: mã dùng cho việc gì")
	days := fs.Int("days", 90, "thời hạn, số ngày")
	if _, err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *user == "" {
		return fmt.Errorf("%w: cần --user", ErrUsage)
	}
	if *days < 1 || *days > 3660 {
		return fmt.Errorf("%w: --days từ 1 đến 3660", ErrUsage)
	}
	db, err := store.Open(ctx, c.db, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	t, sec, err := accounts(db).CreateToken(ctx, *user, *label, time.Duration(*days)*24*time.Hour)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "Mã truy cập API cho %s, hết hạn %s. Gửi trong tiêu đề «Authorization: Bearer <mã>»; mã chỉ hiện một lần:\n",
		*user, t.ExpiresAt.In(vietnamTime).Format("02/01/2006 15:04"))
	fmt.Fprintln(env.Stdout, string(sec))
	return nil
}

var vietnamTime = time.FixedZone("ICT", 7*3600)

func runAudit(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "export") {
		return fmt.Errorf("%w: tinhgon audit verify|export [tùy chọn]", ErrUsage)
	}
	sub := args[0]
	fs := newFlags("audit "+sub, env)
	var c common
	c.bind(fs, env)
	format := fs.String("format", "csv", "export: csv hoặc json")
	out := fs.String("out", "", "export: tệp để ghi (mặc định: đầu ra chuẩn)")
	if _, err := parse(fs, args[1:]); err != nil {
		return err
	}
	db, err := store.Open(ctx, c.db, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if sub == "verify" {
		v, err := db.VerifyAudit(ctx)
		if err != nil {
			return err
		}
		if !v.OK() {
			for _, p := range v.Problems {
				fmt.Fprintf(env.Stdout, "dòng %d: %s\n", p.Seq, p.Reason)
			}
			return fmt.Errorf("nhật ký kiểm tra không toàn vẹn: %d chỗ hỏng trong %d dòng", len(v.Problems), v.Entries)
		}
		fmt.Fprintf(env.Stdout, "Nhật ký kiểm tra toàn vẹn: %d dòng, chuỗi mã băm khớp từ đầu đến cuối.\n", v.Entries)
		return nil
	}
	w := env.Stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("tệp xuất: %w", err)
		}
		defer f.Close()
		w = f
	}
	var n int
	switch *format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(api.AuditCSVHeader); err != nil {
			return err
		}
		err = db.WalkAudit(ctx, audit.Filter{}, func(e audit.Entry) error { n++; return cw.Write(api.AuditCSVRow(e)) })
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
	case "json":
		enc := json.NewEncoder(w)
		err = db.WalkAudit(ctx, audit.Filter{}, func(e audit.Entry) error { n++; return enc.Encode(e) })
	default:
		return fmt.Errorf("%w: --format là csv hoặc json", ErrUsage)
	}
	if err != nil {
		return fmt.Errorf("xuất nhật ký: %w", err)
	}
	if *out != "" {
		fmt.Fprintf(env.Stdout, "Đã xuất %d dòng nhật ký vào %s.\n", n, *out)
	}
	return nil
}
