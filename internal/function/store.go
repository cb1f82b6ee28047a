package function

import (
	"context"
	"time"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// Tx is what the Follower reads and writes inside an operation's
// transaction: the register's store implements it on its transactions,
// and a scheme's simulation in memory. Reads see what is believed now.
type Tx interface {
	// Now is the transaction time.
	Now() time.Time
	// ResolveRef finds a unit's id from its id or code.
	ResolveRef(ctx context.Context, ref string) (string, bool, error)
	// FunctionsByRef lists the believed versions of the functions whose id
	// or code is one of refs.
	FunctionsByRef(ctx context.Context, refs []string) ([]Function, error)
	// UnitFunctions lists the believed assignments of the units valid on d.
	UnitFunctions(ctx context.Context, unitIDs []string, d civil.Date) ([]Assignment, error)
	// UnitFunctionsAfter lists the believed assignments of the units that
	// start after d.
	UnitFunctionsAfter(ctx context.Context, unitIDs []string, d civil.Date) ([]Assignment, error)
	InsertFunctionAssignments(ctx context.Context, as []Assignment) error
	// Retract ends the recorded interval of a row; a row is retracted once.
	Retract(ctx context.Context, rowID, by, byOperation, reason string) error
}

// RevertTx is what undoing an operation's moves needs besides Tx; a
// simulation, which reverts nothing, need not implement it.
type RevertTx interface {
	Tx
	// FunctionsByOperation returns the assignment rows an operation
	// recorded that are still believed, and those it retracted.
	FunctionsByOperation(ctx context.Context, opID string) (made, retracted []Assignment, err error)
	// FunctionsChangedSince counts the rows that stop an operation's moves
	// from being undone: rows it made that another write retracted, and
	// believed rows of other writes in the units it created.
	FunctionsChangedSince(ctx context.Context, opID string, created []string) (int, error)
}

// WriteTx is a transaction recording the catalogue.
type WriteTx interface {
	Tx
	// Versions are the believed versions of units (the register's).
	Versions(ctx context.Context, ids []string) ([]org.Unit, error)
	// FunctionAssignmentsOf lists the believed assignments of functions, any day.
	FunctionAssignmentsOf(ctx context.Context, functionIDs []string) ([]Assignment, error)
	InsertFunctions(ctx context.Context, fs []Function) error
	// DecisionsByNumber lists the decisions recorded under a number.
	DecisionsByNumber(ctx context.Context, number string) ([]org.Decision, error)
	InsertDecision(ctx context.Context, d org.Decision) error
}

// Store keeps the catalogue of a province. It shares the register's
// transactions: a write to the catalogue and an operation serialise on the
// same clock.
type Store interface {
	// WriteFunctions runs fn in one transaction of the province.
	WriteFunctions(ctx context.Context, fn func(tx WriteTx) error) error
	// FunctionsAt lists the functions valid on m.AsOf as believed at m.KnownAt.
	FunctionsAt(ctx context.Context, m org.Moment) ([]Function, error)
	// FunctionVersions lists the versions of a function (by id or code)
	// believed at knownAt, by valid_from.
	FunctionVersions(ctx context.Context, ref string, knownAt time.Time) ([]Function, error)
	// FunctionAssignmentsAt lists the assignments valid on m.AsOf as
	// believed at m.KnownAt: of the given functions, or of the given units,
	// or all when both are nil.
	FunctionAssignmentsAt(ctx context.Context, m org.Moment, functionIDs, unitIDs []string) ([]Assignment, error)
	// FunctionAssignments lists every assignment version of a function
	// believed at knownAt, by valid_from.
	FunctionAssignments(ctx context.Context, functionID string, knownAt time.Time) ([]Assignment, error)
}
