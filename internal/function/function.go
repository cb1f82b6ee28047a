// Package function keeps the catalogue of functions (chức năng, nhiệm vụ,
// lĩnh vực quản lý) of a province's political system and their assignment
// to units through time: each function is led by one unit (chủ trì) with
// others coordinating (phối hợp). Restructuring operations carry the
// functions of their inputs to their outputs (Follower), and the rule "one
// function, one lead unit" is checked on any day (CheckLeads).
//
// Like the register and the staffing, every row has a valid interval and a
// recorded time; a change appends rows and retracts others, never updates
// them. The package knows nothing of HTTP or SQL: storage is behind Store,
// Tx and WriteTx.
package function

import (
	"strings"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

// Function is one version of a function of the catalogue over
// [ValidFrom, ValidTo), recorded at RecordedAt. ID identifies the function
// through its versions; VersionID the row.
type Function struct {
	ID        string `json:"id"`
	VersionID string `json:"version_id"`
	// Code is unique in the province ("tc.ngansach").
	Code string `json:"code"`
	Name string `json:"name"`
	// Field is the sector of state management or the area of work (lĩnh vực).
	Field       string     `json:"field"`
	Description string     `json:"description"`
	ValidFrom   civil.Date `json:"valid_from"`
	ValidTo     civil.Date `json:"valid_to"`
	RecordedAt  time.Time  `json:"recorded_at"`
	RecordedBy  string     `json:"recorded_by"`
}

// ValidAt reports whether the version covers day d.
func (f Function) ValidAt(d civil.Date) bool { return covers(f.ValidFrom, f.ValidTo, d) }

// Label names the function in messages: «name» (code).
func (f Function) Label() string { return "«" + f.Name + "» (" + f.Code + ")" }

// Role is the part a unit takes in a function.
type Role string

// The roles.
const (
	Lead       Role = "lead"       // chủ trì
	Coordinate Role = "coordinate" // phối hợp
)

// Roles lists the roles with their Vietnamese names.
var Roles = []staff.Labelled[Role]{{Code: Lead, Label: "chủ trì"}, {Code: Coordinate, Label: "phối hợp"}}

// Label is the Vietnamese name of the role.
func (r Role) Label() string {
	for _, l := range Roles {
		if l.Code == r {
			return l.Label
		}
	}
	return string(r)
}

// ParseRole reads a role from its code or its Vietnamese name, in any case,
// with or without diacritics.
func ParseRole(s string) (Role, bool) {
	key := vntext.Fold(strings.TrimSpace(s))
	for _, l := range Roles {
		if key == string(l.Code) || key == vntext.Fold(l.Label) {
			return l.Code, true
		}
	}
	return "", false
}

// Assignment is one version of the assignment of a function to a unit in a
// role over [ValidFrom, ValidTo), recorded at RecordedAt. ID identifies
// the assignment through its versions; VersionID the row.
type Assignment struct {
	ID          string     `json:"id"`
	VersionID   string     `json:"version_id"`
	FunctionID  string     `json:"function_id"`
	UnitID      string     `json:"unit_id"`
	Role        Role       `json:"role"`
	ValidFrom   civil.Date `json:"valid_from"`
	ValidTo     civil.Date `json:"valid_to"`
	RecordedAt  time.Time  `json:"recorded_at"`
	RecordedBy  string     `json:"recorded_by"`
	RetractedAt *time.Time `json:"retracted_at,omitempty"`
	// OperationID is set on rows an operation made (moves and ends).
	OperationID string `json:"operation_id,omitempty"`
	DecisionID  string `json:"decision_id,omitempty"`
	Note        string `json:"note,omitempty"`
}

// ValidAt reports whether the version covers day d.
func (a Assignment) ValidAt(d civil.Date) bool { return covers(a.ValidFrom, a.ValidTo, d) }

func covers(from, to, d civil.Date) bool {
	return (from.IsZero() || !from.After(d)) && (to.IsZero() || to.After(d))
}

// overlaps reports whether two intervals share a day.
func overlaps(aFrom, aTo, bFrom, bTo civil.Date) bool {
	startsBeforeEnd := func(from, to civil.Date) bool { return from.IsZero() || to.IsZero() || from.Before(to) }
	return startsBeforeEnd(aFrom, bTo) && startsBeforeEnd(bFrom, aTo)
}
