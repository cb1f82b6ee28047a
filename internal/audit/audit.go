// Package audit is the audit log: every change to the register, every
// refused attempt and every read of sensitive personal data, with who did
// it, when, from where, citing which decision, and the state before and
// after. Entries are appended only, each carrying the hash of the one
// before, so that an entry altered or deleted afterwards is detected.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Outcomes of an entry.
const (
	// OK is a change made.
	OK = "ok"
	// Denied is an attempt refused for lack of rights or scope.
	Denied = "denied"
	// Read is a read of sensitive personal data.
	Read = "read"
)

// Entry is one line of the log.
type Entry struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	Province string    `json:"province"`
	Actor    string    `json:"actor"`
	Role     string    `json:"role"`
	Remote   string    `json:"remote"`
	// Action names what was done, e.g. "POST /api/v1/operations" or "cli import".
	Action string `json:"action"`
	// Object is what it was done to, e.g. "person:ID"; empty for a batch.
	Object   string `json:"object"`
	Decision string `json:"decision"`
	Outcome  string `json:"outcome"`
	// Before and After are JSON documents (or empty): the object as it was,
	// and the change asked with the records written.
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// Sum is the hash an entry must carry: SHA-256 over the previous hash and
// every field, each length-prefixed so that no two entries share a text.
func (e Entry) Sum() string {
	h := sha256.New()
	for _, f := range []string{e.PrevHash, strconv.FormatInt(e.Seq, 10), strconv.FormatInt(e.At.UnixMicro(), 10), e.Province,
		e.Actor, e.Role, e.Remote, e.Action, e.Object, e.Decision, e.Outcome, string(e.Before), string(e.After)} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Seal sets the entry's place in the chain after prev.
func (e *Entry) Seal(prevSeq int64, prevHash string) {
	e.Seq, e.PrevHash = prevSeq+1, prevHash
	e.Hash = e.Sum()
}

// Problem is a break in the chain found by a Verifier.
type Problem struct {
	Seq    int64  `json:"seq"`
	Reason string `json:"reason"`
}

// Verifier walks the log in order and finds every break.
type Verifier struct {
	prevSeq  int64
	prevHash string
	// Entries counts the entries seen.
	Entries  int64
	Problems []Problem
}

// Add checks the next entry.
func (v *Verifier) Add(e Entry) {
	v.Entries++
	if e.Seq != v.prevSeq+1 {
		v.Problems = append(v.Problems, Problem{e.Seq, fmt.Sprintf("thiếu dòng nhật ký: sau số %d là số %d", v.prevSeq, e.Seq)})
	}
	if e.PrevHash != v.prevHash {
		v.Problems = append(v.Problems, Problem{e.Seq, "mã băm của dòng trước không khớp: dòng trước đã bị sửa hoặc xóa"})
	}
	if e.Sum() != e.Hash {
		v.Problems = append(v.Problems, Problem{e.Seq, "nội dung dòng không khớp mã băm của nó: dòng đã bị sửa"})
	}
	v.prevSeq, v.prevHash = e.Seq, e.Hash
}

// End checks the last entry seen against the head the store keeps, which
// detects entries deleted from the end.
func (v *Verifier) End(headSeq int64, headHash string) {
	if headSeq != v.prevSeq || headHash != v.prevHash {
		v.Problems = append(v.Problems, Problem{v.prevSeq, fmt.Sprintf("dòng cuối (số %d) không khớp đầu chuỗi đã lưu (số %d): nhật ký đã bị cắt hoặc sửa", v.prevSeq, headSeq)})
	}
}

// OK reports whether no break was found.
func (v *Verifier) OK() bool { return len(v.Problems) == 0 }

// Filter selects entries of the log.
type Filter struct {
	Actor, Object, Outcome, Province string
	From, To                         time.Time
	// AfterSeq lists entries after this number.
	AfterSeq      int64
	Limit, Offset int
	// Newest lists the latest entries first.
	Newest bool
}
