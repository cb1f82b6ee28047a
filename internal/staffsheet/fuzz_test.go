package staffsheet

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"tinhgon/internal/org"
)

// FuzzBatchCSV: any bytes under any of the template's CSV names are read
// into a batch or refused with positioned errors; nothing panics.
func FuzzBatchCSV(f *testing.F) {
	seeds := []struct{ name, body string }{
		{"nguoi.csv", "Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Loại\nLC1,Lê Thị C,Nữ,02/03/1985,Viên chức\n"},
		{"nguoi.csv", "Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Loại\nLC1,Lê Văn B,Nam,30/02/1980,Công chức\n"},
		{"bo-tri.csv", "Mã cán bộ,Mã đơn vị,Từ ngày,Chức vụ\nLC1,s.tuphap,01/07/2025,Cấp phó\n"},
		{"bien-che.csv", "Mã đơn vị,Năm,Loại,Số lượng\ns.tuphap,2025,Công chức,-3\n"},
		{"nguoi.csv", "\"unterminated\n"},
		{"bien-che.csv", ""},
	}
	for _, s := range seeds {
		f.Add(s.name, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, name string, body []byte) {
		switch name {
		case "nguoi.csv", "bo-tri.csv", "bien-che.csv":
		default:
			name = "nguoi.csv"
		}
		_, err := Batch(context.Background(), name, bytes.NewReader(body), nil)
		var v *org.ValidationError
		if err != nil && errors.As(err, &v) && len(v.Errors) == 0 {
			t.Fatalf("a refusal without a reason: %v", err)
		}
	})
}

// FuzzBatchXLSX: any bytes uploaded as a workbook are read into a batch or
// refused with a reason; a broken or hostile file never panics.
func FuzzBatchXLSX(f *testing.F) {
	var tpl bytes.Buffer
	if err := WriteTemplate(&tpl); err != nil {
		f.Fatal(err)
	}
	f.Add(tpl.Bytes())
	f.Add(tpl.Bytes()[:tpl.Len()/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		_, err := Batch(context.Background(), "nhap.xlsx", bytes.NewReader(body), nil)
		var v *org.ValidationError
		if err != nil && errors.As(err, &v) && len(v.Errors) == 0 {
			t.Fatalf("a refusal without a reason: %v", err)
		}
	})
}
