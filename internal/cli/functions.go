package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tinhgon/internal/function"
	"tinhgon/internal/functionsheet"
)

// runFunctions lists the catalogue of functions on a day, by field, with
// each function's lead and coordinating units.
func runFunctions(ctx context.Context, env Env, args []string) error {
	var field, unit string
	r, err := readCmd(ctx, env, "functions", args, func(fs *flag.FlagSet) {
		fs.StringVar(&field, "field", "", "chỉ một lĩnh vực")
		fs.StringVar(&unit, "unit", "", "chỉ các chức năng đơn vị này (mã hoặc id) chủ trì hoặc phối hợp")
	})
	if err != nil {
		return err
	}
	defer r.done()
	f := function.Filter{Query: strings.Join(r.pos, " "), Field: field}
	if unit != "" {
		if f.UnitID, err = r.reg.Resolve(ctx, unit); err != nil {
			return err
		}
	}
	vs, err := r.prov.Functions.List(ctx, r.m, f)
	if err != nil {
		return err
	}
	if r.json {
		return printJSON(env.Stdout, vs)
	}
	fmt.Fprintf(env.Stdout, "%d chức năng, nhiệm vụ ngày %s:\n", len(vs), r.m.AsOf.VN())
	last := ""
	names := func(us []function.UnitRef) string {
		out := make([]string, len(us))
		for i, u := range us {
			out[i] = u.Name
		}
		return strings.Join(out, ", ")
	}
	for _, v := range vs {
		if v.Field != last {
			fmt.Fprintf(env.Stdout, "\n%s\n", v.Field)
			last = v.Field
		}
		lead := names(v.Leads)
		switch len(v.Leads) {
		case 0:
			lead = "(không có — bỏ sót)"
		case 1:
		default:
			lead += " (chồng chéo)"
		}
		line := fmt.Sprintf("  %s (%s) — chủ trì: %s", v.Name, v.Code, lead)
		if len(v.Coordinators) > 0 {
			line += "; phối hợp: " + names(v.Coordinators)
		}
		fmt.Fprintln(env.Stdout, line)
	}
	return nil
}

// importFunctions records the catalogue from files of the functions
// template, all in one batch: several CSV files (functions, assignments)
// are recorded together or not at all.
func importFunctions(ctx context.Context, env Env, c common, files []string) error {
	var batch function.Batch
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("mở tệp %s: %w", path, err)
		}
		b, err := functionsheet.Batch(ctx, filepath.Base(path), f)
		f.Close()
		if err != nil {
			return err
		}
		batch.Functions = append(batch.Functions, b.Functions...)
		batch.Assignments = append(batch.Assignments, b.Assignments...)
	}
	db, prov, err := c.openProvince(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := prov.Functions.Record(ctx, batch, who(env))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã nhập %d chức năng, nhiệm vụ và %d việc giao cho đơn vị.\n", n.Functions, n.Assignments)
	return nil
}

// exportFunctionsTemplate writes the functions template, as XLSX or as
// one CSV file per sheet in a directory.
func exportFunctionsTemplate(env Env, out string, csvDir bool) error {
	if csvDir {
		if out == "" {
			out = "."
		}
		if err := functionsheet.WriteTemplateCSV(out); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã ghi các tệp CSV mẫu chức năng, nhiệm vụ vào %s.\n", out)
		return nil
	}
	if out == "" {
		out = "mau-nhap-chuc-nang.xlsx"
	}
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("tạo tệp %s: %w", out, err)
	}
	if err := errors.Join(functionsheet.WriteTemplate(f), f.Close()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã ghi tệp mẫu %s (trang «Hướng dẫn» mô tả từng cột).\n", out)
	return nil
}
