package staffsheet

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestBadCells(t *testing.T) {
	tests := []struct {
		name   string
		sheet  string
		rows   []map[string]any // overrides of the sheet's valid row, from row 2
		row    int
		col    string
		reason string
	}{
		{"bad date", SheetPeople, []map[string]any{{"Ngày sinh": "31/02/1980"}}, 2, "D", "ngày «31/02/1980» không hợp lệ"},
		{"date in no known form", SheetPeople, []map[string]any{{"Ngày sinh": "mùng 2 tháng 9"}}, 2, "D", "cần dạng dd/mm/yyyy"},
		{"born before 1940", SheetPeople, []map[string]any{{"Ngày sinh": "31/12/1939"}}, 2, "D", "phải từ 01/01/1940"},
		{"born less than 15 years ago", SheetPeople, []map[string]any{{"Ngày sinh": "2020"}}, 2, "D", "đủ 15 tuổi"},
		{"unknown category", SheetPeople, []map[string]any{{"Loại": "công chứk"}}, 2, "F", "«công chứk» không có trong danh sách"},
		{"missing required value", SheetPeople, []map[string]any{{"Họ và tên": ""}}, 2, "B", "bắt buộc"},
		{"duplicate person code", SheetPeople, []map[string]any{{}, {"Mã cán bộ": "CB002"}, {"Mã cán bộ": "cb001"}}, 4, "A", "mã cán bộ «cb001» trùng với dòng 2"},
		{"salary step out of range", SheetPeople, []map[string]any{{"Bậc lương": 25}}, 2, "H", "từ 1 đến 20"},
		{"bad coefficient", SheetPeople, []map[string]any{{"Hệ số lương": "4,987"}}, 2, "I", "hệ số «4,987» không hợp lệ"},
		{"coefficient too large", SheetPeople, []map[string]any{{"Hệ số lương": 16}}, 2, "I", "từ 0 đến 15"},
		{"bad allowance", SheetPeople, []map[string]any{{"Phụ cấp khác": "khu vực"}}, 2, "K", "không đúng dạng"},
		{"party date without party", SheetPeople, []map[string]any{{"Ngày vào Đảng": "19/05/2010"}}, 2, "N", "Đảng viên"},
		{"national ID that lost its zero", SheetPeople, []map[string]any{{"Số định danh cá nhân": 40180000123}}, 2, "Q", "12 chữ số"},
		{"end before start", SheetAssignments, []map[string]any{{"Đến ngày": "30/06/2025"}}, 2, "I", "đến ngày «30/06/2025» phải sau từ ngày «01/07/2025»"},
		{"end on start", SheetAssignments, []map[string]any{{"Đến ngày": "01/07/2025"}}, 2, "I", "phải sau"},
		{"unknown post", SheetAssignments, []map[string]any{{"Chức vụ": "trưởng nhóm"}}, 2, "C", "không có trong danh sách"},
		{"negative quota", SheetQuotas, []map[string]any{{"Số lượng": -3}}, 2, "D", "«-3» phải từ 0 trở lên"},
		{"quota count not whole", SheetQuotas, []map[string]any{{"Số lượng": 2.5}}, 2, "D", "không phải số nguyên"},
		{"quota year out of range", SheetQuotas, []map[string]any{{"Năm": 1999}}, 2, "B", "từ 2000 đến 2100"},
		{"bad decision number", SheetQuotas, []map[string]any{{"Số văn bản": "Quyết định của UBND"}}, 2, "E", "số văn bản"},
		{"missing issuer", SheetQuotas, []map[string]any{{"Cơ quan ban hành": "  "}}, 2, "F", "bắt buộc"},
	}
	base := map[string]func() map[string]any{
		SheetPeople: basePerson, SheetAssignments: baseAssignment, SheetQuotas: baseQuota,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := openTemplate(t)
			for i, over := range tt.rows {
				setRow(t, f, tt.sheet, i+2, withOverrides(base[tt.sheet](), over))
			}
			g, err := readBook(t, f, "nhap.xlsx")
			var es Errors
			if !errors.As(err, &es) || len(es) != 1 {
				t.Fatalf("Read error = %v, want exactly one Error", err)
			}
			e := es[0]
			if e.File != "nhap.xlsx" || e.Sheet != tt.sheet || e.Row != tt.row || e.Column != tt.col || e.Header == "" {
				t.Errorf("position = %+v, want %s row %d column %s", e.Pos, tt.sheet, tt.row, tt.col)
			}
			if !strings.Contains(e.Reason, tt.reason) {
				t.Errorf("reason = %q, want it to contain %q", e.Reason, tt.reason)
			}
			if n := len(g.people) + len(g.assignments) + len(g.quotas); n != len(tt.rows)-1 {
				t.Errorf("%d rows delivered, want the %d good ones", n, len(tt.rows)-1)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	f := openTemplate(t)
	setRow(t, f, SheetPeople, 7, withOverrides(basePerson(), map[string]any{"Ngày sinh": "31/02/1980"}))
	_, err := readBook(t, f, "people.xlsx")
	want := "tệp people.xlsx, trang «Người», dòng 7, cột D (Ngày sinh): ngày «31/02/1980» không hợp lệ"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
}

// A workbook renamed, reordered and typed without diacritics still reads.
func TestTolerantSheetsAndHeaders(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", "NGUOI")
	_ = f.SetSheetRow("NGUOI", "A1", &[]any{"STT", "Loai", "ho va ten *", "Ma can bo", "Gioi tinh", "NGÀY SINH"})
	_ = f.SetSheetRow("NGUOI", "A2", &[]any{1, "cong_chuc", "Phạm Thu Hà", "CB9", "nu", "1/2/1979"})
	_ = f.SetSheetRow("NGUOI", "A3", &[]any{2}) // a prefilled STT is an empty row
	g, err := readBook(t, f, "Nhap.XLSX")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(g.people) != 1 || g.people[0].Person.Name != "Phạm Thu Hà" || g.people[0].Person.BirthDate.String() != "1979-02-01" {
		t.Fatalf("people = %+v", g.people)
	}
}

func TestHeaderAndFileErrors(t *testing.T) {
	tests := []struct {
		name   string
		sheets map[string][]any // sheet name → header row
		want   []string         // substrings, one per expected error
	}{
		{"no data sheet", map[string][]any{"Trang tính": {"A"}}, []string{"không có trang «Người», «Bố trí» hay «Biên chế»"}},
		{"unknown header", map[string][]any{"Biên chế": {"Mã đơn vị", "Năm", "Loại", "Số lượng", "Số văn bản", "Cơ quan ban hành", "Người ký"}},
			[]string{"trang «Biên chế», dòng 1, cột G: cột «Người ký» không có trong mẫu"}},
		{"missing required column", map[string][]any{"Bố trí": {"Mã cán bộ", "Mã đơn vị", "Chức vụ", "Vị trí việc làm", "Nguồn lương"}},
			[]string{"trang «Bố trí», dòng 1: thiếu cột bắt buộc «Từ ngày»"}},
		{"repeated header", map[string][]any{"Biên chế": {"Mã đơn vị", "Năm", "Loại", "Số lượng", "Số văn bản", "Cơ quan ban hành", "nam"}},
			[]string{"cột «Năm» lặp lại (đã có ở cột B)"}},
		{"two sheets for one", map[string][]any{"Người": {"Mã cán bộ"}, "nguoi": {"Mã cán bộ"}}, []string{"có hai trang cùng là trang «Người»"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			for name, header := range tt.sheets {
				_, _ = f.NewSheet(name)
				_ = f.SetSheetRow(name, "A1", &header)
				_ = f.SetSheetRow(name, "A2", &[]any{"x", "y"})
			}
			_ = f.DeleteSheet("Sheet1")
			_, err := readBook(t, f, "x.xlsx")
			var es Errors
			if !errors.As(err, &es) || len(es) != len(tt.want) {
				t.Fatalf("Read error = %v, want %d errors", err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(es[i].Error(), w) {
					t.Errorf("error %d = %q, want it to contain %q", i, es[i].Error(), w)
				}
			}
		})
	}
}

func TestNotASpreadsheet(t *testing.T) {
	for _, name := range []string{"a.xlsx", "a.xls", "a.txt"} {
		err := Read(context.Background(), name, strings.NewReader("not a zip"), Handler{})
		var es Errors
		if !errors.As(err, &es) || len(es) != 1 || es[0].File != name {
			t.Errorf("%s: error = %v, want one file-level Error", name, err)
		}
	}
}

func TestHandlerErrors(t *testing.T) {
	f := openTemplate(t)
	for i, code := range []string{"A1", "A2", "A3", "A4", "A5"} {
		setRow(t, f, SheetPeople, i+2, withOverrides(basePerson(), map[string]any{"Mã cán bộ": code}))
	}
	setRow(t, f, SheetQuotas, 2, baseQuota())
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	var seen []string
	quotas := 0
	h := Handler{
		Person: func(r PersonRow) error {
			seen = append(seen, r.Person.Code)
			switch r.Person.Code {
			case "A1": // the handler names the column; Read fills in the rest
				return Error{Pos: Pos{Column: "A", Header: "Mã cán bộ"}, Reason: "mã cán bộ đã có trong hệ thống"}
			case "A3":
				return &Error{Pos: r.Pos, Reason: "không được sửa người đã nghỉ hưu"}
			case "A4":
				return Errors{{Reason: "lỗi một"}, {Reason: "lỗi hai"}}
			}
			return nil
		},
		Quota: func(QuotaRow) error { quotas++; return nil },
	}
	err := Read(context.Background(), "nhap.xlsx", bytes.NewReader(buf.Bytes()), h)
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("Read error = %v, want Errors", err)
	}
	want := []string{
		"tệp nhap.xlsx, trang «Người», dòng 2, cột A (Mã cán bộ): mã cán bộ đã có trong hệ thống",
		"tệp nhap.xlsx, trang «Người», dòng 4: không được sửa người đã nghỉ hưu",
		"tệp nhap.xlsx, trang «Người», dòng 5: lỗi một",
		"tệp nhap.xlsx, trang «Người», dòng 5: lỗi hai",
	}
	if len(es) != len(want) {
		t.Fatalf("errors = %v, want %d", es, len(want))
	}
	for i := range want {
		if es[i].Error() != want[i] {
			t.Errorf("error %d = %q\nwant %q", i, es[i].Error(), want[i])
		}
	}
	if len(seen) != 5 || quotas != 1 {
		t.Errorf("handled people %v and %d quotas, want all 5 and 1: reading goes on", seen, quotas)
	}

	// Any other error stops the reading and comes back as is.
	stop := errors.New("database down")
	h.Person = func(PersonRow) error { return stop }
	quotas = 0
	err = Read(context.Background(), "nhap.xlsx", bytes.NewReader(buf.Bytes()), h)
	if !errors.Is(err, stop) || quotas != 0 {
		t.Errorf("error = %v, quotas = %d; want the handler's error and no more rows", err, quotas)
	}
}

func TestErrorsCap(t *testing.T) {
	c := Collector{File: "x.xlsx"}
	for i := range maxErrors + 5 {
		c.Add(Error{Pos: Pos{File: "x.xlsx", Sheet: SheetPeople, Row: i + 2}, Reason: "sai"})
	}
	var es Errors
	if !errors.As(c.Result(), &es) || len(es) != maxErrors+1 {
		t.Fatalf("result has %d entries, want %d and the note", len(es), maxErrors)
	}
	msg := es.Error()
	for _, w := range []string{"dòng 2: sai; ", "dòng 4: sai; và 997 lỗi khác; tệp x.xlsx: còn 5 lỗi nữa chưa được liệt kê"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
	if got := (Errors{{Reason: "a"}, {Reason: "b"}}).Error(); got != "a; b" {
		t.Errorf("short list = %q", got)
	}
}

func TestCancelledContextStops(t *testing.T) {
	f := openTemplate(t)
	setRow(t, f, SheetPeople, 2, basePerson())
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err := Read(ctx, "nhap.xlsx", &buf, Handler{Person: func(PersonRow) error { called = true; return nil }})
	if !errors.Is(err, context.Canceled) || called {
		t.Fatalf("Read = %v, handler called %v; want context.Canceled and no rows", err, called)
	}
}
