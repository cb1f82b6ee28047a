package staffsheet

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/civil"
	"tinhgon/internal/staff"
)

func sampleReport() Report {
	q := 10
	max := 3
	own := staff.Counts{Headcount: 12, ByCategory: map[staff.Category]int{staff.CongChuc: 11, staff.NguoiLaoDong: 1},
		ByFunding: map[staff.Funding]int{staff.Budget: 12}, Quota: &q, Surplus: 2, Deputies: 5, MaxDeputies: &max, SurplusDeputies: 2}
	return Report{Title: "Báo cáo biên chế", AsOf: civil.MustParse("2025-06-01"), Baseline: civil.MustParse("2024-12-31"),
		Rows: []ReportRow{{Code: "ubnd", Name: "Ủy ban nhân dân tỉnh", Own: staff.Counts{ByCategory: map[staff.Category]int{}, ByFunding: map[staff.Funding]int{}}, RolledUp: own},
			{Code: "s.tc", Name: "Sở Tài chính", Depth: 1, Own: own, RolledUp: own}},
		Total: staff.Summary{Counts: own, Targets: []staff.Target{{Rule: "giam-20", Label: "Giảm tối thiểu 20%", Source: "Công văn 31", Percent: 20,
			Base: 15, Value: 12, Current: 20, Goal: 12, Met: true, Deadline: civil.MustParse("2031-12-31")}}}}
}

func TestReportXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteReportXLSX(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Biên chế")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int][]string{
		0: {"Báo cáo biên chế"},
		1: {"Tính đến ngày 01/06/2025; năm gốc của chỉ tiêu giảm biên chế: số liệu ngày 31/12/2024"},
		3: {"STT", "Mã đơn vị", "Đơn vị", "Số người"},
		5: {"2", "s.tc", "    Sở Tài chính", "12", "0", "11", "0", "1", "0", "12", "0", "10", "2", "0", "5", "3", "2"},
		6: {"", "", "Tổng cộng", "12"},
		9: {"Giảm tối thiểu 20%", "", "Công văn 31", "20", "15", "12", "20", "12", "Đạt", "31/12/2031"},
	}
	for i, cells := range want {
		if i >= len(rows) {
			t.Fatalf("only %d rows", len(rows))
		}
		for j, c := range cells {
			if j >= len(rows[i]) || rows[i][j] != c {
				t.Errorf("row %d: %q, want it to start %q", i+1, rows[i], cells)
				break
			}
		}
	}
}

func TestReportCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteReportCSV(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "\ufeff") {
		t.Errorf("no BOM: Excel would misread the diacritics")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][2] != "Đơn vị" || recs[2][1] != "s.tc" || recs[2][3] != "12" || recs[3][2] != "Tổng cộng" {
		t.Errorf("csv: %q", recs[:4])
	}
}
