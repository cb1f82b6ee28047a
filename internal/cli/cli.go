// Package cli is tinhgon's command line: serve, migrate, demo, and read
// commands over the register (tree, history, lineage, diff, search, counts).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"tinhgon/internal/app"
	"tinhgon/internal/audit"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
)

// Env is what a command runs with; tests give their own.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// command is one subcommand.
type command struct {
	name, usage string
	run         func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "chạy máy chủ web và API", runServe},
		{"migrate", "áp dụng các bản chuyển đổi lược đồ cơ sở dữ liệu", runMigrate},
		{"demo", "nạp dữ liệu mẫu tỉnh Lai Châu", runDemo},
		{"user", "tài khoản: user add (tạo, ví dụ quản trị viên đầu tiên), user list, user password", runUser},
		{"token", "tạo mã truy cập API cho một tài khoản (token create --user NAME)", runToken},
		{"audit", "nhật ký kiểm tra: audit verify (kiểm tra chuỗi mã băm), audit export (CSV, JSON)", runAudit},
		{"backup", "sao lưu cơ sở dữ liệu SQLite đang chạy vào một tệp (--out)", runBackup},
		{"tree", "cây tổ chức tại một ngày", runTree},
		{"counts", "số đầu mối theo loại, cấp, khối", runCounts},
		{"search", "tìm đơn vị theo tên (có hoặc không dấu)", runSearch},
		{"history", "lịch sử của một đơn vị", runHistory},
		{"lineage", "quá trình kế thừa (trước và sau) của một đơn vị", runLineage},
		{"diff", "thay đổi giữa hai ngày", runDiff},
		{"report", "báo cáo biên chế tại một ngày (report staffing)", runReport},
		{"findings", "kiểm tra các quy tắc về nhân sự, chức năng tại một ngày", runFindings},
		{"people", "tìm người theo tên hoặc mã cán bộ", runPeople},
		{"functions", "danh mục chức năng, nhiệm vụ và cơ quan chủ trì tại một ngày", runFunctions},
		{"schemes", "đề án sắp xếp: soạn, kiểm tra, tác động, so sánh, phê duyệt, thực hiện, xuất XLSX", runSchemes},
		{"import", "nhập người, bố trí, biên chế (hoặc --functions: chức năng, nhiệm vụ) từ tệp XLSX hoặc CSV theo mẫu", runImport},
		{"export", "xuất tệp mẫu nhập liệu (export template)", runExport},
		{"gen", "sinh bộ dữ liệu cả nước (đơn vị, người, bố trí) để đo hiệu năng", runGen},
	}
}

// Run executes the command line args (without the program name).
func Run(ctx context.Context, env Env, args []string) error {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			// What a command writes is in the audit log under the operator's name.
			action := "tinhgon " + args[0]
			if len(args) > 1 && !strings.HasPrefix(args[1], "-") {
				action += " " + args[1]
			}
			ctx = audit.WithNote(ctx, &audit.Note{Actor: who(env), Role: "cli", Remote: "cli", Action: action})
			return c.run(ctx, env, args[1:])
		}
	}
	usage(env.Stderr)
	return fmt.Errorf("không có lệnh %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tinhgon — sổ đăng ký tổ chức bộ máy hệ thống chính trị theo thời gian")
	fmt.Fprintln(w, "\nCách dùng: tinhgon <lệnh> [tùy chọn]   (tinhgon <lệnh> -h để xem tùy chọn)")
	fmt.Fprintln(w, "\nCác lệnh:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.usage)
	}
}

// common are the flags every command that opens the database takes.
type common struct {
	db       string
	province string
}

func (c *common) bind(fs *flag.FlagSet, env Env) {
	def := env.Getenv("TINHGON_DB")
	if def == "" {
		def = "tinhgon.db"
	}
	prov := env.Getenv("TINHGON_PROVINCE")
	if prov == "" {
		prov = "12"
	}
	fs.StringVar(&c.db, "db", def, "cơ sở dữ liệu: tệp SQLite hoặc URL postgres:// (biến TINHGON_DB)")
	fs.StringVar(&c.province, "province", prov, "mã tỉnh của sổ đăng ký (biến TINHGON_PROVINCE)")
}

func (c *common) open(ctx context.Context, log *slog.Logger) (*store.DB, *org.Register, error) {
	db, p, err := c.openProvince(ctx, log)
	if err != nil {
		return nil, nil, err
	}
	return db, p.Org, nil
}

// openProvince opens the database and the services of the province.
func (c *common) openProvince(ctx context.Context, log *slog.Logger) (*store.DB, *app.Province, error) {
	db, err := store.Open(ctx, c.db, log)
	if err != nil {
		return nil, nil, err
	}
	p, err := app.Open(db, c.province)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, p, nil
}

func newFlags(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet("tinhgon "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, in Vietnamese, by the caller
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Cách dùng: tinhgon %s [tùy chọn]\n\nTùy chọn:\n", name)
		fs.VisitAll(func(f *flag.Flag) {
			def := ""
			if f.DefValue != "" && f.DefValue != "false" {
				def = fmt.Sprintf(" (mặc định: %s)", f.DefValue)
			}
			fmt.Fprintf(env.Stderr, "  --%-10s %s%s\n", f.Name, f.Usage, def)
		})
	}
	return fs
}

// parse parses flags; flags may follow positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err // the flag package has printed the usage
			}
			msg := err.Error()
			if f, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
				msg = "không có tùy chọn " + f
			} else if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
				val, flagName, _ := strings.Cut(rest, " for flag ")
				flagName, _, _ = strings.Cut(flagName, ":")
				msg = fmt.Sprintf("giá trị %s của tùy chọn %s không hợp lệ", val, flagName)
			} else if f, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
				msg = "tùy chọn " + f + " cần một giá trị"
			}
			return nil, fmt.Errorf("%w: %s (xem tinhgon %s -h)", ErrUsage, msg, strings.TrimPrefix(fs.Name(), "tinhgon "))
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// ErrUsage marks a command line that was wrong; the message says how.
var ErrUsage = errors.New("sai cách dùng")

func needArgs(pos []string, n int, what string) error {
	if len(pos) != n {
		return fmt.Errorf("%w: cần %s", ErrUsage, what)
	}
	return nil
}

// who names the person running a command, for the records it writes.
func who(env Env) string {
	if u := strings.TrimSpace(env.Getenv("USER")); u != "" {
		return "cli:" + u
	}
	return "cli"
}
