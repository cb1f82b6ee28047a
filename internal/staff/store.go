package staff

import (
	"context"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// Store keeps the staffing of a province. It shares the register's
// transactions: a staff write and an operation serialise on the same clock.
type Store interface {
	// Load streams every staff row believed at knownAt (zero: now) into b.
	Load(ctx context.Context, knownAt time.Time, b *Builder) error
	// Clock is the province's transaction clock: it changes on every write.
	Clock(ctx context.Context) (int64, error)
	// WriteStaff runs fn in one transaction of the province.
	WriteStaff(ctx context.Context, fn func(tx Tx) error) error
	// PersonVersions returns the versions of a person (by id or code) believed at knownAt.
	PersonVersions(ctx context.Context, ref string, knownAt time.Time) ([]Person, error)
	// ListPeople lists the people valid on the day whose name or code matches.
	ListPeople(ctx context.Context, f PeopleFilter) ([]Person, int, error)
	// AssignmentsOf lists a person's assignment versions believed at knownAt.
	AssignmentsOf(ctx context.Context, personID string, knownAt time.Time) ([]Assignment, error)
	// AssignmentsIn lists the assignments valid on m.AsOf in a unit.
	AssignmentsIn(ctx context.Context, unitID string, m org.Moment) ([]Assignment, error)
	// QuotasOf lists the believed quotas of a unit.
	QuotasOf(ctx context.Context, unitID string, knownAt time.Time) ([]Quota, error)
	// Edges returns every lineage edge of the province believed at knownAt.
	Edges(ctx context.Context, knownAt time.Time) ([]org.Edge, error)
}

// PeopleFilter narrows a list of people.
type PeopleFilter struct {
	AsOf     civil.Date
	KnownAt  time.Time
	Query    string // folded tokens of a name or a code
	Category Category
	// Units, when set, keeps people ever placed in one of these units.
	Units  []string
	Limit  int
	Offset int
}

// Tx is a staff write transaction. Its reads see what is believed now.
type Tx interface {
	Now() time.Time
	ResolveRef(ctx context.Context, ref string) (string, bool, error)
	// Versions are the believed versions of units (the register's).
	Versions(ctx context.Context, ids []string) ([]org.Unit, error)
	// PersonID finds a person's id from its id or code.
	PersonID(ctx context.Context, ref string) (string, bool, error)
	PersonsByCode(ctx context.Context, codes []string) (map[string]string, error)
	CurrentPerson(ctx context.Context, id string) (Person, bool, error)
	PersonAssignments(ctx context.Context, personIDs []string) ([]Assignment, error)
	// UnitAssignments lists the believed assignments of units valid on d.
	UnitAssignments(ctx context.Context, unitIDs []string, d civil.Date) ([]Assignment, error)
	UnitQuotas(ctx context.Context, unitIDs []string, year int) ([]Quota, error)
	// UnitQuotasFrom lists the believed quotas of units for the year and later ones.
	UnitQuotasFrom(ctx context.Context, unitIDs []string, year int) ([]Quota, error)
	// UnitAssignmentsAfter lists the believed assignments of units that start after d.
	UnitAssignmentsAfter(ctx context.Context, unitIDs []string, d civil.Date) ([]Assignment, error)
	// ChangedSince counts the staff rows that stop an operation's moves from
	// being undone: rows it made that another write replaced, and rows of
	// other writes in the units it created.
	ChangedSince(ctx context.Context, opID string, created []string) (int, error)
	// DecisionsByNumber lists the decisions recorded under a number.
	DecisionsByNumber(ctx context.Context, number string) ([]org.Decision, error)
	InsertDecision(ctx context.Context, d org.Decision) error
	InsertPeople(ctx context.Context, ps []Person) error
	InsertAssignments(ctx context.Context, as []Assignment) error
	InsertQuotas(ctx context.Context, qs []Quota) error
	Retract(ctx context.Context, rowID, by, byOperation, reason string) error
	// StaffByOperation returns the assignment and quota rows an operation
	// recorded and the assignment rows it retracted.
	StaffByOperation(ctx context.Context, opID string) (made []Assignment, quotas []Quota, retracted []Assignment, err error)
}
