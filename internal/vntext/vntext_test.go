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

// TestFoldFastAgrees: the table-driven fold gives what the normalising
// fold gives, for every precomposed Latin letter and for names and texts
// with spaces, punctuation, digits and combining marks.
func TestFoldFastAgrees(t *testing.T) {
	var cases []string
	for r := rune(latinFirst); r <= latinLast; r++ {
		cases = append(cases, string(r), "Ab"+string(r)+"-c 1")
	}
	cases = append(cases, "Nguyễn Thị Ánh Tuyết", "ĐẶNG VĂN ĐỨC", "Sở Lao động - Thương binh và Xã hội",
		"Phòng Văn hóa, Khoa học và Thông tin (huyện Tam Đường)", "Quy định 70-QĐ/TW ngày 18/07/2022",
		"Nguye\u0302\u0303n (NFD)", "Hà Nội – Lào Cai", "tab\there", "ø ß æ", "  trailing  ", "", "Ω omega", "Ⅻ")
	for _, c := range cases {
		fast, ok := foldFast(c)
		if slow := foldSlow(c); ok && fast != slow {
			t.Errorf("Fold(%q): fast %q, slow %q", c, fast, slow)
		}
		if got, want := Fold(c), foldSlow(c); got != want {
			t.Errorf("Fold(%q) = %q, want %q", c, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	for b.Loop() {
		Fold("Nguyễn Thị Ánh Tuyết")
	}
}
