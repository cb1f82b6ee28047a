package audit

import (
	"context"
	"encoding/json"
	"sync"
)

// Note is what a request or a command tells the log about the change it is
// making; the store appends it to the log in the change's own transaction,
// with what the transaction wrote.
type Note struct {
	Actor, Role, Remote string
	Action, Object      string
	Decision            string
	// Before is the object as it was, when the change has one.
	Before any
	// Asked is the change as asked (a request body, a file's name and digest).
	Asked any
}

// kindKept bounds how many ids of one kind an entry lists.
const kindKept = 50

type kind struct {
	Count int      `json:"count"`
	IDs   []string `json:"ids"`
}

// Written is what one transaction wrote, by kind of record, and the
// decision it cited; a store keeps one per transaction.
type Written struct {
	mu       sync.Mutex
	kinds    map[string]*kind
	decision string
}

// Add records count records of one kind, with some of their ids.
func (w *Written) Add(what string, count int, ids ...string) {
	if w == nil || count == 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.kinds == nil {
		w.kinds = map[string]*kind{}
	}
	k := w.kinds[what]
	if k == nil {
		k = &kind{}
		w.kinds[what] = k
	}
	k.Count += count
	for _, id := range ids {
		if len(k.IDs) < kindKept {
			k.IDs = append(k.IDs, id)
		}
	}
}

// Cite records the decision the transaction cites, the first one kept.
func (w *Written) Cite(decision string) {
	if w == nil || decision == "" {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.decision == "" {
		w.decision = decision
	}
}

// Empty reports whether nothing was written.
func (w *Written) Empty() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.kinds) == 0
}

// Entry is the note, with what a transaction wrote, as a log entry not
// yet sealed. A nil note is a change nobody announced: it is still logged.
func (n *Note) Entry(w *Written) (Entry, error) {
	if n == nil {
		n = &Note{Actor: "(không rõ)", Action: "ghi dữ liệu"}
	}
	e := Entry{Actor: n.Actor, Role: n.Role, Remote: n.Remote, Action: n.Action, Object: n.Object, Decision: n.Decision, Outcome: OK}
	if n.Before != nil {
		b, err := json.Marshal(n.Before)
		if err != nil {
			return e, err
		}
		e.Before = b
	}
	after := map[string]any{}
	if n.Asked != nil {
		after["asked"] = n.Asked
	}
	if w != nil {
		w.mu.Lock()
		if len(w.kinds) > 0 {
			after["written"] = w.kinds
		}
		if e.Decision == "" {
			e.Decision = w.decision
		}
		w.mu.Unlock()
	}
	if len(after) > 0 {
		b, err := json.Marshal(after)
		if err != nil {
			return e, err
		}
		e.After = b
	}
	return e, nil
}

type noteKey struct{}

// WithNote returns ctx carrying n: the store appends it with the writes
// made under ctx.
func WithNote(ctx context.Context, n *Note) context.Context {
	return context.WithValue(ctx, noteKey{}, n)
}

// NoteFrom is the note ctx carries, or nil.
func NoteFrom(ctx context.Context) *Note {
	n, _ := ctx.Value(noteKey{}).(*Note)
	return n
}
