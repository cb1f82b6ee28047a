package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/staffsheet"
	"tinhgon/internal/storetest"
)

// workbook fills the product's own template with rows, sheet by sheet.
func workbook(t *testing.T, sheets map[string][][]any) []byte {
	t.Helper()
	var tpl bytes.Buffer
	if err := staffsheet.WriteTemplate(&tpl); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&tpl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, rows := range sheets {
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := f.SetSheetRow(sheet, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// upload posts a file as the form field "file".
func upload(t *testing.T, srv *httptest.Server, name string, data []byte) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	res, err := srv.Client().Post(srv.URL+"/api/v1/imports/staff", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("answer is not JSON: %s", raw)
	}
	return res.StatusCode, m
}

func peopleTotal(t *testing.T, srv *httptest.Server) int {
	t.Helper()
	res, err := srv.Client().Get(srv.URL + "/api/v1/people?limit=1")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var l struct{ Total int }
	if err := json.NewDecoder(res.Body).Decode(&l); err != nil {
		t.Fatal(err)
	}
	return l.Total
}

var (
	goodPerson = []any{"LCT001", "Nguyễn Thị Mai", "Nữ", "15/03/1980", "03388", "Công chức"}
	goodAssign = []any{"LCT001", "s2.noivu", "Nhân viên", "Chuyên viên", "Chuyên môn, nghiệp vụ", "Ngân sách nhà nước", "Không", "01/08/2025"}
)

// TestImportAllOrNothing: a file with one bad row is refused whole, with
// the row and column named; the same file corrected is recorded.
func TestImportAllOrNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		srv := demoServer(t, fresh(t))
		before := peopleTotal(t, srv)
		cases := []struct {
			name   string
			sheets map[string][][]any
			want   []string // in the problem's detail or errors
		}{
			{"bad date", map[string][][]any{
				staffsheet.SheetPeople: {goodPerson, {"LCT002", "Lò Văn Páo", "Nam", "31/02/1979", "03388", "Công chức"}},
			}, []string{"dòng 3", "cột D", "Ngày sinh"}},
			{"unknown unit", map[string][][]any{
				staffsheet.SheetPeople:      {goodPerson},
				staffsheet.SheetAssignments: {goodAssign, {"LCT001", "khong-co", "Nhân viên", "", "Chuyên môn, nghiệp vụ", "Ngân sách nhà nước", "Có", "01/08/2025"}},
			}, []string{"dòng 3", "cột B", "không tìm thấy đơn vị"}},
			{"second primary", map[string][][]any{
				staffsheet.SheetPeople:      {goodPerson},
				staffsheet.SheetAssignments: {goodAssign, {"LCT001", "s2.taichinh", "Nhân viên", "", "Chuyên môn, nghiệp vụ", "Ngân sách nhà nước", "Không", "01/09/2025"}},
			}, []string{"dòng 3", "kiêm nhiệm"}},
			{"code taken", map[string][][]any{
				staffsheet.SheetPeople: {{"LC00001", "Nguyễn Văn A", "Nam", "01/01/1980", "", "Công chức"}},
			}, []string{"dòng 2", "cột A", "đã có"}},
		}
		for _, c := range cases {
			status, p := upload(t, srv, "nhap.xlsx", workbook(t, c.sheets))
			if status != 422 {
				t.Errorf("%s: status %d, want 422: %v", c.name, status, p)
				continue
			}
			text, _ := json.Marshal(p)
			for _, w := range c.want {
				if !strings.Contains(string(text), w) {
					t.Errorf("%s: the problem does not say %q: %s", c.name, w, text)
				}
			}
			if n := peopleTotal(t, srv); n != before {
				t.Errorf("%s: people %d after a refused import, want %d", c.name, n, before)
			}
		}
		status, p := upload(t, srv, "nhap.xlsx", workbook(t, map[string][][]any{
			staffsheet.SheetPeople:      {goodPerson},
			staffsheet.SheetAssignments: {goodAssign},
			staffsheet.SheetQuotas:      {{"s2.noivu", 2025, "Công chức", 40, "55/QĐ-UBND", "Ủy ban nhân dân tỉnh Lai Châu", "05/08/2025"}},
		}))
		if status != 200 || p["people"] != 1.0 || p["assignments"] != 1.0 || p["quotas"] != 1.0 {
			t.Fatalf("good file: %d %v", status, p)
		}
		if n := peopleTotal(t, srv); n != before+1 {
			t.Errorf("people %d after the import, want %d", n, before+1)
		}
	})
}
