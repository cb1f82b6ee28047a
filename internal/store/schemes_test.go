package store_test

import (
	"context"
	"testing"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/scheme"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

// TestSchemeCodeUnique: two schemes of a province cannot share a code,
// even saved past the service's check; schemes without a code can be many.
func TestSchemeCodeUnique(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		reg := storetest.Open(t, fresh(t)).Register("12")
		save := func(code string) error {
			return reg.WriteSchemes(ctx, func(tx scheme.Tx) error {
				now := time.Now().UTC()
				return tx.SaveScheme(ctx, scheme.Scheme{ID: store.NewID(), Code: code, Name: "Đề án " + code, Status: scheme.Draft,
					EffectiveDate: civil.MustParse("2026-01-01"), Version: 1, CreatedAt: now, UpdatedAt: now}, 0)
			})
		}
		for _, code := range []string{"da-1", "", ""} {
			if err := save(code); err != nil {
				t.Fatalf("save %q: %v", code, err)
			}
		}
		if err := save("da-1"); err == nil {
			t.Fatal("a second scheme with the code da-1 was saved")
		}
		if _, total, err := reg.ListSchemes(ctx, scheme.Filter{}); err != nil || total != 3 {
			t.Errorf("schemes: %d, %v", total, err)
		}
	})
}
