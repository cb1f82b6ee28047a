package staffsheet

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// ReportRow is a unit's line of a staffing report as the province sends it upward.
type ReportRow struct {
	Code     string       `json:"code"`
	Name     string       `json:"name"`
	Depth    int          `json:"depth"`
	Own      staff.Counts `json:"own"`
	RolledUp staff.Counts `json:"rolled_up"`
}

// Report is a staffing report to write as a spreadsheet.
type Report struct {
	Title    string // e.g. "Báo cáo biên chế tỉnh Lai Châu"
	AsOf     civil.Date
	Baseline civil.Date
	Rows     []ReportRow
	Total    staff.Summary
}

// reportHeaders are the columns of the report, after STT, code and name.
var reportHeaders = []string{"Số người", "Cán bộ", "Công chức", "Viên chức", "Người lao động", "Không chuyên trách",
	"Lương ngân sách", "Lương nguồn thu", "Biên chế", "Vượt biên chế", "Chưa sử dụng", "Cấp phó", "Cấp phó tối đa",
	"Cấp phó dôi dư", "Cộng dồn: số người", "Cộng dồn: biên chế", "Cộng dồn: cấp phó dôi dư"}

func countCells(own, up staff.Counts) []any {
	opt := func(p *int) any {
		if p == nil {
			return ""
		}
		return *p
	}
	return []any{own.Headcount, own.ByCategory[staff.CanBo], own.ByCategory[staff.CongChuc], own.ByCategory[staff.VienChuc],
		own.ByCategory[staff.NguoiLaoDong], own.ByCategory[staff.KhongChuyenTrach], own.ByFunding[staff.Budget],
		own.ByFunding[staff.OwnRevenue], opt(own.Quota), own.Surplus, own.Shortage, own.Deputies, opt(own.MaxDeputies),
		own.SurplusDeputies, up.Headcount, opt(up.Quota), up.SurplusDeputies}
}

func reportLines(r Report) [][]any {
	head := append([]any{"STT", "Mã đơn vị", "Đơn vị"}, toAny(reportHeaders)...)
	sub := "Tính đến ngày " + r.AsOf.VN()
	if !r.Baseline.IsZero() {
		sub += "; năm gốc của chỉ tiêu giảm biên chế: số liệu ngày " + r.Baseline.VN()
	}
	lines := [][]any{{r.Title}, {sub}, {}, head}
	for i, row := range r.Rows {
		lines = append(lines, append([]any{i + 1, row.Code, strings.Repeat("    ", row.Depth) + row.Name}, countCells(row.Own, row.RolledUp)...))
	}
	t := r.Total.Counts
	total := append([]any{"", "", "Tổng cộng"}, countCells(t, t)...)
	lines = append(lines, total, []any{}, []any{"Chỉ tiêu", "", "Căn cứ", "Mục tiêu (%)", "Số gốc", "Hiện nay", "Đạt (%)", "Cần đạt", "Đã đạt", "Thời hạn", "Diễn giải"})
	for _, g := range r.Total.Targets {
		met := "Chưa"
		if g.Met {
			met = "Đạt"
		}
		lines = append(lines, []any{g.Label, "", g.Source, g.Percent, g.Base, g.Value, g.Current, g.Goal, met, g.Deadline.VN(), g.Detail})
	}
	return lines
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// WriteReportXLSX writes the report as one worksheet, with the header row
// frozen and units indented by their depth.
func WriteReportXLSX(w io.Writer, r Report) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Biên chế"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := sw.SetColWidth(3, 3, 60); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for i, line := range reportLines(r) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		opts := []excelize.RowOpts{}
		if i == 3 {
			opts = append(opts, excelize.RowOpts{StyleID: bold, Height: 45})
		}
		if err := sw.SetRow(cell, line, opts...); err != nil {
			return fmt.Errorf("report row %d: %w", i+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteReportCSV writes the report's table (a header, one line per unit,
// the total) as UTF-8 CSV with a BOM, so that Excel opens it with its
// diacritics. It stays rectangular for other programs: the targets are in
// the XLSX only.
func WriteReportCSV(w io.Writer, r Report) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for _, line := range reportLines(r)[3 : 3+len(r.Rows)+2] {
		rec := make([]string, len(line))
		for i, v := range line {
			switch x := v.(type) {
			case string:
				rec[i] = x
			case int:
				rec[i] = strconv.Itoa(x)
			case float64:
				rec[i] = strconv.FormatFloat(x, 'f', 1, 64)
			default:
				rec[i] = fmt.Sprint(x)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReportOf names a staffing report's rows with their units on the day, for
// a spreadsheet.
func ReportOf(ctx context.Context, units org.Reader, m org.Moment, baseline civil.Date, total staff.Summary, rows []staff.Row) (Report, error) {
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = row.UnitID
	}
	us, err := units.UnitsAt(ctx, ids, m)
	if err != nil {
		return Report{}, err
	}
	byID := make(map[string]org.Unit, len(us))
	for _, u := range us {
		byID[u.ID] = u
	}
	rep := Report{Title: "Báo cáo số lượng người làm việc và biên chế", AsOf: m.AsOf, Baseline: baseline, Total: total}
	for _, row := range rows {
		u := byID[row.UnitID]
		rep.Rows = append(rep.Rows, ReportRow{Code: u.Code, Name: u.Name, Depth: row.Depth, Own: row.Own, RolledUp: row.RolledUp})
	}
	return rep, nil
}
