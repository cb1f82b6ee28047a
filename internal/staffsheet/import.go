package staffsheet

import (
	"context"
	"errors"
	"io"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// Batch reads a whole file into a batch to record; every row keeps where
// it came from so that the register's checks name the cell too.
func Batch(ctx context.Context, name string, r io.Reader, progress func(rows int)) (staff.Batch, error) {
	var b staff.Batch
	err := Read(ctx, name, r, Handler{
		Person: func(row PersonRow) error {
			b.People = append(b.People, staff.NewPerson{Where: row.Pos.String(), At: atOf(row.At), Person: row.Person})
			return nil
		},
		Assignment: func(row AssignmentRow) error {
			b.Assignments = append(b.Assignments, staff.NewAssignment{Where: row.Pos.String(), At: atOf(row.At),
				PersonRef: row.PersonCode, UnitRef: row.UnitRef, Assignment: row.Assignment})
			return nil
		},
		Quota: func(row QuotaRow) error {
			b.Quotas = append(b.Quotas, staff.NewQuota{Where: row.Pos.String(), At: atOf(row.At), UnitRef: row.UnitRef, Quota: row.Quota,
				Decision: org.Decision{Number: row.DecisionNumber, Issuer: row.DecisionIssuer, SignedDate: row.DecisionSigned,
					EffectiveDate: civil.Date{}, Summary: "Giao biên chế"}})
			return nil
		},
		Progress: progress,
	})
	return b, asValidation(name, err)
}

func atOf(at func(string) Pos) staff.At {
	return func(field string) string { return at(field).String() }
}

// asValidation turns the file's errors into the register's validation
// error, which the API and the CLI already show field by field.
func asValidation(name string, err error) error {
	var es Errors
	if !errors.As(err, &es) {
		return err
	}
	v := &org.ValidationError{Subject: "Tệp " + name}
	for _, e := range es {
		v.Errors = append(v.Errors, org.FieldError{Field: e.Pos.String(), Detail: e.Error()})
	}
	return v
}

// Import reads a file and records it whole, or nothing.
func Import(ctx context.Context, svc *staff.Service, name string, r io.Reader, by string, progress func(rows int)) (staff.Written, error) {
	b, err := Batch(ctx, name, r, progress)
	if err != nil {
		return staff.Written{}, err
	}
	return svc.Record(ctx, b, by)
}
