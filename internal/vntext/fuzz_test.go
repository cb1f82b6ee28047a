package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzFold: the fast fold agrees with the normalising one on any text it
// takes, and a fold is lower case, trimmed, folds to itself, and never panics.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Nguyễn Thị Ánh Tuyết", "Sở Lao động - Thương binh và Xã hội", "ĐẶNG", "Nguye\u0302\u0303n", "ø ß", "\xff\xfe", "  a  b  ", "Ⅻ ½ ①"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if fast, ok := foldFast(s); ok && fast != foldSlow(s) {
			t.Fatalf("Fold(%q): fast %q, slow %q", s, fast, foldSlow(s))
		}
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q: not trimmed to single spaces", s, got)
		}
		if utf8.ValidString(s) && Fold(got) != got {
			t.Fatalf("Fold(%q) = %q, which folds again to %q", s, got, Fold(got))
		}
	})
}
