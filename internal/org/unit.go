// Package org holds the register of the political system's units through
// time: units and their versions on the two time axes, decisions, the
// restructuring operations that change the register, and the lineage they
// leave. It knows nothing of HTTP or SQL; storage is behind Store.
package org

import (
	"context"
	"time"

	"tinhgon/internal/civil"
)

// Level is the tier a unit belongs to (cấp).
type Level string

// The levels of the apparatus.
const (
	LevelCentral  Level = "central"  // trung ương
	LevelProvince Level = "province" // tỉnh
	LevelDistrict Level = "district" // huyện (until 2025-06-30)
	LevelCommune  Level = "commune"  // xã
)

// Pillar is the block of the political system a unit belongs to (khối).
type Pillar string

// The pillars.
const (
	PillarParty         Pillar = "party"          // Đảng
	PillarState         Pillar = "state"          // Nhà nước (chính quyền)
	PillarFront         Pillar = "front"          // Mặt trận và đoàn thể
	PillarPublicService Pillar = "public_service" // sự nghiệp
	PillarEnterprise    Pillar = "enterprise"     // doanh nghiệp
)

// Unit is one version of a unit: what the register believes about the unit
// over a valid interval [ValidFrom, ValidTo), recorded at RecordedAt.
// A zero ValidFrom means the unit existed before the register began; a zero
// ValidTo means the version is still valid.
type Unit struct {
	ID         string     `json:"id"`
	VersionID  string     `json:"version_id"`
	Code       string     `json:"code"`
	Name       string     `json:"name"`
	ShortName  string     `json:"short_name"`
	Kind       string     `json:"kind"`
	Pillar     Pillar     `json:"pillar"`
	Level      Level      `json:"level"`
	ParentID   string     `json:"parent_id,omitempty"`
	AreaCode   string     `json:"area_code"`
	ValidFrom  civil.Date `json:"valid_from"`
	ValidTo    civil.Date `json:"valid_to"`
	RecordedAt time.Time  `json:"recorded_at"`
	RecordedBy string     `json:"recorded_by"`
	// RetractedAt is set on versions no longer believed (history views only).
	RetractedAt *time.Time `json:"retracted_at,omitempty"`
	OperationID string     `json:"operation_id,omitempty"`
	DecisionID  string     `json:"decision_id,omitempty"`
	Note        string     `json:"note,omitempty"`
}

// ValidAt reports whether the version covers day d.
func (u Unit) ValidAt(d civil.Date) bool {
	return (u.ValidFrom.IsZero() || !u.ValidFrom.After(d)) && (u.ValidTo.IsZero() || u.ValidTo.After(d))
}

// Attrs are the facts of a unit that a version carries.
type Attrs struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Kind      string `json:"kind"`
	Pillar    Pillar `json:"pillar"`
	Level     Level  `json:"level"`
	ParentID  string `json:"parent_id"`
	AreaCode  string `json:"area_code"`
}

// Attrs returns the facts carried by the version.
func (u Unit) Attrs() Attrs {
	return Attrs{Code: u.Code, Name: u.Name, ShortName: u.ShortName, Kind: u.Kind,
		Pillar: u.Pillar, Level: u.Level, ParentID: u.ParentID, AreaCode: u.AreaCode}
}

func (u *Unit) setAttrs(a Attrs) {
	u.Code, u.Name, u.ShortName, u.Kind = a.Code, a.Name, a.ShortName, a.Kind
	u.Pillar, u.Level, u.ParentID, u.AreaCode = a.Pillar, a.Level, a.ParentID, a.AreaCode
}

// Decision is the legal basis of operations: a decision, resolution,
// conclusion or plan with its number, issuer and dates.
type Decision struct {
	ID            string     `json:"id"`
	Number        string     `json:"number"`
	Issuer        string     `json:"issuer"`
	SignedDate    civil.Date `json:"signed_date"`
	EffectiveDate civil.Date `json:"effective_date"`
	Summary       string     `json:"summary"`
	RecordedAt    time.Time  `json:"recorded_at"`
	RecordedBy    string     `json:"recorded_by"`
}

// Edge is one step of lineage: unit From went (wholly or partly) into unit
// To by an operation on a date.
type Edge struct {
	ID          string     `json:"id"`
	OperationID string     `json:"operation_id"`
	Kind        OpKind     `json:"kind"`
	From        string     `json:"from_unit"`
	To          string     `json:"to_unit"`
	Date        civil.Date `json:"date"`
	DecisionID  string     `json:"decision_id"`
	RecordedAt  time.Time  `json:"recorded_at"`
	// Depth is the number of steps from the unit a lineage walk started at.
	Depth int `json:"-"`
}

// Moment is a point on both time axes: the valid day a question is about
// and the transaction time at which the register's belief is read.
type Moment struct {
	AsOf    civil.Date
	KnownAt time.Time // zero: now
}

// UnitLife is a unit as a batch of writes finds it: its id and every
// believed version, to check that it is alive over an interval.
type UnitLife struct {
	ID       string
	Versions []Unit
	Found    bool
}

// LifeReader reads what LifeOf needs; write transactions have both.
type LifeReader interface {
	ResolveRef(ctx context.Context, ref string) (string, bool, error)
	Versions(ctx context.Context, ids []string) ([]Unit, error)
}

// LifeOf resolves a reference and reads the unit's versions; Found is
// false when the register does not know it or cannot read it.
func LifeOf(ctx context.Context, r LifeReader, ref string) UnitLife {
	id, ok, err := r.ResolveRef(ctx, ref)
	if err != nil || !ok {
		return UnitLife{}
	}
	vs, err := r.Versions(ctx, []string{id})
	if err != nil {
		return UnitLife{}
	}
	return UnitLife{ID: id, Versions: vs, Found: true}
}

// AliveOver reports whether the unit is alive on every day of [from, to)
// (to zero: from on, as far as the register knows): alive on from, and
// every end of a version inside the interval continued by another.
func (u UnitLife) AliveOver(from, to civil.Date) bool {
	covered := func(d civil.Date) bool {
		for _, v := range u.Versions {
			if v.ValidAt(d) {
				return true
			}
		}
		return false
	}
	if !covered(from) {
		return false
	}
	for _, v := range u.Versions {
		if e := v.ValidTo; !e.IsZero() && e.After(from) && (to.IsZero() || e.Before(to)) && !covered(e) {
			return false
		}
	}
	return true
}
