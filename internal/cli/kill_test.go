//go:build unix

package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"tinhgon/internal/staffsheet"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

// The child of TestKilledWritesLeaveBeforeOrAfter is this test binary
// started again with these variables: it runs one command and exits.
const (
	killChildEnv = "TINHGON_KILL_CHILD"
	killArgsEnv  = "TINHGON_KILL_ARGS" // the command line, as a JSON array
)

// TestKillChild is the child process: it runs the command line of
// TINHGON_KILL_ARGS and exits, 0 when the command succeeded.
func TestKillChild(t *testing.T) {
	if os.Getenv(killChildEnv) == "" {
		t.Skip("runs only as the child process of TestKilledWritesLeaveBeforeOrAfter")
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(killArgsEnv)), &args); err != nil {
		fmt.Fprintln(os.Stderr, "kill child:", err)
		os.Exit(2)
	}
	env := Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: func(string) string { return "" }}
	if err := Run(context.Background(), env, args); err != nil {
		fmt.Fprintln(os.Stderr, "kill child:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestKilledWritesLeaveBeforeOrAfter: every write is one transaction, so a
// process killed (SIGKILL) at any moment of an import or of a scheme's
// application leaves the database exactly as before or exactly as after,
// never between; the database opens afterwards and takes further writes.
//
// Each run starts from a copy of the same demo database, starts the
// command in a child process (this test binary again, see TestKillChild)
// and kills it: at the first look that finds it inside its write
// transaction, half-way through and near the end of that transaction, and
// at delays spread over the measured length of a whole run. At the kill
// the child is first stopped (SIGSTOP) so that where it stood is read
// exactly: "mid" means a write transaction was open (SQLite: the child
// held the write lock; PostgreSQL: its session had written and not
// committed). Before and after are the row counts of every table and what
// the commands say (people; the scheme's status, the units on its day).
func TestKilledWritesLeaveBeforeOrAfter(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills child processes")
	}
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		start := time.Now()
		base := fresh(t)
		if out, err := run(t, "demo", "--db", base); err != nil {
			t.Fatalf("demo: %v\n%s", err, out)
		}
		dir := t.TempDir()
		big := writeStaffCSV(t, dir, "lon", "KT", killImportPeople)
		small := writeStaffCSV(t, dir, "nho", "KS", 20)
		t.Run("import", func(t *testing.T) {
			s := killScenario{
				args: append([]string{"import"}, big...),
				state: func(t *testing.T, db string) killState {
					return killState{"người ngày 01/08/2025": peopleTotal(t, db, "2025-08-01")}
				},
				// The killed import, done again, and another one are taken.
				again: func(t *testing.T, db string) {
					if out, err := run(t, append([]string{"import", "--db", db}, big...)...); err != nil || !strings.Contains(out, fmt.Sprintf("Đã nhập %d người", killImportPeople)) {
						t.Errorf("the killed import done again: %v\n%s", err, out)
					}
				},
				further: func(t *testing.T, db string) {
					if out, err := run(t, append([]string{"import", "--db", db}, small...)...); err != nil || !strings.Contains(out, "Đã nhập 20 người, 20 việc bố trí") {
						t.Errorf("an import after the kill: %v\n%s", err, out)
					}
				},
			}
			s.run(t, base)
		})
		t.Run("scheme", func(t *testing.T) {
			s := killScenario{
				args: []string{"schemes", "apply", killScheme},
				state: func(t *testing.T, db string) killState {
					var sc struct{ Status string }
					out, err := run(t, "schemes", "show", killScheme, "--json", "--db", db)
					if err != nil || json.Unmarshal([]byte(out), &sc) != nil {
						t.Fatalf("schemes show: %v\n%s", err, out)
					}
					var c struct{ Total int64 }
					out, err = run(t, "counts", "--as-of", killSchemeDay, "--json", "--db", db)
					if err != nil || json.Unmarshal([]byte(out), &c) != nil {
						t.Fatalf("counts: %v\n%s", err, out)
					}
					return killState{"đề án " + sc.Status: 1, "đầu mối ngày " + killSchemeDay: c.Total}
				},
				// The killed application, done again, is taken.
				again: func(t *testing.T, db string) {
					if out, err := run(t, "schemes", "apply", killScheme, "--db", db); err != nil || !strings.Contains(out, "đã thực hiện") {
						t.Errorf("the killed application done again: %v\n%s", err, out)
					}
				},
				further: func(t *testing.T, db string) {
					if out, err := run(t, append([]string{"import", "--db", db}, small...)...); err != nil || !strings.Contains(out, "Đã nhập 20 người") {
						t.Errorf("an import after the kill: %v\n%s", err, out)
					}
				},
			}
			s.run(t, base)
		})
		t.Logf("%s: %v in all", filepath.Base(t.Name()), time.Since(start).Round(100*time.Millisecond))
	})
}

const (
	killImportPeople = 12_000        // people, and as many assignments, in the killed import
	killScheme       = "da-bao-pttt" // the demo's approved scheme, not applied
	killSchemeDay    = "2025-06-20"  // its effective date
)

// killState is what a database holds: the row count of every table, and
// what the commands of a scenario say of it.
type killState map[string]int64

// diff lists where two states differ.
func (s killState) diff(o killState) string {
	keys := map[string]bool{}
	for k := range s {
		keys[k] = true
	}
	for k := range o {
		keys[k] = true
	}
	var d []string
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if s[k] != o[k] {
			d = append(d, fmt.Sprintf("%s %d≠%d", k, s[k], o[k]))
		}
	}
	return strings.Join(d, ", ")
}

// killScenario is one command killed at several moments.
type killScenario struct {
	args    []string // without --db
	state   func(t *testing.T, db string) killState
	again   func(t *testing.T, db string) // redoes the command to its end
	further func(t *testing.T, db string) // another write after the kill
}

// A kill lands before the write transaction, in it ("mid"), after its
// commit while the child still ran, or not at all: the child had exited.
const (
	landedBefore = "before"
	landedMid    = "mid"
	landedAfter  = "after"
	landedExited = "exited"
)

func (s killScenario) run(t *testing.T, base string) {
	// The references: the whole command, alone, for its length and the
	// data as after; then watched as the kills watch it, for how many
	// looks find it inside its write transaction.
	ref := cloneDB(t, base)
	before := s.snapshot(t, ref)
	c := startChild(t, append(slices.Clone(s.args), "--db", ref))
	<-c.done
	whole := time.Since(c.started)
	if c.err != nil {
		t.Fatalf("the whole %v: %v\n%s", s.args, c.err, c.out.String())
	}
	after := s.snapshot(t, ref)
	if after.diff(before) == "" {
		t.Fatalf("%v changed nothing", s.args)
	}
	ref = cloneDB(t, base)
	c = startChild(t, append(slices.Clone(s.args), "--db", ref))
	w := newWatch(t, ref)
	_, looks := w.until(c, 0)
	w.close()
	watched := time.Since(c.started)
	if got := s.snapshot(t, ref); c.err != nil || got.diff(after) != "" {
		t.Fatalf("the whole %v, watched: %v %s\n%s", s.args, c.err, got.diff(after), c.out.String())
	}
	if looks == 0 {
		t.Fatalf("the whole %v (%v) was never seen inside a write transaction", s.args, watched)
	}
	t.Logf("%v: %v in all (%v watched, %d looks inside the write transaction); it writes %s",
		s.args, whole.Round(time.Millisecond), watched.Round(time.Millisecond), looks, after.diff(before))

	// The kills: at the first look that finds the child writing, half-way
	// through and near the end of its transaction, then at delays spread
	// over the whole run.
	type plan struct {
		name  string
		delay time.Duration // after the start
		look  int           // or at this look inside the write transaction
	}
	plans := []plan{{"at the first write", 0, 1}, {"half-way through the write", 0, max(1, looks/2)}, {"near the commit", 0, max(1, looks*9/10)}}
	for _, f := range []float64{0.15, 0.35, 0.55, 0.75, 0.95} {
		plans = append(plans, plan{fmt.Sprintf("%.0f%% of the run", 100*f), time.Duration(f * float64(whole)), 0})
	}
	tally := map[string]int{}
	outcomes := map[string]int{}
	redone := false
	for _, p := range plans {
		db := cloneDB(t, base)
		c := startChild(t, append(slices.Clone(s.args), "--db", db))
		w := newWatch(t, db)
		var landed string
		if p.look > 0 {
			landed, _ = w.until(c, p.look)
		} else {
			time.Sleep(time.Until(c.started.Add(p.delay)))
			landed = w.freeze(c)
		}
		w.close()
		if landed != landedExited {
			c.kill(t)
		}
		got := s.snapshot(t, db)
		outcome := ""
		switch {
		case got.diff(before) == "":
			outcome = "before"
		case got.diff(after) == "":
			outcome = "after"
		default:
			t.Errorf("killed %s (%s): the data is neither as before nor as after:\n  against before: %s\n  against after: %s\nchild output:\n%s",
				p.name, landed, got.diff(before), got.diff(after), c.out.String())
			continue
		}
		if landed == landedBefore && outcome == "after" {
			landed = landedAfter // it had committed and was finishing
		}
		if landed == landedExited && (c.err != nil || outcome != "after") {
			t.Errorf("the child ran to its end (%v) but the data is as %s", c.err, outcome)
		}
		tally[landed]++
		outcomes[landed+"→"+outcome]++
		t.Logf("killed %-27s landed %-6s data as %s", p.name+":", landed, outcome)
		// The database takes the killed write again (once: it is long),
		// and another write after any kill.
		if outcome == "before" && landed == landedMid && !redone {
			redone = true
			s.again(t, db)
			if got := s.snapshot(t, db); got.diff(after) != "" {
				t.Errorf("killed %s, then done again: %s", p.name, got.diff(after))
			}
		}
		s.further(t, db)
	}
	t.Logf("%d kills: %d before the write transaction, %d mid-transaction, %d after its commit, %d after the child's exit; outcomes %v",
		len(plans), tally[landedBefore], tally[landedMid], tally[landedAfter], tally[landedExited], outcomes)
	if tally[landedMid] == 0 {
		t.Errorf("no kill landed inside the write transaction: the test proved nothing (%v)", tally)
	}
}

// snapshot is the state of db: the row count of every table and what the
// scenario's commands say.
func (s killScenario) snapshot(t *testing.T, db string) killState {
	t.Helper()
	d, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	defer d.Close()
	st := s.state(t, db)
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if d.Engine == store.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	ctx := context.Background()
	rows, err := d.SQL().QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		var n int64
		if err := d.SQL().QueryRowContext(ctx, `SELECT count(*) FROM "`+tb+`"`).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", tb, err)
		}
		st["bảng "+tb] = n
	}
	return st
}

func peopleTotal(t *testing.T, db, day string) int64 {
	t.Helper()
	out, err := run(t, "people", "--as-of", day, "--db", db)
	if err != nil {
		t.Fatalf("people: %v\n%s", err, out)
	}
	n, _, _ := strings.Cut(out, " ")
	total, err := strconv.ParseInt(n, 10, 64)
	if err != nil {
		t.Fatalf("people: %v\n%s", err, out)
	}
	return total
}

// writeStaffCSV writes n people and an assignment for each into two CSV
// files as the template has them, and returns their paths.
func writeStaffCSV(t *testing.T, dir, name, prefix string, n int) []string {
	t.Helper()
	units := []string{"st.hdnd.dt", "st.hdnd.ktns", "st.hdnd.pc", "st.hdnd.vhxh"}
	write := func(file, sheet string, row func(i int) []string) string {
		path := filepath.Join(dir, name+"-"+file)
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		_ = w.Write(staffsheet.Headers(sheet))
		for i := range n {
			_ = w.Write(row(i))
		}
		w.Flush()
		if err := errors.Join(w.Error(), os.WriteFile(path, b.Bytes(), 0o644)); err != nil {
			t.Fatal(err)
		}
		return path
	}
	code := func(i int) string { return fmt.Sprintf("%s%06d", prefix, i) }
	return []string{
		write("nguoi.csv", staffsheet.SheetPeople, func(i int) []string {
			born := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%9000).Format("02/01/2006")
			return []string{code(i), "Nguyễn Văn Thử", "Nam", born, "", "Công chức", "01.003", "3", "3,33",
				"", "", "", "", "", "", "", "", "", "", ""}
		}),
		write("bo-tri.csv", staffsheet.SheetAssignments, func(i int) []string {
			return []string{code(i), units[i%len(units)], "Nhân viên", "", "Chuyên môn, nghiệp vụ", "Ngân sách nhà nước", "", "01/08/2025", "", ""}
		}),
	}
}

var killSeq atomic.Int64

// cloneDB copies the database base for one run: a SQLite file by tinhgon
// backup, a PostgreSQL database as a new database with base as its
// template (dropped after the test, as storetest drops its own).
func cloneDB(t *testing.T, base string) string {
	t.Helper()
	if !store.IsPostgres(base) {
		path := filepath.Join(t.TempDir(), "ban-sao.db")
		if out, err := run(t, "backup", "--db", base, "--out", path); err != nil {
			t.Fatalf("backup: %v\n%s", err, out)
		}
		return path
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	from := strings.TrimPrefix(u.Path, "/")
	name := fmt.Sprintf("%s_k%d", from, killSeq.Add(1))
	admin, err := sql.Open("pgx", os.Getenv(storetest.EnvPostgres))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	// The template's last sessions may take a moment to end.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+from)
		if err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatalf("copy the database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", os.Getenv(storetest.EnvPostgres))
		if err != nil {
			return
		}
		defer a.Close()
		a.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") //nolint:errcheck // best effort
	})
	u.Path = "/" + name
	return u.String()
}

// child is a command running in a child process.
type child struct {
	cmd     *exec.Cmd
	out     *safeBuffer
	started time.Time
	done    chan struct{}
	err     error // once done
}

func startChild(t *testing.T, args []string) *child {
	t.Helper()
	a, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	c := &child{out: &safeBuffer{}, done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1", "-test.timeout=5m")
	c.cmd.Env = append(os.Environ(), killChildEnv+"=1", killArgsEnv+"="+string(a))
	c.cmd.Stdout, c.cmd.Stderr = c.out, c.out
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.started = time.Now()
	go func() {
		c.err = c.cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() {
		select {
		case <-c.done:
		default:
			c.kill(t)
		}
	})
	return c
}

func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

func (c *child) signal(t *testing.T, sig syscall.Signal) {
	if err := c.cmd.Process.Signal(sig); err != nil && !c.exited() && !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("signal %v: %v", sig, err)
	}
}

// kill kills the child and waits for it to be gone.
func (c *child) kill(t *testing.T) {
	c.signal(t, syscall.SIGKILL)
	<-c.done
}

// stopped stops the child and waits until every thread of it has stopped;
// false when it has exited instead.
func (c *child) stopped(t *testing.T) bool {
	c.signal(t, syscall.SIGSTOP)
	pid := c.cmd.Process.Pid
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Microsecond) {
		if c.exited() {
			return false
		}
		tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
		if err != nil {
			if _, err := os.Stat("/proc/self/task"); err != nil {
				time.Sleep(20 * time.Millisecond) // no /proc: give the signal time
				return !c.exited()
			}
			continue // exiting
		}
		all := true
		for _, task := range tasks {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/stat", pid, task.Name()))
			if err != nil {
				continue // the thread is gone
			}
			i := bytes.LastIndexByte(b, ')')
			if i < 0 || i+2 >= len(b) {
				continue
			}
			switch b[i+2] {
			case 'T', 't':
			case 'Z', 'X':
				if task.Name() == strconv.Itoa(pid) {
					<-c.done
					return false
				}
			default:
				all = false
			}
		}
		if all {
			return true
		}
	}
	t.Fatalf("the child did not stop")
	return false
}

// watch tells whether a child is inside a write transaction of a database.
type watch struct {
	t      *testing.T
	db     *sql.DB
	engine store.Engine
}

func newWatch(t *testing.T, dsn string) *watch {
	t.Helper()
	w := &watch{t: t, engine: store.SQLite}
	var err error
	if store.IsPostgres(dsn) {
		w.engine = store.Postgres
		w.db, err = sql.Open("pgx", dsn)
	} else {
		// A writer that does not wait: taking the write lock fails at
		// once while another connection holds it.
		w.db, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(0)&_txlock=immediate")
	}
	if err != nil {
		t.Fatal(err)
	}
	w.db.SetMaxOpenConns(1)
	return w
}

func (w *watch) close() { w.db.Close() }

// until lets the child run, stopping it every millisecond to look where it
// stands, until the k-th look that finds it inside its write transaction
// (the child is left stopped; k = 0: never) or its exit. It returns where
// the child stands and how many looks found it writing.
func (w *watch) until(c *child, k int) (landed string, looks int) {
	for {
		landed = w.freeze(c)
		if landed == landedExited {
			return landed, looks
		}
		if landed == landedMid {
			if looks++; looks == k {
				return landed, looks
			}
		}
		c.signal(w.t, syscall.SIGCONT)
		time.Sleep(time.Millisecond)
	}
}

// freeze stops the child and says where it stands: exited, or inside a
// write transaction (mid), or not (before: it may also have committed).
func (w *watch) freeze(c *child) string {
	for {
		if !c.stopped(w.t) {
			return landedExited
		}
		if landed, ok := w.look(); ok {
			return landed
		}
		// Stopped while holding a lock of SQLite's WAL index, it cannot
		// be told: let it go a little further.
		c.signal(w.t, syscall.SIGCONT)
		time.Sleep(100 * time.Microsecond)
	}
}

// look says whether the stopped child is inside a write transaction; false
// when it cannot be told.
func (w *watch) look() (landed string, ok bool) {
	ctx := context.Background()
	if w.engine == store.Postgres {
		// A session that has written and not committed has a transaction id.
		var n int
		if err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`).Scan(&n); err != nil {
			w.t.Fatalf("pg_stat_activity: %v", err)
		}
		if n > 0 {
			return landedMid, true
		}
		return landedBefore, true
	}
	tx, err := w.db.BeginTx(ctx, nil)
	if err == nil {
		if err := tx.Rollback(); err != nil {
			w.t.Fatal(err)
		}
		return landedBefore, true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		w.t.Fatalf("take the write lock: %v", err)
	}
	if se.Code() != sqlite3.SQLITE_BUSY {
		return "", false // SQLITE_PROTOCOL, SQLITE_BUSY_RECOVERY…: the WAL index is held
	}
	// The write lock is held, by the child: a reader still gets through.
	var n int
	if err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
		return "", false
	}
	return landedMid, true
}
