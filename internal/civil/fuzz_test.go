package civil

import "testing"

// FuzzParse: any text either parses to a date that prints back as itself
// and survives JSON, or is refused; nothing panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2025-07-01", "1945-09-02", "2025-02-30", "", "01/07/2025", "2025-7-1", "9999-12-31", "0000-01-01", "2025-07-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		if d.IsZero() {
			if s != "" {
				t.Fatalf("Parse(%q) gave the zero date", s)
			}
			return
		}
		back, err := Parse(d.String())
		if err != nil || back != d {
			t.Fatalf("Parse(%q) = %v, which prints as %q and parses back to %v (%v)", s, d, d.String(), back, err)
		}
		b, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var j Date
		if err := j.UnmarshalJSON(b); err != nil || j != d {
			t.Fatalf("JSON round trip of %v: %s → %v (%v)", d, b, j, err)
		}
	})
}
