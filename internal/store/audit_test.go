package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"tinhgon/internal/audit"
	"tinhgon/internal/auth"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
	"tinhgon/internal/storetest"
)

// Every write of the register, of accounts and every logged access is in
// one hash chain, even when written at once from many goroutines; an entry
// altered or cut off by a SQL client is found.
func TestAuditChain(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		ctx := context.Background()
		db := storetest.Open(t, fresh(t))
		reg := org.NewRegister(db.Register("12"), store.NewID)
		users := auth.NewService(db.Accounts(), store.NewID)
		note := &audit.Note{Actor: "editor", Role: "editor", Remote: "10.0.0.1", Action: "seed"}
		if err := reg.Seed(audit.WithNote(ctx, note), []org.NewUnit{{Attrs: org.Attrs{Code: "ubnd", Name: "Ủy ban nhân dân tỉnh",
			Kind: "peoples_committee", Pillar: org.PillarState, Level: org.LevelProvince}}}, "", "editor"); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := range 20 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				_, err := users.AddUser(ctx, auth.NewUser{Name: fmt.Sprintf("u%02d", i), Role: auth.Viewer})
				errs <- err
			}()
			go func() {
				defer wg.Done()
				errs <- db.AppendAudit(ctx, audit.Entry{Actor: "viewer", Action: "GET /api/v1/people/x", Object: "person:x", Outcome: audit.Read})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		v, err := db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !v.OK() || v.Entries != 41 {
			t.Fatalf("untouched log: %d entries, problems %v", v.Entries, v.Problems)
		}
		es, _, err := db.AuditEntries(ctx, audit.Filter{Actor: "editor"})
		if err != nil || len(es) != 1 || es[0].Remote != "10.0.0.1" || es[0].Province != "12" || len(es[0].After) == 0 {
			t.Fatalf("the seed's entry: %+v, %v", es, err)
		}

		tamper := func(q string) {
			t.Helper()
			if _, err := db.SQL().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
			v, err := db.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if v.OK() {
				t.Errorf("%s: not detected", q)
			}
		}
		tamper(`UPDATE audit_log SET actor = 'admin' WHERE seq = 1`)
		if _, err := db.SQL().ExecContext(ctx, `UPDATE audit_log SET actor = 'editor' WHERE seq = 1`); err != nil {
			t.Fatal(err)
		}
		if v, _ := db.VerifyAudit(ctx); v == nil || !v.OK() {
			t.Fatalf("restored log does not verify")
		}
		tamper(`DELETE FROM audit_log WHERE seq = 41`)
	})
}
