package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/civil"
	"tinhgon/internal/demo"
	"tinhgon/internal/org"
	"tinhgon/internal/server"
	"tinhgon/internal/store"
)

// Province is the demo's province (Lai Châu), the server's default.
const Province = "12"

// Local is the real server run in this process, over a database of its
// own with the demo and its accounts loaded, listening on 127.0.0.1.
type Local struct {
	// URL is the server's root, e.g. http://127.0.0.1:41234.
	URL string
	// Engine is the database's engine; DB names it without a password.
	Engine, DB string
	// Tokens are an API token for each demo account, by account name.
	Tokens map[string]string
	// Loaded is how long opening the database and loading the demo took.
	Loaded time.Duration

	db     *store.DB
	dir    string
	cancel context.CancelFunc
	served chan error
}

// StartLocal opens dsn, which must name an empty database (a SQLite file
// or a postgres:// URL; "" makes a SQLite file in a new temporary
// directory, removed by Close), loads the demo and the demo accounts,
// mints a token for each account and serves on 127.0.0.1:0 until Close.
// The server logs its warnings and errors to log (nil: nowhere).
func StartLocal(ctx context.Context, dsn string, log io.Writer) (l *Local, err error) {
	start := time.Now()
	l = &Local{Tokens: map[string]string{}}
	defer func() {
		if err != nil {
			l.Close() //nolint:errcheck // the first error is the one to report
		}
	}()
	if dsn == "" {
		if l.dir, err = os.MkdirTemp("", "tinhgon-load-"); err != nil {
			return nil, err
		}
		dsn = filepath.Join(l.dir, "tinhgon.db")
	}
	l.DB = dsn
	if u, perr := url.Parse(dsn); perr == nil && store.IsPostgres(dsn) {
		l.DB = u.Redacted()
	}
	logger := slog.New(slog.DiscardHandler)
	if log != nil {
		logger = slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	if l.db, err = store.Open(ctx, dsn, logger); err != nil {
		return nil, err
	}
	l.Engine = string(l.db.Engine)
	prov, err := app.Open(l.db, Province)
	if err != nil {
		return nil, err
	}
	srv := server.New(l.db, prov, logger)
	if err := empty(ctx, prov, srv); err != nil {
		return nil, fmt.Errorf("%s: %w", l.DB, err)
	}
	if _, err := demo.Load(ctx, prov.Org, prov.Staff, prov.Schemes, "kiem-thu-tai", io.Discard); err != nil {
		return nil, fmt.Errorf("dữ liệu mẫu: %w", err)
	}
	if err := demo.LoadAccounts(ctx, srv.Accounts(), prov.Org); err != nil {
		return nil, fmt.Errorf("tài khoản mẫu: %w", err)
	}
	for _, a := range demo.Accounts() {
		_, sec, err := srv.Accounts().CreateToken(ctx, a.Name, "kiểm thử tải", 24*time.Hour)
		if err != nil {
			return nil, fmt.Errorf("mã truy cập của %s: %w", a.Name, err)
		}
		l.Tokens[a.Name] = string(sec)
	}
	// Served as «tinhgon demo» then «tinhgon serve» would: the database
	// opened again, which gives SQLite's planner the statistics of the
	// tables now full (store.Open runs PRAGMA optimize).
	if err := l.db.Close(); err != nil {
		return nil, err
	}
	if l.db, err = store.Open(ctx, dsn, logger); err != nil {
		return nil, err
	}
	if prov, err = app.Open(l.db, Province); err != nil {
		return nil, err
	}
	srv = server.New(l.db, prov, logger)
	// What «tinhgon serve» reads in the background when it starts: the
	// believed versions and the staffing read model, read here before
	// the clients come so that the first requests do not wait for them.
	if _, err := prov.Org.Counts(ctx, org.Moment{AsOf: civil.Today()}); err != nil {
		return nil, err
	}
	if _, _, err := prov.Staff.Tally(ctx, org.Moment{AsOf: civil.Today()}); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	l.URL = "http://" + ln.Addr().String()
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	l.cancel, l.served = cancel, make(chan error, 1)
	go func() { l.served <- srv.Serve(sctx, ln) }()
	l.Loaded = time.Since(start)
	return l, nil
}

// empty refuses a database that already has units, operations or accounts:
// the run loads the demo and counts what it wrote.
func empty(ctx context.Context, prov *app.Province, srv *server.Server) error {
	c, err := prov.Org.Counts(ctx, org.Moment{AsOf: civil.Today()})
	if err != nil {
		return err
	}
	_, ops, err := prov.Org.Store().ListOperations(ctx, org.OpFilter{Limit: 1, IncludeOld: true})
	if err != nil {
		return err
	}
	us, err := srv.Accounts().Store().Users(ctx)
	if err != nil {
		return err
	}
	if c.Total > 0 || ops > 0 || len(us) > 0 {
		return errors.New("cơ sở dữ liệu đã có dữ liệu: cần một cơ sở dữ liệu trống (tạo mới) cho kiểm thử tải")
	}
	return nil
}

// Close stops the server (letting requests under way finish), closes the
// database and removes the temporary directory, if it made one.
func (l *Local) Close() error {
	var errs []error
	if l.cancel != nil {
		l.cancel()
		errs = append(errs, <-l.served)
		l.cancel = nil
	}
	if l.db != nil {
		errs = append(errs, l.db.Close())
		l.db = nil
	}
	if l.dir != "" {
		errs = append(errs, os.RemoveAll(l.dir))
		l.dir = ""
	}
	return errors.Join(errs...)
}

// Config is a run against this server: the editor writes, the viewer, the
// editor and Sở Tư pháp's HR officer read in turn, the admin checks the
// audit log.
func (l *Local) Config(clients int, d time.Duration) Config {
	return Config{
		BaseURL: l.URL, Clients: clients, Duration: d, Writer: l.Tokens["editor"], Auditor: l.Tokens["admin"],
		Readers: []Token{{Name: "viewer", Secret: l.Tokens["viewer"]}, {Name: "editor", Secret: l.Tokens["editor"]},
			{Name: "tuphap", Secret: l.Tokens["tuphap"]}},
		Target: fmt.Sprintf("%s (%s), máy chủ thật trong tiến trình tại %s", l.Engine, l.DB, l.URL),
	}
}
