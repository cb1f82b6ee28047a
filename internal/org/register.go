package org

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/vntext"
)

// Register is the service over the register: it applies operations and
// corrections and answers questions on both time axes.
type Register struct {
	store     Store
	ids       IDs
	followers []Follower
}

// Follower moves what follows units (staff, quotas) when an operation is
// applied or reverted, inside the operation's transaction.
type Follower interface {
	// Follow checks and records the moves of an operation whose units are
	// inputs and outputs (ids); problems are returned as field errors.
	Follow(ctx context.Context, tx Tx, op Operation, inputs, outputs []string) ([]FieldError, error)
	// Unfollow undoes what Follow recorded for the operation.
	Unfollow(ctx context.Context, tx Tx, op Operation) error
}

// WithFollower returns the register with f, after the followers it has,
// moving what follows units on every operation.
func (r *Register) WithFollower(f Follower) *Register {
	c := *r
	c.followers = append(slices.Clone(r.followers), f)
	return &c
}

// NewRegister returns the register over a store, using ids for new rows.
func NewRegister(s Store, ids IDs) *Register { return &Register{store: s, ids: ids} }

// Store returns the underlying store, for readers that need no domain logic.
func (r *Register) Store() Store { return r.store }

// Apply validates an operation and records it in one transaction. An
// invalid operation is refused whole with a *ValidationError.
func (r *Register) Apply(ctx context.Context, op Operation, by string) (Operation, error) {
	var out Operation
	err := r.store.Write(ctx, func(tx Tx) error {
		var err error
		out, err = r.ApplyIn(ctx, tx, op, by)
		return err
	})
	if err != nil {
		return Operation{}, err
	}
	return out, nil
}

// ApplyIn validates an operation and records it in a transaction the
// caller holds: several operations applied as one (a scheme), or applied
// to a copy of the register held in memory (a scheme's simulation).
func (r *Register) ApplyIn(ctx context.Context, tx Tx, op Operation, by string) (Operation, error) {
	op.ID, op.RecordedBy, op.RecordedAt = r.ids(), by, tx.Now()
	if err := r.decisionFor(ctx, tx, &op); err != nil {
		return Operation{}, err
	}
	p := &plan{ctx: ctx, tx: tx, op: &op, ids: r.ids, date: op.EffectiveDate,
		units: map[string]*state{}, newByCode: map[string]string{}}
	p.build()
	if len(p.errs) > 0 {
		return Operation{}, &ValidationError{Subject: p.subject(), Errors: p.errs}
	}
	if err := p.write(ctx); err != nil {
		return Operation{}, err
	}
	var errs []FieldError
	for _, f := range r.followers {
		fe, err := f.Follow(ctx, tx, op, p.inputs, p.outputs)
		if err != nil {
			return Operation{}, err
		}
		errs = append(errs, fe...)
	}
	if len(errs) > 0 {
		return Operation{}, &ValidationError{Subject: p.subject(), Errors: errs}
	}
	op.Normalize()
	return op, nil
}

// Write runs fn in one transaction of the register's store.
func (r *Register) Write(ctx context.Context, fn func(tx Tx) error) error {
	return r.store.Write(ctx, fn)
}

// decisionFor records an inline decision or checks the referenced one.
func (r *Register) decisionFor(ctx context.Context, tx Tx, op *Operation) error {
	subject := fmt.Sprintf("Thao tác «%s» (%s)", op.Kind.Label(), op.Kind)
	if d := op.Decision; d != nil {
		d.Number, d.Issuer, d.Summary = vntext.NFC(d.Number), vntext.NFC(d.Issuer), strings.TrimSpace(d.Summary)
		if d.EffectiveDate.IsZero() {
			d.EffectiveDate = op.EffectiveDate
		}
		if errs := checkDecision(*d, "decision."); len(errs) > 0 {
			return &ValidationError{Subject: subject, Errors: errs}
		}
		d.ID, d.RecordedAt, d.RecordedBy = r.ids(), tx.Now(), op.RecordedBy
		if err := tx.InsertDecision(ctx, *d); err != nil {
			return fmt.Errorf("record decision: %w", err)
		}
		op.DecisionID = d.ID
		return nil
	}
	if op.DecisionID == "" {
		return &ValidationError{Subject: subject, Errors: []FieldError{{"decision_id", "thiếu căn cứ pháp lý: cần decision_id hoặc decision"}}}
	}
	ok, err := tx.DecisionExists(ctx, op.DecisionID)
	if err != nil {
		return fmt.Errorf("check decision: %w", err)
	}
	if !ok {
		return &ValidationError{Subject: subject, Errors: []FieldError{{"decision_id", fmt.Sprintf("không tìm thấy quyết định %q", op.DecisionID)}}}
	}
	return nil
}

// checkDecision lists what is wrong with a decision, fields named with prefix.
func checkDecision(d Decision, prefix string) []FieldError {
	var errs []FieldError
	if d.Number == "" {
		errs = append(errs, FieldError{prefix + "number", "thiếu số hiệu văn bản"})
	}
	if d.Issuer == "" {
		errs = append(errs, FieldError{prefix + "issuer", "thiếu cơ quan ban hành"})
	}
	if !d.SignedDate.IsZero() && !d.EffectiveDate.IsZero() && d.EffectiveDate.Before(d.SignedDate) {
		errs = append(errs, FieldError{prefix + "effective_date", "ngày hiệu lực trước ngày ký"})
	}
	return errs
}

// RecordDecision records a decision on its own.
func (r *Register) RecordDecision(ctx context.Context, d Decision, by string) (Decision, error) {
	d.Number, d.Issuer = vntext.NFC(d.Number), vntext.NFC(d.Issuer)
	if errs := checkDecision(d, ""); len(errs) > 0 {
		return Decision{}, &ValidationError{Subject: "Quyết định", Errors: errs}
	}
	err := r.store.Write(ctx, func(tx Tx) error {
		d.ID, d.RecordedAt, d.RecordedBy = r.ids(), tx.Now(), by
		return tx.InsertDecision(ctx, d)
	})
	return d, err
}

// Resolve finds a unit id from an id or code.
func (r *Register) Resolve(ctx context.Context, ref string) (string, error) {
	id, ok, err := r.store.ResolveRef(ctx, ref)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("đơn vị %q: %w", ref, ErrNotFound)
	}
	return id, nil
}

// Get returns the unit's version valid at m.
func (r *Register) Get(ctx context.Context, ref string, m Moment) (Unit, error) {
	id, err := r.Resolve(ctx, ref)
	if err != nil {
		return Unit{}, err
	}
	us, err := r.store.UnitsAt(ctx, []string{id}, m)
	if err != nil {
		return Unit{}, err
	}
	if len(us) == 0 {
		return Unit{}, fmt.Errorf("đơn vị %q không hoạt động vào ngày %s: %w", ref, m.AsOf.VN(), ErrNotFound)
	}
	return us[0], nil
}

// Search lists the units valid at m whose name matches q, with and without
// diacritics, in Vietnamese order.
func (r *Register) Search(ctx context.Context, q string, f Filter, m Moment) ([]Unit, error) {
	f.Tokens = strings.Fields(vntext.Fold(q))
	us, err := r.store.Search(ctx, m, f)
	if err != nil {
		return nil, err
	}
	vntext.Sort(us, func(u Unit) string { return u.Name }, func(a, b Unit) int { return strings.Compare(a.Code, b.Code) })
	return us, nil
}

// dayBefore is the last day before d, where a unit's name before an operation is read.
func dayBefore(d civil.Date) civil.Date { return d.AddDays(-1) }
