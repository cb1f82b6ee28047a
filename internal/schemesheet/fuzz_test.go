package schemesheet

import (
	"bytes"
	"testing"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
)

// FuzzRead: a workbook written by Write, with bytes changed anywhere, is
// read back or refused; nothing panics.
func FuzzRead(f *testing.F) {
	var book bytes.Buffer
	sc := scheme.Scheme{Code: "da", Name: "Đề án", EffectiveDate: civil.MustParse("2026-01-01"),
		Operations: []org.Operation{{Kind: org.OpAbsorb, Inputs: []string{"a"}, Outputs: []org.Output{{Ref: "b"}},
			Placements: []org.Placement{{Person: "LC1", To: "b", Post: "deputy", Surplus: true}}}}}
	if err := Write(&book, sc, nil, nil); err != nil {
		f.Fatal(err)
	}
	f.Add(book.Bytes(), 0, byte(0))
	f.Add([]byte("not a workbook"), 3, byte('x'))
	f.Fuzz(func(t *testing.T, body []byte, at int, b byte) {
		if len(body) > 0 {
			body = bytes.Clone(body)
			if at < 0 {
				at = -at
			}
			body[at%len(body)] = b
		}
		_, _ = Read(bytes.NewReader(body), "fuzz.xlsx")
	})
}
