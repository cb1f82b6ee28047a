package schemesheet_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"tinhgon/internal/scheme"
	"tinhgon/internal/schemesheet"
)

// TestRoundTrip: a scheme written and read back has the same fields and
// the same operations, part for part; what is for reading only (status,
// version, decision, the impact, findings and tree sheets) is not read.
func TestRoundTrip(t *testing.T) {
	want := fullScheme()
	want.Normalize()
	for _, file := range [][]byte{write(t, fullScheme(), nil, nil), write(t, fullScheme(), checkResult(), preview())} {
		got, err := schemesheet.Read(bytes.NewReader(file), "de-an.xlsx")
		if err != nil {
			t.Fatal(details(err))
		}
		same(t, got, want)
	}
	// A scheme with no operations reads back as one with none.
	empty, err := schemesheet.Read(bytes.NewReader(write(t, scheme.Scheme{Name: "Trống", EffectiveDate: day("2025-07-01")}, nil, nil)), "trong.xlsx")
	if err != nil || len(empty.Operations) != 0 || empty.Operations == nil {
		t.Errorf("empty scheme: %+v, %v", empty.Operations, err)
	}
}

func same(t *testing.T, got, want scheme.Scheme) {
	t.Helper()
	if got.Code != want.Code || got.Name != want.Name || got.LegalBasis != want.LegalBasis ||
		got.BaseDate != want.BaseDate || got.EffectiveDate != want.EffectiveDate {
		t.Errorf("fields: got %q %q %q %s %s", got.Code, got.Name, got.LegalBasis, got.BaseDate, got.EffectiveDate)
	}
	if got.Status != "" || got.Version != 0 || got.Decision != nil {
		t.Errorf("status %q, version %d, decision %v read from a sheet for reading only", got.Status, got.Version, got.Decision)
	}
	if len(got.Operations) != len(want.Operations) {
		t.Fatalf("%d operations, want %d", len(got.Operations), len(want.Operations))
	}
	for i := range want.Operations {
		if !reflect.DeepEqual(got.Operations[i], want.Operations[i]) {
			t.Errorf("operation %d:\n got %s\nwant %s", i+1, show(got.Operations[i]), show(want.Operations[i]))
		}
	}
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
