package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/schemesheet"
)

// schemeCommands are the subcommands of tinhgon schemes.
var schemeCommands = []struct{ name, usage string }{
	{"list", "danh sách đề án"},
	{"show", "một đề án và các thao tác của nó"},
	{"check", "kiểm tra đề án (mô phỏng) và tác động"},
	{"preview", "sơ đồ trước/sau và quá trình kế thừa của đề án"},
	{"compare", "so sánh các chỉ tiêu của nhiều đề án"},
	{"create", "soạn đề án từ tệp JSON hoặc XLSX (--file)"},
	{"update", "sửa dự thảo từ tệp JSON hoặc XLSX (--file, --version)"},
	{"export", "xuất đề án, tác động và kết quả kiểm tra ra XLSX (--out)"},
	{"submit", "trình đề án"},
	{"approve", "phê duyệt đề án (--decision-number, --decision-issuer, --decision-date)"},
	{"reject", "không phê duyệt (--note bắt buộc)"},
	{"withdraw", "rút đề án"},
	{"reopen", "trả lại để sửa"},
	{"apply", "thực hiện đề án đã phê duyệt vào sổ đăng ký"},
}

func schemesUsage(w io.Writer) {
	fmt.Fprintln(w, "Cách dùng: tinhgon schemes <lệnh> [tùy chọn] [mã đề án…]")
	fmt.Fprintln(w, "\nCác lệnh:")
	for _, c := range schemeCommands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.usage)
	}
}

// runSchemes dispatches tinhgon schemes <sub>.
func runSchemes(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		schemesUsage(env.Stdout)
		return nil
	}
	sub, rest := args[0], args[1:]
	known := false
	for _, c := range schemeCommands {
		known = known || c.name == sub
	}
	if !known {
		schemesUsage(env.Stderr)
		return fmt.Errorf("không có lệnh «schemes %s»", sub)
	}
	var o schemeOpts
	r, err := readCmd(ctx, env, "schemes "+sub, rest, o.bind)
	if err != nil {
		return err
	}
	defer r.done()
	svc := r.prov.Schemes
	one := func() (scheme.Scheme, error) {
		if len(r.pos) != 1 {
			return scheme.Scheme{}, fmt.Errorf("cần đúng một mã hoặc id đề án")
		}
		return svc.Get(ctx, r.pos[0])
	}
	switch sub {
	case "list":
		list, total, err := svc.List(ctx, scheme.Filter{Status: scheme.Status(o.status), Query: strings.Join(r.pos, " "), Limit: 1000})
		if err != nil {
			return err
		}
		if r.json {
			return printJSON(env.Stdout, list)
		}
		fmt.Fprintf(env.Stdout, "%d đề án:\n", total)
		for _, sc := range list {
			fmt.Fprintf(env.Stdout, "  %-14s %-22s hiệu lực %s  %d thao tác  %s\n", or(sc.Code, sc.ID), sc.Status.Label(), sc.EffectiveDate.VN(), len(sc.Operations), sc.Name)
		}
		return nil
	case "show":
		sc, err := one()
		if err != nil {
			return err
		}
		if r.json {
			return printJSON(env.Stdout, sc)
		}
		printScheme(env.Stdout, sc)
		return nil
	case "check":
		sc, err := one()
		if err != nil {
			return err
		}
		res, err := svc.Check(ctx, &sc)
		if err != nil {
			return err
		}
		if r.json {
			return printJSON(env.Stdout, res)
		}
		printCheck(env.Stdout, sc, res)
		return nil
	case "preview":
		sc, err := one()
		if err != nil {
			return err
		}
		pv, err := svc.Preview(ctx, &sc)
		if err != nil {
			return err
		}
		if r.json {
			return printJSON(env.Stdout, pv)
		}
		printPreview(env.Stdout, pv)
		return nil
	case "compare":
		if len(r.pos) < 2 {
			return fmt.Errorf("cần ít nhất hai mã đề án để so sánh")
		}
		c, err := svc.Compare(ctx, r.pos)
		if err != nil {
			return err
		}
		if r.json {
			return printJSON(env.Stdout, c)
		}
		printComparison(env.Stdout, c)
		return nil
	case "create", "update":
		in, err := readSchemeFile(o.file)
		if err != nil {
			return err
		}
		var sc scheme.Scheme
		if sub == "create" {
			sc, err = svc.Create(ctx, in, who(env))
		} else {
			if len(r.pos) != 1 || o.version == 0 {
				return fmt.Errorf("cần mã đề án và --version (phiên bản đang sửa)")
			}
			sc, err = svc.Update(ctx, r.pos[0], in, o.version, who(env))
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã lưu dự thảo «%s» (%s), phiên bản %d, %d thao tác.\n", sc.Name, or(sc.Code, sc.ID), sc.Version, len(sc.Operations))
		return nil
	case "export":
		sc, err := one()
		if err != nil {
			return err
		}
		return exportScheme(ctx, env, svc, sc, o.out)
	}
	// A change of status.
	sc, err := one()
	if err != nil {
		return err
	}
	c := scheme.Change{Action: scheme.Action(sub), Version: o.version, Note: o.note}
	if sub == "approve" {
		c.Decision = &org.Decision{Number: o.decisionNumber, Issuer: o.decisionIssuer, SignedDate: o.decisionDate}
	}
	sc, err = svc.Transition(ctx, sc.ID, c, who(env))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đề án «%s» (%s): %s, phiên bản %d.\n", sc.Name, or(sc.Code, sc.ID), sc.Status.Label(), sc.Version)
	return nil
}

// schemeOpts are the flags of tinhgon schemes.
type schemeOpts struct {
	status, file, out, note        string
	version                        int
	decisionNumber, decisionIssuer string
	decisionDate                   civil.Date
}

func (o *schemeOpts) bind(fs *flag.FlagSet) {
	fs.StringVar(&o.status, "status", "", "chỉ đề án ở trạng thái này (draft, submitted, approved, applied, rejected, withdrawn)")
	fs.StringVar(&o.file, "file", "", "tệp đề án: JSON (như POST /api/v1/schemes) hoặc XLSX (như tệp xuất)")
	fs.StringVar(&o.out, "out", "", "tệp XLSX để ghi (export)")
	fs.StringVar(&o.note, "note", "", "ghi chú, lý do")
	fs.IntVar(&o.version, "version", 0, "phiên bản đề án đang sửa hoặc đổi trạng thái")
	fs.StringVar(&o.decisionNumber, "decision-number", "", "số hiệu quyết định phê duyệt")
	fs.StringVar(&o.decisionIssuer, "decision-issuer", "", "cơ quan ban hành quyết định phê duyệt")
	fs.Func("decision-date", "ngày ký quyết định phê duyệt, YYYY-MM-DD", func(s string) error {
		d, err := civil.Parse(s)
		if err != nil {
			return fmt.Errorf("ngày «%s» không hợp lệ, cần dạng YYYY-MM-DD", s)
		}
		o.decisionDate = d
		return nil
	})
}

// readSchemeFile reads a scheme from a JSON or an XLSX file.
func readSchemeFile(path string) (scheme.Scheme, error) {
	if path == "" {
		return scheme.Scheme{}, fmt.Errorf("cần tệp đề án: --file đề-án.json hoặc --file đề-án.xlsx")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return scheme.Scheme{}, fmt.Errorf("đọc tệp %s: %w", path, err)
	}
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return schemesheet.Read(bytes.NewReader(raw), filepath.Base(path))
	}
	var sc scheme.Scheme
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return scheme.Scheme{}, fmt.Errorf("tệp %s không phải đề án dạng JSON: %w", path, err)
	}
	return sc, nil
}

// exportScheme writes a scheme with its check, impact and preview to XLSX.
func exportScheme(ctx context.Context, env Env, svc *scheme.Service, sc scheme.Scheme, out string) error {
	if out == "" {
		out = "de-an-" + or(sc.Code, sc.ID) + ".xlsx"
	}
	res, pv, err := svc.CheckAndPreview(ctx, &sc)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("tạo tệp %s: %w", out, err)
	}
	if err := errors.Join(schemesheet.Write(f, sc, res, pv), f.Close()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã ghi %s: đề án, thao tác, bố trí, tác động, kết quả kiểm tra và sơ đồ.\n", out)
	return nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func printScheme(w io.Writer, sc scheme.Scheme) {
	fmt.Fprintf(w, "%s (%s)\n", sc.Name, or(sc.Code, sc.ID))
	fmt.Fprintf(w, "  trạng thái: %s, phiên bản %d\n", sc.Status.Label(), sc.Version)
	fmt.Fprintf(w, "  căn cứ: %s\n  ngày lấy số liệu: %s, ngày hiệu lực: %s\n", sc.LegalBasis, sc.Base().VN(), sc.EffectiveDate.VN())
	if d := sc.Decision; d != nil {
		fmt.Fprintf(w, "  quyết định phê duyệt: %s của %s\n", d.Number, d.Issuer)
	}
	fmt.Fprintf(w, "\n%d thao tác:\n", len(sc.Operations))
	for i, op := range sc.Operations {
		line := fmt.Sprintf("  %d. %s: %s", i+1, op.Kind.Label(), strings.Join(op.Inputs, ", "))
		var outs []string
		for _, o := range op.Outputs {
			if o.New != nil {
				outs = append(outs, o.New.Name+" (mới)")
			} else {
				outs = append(outs, o.Ref)
			}
		}
		if len(outs) > 0 {
			line += " → " + strings.Join(outs, ", ")
		}
		if len(op.Placements) > 0 {
			line += fmt.Sprintf("; %d người được bố trí", len(op.Placements))
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w, "\nQuá trình:")
	for _, e := range sc.Events {
		note := ""
		if e.Note != "" {
			note = ": " + e.Note
		}
		fmt.Fprintf(w, "  %s  %s bởi %s%s\n", e.At.In(vietnam).Format("02/01/2006 15:04"), e.To.Label(), e.By, note)
	}
}

func printCheck(w io.Writer, sc scheme.Scheme, res *scheme.Result) {
	errs := len(res.Errors())
	fmt.Fprintf(w, "Kiểm tra đề án «%s»: %d lỗi, %d cảnh báo.\n", sc.Name, errs, len(res.Findings)-errs)
	for _, f := range res.Findings {
		level := "CẢNH BÁO"
		if f.Severity == scheme.Error {
			level = "LỖI"
		}
		fmt.Fprintf(w, "  [%s] %s", level, f.Message)
		if f.Source != "" {
			fmt.Fprintf(w, " (%s)", f.Source)
		}
		fmt.Fprintln(w)
	}
	im := res.Impact
	fmt.Fprintf(w, "\nTác động (trước: %s, sau: %s):\n", im.BaseDate.VN(), im.EffectiveDate.VN())
	fmt.Fprintf(w, "  %-28s %10s %10s %10s\n", "chỉ tiêu", "trước", "sau", "tăng/giảm")
	for _, r := range []struct {
		label string
		f     scheme.Figure
	}{{"số đầu mối", im.Units}, {"biên chế có mặt", im.Headcount}, {"hưởng lương ngân sách", im.BudgetPaid},
		{"biên chế được giao", im.Quota}, {"cấp trưởng", im.Heads}, {"cấp phó", im.Deputies}, {"cấp phó vượt quy định", im.SurplusDeputies}} {
		fmt.Fprintf(w, "  %-28s %10d %10d %+10d\n", r.label, r.f.Before, r.f.After, r.f.Change)
	}
	fmt.Fprintf(w, "  %-28s %10s %10d %+10d\n", "người thôi công tác", "", im.Leaving, im.Leaving)
	m := im.SalaryFund
	fmt.Fprintf(w, "  quỹ lương một năm: %s → %s đồng (%s), lương cơ sở %s đồng\n", groupDigits(m.Before), groupDigits(m.After), groupDigits(m.Change), groupDigits(m.BaseSalary))
}

func printPreview(w io.Writer, pv *scheme.Preview) {
	d := pv.Diff
	fmt.Fprintf(w, "Sơ đồ %s → %s: bỏ %d, thêm %d, đổi %d đơn vị.\n", d.BaseDate.VN(), d.EffectiveDate.VN(), d.Removed, d.Added, d.Changed)
	for _, c := range d.Items {
		switch c.Change {
		case "removed":
			fmt.Fprintf(w, "  − %s (thuộc %s)\n", c.NameBefore, c.ParentBefore)
		case "added":
			fmt.Fprintf(w, "  + %s (thuộc %s)\n", c.NameAfter, c.ParentAfter)
		default:
			fmt.Fprintf(w, "  ~ %s → %s (thuộc %s)\n", c.NameBefore, c.NameAfter, c.ParentAfter)
		}
	}
	fmt.Fprintln(w, "\nKế thừa:")
	for _, s := range pv.Lineage {
		fmt.Fprintf(w, "  %s → %s (%s, %s)\n", s.FromName, s.ToName, s.KindLabel, s.Date.VN())
	}
}

func printComparison(w io.Writer, c *scheme.Comparison) {
	fmt.Fprintf(w, "%-28s", "chỉ tiêu (sau / tăng giảm)")
	for _, s := range c.Schemes {
		fmt.Fprintf(w, " %20s", or(s.Code, s.ID))
	}
	fmt.Fprintln(w)
	for _, r := range c.Rows {
		fmt.Fprintf(w, "%-28s", r.Label)
		for _, v := range r.Values {
			fmt.Fprintf(w, " %20s", fmt.Sprintf("%d / %+d", v.After, v.Change))
		}
		fmt.Fprintln(w)
	}
}

// groupDigits writes a decimal string with dots between thousands, as
// Vietnamese documents do.
func groupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
