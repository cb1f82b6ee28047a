package org

import (
	"context"
	"time"

	"tinhgon/internal/civil"
)

// Store is the register's storage. Reads take a Moment; writes run inside
// Write, one transaction that is committed whole or not at all.
type Store interface {
	Reader
	// Write runs fn in one transaction that serialises with every other
	// write of the province; the transaction's time is tx.Now().
	Write(ctx context.Context, fn func(tx Tx) error) error
}

// Reader answers questions about the register. A zero Moment.KnownAt means now.
type Reader interface {
	// Skeleton lists the units alive at m with only their tree facts
	// (id, parent, kind, level, pillar): the fast path for trees and counts.
	Skeleton(ctx context.Context, m Moment) ([]Node, error)
	// Timeline is every unit version believed now, keyed by integers.
	Timeline(ctx context.Context) (*Timeline, error)
	// Snapshot lists every unit version valid at m.
	Snapshot(ctx context.Context, m Moment) ([]Unit, error)
	// Search lists units valid at m whose folded name contains every token.
	Search(ctx context.Context, m Moment, f Filter) ([]Unit, error)
	// UnitsAt returns the versions of the given units valid at m.
	UnitsAt(ctx context.Context, ids []string, m Moment) ([]Unit, error)
	// Versions returns every version of the units believed at knownAt, by valid_from.
	Versions(ctx context.Context, ids []string, knownAt time.Time) ([]Unit, error)
	// Records returns every row ever recorded for the unit, retracted ones included.
	Records(ctx context.Context, id string) ([]Unit, error)
	// ResolveRef finds a unit's id from its id or its code.
	ResolveRef(ctx context.Context, ref string) (string, bool, error)
	// LineageEdges walks the lineage graph from a unit backwards
	// (predecessors) and forwards (successors) through edges dated on or
	// before m.AsOf and believed at m.KnownAt; each edge carries its depth.
	LineageEdges(ctx context.Context, id string, m Moment) (preds, succs []Edge, err error)
	Decision(ctx context.Context, id string) (Decision, error)
	Decisions(ctx context.Context, ids []string) ([]Decision, error)
	ListDecisions(ctx context.Context, limit, offset int) ([]Decision, int, error)
	Operation(ctx context.Context, id string) (Operation, error)
	ListOperations(ctx context.Context, f OpFilter) ([]Operation, int, error)
}

// Node is the skeleton of a unit used to build trees and counts.
type Node struct {
	ID, ParentID, Kind string
	Level              Level
	Pillar             Pillar
}

// Filter narrows a search.
type Filter struct {
	Tokens   []string // folded tokens, all required
	Kind     string
	Level    Level
	Pillar   Pillar
	ParentID string
}

// OpFilter narrows a list of operations.
type OpFilter struct {
	UnitID     string
	From, To   civil.Date
	Kind       OpKind
	Limit      int
	Offset     int
	IncludeOld bool // include reverted operations
}

// Tx is a write transaction. Its reads see the register as believed at Now.
type Tx interface {
	// Now is the transaction time: every row it records carries it.
	Now() time.Time
	ResolveRef(ctx context.Context, ref string) (string, bool, error)
	// CodeTaken reports whether a believed version of a unit other than
	// except uses code as its code or id.
	CodeTaken(ctx context.Context, code, except string) (bool, error)
	Versions(ctx context.Context, ids []string) ([]Unit, error)
	ChildrenAt(ctx context.Context, parentID string, d civil.Date) ([]Unit, error)
	DecisionExists(ctx context.Context, id string) (bool, error)
	Operation(ctx context.Context, id string) (Operation, error)
	OperationUnits(ctx context.Context, opID string) ([]OpUnit, error)
	// VersionsByOperation returns the rows an operation recorded; retracted
	// ones carry RetractedAt.
	VersionsByOperation(ctx context.Context, opID string) ([]Unit, error)
	// RetractedBy returns the rows an operation retracted.
	RetractedBy(ctx context.Context, opID string) ([]Unit, error)
	EdgeIDsByOperation(ctx context.Context, opID string) ([]string, error)
	// OperationsUsing lists the operations, other than except and not
	// reverted, that took or gave any of the units.
	OperationsUsing(ctx context.Context, unitIDs []string, except string) ([]string, error)
	// ChildrenEver returns believed versions, at any date, whose parent is id.
	ChildrenEver(ctx context.Context, id string) ([]Unit, error)

	InsertDecision(ctx context.Context, d Decision) error
	InsertOperation(ctx context.Context, op Operation, units []OpUnit) error
	InsertVersion(ctx context.Context, u Unit) error
	InsertEdge(ctx context.Context, e Edge) error
	// Retract ends the recorded interval of a row; a row is retracted once.
	Retract(ctx context.Context, rowID, by, byOperation, reason string) error
}

// IDs makes the application-generated ids of new rows.
type IDs func() string
