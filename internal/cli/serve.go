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
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlags("serve", env)
	var c common
	c.bind(fs, env)
	addr := fs.String("addr", "127.0.0.1:8080", "địa chỉ lắng nghe")
	withDemo := fs.Bool("demo", false, "nạp dữ liệu mẫu Lai Châu nếu sổ đăng ký còn trống")
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
		if err := loadDemoIfEmpty(ctx, env, prov); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("lắng nghe %s: %w", *addr, err)
	}
	fmt.Fprintf(env.Stdout, "tinhgon đang chạy với cơ sở dữ liệu %s (%s).\nMở http://%s/ trong trình duyệt; API tại http://%s/api/v1/openapi.json\nNhấn Ctrl+C để dừng.\n",
		c.db, db.Engine, ln.Addr(), ln.Addr())
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
	return server.New(db, prov, log).Serve(ctx, ln)
}

// loadDemoIfEmpty loads the demo into a register that has no unit yet.
func loadDemoIfEmpty(ctx context.Context, env Env, prov *app.Province) error {
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
	return loadDemoIfEmpty(ctx, env, prov)
}
