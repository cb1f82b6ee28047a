package org

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"tinhgon/internal/civil"
)

// OpKind is the kind of a restructuring operation.
type OpKind string

// The operation kinds of DESIGN.md.
const (
	OpEstablish     OpKind = "establish"      // thành lập
	OpDissolve      OpKind = "dissolve"       // giải thể
	OpEndActivity   OpKind = "end_activity"   // kết thúc hoạt động
	OpMerge         OpKind = "merge"          // hợp nhất
	OpAbsorb        OpKind = "absorb"         // sáp nhập
	OpSplit         OpKind = "split"          // chia, tách
	OpSpinOff       OpKind = "spin_off"       // tách một phần
	OpRename        OpKind = "rename"         // đổi tên
	OpReparent      OpKind = "reparent"       // chuyển trực thuộc
	OpTransferIn    OpKind = "transfer_in"    // tiếp nhận
	OpTransferOut   OpKind = "transfer_out"   // chuyển giao
	OpReorganize    OpKind = "reorganize"     // tổ chức lại
	OpMoveFunctions OpKind = "move_functions" // chuyển giao chức năng, nhiệm vụ
)

// OpKinds lists every kind with its Vietnamese name, in the order users read them.
var OpKinds = []struct {
	Kind  OpKind
	Label string
}{
	{OpEstablish, "thành lập"}, {OpDissolve, "giải thể"}, {OpEndActivity, "kết thúc hoạt động"},
	{OpMerge, "hợp nhất"}, {OpAbsorb, "sáp nhập"}, {OpSplit, "chia, tách"},
	{OpSpinOff, "tách một phần"}, {OpRename, "đổi tên"}, {OpReparent, "chuyển trực thuộc"},
	{OpTransferIn, "tiếp nhận"}, {OpTransferOut, "chuyển giao"}, {OpReorganize, "tổ chức lại"},
	{OpMoveFunctions, "chuyển giao chức năng, nhiệm vụ"},
}

// Label is the Vietnamese name of the kind.
func (k OpKind) Label() string {
	for _, o := range OpKinds {
		if o.Kind == k {
			return o.Label
		}
	}
	return string(k)
}

// Known reports whether k is one of the operation kinds.
func (k OpKind) Known() bool {
	for _, o := range OpKinds {
		if o.Kind == k {
			return true
		}
	}
	return false
}

// Operation is one restructuring step: its kind, effective date, legal
// basis, and the units it takes and gives.
type Operation struct {
	ID            string     `json:"id"`
	Kind          OpKind     `json:"kind"`
	EffectiveDate civil.Date `json:"effective_date"`
	DecisionID    string     `json:"decision_id"`
	// Decision, when set on a new operation, is recorded with it.
	Decision *Decision `json:"decision,omitempty"`
	Summary  string    `json:"summary"`
	// Inputs are references (id or code) to the units the operation takes.
	Inputs []string `json:"inputs"`
	// Outputs are existing units (absorb target, move_functions receivers)
	// or new units to create.
	Outputs []Output `json:"outputs"`
	// NewParent is the managing unit after a reparent.
	NewParent string `json:"new_parent,omitempty"`
	// NewName and NewShortName are the names after a rename.
	NewName      string `json:"new_name,omitempty"`
	NewShortName string `json:"new_short_name,omitempty"`
	// Moves place units (typically children of ending inputs) under a new parent.
	Moves []Move `json:"moves,omitempty"`
	// Placements say where people of the inputs go: required for leaders
	// of merged units and for everyone of a split or a dissolved unit.
	Placements []Placement `json:"placements,omitempty"`
	// QuotaShares divide the inputs' staff quotas among a split's outputs.
	QuotaShares []QuotaShare `json:"quota_shares,omitempty"`
	// FunctionShares say where functions of the inputs go: required for
	// every function of a split, the functions that move with a spin-off
	// or a move of functions, and those a dissolved unit hands over.
	FunctionShares []FunctionShare `json:"function_shares,omitempty"`
	RecordedAt     time.Time       `json:"recorded_at"`
	RecordedBy     string          `json:"recorded_by"`
	RevertedAt     *time.Time      `json:"reverted_at,omitempty"`
}

// Normalize gives empty lists instead of nil, so that JSON shows [].
func (o *Operation) Normalize() {
	if o.Inputs == nil {
		o.Inputs = []string{}
	}
	if o.Outputs == nil {
		o.Outputs = []Output{}
	}
}

// Output is an operation's output: a reference to an existing unit, or a
// new unit to create. In JSON it is a string (reference) or an object.
type Output struct {
	Ref string
	New *NewUnit
}

// NewUnit describes a unit an operation creates. ParentID may name another
// new unit of the same operation by its code.
type NewUnit struct {
	Attrs
	// ID, when set, is used as the new unit's id (imports keep their ids).
	ID string `json:"id,omitempty"`
}

// MarshalJSON writes a reference as a string and a new unit as an object.
func (o Output) MarshalJSON() ([]byte, error) {
	if o.New != nil {
		return json.Marshal(o.New)
	}
	return json.Marshal(o.Ref)
}

// UnmarshalJSON accepts a string or an object.
func (o *Output) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, "\"") {
		return json.Unmarshal(b, &o.Ref)
	}
	if !strings.HasPrefix(s, "{") {
		return fmt.Errorf("đơn vị đầu ra phải là mã đơn vị (chuỗi) hoặc một đối tượng đơn vị mới")
	}
	o.New = new(NewUnit)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields() // a misspelt field must not silently become a default
	if err := dec.Decode(o.New); err != nil {
		return fmt.Errorf("đơn vị đầu ra mới không hợp lệ: %w", err)
	}
	return nil
}

// Move places Unit under To as part of an operation.
type Move struct {
	Unit string `json:"unit"`
	To   string `json:"to"`
	// Level, when set, is the unit's level after the move (a district
	// centre placed under a commune becomes a commune unit).
	Level Level `json:"level,omitempty"`
}

// OpUnit records a unit's part in an operation.
type OpUnit struct {
	UnitID string
	Role   string // input, output, moved, renamed
}

// Placement is an explicit choice, recorded with an operation, of where a
// person of its inputs goes.
type Placement struct {
	Person string `json:"person"`       // a person's code or id
	To     string `json:"to,omitempty"` // the unit (code or id) they go to
	// Post is head, deputy or staff; empty keeps the person's post.
	Post  string `json:"post,omitempty"`
	Title string `json:"title,omitempty"`
	// Surplus marks a deputy kept above the legal maximum (cấp phó dôi dư).
	Surplus bool `json:"surplus,omitempty"`
	// Leave ends the person's assignment without a new one (retirement,
	// leaving under a policy).
	Leave bool `json:"leave,omitempty"`
	// Policy names the policy a person leaving goes under (e.g. early
	// retirement under Decree 178/2024), as a code the scheme lists.
	Policy string `json:"policy,omitempty"`
}

// QuotaShare gives part of the inputs' staff quota of a category to an output.
type QuotaShare struct {
	To       string `json:"to"`
	Category string `json:"category"`
	Count    int    `json:"count"`
}

// FunctionShare gives a function (chức năng, nhiệm vụ) of the inputs to a
// unit as part of an operation.
type FunctionShare struct {
	Function string `json:"function"` // a function's code or id
	To       string `json:"to"`       // the unit (code or id) that takes it
	// Role is lead (chủ trì) or coordinate (phối hợp); empty keeps the
	// role the input held.
	Role string `json:"role,omitempty"`
}
