package functionsheet

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"tinhgon/internal/org"
)

// FuzzBatchCSV: any bytes under either CSV name of the template are read
// into a batch or refused with positioned errors; nothing panics.
func FuzzBatchCSV(f *testing.F) {
	f.Add("chuc-nang.csv", []byte("Mã chức năng,Tên chức năng,Lĩnh vực\nthu.csv,Chức năng nhập từ CSV,Thử nghiệm\n"))
	f.Add("giao-chuc-nang.csv", []byte("Mã chức năng,Mã đơn vị,Vai trò,Từ ngày\nthu.csv,khong-co,Chủ trì,01/08/2025\n"))
	f.Add("giao-chuc-nang.csv", []byte("Mã chức năng,Mã đơn vị,Vai trò,Từ ngày\nthu.csv,s.x,giám sát,31/02/2025\n"))
	f.Add("chuc-nang.csv", []byte{0xff, 0xfe, ',', '\n'})
	f.Fuzz(func(t *testing.T, name string, body []byte) {
		if name != "giao-chuc-nang.csv" {
			name = "chuc-nang.csv"
		}
		_, err := Batch(context.Background(), name, bytes.NewReader(body))
		var v *org.ValidationError
		if err != nil && errors.As(err, &v) && len(v.Errors) == 0 {
			t.Fatalf("a refusal without a reason: %v", err)
		}
	})
}
