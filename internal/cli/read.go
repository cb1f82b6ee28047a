package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"tinhgon/internal/app"
	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// farPast is before any unit's start: counts there show whether anything
// that existed before the register began was recorded.
var farPast = civil.MustParse("1900-01-01")

// moment flags: --as-of DATE and --known-at DATE|RFC3339.
type momentFlags struct {
	asOf, knownAt string
	json          bool
}

func (m *momentFlags) bind(fs *flag.FlagSet) {
	fs.StringVar(&m.asOf, "as-of", "", "ngày xem, YYYY-MM-DD (mặc định: hôm nay)")
	fs.StringVar(&m.knownAt, "known-at", "", "xem như đã biết tại thời điểm này, YYYY-MM-DD hoặc RFC 3339 (mặc định: bây giờ)")
	fs.BoolVar(&m.json, "json", false, "in kết quả dạng JSON")
}

var vietnam = time.FixedZone("ICT", 7*3600)

func (m *momentFlags) moment() (org.Moment, error) {
	out := org.Moment{AsOf: civil.Today()}
	if m.asOf != "" {
		d, err := civil.Parse(m.asOf)
		if err != nil {
			return out, fmt.Errorf("--as-of: %w", err)
		}
		out.AsOf = d
	}
	t, err := parseKnownAt(m.knownAt)
	out.KnownAt = t
	return out, err
}

func parseKnownAt(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--known-at %q: cần YYYY-MM-DD hoặc RFC 3339", s)
	}
	y, mo, dd := d.Time().Date()
	return time.Date(y, mo, dd, 23, 59, 59, 999999000, vietnam), nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// reading is what a read command works with once its flags are parsed.
type reading struct {
	reg  *org.Register
	prov *app.Province
	m    org.Moment
	json bool
	pos  []string // positional arguments
	done func()   // closes the database
}

// readCmd parses a read command's flags and opens the register.
func readCmd(ctx context.Context, env Env, name string, args []string, extra func(fs *flag.FlagSet)) (reading, error) {
	fs := newFlags(name, env)
	var c common
	var mf momentFlags
	c.bind(fs, env)
	mf.bind(fs)
	if extra != nil {
		extra(fs)
	}
	pos, err := parse(fs, args)
	if err != nil {
		return reading{}, err
	}
	m, err := mf.moment()
	if err != nil {
		return reading{}, err
	}
	db, prov, err := c.openProvince(ctx, nil)
	if err != nil {
		return reading{}, err
	}
	return reading{reg: prov.Org, prov: prov, m: m, json: mf.json, pos: pos, done: func() { db.Close() }}, nil
}

func runTree(ctx context.Context, env Env, args []string) error {
	var root string
	var depth int
	r, err := readCmd(ctx, env, "tree", args, func(fs *flag.FlagSet) {
		fs.StringVar(&root, "root", "", "mã hoặc id của đơn vị gốc (mặc định: các đơn vị cấp cao nhất)")
		fs.IntVar(&depth, "depth", 2, "số cấp hiển thị")
	})
	if err != nil {
		return err
	}
	defer r.done()
	t, err := r.reg.Tree(ctx, r.m, root, depth)
	if err != nil {
		return err
	}
	if r.json {
		return printJSON(env.Stdout, t)
	}
	fmt.Fprintf(env.Stdout, "Cây tổ chức ngày %s: %d đầu mối.\n", r.m.AsOf.VN(), t.Counts.Total)
	var walk func(ns []org.TreeNode, indent string)
	walk = func(ns []org.TreeNode, indent string) {
		for _, n := range ns {
			extra := ""
			if n.Descendants > 0 {
				extra = fmt.Sprintf("  [%d trực thuộc, %d tất cả]", n.Children, n.Descendants)
			}
			fmt.Fprintf(env.Stdout, "%s%s (%s)%s\n", indent, n.Name, n.Code, extra)
			walk(n.Nodes, indent+"  ")
		}
	}
	walk(t.Nodes, "")
	return nil
}

func runCounts(ctx context.Context, env Env, args []string) error {
	r, err := readCmd(ctx, env, "counts", args, nil)
	if err != nil {
		return err
	}
	defer r.done()
	c, err := r.reg.Counts(ctx, r.m)
	if err != nil {
		return err
	}
	if r.json {
		return printJSON(env.Stdout, c)
	}
	fmt.Fprintf(env.Stdout, "Số đầu mối ngày %s: %d\n", r.m.AsOf.VN(), c.Total)
	for _, part := range []struct {
		title string
		rows  []org.Count
	}{{"Theo cấp", c.ByLevel}, {"Theo khối", c.ByPillar}, {"Theo loại", c.ByKind}} {
		fmt.Fprintf(env.Stdout, "\n%s:\n", part.title)
		for _, r := range part.rows {
			fmt.Fprintf(env.Stdout, "  %-45s %5d\n", r.Label, r.Count)
		}
	}
	return nil
}

func runSearch(ctx context.Context, env Env, args []string) error {
	r, err := readCmd(ctx, env, "search", args, nil)
	if err != nil {
		return err
	}
	defer r.done()
	us, err := r.reg.Search(ctx, strings.Join(r.pos, " "), org.Filter{}, r.m)
	if err != nil {
		return err
	}
	if r.json {
		return printJSON(env.Stdout, us)
	}
	fmt.Fprintf(env.Stdout, "%d đơn vị hoạt động ngày %s:\n", len(us), r.m.AsOf.VN())
	for _, u := range us {
		fmt.Fprintf(env.Stdout, "  %s (%s) — %s\n", u.Name, u.Code, org.KindLabel(u.Kind))
	}
	return nil
}

func runHistory(ctx context.Context, env Env, args []string) error {
	r, err := readCmd(ctx, env, "history", args, nil)
	if err != nil {
		return err
	}
	defer r.done()
	if err := needArgs(r.pos, 1, "mã hoặc id của một đơn vị"); err != nil {
		return err
	}
	h, err := r.reg.History(ctx, r.pos[0], r.m.KnownAt)
	if err != nil {
		return err
	}
	if r.json {
		return printJSON(env.Stdout, h)
	}
	fmt.Fprintf(env.Stdout, "%s (%s)\n\nCác phiên bản:\n", h.Unit.Name, h.Unit.Code)
	for _, v := range h.Versions {
		fmt.Fprintf(env.Stdout, "  %s → %s  %s; %s; %s\n", dateOr(v.ValidFrom, "trước khi lập sổ"), dateOr(v.ValidTo, "nay"),
			v.Name, org.KindLabel(v.Kind), org.LevelLabel(v.Level))
	}
	fmt.Fprintf(env.Stdout, "\nGhi nhận (%d dòng, kể cả đã thay thế):\n", len(h.Records))
	for _, rec := range h.Records {
		state := "hiện hành"
		if rec.RetractedAt != nil {
			state = "thay thế lúc " + rec.RetractedAt.In(vietnam).Format("02/01/2006 15:04:05")
		}
		fmt.Fprintf(env.Stdout, "  ghi lúc %s bởi %s: %s → %s %s (%s)\n", rec.RecordedAt.In(vietnam).Format("02/01/2006 15:04:05"), rec.RecordedBy,
			dateOr(rec.ValidFrom, "trước khi lập sổ"), dateOr(rec.ValidTo, "nay"), rec.Name, state)
	}
	printLineage(env.Stdout, h.Lineage)
	return nil
}

func dateOr(d civil.Date, s string) string {
	if d.IsZero() {
		return s
	}
	return d.VN()
}

func runLineage(ctx context.Context, env Env, args []string) error {
	r, err := readCmd(ctx, env, "lineage", args, nil)
	if err != nil {
		return err
	}
	defer r.done()
	if err := needArgs(r.pos, 1, "mã hoặc id của một đơn vị"); err != nil {
		return err
	}
	l, err := r.reg.Lineage(ctx, r.pos[0], r.m)
	if err != nil {
		return err
	}
	if r.json {
		return printJSON(env.Stdout, l)
	}
	fmt.Fprintf(env.Stdout, "%s (%s), tính đến ngày %s\n", l.Unit.Name, l.Unit.Code, r.m.AsOf.VN())
	printLineage(env.Stdout, l)
	return nil
}

func printLineage(w io.Writer, l org.Lineage) {
	for _, part := range []struct {
		title string
		steps []org.Step
	}{{"Tiền thân", l.Predecessors}, {"Kế thừa", l.Successors}} {
		fmt.Fprintf(w, "\n%s:\n", part.title)
		if len(part.steps) == 0 {
			fmt.Fprintln(w, "  (không có)")
		}
		for _, s := range part.steps {
			fmt.Fprintf(w, "  %s%s → %s: %s ngày %s, %s (%s)\n", strings.Repeat("  ", s.Depth-1), s.From.Name, s.To.Name,
				s.KindLabel, s.Date.VN(), s.Decision.Number, s.Decision.Issuer)
		}
	}
}

func runDiff(ctx context.Context, env Env, args []string) error {
	var from, to string
	r, err := readCmd(ctx, env, "diff", args, func(fs *flag.FlagSet) {
		fs.StringVar(&from, "from", "", "ngày đầu, YYYY-MM-DD")
		fs.StringVar(&to, "to", "", "ngày cuối, YYYY-MM-DD")
	})
	if err != nil {
		return err
	}
	defer r.done()
	if from == "" || to == "" {
		return fmt.Errorf("%w: cần cả --from và --to (YYYY-MM-DD)", ErrUsage)
	}
	a, err := civil.Parse(from)
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	b, err := civil.Parse(to)
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	d, err := r.reg.Diff(ctx, a, b, r.m.KnownAt)
	if err != nil {
		return err
	}
	if r.json {
		return printJSON(env.Stdout, d)
	}
	fmt.Fprintf(env.Stdout, "Từ %s đến %s: %d → %d đầu mối.\n", a.VN(), b.VN(), d.Before.Total, d.After.Total)
	for _, part := range []struct {
		title string
		rows  []org.Change
	}{{"Thành lập mới", d.Added}, {"Chấm dứt", d.Ended}, {"Đổi tên", d.Renamed}, {"Chuyển trực thuộc", d.Moved}, {"Thay đổi khác", d.Changed}} {
		fmt.Fprintf(env.Stdout, "\n%s (%d):\n", part.title, len(part.rows))
		for _, c := range part.rows {
			switch {
			case part.title == "Đổi tên":
				fmt.Fprintf(env.Stdout, "  %s → %s\n", c.Before.Name, c.After.Name)
			default:
				fmt.Fprintf(env.Stdout, "  %s (%s)\n", c.Unit.Name, c.Unit.Code)
			}
		}
	}
	return nil
}
