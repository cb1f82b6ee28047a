package staff

import (
	"time"

	"tinhgon/internal/civil"
)

// Post is the place of a person in a unit's leadership.
type Post string

// The posts.
const (
	Head   Post = "head"   // người đứng đầu
	Deputy Post = "deputy" // cấp phó
	Staff  Post = "staff"  // công chức, viên chức, nhân viên
)

// Posts lists the posts with their Vietnamese names.
var Posts = []Labelled[Post]{{Head, "người đứng đầu"}, {Deputy, "cấp phó"}, {Staff, "nhân viên"}}

// Label is the Vietnamese name of the post.
func (p Post) Label() string { return labelOf(Posts, p) }

// ParsePost reads a post from its code or Vietnamese name.
func ParsePost(s string) (Post, bool) { return parseCode(Posts, s) }

// Position is the kind of job position (vị trí việc làm).
type Position string

// The job positions.
const (
	Professional Position = "professional" // chuyên môn, nghiệp vụ
	Support      Position = "support"      // hỗ trợ, phục vụ
)

// Positions lists the job positions with their Vietnamese names.
var Positions = []Labelled[Position]{{Professional, "chuyên môn, nghiệp vụ"}, {Support, "hỗ trợ, phục vụ"}}

// Label is the Vietnamese name of the position.
func (p Position) Label() string { return labelOf(Positions, p) }

// ParsePosition reads a job position from its code or Vietnamese name.
func ParsePosition(s string) (Position, bool) { return parseCode(Positions, s) }

// Funding is who pays a person's salary.
type Funding string

// The funding sources.
const (
	Budget     Funding = "budget"      // ngân sách nhà nước
	OwnRevenue Funding = "own_revenue" // nguồn thu sự nghiệp
)

// Fundings lists the funding sources with their Vietnamese names.
var Fundings = []Labelled[Funding]{{Budget, "ngân sách nhà nước"}, {OwnRevenue, "nguồn thu sự nghiệp"}}

// Label is the Vietnamese name of the funding source.
func (f Funding) Label() string { return labelOf(Fundings, f) }

// ParseFunding reads a funding source from its code or Vietnamese name.
func ParseFunding(s string) (Funding, bool) { return parseCode(Fundings, s) }

// Assignment is one version of a person's assignment to a unit (bố trí,
// bổ nhiệm, kiêm nhiệm) over [ValidFrom, ValidTo), recorded at RecordedAt.
// ID identifies the assignment through its versions; VersionID the row.
type Assignment struct {
	ID        string `json:"id"`
	VersionID string `json:"version_id"`
	PersonID  string `json:"person_id"`
	UnitID    string `json:"unit_id"`
	Post      Post   `json:"post"`
	// Title is the post's name as the decision gives it ("Phó Giám đốc Sở").
	Title    string   `json:"title"`
	Position Position `json:"position"`
	Funding  Funding  `json:"funding"`
	// Primary is false for a concurrent post (kiêm nhiệm).
	Primary bool `json:"primary"`
	// Surplus marks a deputy placed above the legal maximum by a merger's
	// explicit choice (cấp phó dôi dư).
	Surplus     bool       `json:"surplus"`
	ValidFrom   civil.Date `json:"valid_from"`
	ValidTo     civil.Date `json:"valid_to"`
	RecordedAt  time.Time  `json:"recorded_at"`
	RecordedBy  string     `json:"recorded_by"`
	RetractedAt *time.Time `json:"retracted_at,omitempty"`
	OperationID string     `json:"operation_id,omitempty"`
	DecisionID  string     `json:"decision_id,omitempty"`
	Note        string     `json:"note,omitempty"`
}

// ValidAt reports whether the version covers day d.
func (a Assignment) ValidAt(d civil.Date) bool { return covers(a.ValidFrom, a.ValidTo, d) }

// Overlaps reports whether two intervals share a day.
func Overlaps(aFrom, aTo, bFrom, bTo civil.Date) bool {
	startsBeforeEnd := func(from, to civil.Date) bool { return from.IsZero() || to.IsZero() || from.Before(to) }
	return startsBeforeEnd(aFrom, bTo) && startsBeforeEnd(bFrom, aTo)
}

// Quota is the staff quota (biên chế) of a unit for a year and category,
// set by a decision. A later quota for the same unit, year and category
// replaces the earlier one (the row is retracted, not updated).
type Quota struct {
	ID          string    `json:"id"`
	UnitID      string    `json:"unit_id"`
	Year        int       `json:"year"`
	Category    Category  `json:"category"`
	Count       int       `json:"count"`
	DecisionID  string    `json:"decision_id,omitempty"`
	RecordedAt  time.Time `json:"recorded_at"`
	RecordedBy  string    `json:"recorded_by"`
	OperationID string    `json:"operation_id,omitempty"`
	Note        string    `json:"note,omitempty"`
}
