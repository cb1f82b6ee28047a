package staff

import (
	"context"
	"fmt"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/vntext"
)

// Change is a change to a person's record from a day on (a new grade or
// salary step, a category, a corrected name): nil fields keep their value.
type Change struct {
	From              civil.Date
	Name              *string
	Sex               *Sex
	BirthDate         *civil.Date
	Hometown          *string
	Category          *Category
	Grade             *string
	SalaryStep        *int
	Coefficient       *Coef
	PositionAllowance *Coef
	Allowances        *[]Allowance
	InsuranceFrom     *civil.Date
	PartyMember       *bool
	PartyJoined       *civil.Date
	Education         *string
	PoliticalTheory   *string
	Sensitive         *SensitiveChange
}

// SensitiveChange changes some of a person's sensitive data; nil fields
// keep their value.
type SensitiveChange struct {
	NationalID *string `json:"national_id"`
	Ethnicity  *string `json:"ethnicity"`
	Religion   *string `json:"religion"`
	Health     *string `json:"health"`
}

func (c Change) apply(p *Person) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(vntext.NFC(*v))
		}
	}
	set(&p.Name, c.Name)
	set(&p.Hometown, c.Hometown)
	set(&p.Grade, c.Grade)
	set(&p.Education, c.Education)
	set(&p.PoliticalTheory, c.PoliticalTheory)
	if c.Sex != nil {
		p.Sex = *c.Sex
	}
	if c.BirthDate != nil {
		p.BirthDate = *c.BirthDate
	}
	if c.Category != nil {
		p.Category = *c.Category
	}
	if c.SalaryStep != nil {
		p.SalaryStep = *c.SalaryStep
	}
	if c.Coefficient != nil {
		p.Coefficient = *c.Coefficient
	}
	if c.PositionAllowance != nil {
		p.PositionAllowance = *c.PositionAllowance
	}
	if c.Allowances != nil {
		p.Allowances = *c.Allowances
	}
	if c.InsuranceFrom != nil {
		p.InsuranceFrom = *c.InsuranceFrom
	}
	if c.PartyMember != nil {
		p.PartyMember = *c.PartyMember
	}
	if c.PartyJoined != nil {
		p.PartyJoined = *c.PartyJoined
	}
	if c.Sensitive != nil {
		set(&p.Sensitive.NationalID, c.Sensitive.NationalID)
		set(&p.Sensitive.Ethnicity, c.Sensitive.Ethnicity)
		set(&p.Sensitive.Religion, c.Sensitive.Religion)
		set(&p.Sensitive.Health, c.Sensitive.Health)
	}
}

// ChangePerson records a new version of a person's record from c.From on.
// ifMatch is the version the change was made from ("*": whichever is
// current): when another change came first the write is refused with
// org.ErrStale, so that no change silently overwrites another.
func (s *Service) ChangePerson(ctx context.Context, ref, ifMatch string, c Change, by string) (Person, error) {
	if ifMatch == "" {
		return Person{}, org.ErrPreconditionRequired
	}
	var out Person
	err := s.store.WriteStaff(ctx, func(tx Tx) error {
		id, ok, err := tx.PersonID(ctx, ref)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("không tìm thấy người có mã «%s»: %w", ref, org.ErrNotFound)
		}
		cur, ok, err := tx.CurrentPerson(ctx, id)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("người «%s»: %w", ref, org.ErrNotFound)
		}
		if ifMatch != "*" && ifMatch != cur.VersionID {
			return fmt.Errorf("hồ sơ của %s đã được sửa sau phiên bản bạn xem: %w", cur.Name, org.ErrStale)
		}
		subject := "Thay đổi hồ sơ của " + cur.Name
		var errs []org.FieldError
		from := c.From
		switch {
		case from.IsZero():
			errs = append(errs, org.FieldError{Field: "valid_from", Detail: "thiếu ngày thay đổi có hiệu lực"})
		case !cur.ValidTo.IsZero():
			errs = append(errs, org.FieldError{Field: "valid_from", Detail: "hồ sơ đã kết thúc"})
		case !cur.ValidFrom.IsZero() && from.Before(cur.ValidFrom):
			errs = append(errs, org.FieldError{Field: "valid_from", Detail: fmt.Sprintf(
				"đã có thay đổi từ %s; thay đổi sớm hơn cần sửa phiên bản đó trước", cur.ValidFrom.VN())})
		}
		next := cur
		c.apply(&next)
		for _, e := range checkPerson(&next) {
			errs = append(errs, org.FieldError{Field: "", Detail: e})
		}
		if len(errs) > 0 {
			return &org.ValidationError{Subject: subject, Errors: errs}
		}
		if err := tx.Retract(ctx, cur.VersionID, by, "", "thay đổi hồ sơ"); err != nil {
			return fmt.Errorf("change person: %w", err)
		}
		var rows []Person
		if cur.ValidFrom.IsZero() || cur.ValidFrom.Before(from) {
			old := cur
			old.VersionID, old.ValidTo, old.RecordedBy = s.ids(), from, by
			rows = append(rows, old)
		}
		next.VersionID, next.ValidFrom, next.ValidTo, next.RecordedBy = s.ids(), from, civil.Date{}, by
		rows = append(rows, next)
		if err := tx.InsertPeople(ctx, rows); err != nil {
			return err
		}
		out = next
		out.RecordedAt = tx.Now()
		return nil
	})
	return out, err
}
