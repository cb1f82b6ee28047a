package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/civil"
	"tinhgon/internal/demo"
	"tinhgon/internal/org"
	"tinhgon/internal/server"
	"tinhgon/internal/store"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlags("serve", env)
	var c common
	c.bind(fs, env)
	addr := fs.String("addr", "127.0.0.1:8080", "địa chỉ lắng nghe")
	withDemo := fs.Bool("demo", false, "nạp dữ liệu mẫu Lai Châu nếu sổ đăng ký còn trống, và các tài khoản mẫu")
	var sso server.OIDC
	fs.StringVar(&sso.Issuer, "oidc-issuer", env.Getenv("TINHGON_OIDC_ISSUER"), "đăng nhập một lần: địa chỉ (issuer) của hệ thống OpenID Connect của tỉnh (biến TINHGON_OIDC_ISSUER); bí mật ứng dụng ở biến TINHGON_OIDC_CLIENT_SECRET")
	fs.StringVar(&sso.ClientID, "oidc-client-id", env.Getenv("TINHGON_OIDC_CLIENT_ID"), "đăng nhập một lần: mã ứng dụng (client id)")
	fs.StringVar(&sso.RedirectURL, "oidc-redirect-url", env.Getenv("TINHGON_OIDC_REDIRECT_URL"), "đăng nhập một lần: địa chỉ /auth/callback của máy chủ này như hệ thống đăng nhập biết")
	insecure := fs.Bool("insecure-cookies", false, "cho cookie phiên đăng nhập đi qua HTTP không mã hóa (chỉ trong mạng nội bộ không có TLS)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(env.Stderr, nil))
	db, prov, err := c.openProvince(ctx, log)
	if err != nil {
		return err
	}
	defer db.Close()
	reg := prov.Org
	if *withDemo {
		if err := loadDemoIfEmpty(ctx, env, db, prov); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("lắng nghe %s: %w", *addr, err)
	}
	fmt.Fprintf(env.Stdout, "tinhgon đang chạy với cơ sở dữ liệu %s (%s).\nMở http://%s/ trong trình duyệt; API tại http://%s/api/v1/openapi.json\n",
		c.db, db.Engine, ln.Addr(), ln.Addr())
	if *withDemo {
		fmt.Fprintln(env.Stdout, "Tài khoản mẫu (tên đăng nhập / mật khẩu — vai trò):")
		for _, a := range demo.Accounts() {
			scope := ""
			if a.ScopeCode != "" {
				scope = ", phạm vi đơn vị " + a.ScopeCode
			}
			fmt.Fprintf(env.Stdout, "  %-8s / %-14s — %s%s\n", a.Name, a.Password, a.Role.Label(), scope)
		}
	} else if us, err := accounts(db).Store().Users(ctx); err == nil && len(us) == 0 {
		fmt.Fprintln(env.Stdout, "Chưa có tài khoản nào: tạo quản trị viên đầu tiên bằng «tinhgon user add --name admin --role admin».")
	}
	fmt.Fprintln(env.Stdout, "Nhấn Ctrl+C để dừng.")
	log.Info("serving", "addr", ln.Addr().String(), "engine", string(db.Engine), "province", c.province)
	// Read the believed versions now rather than on the first request for a tree.
	go func() {
		if _, err := reg.Counts(ctx, org.Moment{AsOf: civil.Today()}); err != nil && ctx.Err() == nil {
			log.Warn("preload register", "err", err)
		}
		// The staffing read model too: for a whole country it takes a while.
		start := time.Now()
		if _, _, err := prov.Staff.Tally(ctx, org.Moment{AsOf: civil.Today()}); err != nil && ctx.Err() == nil {
			log.Warn("preload staffing", "err", err)
		} else {
			log.Info("staffing read model ready", "took", time.Since(start).String())
		}
	}()
	srv := server.New(db, prov, log)
	srv.Insecure = *insecure
	if sso.Issuer != "" {
		sso.ClientSecret = env.Getenv("TINHGON_OIDC_CLIENT_SECRET")
		if sso.ClientID == "" || sso.RedirectURL == "" {
			return fmt.Errorf("%w: đăng nhập một lần cần --oidc-client-id và --oidc-redirect-url", ErrUsage)
		}
		if err := srv.WithOIDC(ctx, sso); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đăng nhập một lần qua %s.\n", sso.Issuer)
	}
	return srv.Serve(ctx, ln)
}

// loadDemoIfEmpty loads the demo into a register that has no unit yet,
// and the demo accounts that are missing.
func loadDemoIfEmpty(ctx context.Context, env Env, db *store.DB, prov *app.Province) error {
	if err := loadDemo(ctx, env, db, prov); err != nil {
		return err
	}
	if err := demo.LoadAccounts(ctx, accounts(db), prov.Org); err != nil {
		return fmt.Errorf("tài khoản mẫu: %w", err)
	}
	return nil
}

func loadDemo(ctx context.Context, env Env, db *store.DB, prov *app.Province) error {
	reg := prov.Org
	c, err := reg.Counts(ctx, org.Moment{AsOf: farPast})
	if err != nil {
		return err
	}
	_, ops, err := reg.Store().ListOperations(ctx, org.OpFilter{Limit: 1, IncludeOld: true})
	if err != nil {
		return err
	}
	if c.Total > 0 || ops > 0 {
		fmt.Fprintln(env.Stdout, "Sổ đăng ký đã có dữ liệu; không nạp lại dữ liệu mẫu.")
		return nil
	}
	p, err := demo.Load(ctx, reg, prov.Staff, prov.Schemes, who(env), env.Stderr)
	if err != nil {
		return err
	}
	// The planner's statistics were taken on empty tables when the
	// database opened: refresh them for the server that follows.
	if err := db.Analyze(ctx); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã nạp dữ liệu mẫu tỉnh Lai Châu: %d đơn vị trước năm 2025, %d quyết định, %d thao tác sắp xếp năm 2025 (%d thuộc đề án đã phê duyệt, chưa thực hiện), %d đề án.\n",
		len(p.Seed), len(p.Decisions), len(p.Steps), p.Pending, p.Schemes)
	return nil
}

func runMigrate(ctx context.Context, env Env, args []string) error {
	fs := newFlags("migrate", env)
	var c common
	c.bind(fs, env)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	db, _, err := c.open(ctx, log) // opening applies the migrations
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(env.Stdout, "Lược đồ cơ sở dữ liệu %s (%s) đã ở phiên bản mới nhất.\n", c.db, db.Engine)
	return nil
}

func runBackup(ctx context.Context, env Env, args []string) error {
	fs := newFlags("backup", env)
	var c common
	c.bind(fs, env)
	var out string
	fs.StringVar(&out, "out", "", "tệp sao lưu sẽ ghi (chưa có)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if out == "" {
		return fmt.Errorf("cần --out: tệp sao lưu sẽ ghi")
	}
	db, _, err := c.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã sao lưu %s vào %s; để khôi phục, chạy tinhgon với --db %s hoặc chép tệp đó về chỗ cũ khi máy chủ đã dừng.\n", c.db, out, out)
	return nil
}

func runDemo(ctx context.Context, env Env, args []string) error {
	fs := newFlags("demo", env)
	var c common
	c.bind(fs, env)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	db, prov, err := c.openProvince(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := loadDemoIfEmpty(ctx, env, db, prov); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "Tài khoản mẫu: admin, editor, viewer, auditor, tuphap (cán bộ tổ chức Sở Tư pháp); «tinhgon serve --demo» in mật khẩu.")
	return nil
}
