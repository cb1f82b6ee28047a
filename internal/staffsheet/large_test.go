package staffsheet

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// A province-sized people sheet is read row by row: every row arrives,
// progress is reported along the way, the heap stays flat, and the rate
// is logged.
func TestLargeFileStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("large file")
	}
	const rows = 50_000
	for _, tt := range []struct {
		file  string
		write func(t *testing.T, name string, rows int)
	}{
		{"lon.xlsx", writeLargeXLSX},
		{"lon.csv", writeLargeCSV},
	} {
		t.Run(tt.file, func(t *testing.T) {
			name := filepath.Join(t.TempDir(), tt.file)
			tt.write(t, name, rows)
			file, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer file.Close()
			var progress []int
			var peakHeap uint64
			n := 0
			h := Handler{
				Person: func(r PersonRow) error {
					n++
					if r.Pos.Row != n+1 {
						return fmt.Errorf("row %d arrived as number %d", r.Pos.Row, n)
					}
					return nil
				},
				Progress: func(read int) {
					progress = append(progress, read)
					var m runtime.MemStats
					runtime.ReadMemStats(&m)
					peakHeap = max(peakHeap, m.HeapInuse)
				},
			}
			runtime.GC()
			start := time.Now()
			if err := Read(context.Background(), tt.file, file, h); err != nil {
				t.Fatalf("Read: %v", err)
			}
			elapsed := time.Since(start)
			if n != rows {
				t.Fatalf("%d people delivered, want %d", n, rows)
			}
			if len(progress) != rows/progressEvery+1 || progress[len(progress)-1] != rows {
				t.Errorf("progress calls = %v", progress)
			}
			t.Logf("%d rows in %v: %.0f rows/s; heap in use at most %.1f MB during the read",
				rows, elapsed.Round(time.Millisecond), float64(rows)/elapsed.Seconds(), float64(peakHeap)/(1<<20))
		})
	}
}

// largeRow is the i-th generated person, dates as time.Time so that the
// workbook holds serial-day cells as Excel saves them.
func largeRow(i int) []any {
	born := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%9000)
	return []any{
		fmt.Sprintf("CB%06d", i), "Nguyễn Văn Thành", "Nam", born, "40", "công chức",
		"01.003", 1 + i%9, 2.34 + float64(i%10)/10, "0,2", "khu vực 0,5", "01/09/2003", "Không", nil,
		"Cử nhân", "Trung cấp", fmt.Sprintf("%012d", i), "Kinh", "Không", "Tốt",
	}
}

func writeLargeXLSX(t *testing.T, name string, rows int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetPeople); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter(SheetPeople)
	if err != nil {
		t.Fatal(err)
	}
	var header []any
	for _, h := range Headers(SheetPeople) {
		header = append(header, h)
	}
	if err := sw.SetRow("A1", header); err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, largeRow(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(name); err != nil {
		t.Fatal(err)
	}
}

func writeLargeCSV(t *testing.T, name string, rows int) {
	t.Helper()
	file, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	w := csv.NewWriter(file)
	_ = w.Write(Headers(SheetPeople))
	cells := make([]string, len(Headers(SheetPeople)))
	for i := range rows {
		for j, v := range largeRow(i) {
			switch v := v.(type) {
			case nil:
				cells[j] = ""
			case time.Time:
				cells[j] = v.Format("02/01/2006")
			default:
				cells[j] = fmt.Sprint(v)
			}
		}
		_ = w.Write(cells)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
}
