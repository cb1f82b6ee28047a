package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"tinhgon/internal/progress"
	"tinhgon/internal/staff"
	"tinhgon/internal/staffsheet"
)

func runReport(ctx context.Context, env Env, args []string) error {
	var root, format, out string
	r, err := readCmd(ctx, env, "report", args, func(fs *flag.FlagSet) {
		fs.StringVar(&root, "root", "", "mã hoặc id của đơn vị gốc (mặc định: toàn tỉnh)")
		fs.StringVar(&format, "format", "table", "table, json, xlsx hoặc csv")
		fs.StringVar(&out, "out", "", "ghi vào tệp này (bắt buộc với xlsx)")
	})
	if err != nil {
		return err
	}
	defer r.done()
	if len(r.pos) != 1 || r.pos[0] != "staffing" {
		return fmt.Errorf("%w: cách dùng: tinhgon report staffing [--as-of YYYY-MM-DD] [--root MÃ] [--format table|json|xlsx|csv] [--out TỆP]", ErrUsage)
	}
	if r.json {
		format = "json"
	}
	var t *staff.Tallies
	rootID := ""
	if root != "" {
		u, err := r.reg.Get(ctx, root, r.m)
		if err != nil {
			return err
		}
		rootID = u.ID
		if t, err = r.prov.Staff.TallyUnder(ctx, r.m, u.ID); err != nil {
			return err
		}
	} else if t, _, err = r.prov.Staff.Tally(ctx, r.m); err != nil {
		return err
	}
	total := t.Total()
	rep, err := staffsheet.ReportOf(ctx, r.reg.Store(), r.m, t.Baseline, total, t.Rows(rootID))
	if err != nil {
		return err
	}
	w, closeOut, err := output(env, out, format == "xlsx")
	if err != nil {
		return err
	}
	switch format {
	case "xlsx":
		err = staffsheet.WriteReportXLSX(w, rep)
	case "csv":
		err = staffsheet.WriteReportCSV(w, rep)
	case "json":
		err = printJSON(w, struct {
			Total staff.Summary          `json:"total"`
			Rows  []staffsheet.ReportRow `json:"items"`
		}{total, rep.Rows})
	case "table":
		printReport(w, rep)
	default:
		err = fmt.Errorf("%w: --format %q: dùng table, json, xlsx hoặc csv", ErrUsage, format)
	}
	return errors.Join(err, closeOut())
}

// output opens the file to write to, or stdout; a binary format needs a file.
func output(env Env, path string, binary bool) (io.Writer, func() error, error) {
	if path == "" {
		if binary {
			return nil, nil, fmt.Errorf("%w: cần --out TỆP để ghi tệp XLSX", ErrUsage)
		}
		return env.Stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("tạo tệp %s: %w", path, err)
	}
	return f, f.Close, nil
}

func printReport(w io.Writer, r staffsheet.Report) {
	t := r.Total
	fmt.Fprintf(w, "%s ngày %s\n\n", r.Title, r.AsOf.VN())
	quota := "chưa giao"
	if t.Quota != nil {
		quota = fmt.Sprint(*t.Quota)
	}
	fmt.Fprintf(w, "Tổng: %d người (biên chế %s, vượt %d, chưa dùng %d); %d cấp phó, dôi dư %d.\n", t.Headcount, quota, t.Surplus, t.Shortage, t.Deputies, t.SurplusDeputies)
	for _, c := range staff.Categories {
		fmt.Fprintf(w, "  %-36s %6d\n", c.Label, t.ByCategory[c.Code])
	}
	fmt.Fprintln(w, "\nChỉ tiêu:")
	for _, g := range t.Targets {
		state := "chưa đạt"
		if g.Met {
			state = "đạt"
		}
		fmt.Fprintf(w, "  %s: %s (%s; %s)\n", g.Label, g.Detail, state, g.Source)
	}
	fmt.Fprintln(w, "\nTừng đơn vị (riêng / cộng dồn; cấp phó / tối đa):")
	for _, row := range r.Rows {
		if row.RolledUp.Headcount == 0 && row.RolledUp.Deputies == 0 {
			continue
		}
		max := "-"
		if row.Own.MaxDeputies != nil {
			max = fmt.Sprint(*row.Own.MaxDeputies)
		}
		mark := ""
		if row.Own.SurplusDeputies > 0 {
			mark = fmt.Sprintf("  ← dôi dư %d cấp phó", row.Own.SurplusDeputies)
		}
		fmt.Fprintf(w, "  %s%s: %d / %d người; %d / %s cấp phó%s\n", strings.Repeat("  ", row.Depth), row.Name,
			row.Own.Headcount, row.RolledUp.Headcount, row.Own.Deputies, max, mark)
	}
}

func runFindings(ctx context.Context, env Env, args []string) error {
	var rule string
	var horizon int
	r, err := readCmd(ctx, env, "findings", args, func(fs *flag.FlagSet) {
		fs.StringVar(&rule, "rule", "", "chỉ một quy tắc (ví dụ cap-pho, khong-dia-phuong, nghi-huu, mot-viec-mot-chu-tri)")
		fs.IntVar(&horizon, "horizon-months", 0, "số tháng tới để liệt kê người đến tuổi nghỉ hưu (mặc định theo quy tắc)")
	})
	if err != nil {
		return err
	}
	defer r.done()
	fs, err := r.prov.Staff.Findings(ctx, r.m, horizon)
	if err != nil {
		return err
	}
	ff, err := r.prov.Functions.Findings(ctx, r.m)
	if err != nil {
		return err
	}
	fs = append(fs, ff...)
	staff.SortFindings(fs)
	fs = staff.OfRule(fs, rule)
	if r.json {
		return printJSON(env.Stdout, fs)
	}
	fmt.Fprintf(env.Stdout, "%d kết quả kiểm tra ngày %s:\n", len(fs), r.m.AsOf.VN())
	labels := map[staff.Severity]string{staff.Violation: "VI PHẠM", staff.Warning: "CẦN XỬ LÝ", staff.Info: "LƯU Ý"}
	for _, f := range fs {
		fmt.Fprintf(env.Stdout, "  [%s] %s: %s (%s)\n", labels[f.Severity], f.Title, f.Detail, f.Source)
	}
	return nil
}

func runPeople(ctx context.Context, env Env, args []string) error {
	r, err := readCmd(ctx, env, "people", args, nil)
	if err != nil {
		return err
	}
	defer r.done()
	ps, total, err := r.prov.Staff.Store().ListPeople(ctx, staff.PeopleFilter{AsOf: r.m.AsOf, KnownAt: r.m.KnownAt,
		Query: strings.Join(r.pos, " "), Limit: 200})
	if err != nil {
		return err
	}
	if r.json {
		return printJSON(env.Stdout, ps)
	}
	fmt.Fprintf(env.Stdout, "%d người (hiện %d):\n", total, len(ps))
	for _, p := range ps {
		fmt.Fprintf(env.Stdout, "  %s  %s, %s, sinh %s, %s\n", p.Code, p.Name, p.Sex.Label(), p.BirthDate.VN(), p.Category.Label())
	}
	return nil
}

func runImport(ctx context.Context, env Env, args []string) error {
	fs := newFlags("import", env)
	var c common
	c.bind(fs, env)
	functions := fs.Bool("functions", false, "nhập danh mục chức năng, nhiệm vụ và việc giao cho đơn vị (mẫu: tinhgon export template --functions)")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: cách dùng: tinhgon import [--functions] TỆP.xlsx | TỆP.csv... (tinhgon export template [--functions] tạo tệp mẫu)", ErrUsage)
	}
	if *functions {
		return importFunctions(ctx, env, c, files)
	}
	// Every file goes into one batch, so that several CSV files (people,
	// assignments, quotas) are recorded together or not at all.
	var batch staff.Batch
	for _, path := range files {
		b, err := readBatch(ctx, env, path)
		if err != nil {
			return err
		}
		batch.People = append(batch.People, b.People...)
		batch.Assignments = append(batch.Assignments, b.Assignments...)
		batch.Quotas = append(batch.Quotas, b.Quotas...)
	}
	db, prov, err := c.openProvince(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := prov.Staff.Record(ctx, batch, who(env))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã nhập %d người, %d việc bố trí, %d biên chế.\n", n.People, n.Assignments, n.Quotas)
	return nil
}

func readBatch(ctx context.Context, env Env, path string) (staff.Batch, error) {
	f, err := os.Open(path)
	if err != nil {
		return staff.Batch{}, fmt.Errorf("mở tệp %s: %w", path, err)
	}
	defer f.Close()
	bar := progress.New(env.Stderr, "Đọc "+filepath.Base(path), 0)
	b, err := staffsheet.Batch(ctx, filepath.Base(path), f, func(rows int) { bar.Set(rows) })
	bar.Finish()
	return b, err
}

func runExport(ctx context.Context, env Env, args []string) error {
	fs := newFlags("export", env)
	out := fs.String("out", "", "tệp XLSX (mặc định mau-nhap-nhan-su.xlsx) hoặc thư mục với --csv")
	csvDir := fs.Bool("csv", false, "ghi ba tệp CSV (người, bố trí, biên chế) vào thư mục --out")
	functions := fs.Bool("functions", false, "mẫu nhập chức năng, nhiệm vụ (mặc định mau-nhap-chuc-nang.xlsx) thay cho mẫu nhập nhân sự")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "template" {
		return fmt.Errorf("%w: cách dùng: tinhgon export template [--functions] [--out TỆP.xlsx] [--csv --out THƯ-MỤC]", ErrUsage)
	}
	if *functions {
		return exportFunctionsTemplate(env, *out, *csvDir)
	}
	if *csvDir {
		dir := *out
		if dir == "" {
			dir = "."
		}
		if err := staffsheet.WriteTemplateCSV(dir); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã ghi các tệp CSV mẫu vào %s.\n", dir)
		return nil
	}
	path := *out
	if path == "" {
		path = "mau-nhap-nhan-su.xlsx"
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("tạo tệp %s: %w", path, err)
	}
	if err := errors.Join(staffsheet.WriteTemplate(f), f.Close()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã ghi tệp mẫu %s (trang «Hướng dẫn» mô tả từng cột).\n", path)
	return nil
}
