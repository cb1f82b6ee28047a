// Package vntext normalises, folds and sorts Vietnamese text: names are
// stored in NFC, searched through a folded key without diacritics, and
// listed in Vietnamese collation order.
package vntext

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normal form C with surrounding space trimmed and
// inner runs of white space collapsed to one space.
func NFC(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// Fold returns the search key of s: lower case, without diacritics, đ as d,
// punctuation turned into spaces, single-spaced. "Sở Kế hoạch và Đầu tư"
// folds to "so ke hoach va dau tu".
func Fold(s string) string {
	if out, ok := foldFast(s); ok {
		return out
	}
	return foldSlow(s)
}

// foldFast folds a string whose letters are ASCII or precomposed Latin
// letters, as names in Vietnamese are, with one table lookup per rune:
// the normalising transform costs some microseconds a name, which counts
// when millions are imported. ok is false for anything else.
func foldFast(s string) (string, bool) {
	table := latinBase()
	b := make([]byte, 0, len(s))
	space := true
	for _, r := range s {
		var c byte
		switch {
		case r == utf8.RuneError:
			// Broken UTF-8: the normalising fold decides, so both agree.
			return "", false
		case r < utf8.RuneSelf:
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				c = byte(r)
			case r >= 'A' && r <= 'Z':
				c = byte(r) + 'a' - 'A'
			case r < 0x20 || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
				c = ' '
			default:
				return "", false
			}
		case r >= latinFirst && r <= latinLast && table[r-latinFirst] != 0:
			c = table[r-latinFirst]
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
			c = ' '
		default:
			return "", false
		}
		if c == ' ' {
			if !space {
				b = append(b, ' ')
				space = true
			}
			continue
		}
		b = append(b, c)
		space = false
	}
	return strings.TrimSpace(string(b)), true
}

// The precomposed Latin letters the fast fold knows: Latin-1 to Latin
// Extended-B, and Latin Extended Additional (ạ, ế, ử…).
const (
	latinFirst = 0x00C0
	latinLast  = 0x1EFF
)

// latinBase maps each precomposed Latin letter to the ASCII letter the
// slow fold gives it (0: none), computed once from foldSlow itself.
var latinBase = sync.OnceValue(func() []byte {
	t := make([]byte, latinLast-latinFirst+1)
	for r := rune(latinFirst); r <= latinLast; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		if f := foldSlow(string(r)); len(f) == 1 && f[0] >= 'a' && f[0] <= 'z' {
			t[r-latinFirst] = f[0]
		}
	}
	return t
})

// foldSlow is Fold by the book: decompose, drop the marks, recompose.
func foldSlow(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	var b strings.Builder
	b.Grow(len(out))
	space := true
	for _, r := range out {
		switch {
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSpace(b.String())
}

// SameName reports whether two names are the same for a person reading
// them: equal after NFC, ignoring case and spacing.
func SameName(a, b string) bool {
	return strings.EqualFold(NFC(a), NFC(b))
}

// Collator orders strings the way Vietnamese dictionaries do. It is not
// safe for concurrent use; make one per sort.
type Collator struct{ c *collate.Collator }

// NewCollator returns a Vietnamese collator.
func NewCollator() Collator {
	return Collator{c: collate.New(language.Vietnamese)}
}

// Compare returns -1, 0 or 1.
func (c Collator) Compare(a, b string) int { return c.c.CompareString(a, b) }

// Sort sorts items in place by the Vietnamese order of key(item), breaking
// ties with tie (which may be nil).
func Sort[T any](items []T, key func(T) string, tie func(a, b T) int) {
	c := NewCollator()
	var buf collate.Buffer
	type keyed struct {
		key []byte
		i   int
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		ks[i] = keyed{key: append([]byte(nil), c.c.KeyFromString(&buf, key(it))...), i: i}
		buf.Reset()
	}
	slices.SortStableFunc(ks, func(x, y keyed) int {
		if r := bytes.Compare(x.key, y.key); r != 0 || tie == nil {
			return r
		}
		return tie(items[x.i], items[y.i])
	})
	sorted := make([]T, len(items))
	for i, k := range ks {
		sorted[i] = items[k.i]
	}
	copy(items, sorted)
}
