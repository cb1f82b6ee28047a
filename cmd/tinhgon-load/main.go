// Command tinhgon-load is a load test of tinhgon over loopback: many
// concurrent clients mixing reads and writes against the JSON API for a
// bounded time, then a check that no acknowledged write was lost and that
// the audit log is whole, with the latency percentiles of reads and
// writes. It exits 1 on any error or lost write, 2 when it cannot run.
//
// By default it makes a fresh SQLite database in a temporary directory,
// loads the demo (Lai Châu) and the demo accounts, and starts the real
// server in this process on 127.0.0.1:0:
//
//	go run ./cmd/tinhgon-load -clients 200 -duration 60s
//
// On PostgreSQL, give a fresh, empty database (it is not dropped):
//
//	psql -h 127.0.0.1 -U postgres -c 'create database loadtest_x'
//	go run ./cmd/tinhgon-load -clients 200 -duration 60s -db 'postgres://postgres@127.0.0.1:5432/loadtest_x?sslmode=disable'
//	psql -h 127.0.0.1 -U postgres -c 'drop database loadtest_x'
//
// Against a server already running (its register is written to: people
// coded LT-…, and raises of some people's salary step):
//
//	go run ./cmd/tinhgon-load -url http://127.0.0.1:8080 -token tg_… [-read-tokens tg_…,tg_…] [-audit-token tg_…]
//
// The token writes (an editor's or an admin's) and, unless -read-tokens
// gives others, reads; the audit token (an admin's or an auditor's, by
// default the same token) checks the audit log at the end.
//
// The report gives the requests, requests per second, the p50, p95, p99
// and max latency of reads and of writes and of each route, the errors by
// kind (timeout, connection, 5xx, unexpected 4xx, wrong answer), the
// writes lost, the retries after 412 and the state of the audit log.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof" // served only with -pprof
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"tinhgon/internal/loadtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tinhgon-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	clients := fs.Int("clients", 200, "số khách đồng thời")
	duration := fs.Duration("duration", 60*time.Second, "thời gian chạy tải")
	dsn := fs.String("db", "", "cơ sở dữ liệu trống cho máy chủ trong tiến trình: tệp SQLite hoặc URL postgres:// (mặc định: tệp SQLite mới trong thư mục tạm)")
	target := fs.String("url", "", "địa chỉ một máy chủ đang chạy (thay cho máy chủ trong tiến trình), ví dụ http://127.0.0.1:8080")
	token := fs.String("token", "", "với -url: mã truy cập (tg_…) của biên tập viên hoặc quản trị viên, để đọc và ghi")
	readTokens := fs.String("read-tokens", "", "với -url: các mã truy cập để đọc, cách nhau bằng dấu phẩy, mỗi khách một mã lần lượt (mặc định: -token)")
	auditToken := fs.String("audit-token", "", "với -url: mã truy cập của quản trị viên hoặc kiểm tra viên để kiểm nhật ký (mặc định: -token)")
	writes := fs.Float64("writes", 0.2, "tỉ lệ bước ghi trong mỗi khách (0–1)")
	seed := fs.Uint64("seed", 1, "hạt giống của bộ sinh ngẫu nhiên")
	timeout := fs.Duration("timeout", 30*time.Second, "thời gian chờ tối đa một yêu cầu")
	think := fs.Duration("think", 0, "thời gian nghỉ giữa hai bước của một khách")
	serverLog := fs.Bool("server-log", true, "in cảnh báo và lỗi của máy chủ trong tiến trình ra stderr")
	pprofAddr := fs.String("pprof", "", "địa chỉ phục vụ /debug/pprof/ của tiến trình này trong lúc chạy (ví dụ 127.0.0.1:6060), để tìm chỗ nghẽn")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tinhgon-load: đối số thừa %q\n", fs.Args())
		return 2
	}
	if *pprofAddr != "" {
		ln, err := net.Listen("tcp", *pprofAddr)
		if err != nil {
			fmt.Fprintf(stderr, "tinhgon-load: pprof: %v\n", err)
			return 2
		}
		// Where goroutines wait, too: on locks and on the database pools.
		runtime.SetMutexProfileFraction(10)
		runtime.SetBlockProfileRate(int(time.Millisecond))
		go http.Serve(ln, nil) //nolint:errcheck // ends with the process
		fmt.Fprintf(stdout, "pprof tại http://%s/debug/pprof/\n", ln.Addr())
	}
	var cfg loadtest.Config
	switch {
	case *target != "":
		if *dsn != "" {
			fmt.Fprintln(stderr, "tinhgon-load: dùng -url hoặc -db, không cả hai")
			return 2
		}
		if *token == "" {
			fmt.Fprintln(stderr, "tinhgon-load: -url cần -token (mã truy cập tg_… của biên tập viên hoặc quản trị viên)")
			return 2
		}
		audit := *auditToken
		if audit == "" {
			audit = *token
		}
		cfg = loadtest.Config{BaseURL: *target, Clients: *clients, Duration: *duration, Writer: *token, Auditor: audit,
			Target: "máy chủ đang chạy tại " + *target}
		for _, t := range strings.Split(*readTokens, ",") {
			if t = strings.TrimSpace(t); t != "" {
				cfg.Readers = append(cfg.Readers, loadtest.Token{Secret: t})
			}
		}
	default:
		fmt.Fprintln(stdout, "Đang tạo cơ sở dữ liệu, nạp dữ liệu mẫu Lai Châu và khởi động máy chủ…")
		var log io.Writer
		if *serverLog {
			log = stderr
		}
		l, err := loadtest.StartLocal(ctx, *dsn, log)
		if err != nil {
			fmt.Fprintf(stderr, "tinhgon-load: %v\n", err)
			return 2
		}
		defer func() {
			if err := l.Close(); err != nil {
				fmt.Fprintf(stderr, "tinhgon-load: dừng máy chủ: %v\n", err)
			}
		}()
		fmt.Fprintf(stdout, "Máy chủ %s sẵn sàng tại %s sau %s.\n", l.Engine, l.URL, l.Loaded.Round(time.Millisecond))
		cfg = l.Config(*clients, *duration)
	}
	cfg.WriteShare, cfg.Seed, cfg.Timeout, cfg.Think, cfg.Progress = *writes, *seed, *timeout, *think, stdout
	fmt.Fprintf(stdout, "Chạy %d khách trong %s…\n", *clients, *duration)
	rep, err := loadtest.Run(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "tinhgon-load: %v\n", err)
		return 2
	}
	fmt.Fprintln(stdout)
	rep.Print(stdout)
	if rep.Failed() {
		return 1
	}
	return 0
}
