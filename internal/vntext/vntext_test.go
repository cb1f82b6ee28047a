package vntext

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sở Kế hoạch và Đầu tư", "so ke hoach va dau tu"},
		{"  SỞ  TÀI CHÍNH ", "so tai chinh"},
		{"Sở Lao động - Thương binh và Xã hội", "so lao dong thuong binh va xa hoi"},
		{"Ủy ban nhân dân tỉnh", "uy ban nhan dan tinh"},
		{"Sở LĐ-TB&XH", "so ld tb xh"},
		{"Phường Đoàn Kết", "phuong doan ket"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNFCComposes(t *testing.T) {
	decomposed := "So\u031b\u0309" // "Sở" typed with combining marks
	if got := NFC(decomposed); got != "Sở" {
		t.Fatalf("NFC = %q, want Sở", got)
	}
	if !SameName("sở tài chính", "Sở  Tài chính") {
		t.Fatal("SameName should ignore case and spacing")
	}
}

func TestSortVietnamese(t *testing.T) {
	// Vietnamese order: a < ă < â, d < đ, o < ô < ơ, u < ư.
	in := []string{"Đoàn", "Dân", "Ơn", "Ôn", "On", "Ăn", "An", "Ân", "Ưu", "Uy"}
	Sort(in, func(s string) string { return s }, nil)
	want := []string{"An", "Ăn", "Ân", "Dân", "Đoàn", "On", "Ôn", "Ơn", "Uy", "Ưu"}
	for i := range want {
		if in[i] != want[i] {
			t.Fatalf("sorted = %v, want %v", in, want)
		}
	}
}
