package scheme

import (
	"context"
	"time"
)

// Store keeps a province's schemes.
type Store interface {
	// Scheme returns a scheme by id or code; org.ErrNotFound when none.
	Scheme(ctx context.Context, ref string) (Scheme, error)
	// ListSchemes lists schemes, newest effective date first.
	ListSchemes(ctx context.Context, f Filter) ([]Scheme, int, error)
	// WriteSchemes runs fn in one transaction that does not move the
	// register's clock: saving a draft changes nothing the register reads.
	WriteSchemes(ctx context.Context, fn func(tx Tx) error) error
}

// Filter narrows a list of schemes.
type Filter struct {
	Status Status
	Query  string // folded tokens of the name or the code
	Limit  int
	Offset int
}

// Tx is a write transaction on schemes. The register's transaction
// implements it too, so that applying a scheme and recording it as
// applied are one transaction.
type Tx interface {
	Now() time.Time
	// SchemeForUpdate reads a scheme inside the transaction.
	SchemeForUpdate(ctx context.Context, ref string) (Scheme, error)
	// SaveScheme writes the scheme and appends a revision; prev is the
	// version it replaces (0 for a new scheme). A scheme saved by someone
	// else since prev is refused with org.ErrStale.
	SaveScheme(ctx context.Context, s Scheme, prev int) error
}
