package staffsheet

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tinhgon/internal/civil"
	"tinhgon/internal/sheet"
	"tinhgon/internal/staff"
)

// readCSVText reads CSV text as the named file.
func readCSVText(t *testing.T, name, text string) (*got, error) {
	t.Helper()
	g := &got{}
	return g, Read(context.Background(), name, strings.NewReader(text), g.handler())
}

// Excel on a Vietnamese Windows saves "CSV UTF-8" with a BOM and, the
// comma being the decimal mark, semicolons between cells.
func TestCSVWithBOMAndSemicolons(t *testing.T) {
	text := sheet.BOM +
		"Mã cán bộ*;Họ và tên*;Giới tính*;Ngày sinh*;Loại*;Hệ số lương;Phụ cấp khác\r\n" +
		"CB1;Đỗ Thị Mai;Nữ;05/03/1980;Viên chức;4,98;\"khu vực 0,5; công vụ 25%\"\r\n" +
		"\r\n" + // a blank line is an empty row
		"CB2;Hà Văn Nam;Nam;1985-11-20;công chức;2,34;\r\n"
	g, err := readCSVText(t, "nguoi.csv", text)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(g.people) != 2 {
		t.Fatalf("people = %+v, want 2", g.people)
	}
	p := g.people[0]
	wantPos := Pos{File: "nguoi.csv", Sheet: SheetPeople, Row: 2}
	if p.Pos != wantPos || p.Person.Name != "Đỗ Thị Mai" || p.Person.Sex != staff.Female ||
		p.Person.BirthDate != civil.MustParse("1980-03-05") || p.Person.Category != staff.VienChuc ||
		p.Person.Coefficient != 498 || len(p.Person.Allowances) != 2 {
		t.Errorf("first person = %+v", p)
	}
	if g.people[1].Pos.Row != 4 || g.people[1].Person.Coefficient != 234 {
		t.Errorf("second person = %+v, want row 4", g.people[1])
	}
}

func TestCSVErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // the whole first error
	}{
		{"header of no sheet", "Tên;Tuổi\nAn;30\n",
			"tệp x.csv, dòng 1: dòng tiêu đề không khớp với trang nào của mẫu («Người», «Bố trí», «Biên chế»); hãy dùng dòng tiêu đề của tệp mẫu nguoi.csv, bo-tri.csv hoặc bien-che.csv"},
		{"header shared by two sheets", "Mã cán bộ\nCB1\n", "tệp x.csv, dòng 1: dòng tiêu đề không khớp"},
		{"empty file", sheet.BOM, "tệp x.csv: tệp CSV trống"},
		{"legacy code page", "M\xe3 c\xe1n b\xf4,H\xf4 va t\xean\n", "tệp x.csv: tệp không phải mã UTF-8"},
		{"bad cell, column by position", "Ma don vi,Nam,Loai,So luong,So van ban,Co quan ban hanh\n" +
			"SNV,2025,công chức,52,123/QĐ-UBND,UBND tỉnh\n" +
			"SNV,2025,viên chức,-1,123/QĐ-UBND,UBND tỉnh\n",
			"tệp x.csv, trang «Biên chế», dòng 3, cột D (Số lượng): «-1» phải từ 0 trở lên"},
		{"unbalanced quote", "Mã đơn vị,Năm,Loại,Số lượng,Số văn bản,Cơ quan ban hành\n" +
			"SNV,2025,\"công chức,52,123/QĐ-UBND,UBND tỉnh\n",
			"tệp x.csv, trang «Biên chế», dòng 2: dòng sai cú pháp CSV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readCSVText(t, "x.csv", tt.text)
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("Read error = %v, want Errors", err)
			}
			if !strings.HasPrefix(es[0].Error(), tt.want) {
				t.Errorf("error = %q\nwant   %q", es[0].Error(), tt.want)
			}
		})
	}
}

func TestWriteTemplateCSV(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mau")
	if err := WriteTemplateCSV(dir); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ file, sheet string }{
		{"nguoi.csv", SheetPeople}, {"bo-tri.csv", SheetAssignments}, {"bien-che.csv", SheetQuotas},
	} {
		b, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		text, ok := strings.CutPrefix(string(b), sheet.BOM)
		if !ok {
			t.Errorf("%s has no BOM", tt.file)
		}
		if got := strings.Split(strings.TrimRight(text, "\r\n"), ","); !slices.Equal(got, Headers(tt.sheet)) {
			t.Errorf("%s header = %q, want %q", tt.file, got, Headers(tt.sheet))
		}
		// An untouched CSV template imports as empty, as its sheet.
		if _, err := readCSVText(t, tt.file, string(b)); err != nil {
			t.Errorf("%s: Read = %v", tt.file, err)
		}
	}
}
