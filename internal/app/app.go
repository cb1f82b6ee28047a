// Package app wires the domain services of one province over a database:
// the register (which moves staff with every operation) and the staffing.
package app

import (
	"fmt"

	"tinhgon/internal/areas"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
	"tinhgon/internal/store"
)

// Province holds the services of one province. Keep one per process and
// province: the staffing service keeps its read model between requests.
type Province struct {
	Code  string
	Org   *org.Register
	Staff *staff.Service
	// Functions is the catalogue of functions and their lead units.
	Functions *function.Service
	// Schemes are the province's restructuring schemes.
	Schemes *scheme.Service
}

// Open returns the services of a province over db.
func Open(db *store.DB, province string) (*Province, error) {
	st := db.Register(province)
	places, err := areas.Default()
	if err != nil {
		return nil, fmt.Errorf("administrative areas: %w", err)
	}
	svc, err := staff.NewService(st, st, store.NewID, places)
	if err != nil {
		return nil, err
	}
	fns, err := function.NewService(st, st, store.NewID)
	if err != nil {
		return nil, err
	}
	reg := org.NewRegister(st, store.NewID).WithFollower(staff.Follower{IDs: store.NewID}).
		WithFollower(function.Follower{IDs: store.NewID})
	schemes, err := scheme.NewService(st, reg, st, svc, fns, store.NewID)
	if err != nil {
		return nil, err
	}
	return &Province{Code: province, Org: reg, Staff: svc, Functions: fns, Schemes: schemes}, nil
}
