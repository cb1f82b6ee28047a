package audit_test

import (
	"encoding/json"
	"testing"
	"time"

	"tinhgon/internal/audit"
)

func chain(n int) []audit.Entry {
	var es []audit.Entry
	var seq int64
	hash := ""
	for i := range n {
		e := audit.Entry{At: time.Date(2025, 7, 1, 8, i, 0, 0, time.UTC), Province: "12", Actor: "editor", Role: "editor",
			Remote: "127.0.0.1", Action: "POST /api/v1/operations", Object: "/api/v1/operations", Outcome: audit.OK,
			After: json.RawMessage(`{"written":{"operations":{"count":1}}}`)}
		e.Seal(seq, hash)
		seq, hash = e.Seq, e.Hash
		es = append(es, e)
	}
	return es
}

func verify(es []audit.Entry, headSeq int64, headHash string) *audit.Verifier {
	v := &audit.Verifier{}
	for _, e := range es {
		v.Add(e)
	}
	v.End(headSeq, headHash)
	return v
}

func TestChain(t *testing.T) {
	es := chain(5)
	last := es[len(es)-1]
	if v := verify(es, last.Seq, last.Hash); !v.OK() {
		t.Fatalf("an untouched chain fails: %v", v.Problems)
	}
	for _, c := range []struct {
		name   string
		change func(es []audit.Entry) []audit.Entry
	}{
		{"field altered", func(es []audit.Entry) []audit.Entry { es[2].Actor = "admin"; return es }},
		{"time altered", func(es []audit.Entry) []audit.Entry { es[1].At = es[1].At.Add(time.Second); return es }},
		{"after altered", func(es []audit.Entry) []audit.Entry { es[3].After = json.RawMessage(`{}`); return es }},
		{"row deleted", func(es []audit.Entry) []audit.Entry { return append(es[:2], es[3:]...) }},
		{"last row deleted", func(es []audit.Entry) []audit.Entry { return es[:4] }},
		{"row rehashed alone", func(es []audit.Entry) []audit.Entry {
			es[2].Actor = "admin"
			es[2].Hash = es[2].Sum()
			return es
		}},
		{"rows swapped", func(es []audit.Entry) []audit.Entry { es[1], es[2] = es[2], es[1]; return es }},
	} {
		t.Run(c.name, func(t *testing.T) {
			es := c.change(chain(5))
			if v := verify(es, last.Seq, last.Hash); v.OK() {
				t.Errorf("not detected")
			}
		})
	}
}

func TestNoteEntry(t *testing.T) {
	w := &audit.Written{}
	w.Add("people", 2, "p1", "p2")
	w.Add("people", 1, "p3")
	w.Cite("12/QĐ-UBND")
	w.Cite("13/QĐ-UBND")
	n := &audit.Note{Actor: "editor", Action: "POST /api/v1/people", Asked: map[string]string{"name": "A"}, Before: map[string]int{"v": 1}}
	e, err := n.Entry(w)
	if err != nil {
		t.Fatal(err)
	}
	if e.Decision != "12/QĐ-UBND" || string(e.Before) != `{"v":1}` ||
		string(e.After) != `{"asked":{"name":"A"},"written":{"people":{"count":3,"ids":["p1","p2","p3"]}}}` {
		t.Errorf("entry: %+v after %s", e, e.After)
	}
	var none *audit.Note
	if e, _ := none.Entry(nil); e.Actor == "" || e.Outcome != audit.OK {
		t.Errorf("a change nobody announced is logged as %+v", e)
	}
}
