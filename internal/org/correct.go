package org

import (
	"context"
	"fmt"

	"tinhgon/internal/civil"

	"tinhgon/internal/vntext"
)

// Correction fixes facts of a unit's version that were recorded wrongly
// (a typo in a name, a wrong code). The version is retracted and a
// corrected one recorded over the same valid interval; reads known at an
// earlier time still see the old one. ifMatch is the version being corrected.
type Correction struct {
	Code, Name, ShortName, Kind, AreaCode *string
	Pillar                                *Pillar
	Level                                 *Level
	Reason                                string
}

// Correct applies a correction to the version ifMatch of unit ref.
func (r *Register) Correct(ctx context.Context, ref, ifMatch string, c Correction, by string) (Unit, error) {
	if ifMatch == "" {
		return Unit{}, ErrPreconditionRequired
	}
	var out Unit
	err := r.store.Write(ctx, func(tx Tx) error {
		id, ok, err := tx.ResolveRef(ctx, ref)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("đơn vị %q: %w", ref, ErrNotFound)
		}
		vs, err := tx.Versions(ctx, []string{id})
		if err != nil {
			return err
		}
		var cur *Unit
		for i := range vs {
			// "*" (RFC 9110) matches whatever is current: the latest version.
			if vs[i].VersionID == ifMatch || ifMatch == "*" {
				cur = &vs[i]
			}
		}
		if cur == nil {
			return ErrStale
		}
		u := *cur
		var errs []FieldError
		set := func(dst *string, v *string, field string) {
			if v == nil {
				return
			}
			nv := vntext.NFC(*v)
			if nv == "" && field != "short_name" && field != "area_code" {
				errs = append(errs, FieldError{field, "không được để trống"})
			}
			*dst = nv
		}
		set(&u.Code, c.Code, "code")
		set(&u.Name, c.Name, "name")
		set(&u.ShortName, c.ShortName, "short_name")
		set(&u.Kind, c.Kind, "kind")
		set(&u.AreaCode, c.AreaCode, "area_code")
		if c.Pillar != nil {
			if !ValidPillar(*c.Pillar) {
				errs = append(errs, FieldError{"pillar", fmt.Sprintf("khối %q không hợp lệ", *c.Pillar)})
			}
			u.Pillar = *c.Pillar
		}
		if c.Level != nil {
			if !ValidLevel(*c.Level) {
				errs = append(errs, FieldError{"level", fmt.Sprintf("cấp %q không hợp lệ", *c.Level)})
			}
			u.Level = *c.Level
		}
		if u.Code != cur.Code {
			if taken, err := tx.CodeTaken(ctx, u.Code, u.ID); err != nil {
				return err
			} else if taken {
				errs = append(errs, FieldError{"code", fmt.Sprintf("mã %q đã được dùng cho đơn vị khác", u.Code)})
			}
		}
		if len(errs) > 0 {
			return &ValidationError{Subject: "Hiệu chỉnh đơn vị " + show(*cur), Errors: errs}
		}
		if u.Attrs() == cur.Attrs() {
			out = *cur
			return nil
		}
		if err := tx.Retract(ctx, cur.VersionID, by, "", c.Reason); err != nil {
			return err
		}
		u.VersionID, u.RecordedAt, u.RecordedBy, u.Note = r.ids(), tx.Now(), by, c.Reason
		u.RetractedAt = nil
		if err := tx.InsertVersion(ctx, u); err != nil {
			return err
		}
		out = u
		return nil
	})
	return out, err
}

// Revert withdraws a recorded operation that should not have been
// recorded: its versions and lineage are retracted and the versions it had
// replaced are believed again. It refuses when later operations built on it.
func (r *Register) Revert(ctx context.Context, opID, reason, by string) error {
	return r.store.Write(ctx, func(tx Tx) error {
		op, err := tx.Operation(ctx, opID)
		if err != nil {
			return err
		}
		subject := fmt.Sprintf("Hủy thao tác «%s» ngày %s", op.Kind.Label(), op.EffectiveDate.VN())
		if op.RevertedAt != nil {
			return &ValidationError{Subject: subject, Errors: []FieldError{{"id", "thao tác đã được hủy trước đó"}}}
		}
		made, err := tx.VersionsByOperation(ctx, opID)
		if err != nil {
			return err
		}
		roles, err := tx.OperationUnits(ctx, opID)
		if err != nil {
			return err
		}
		created := map[string]bool{}
		for _, ou := range roles {
			if ou.Role == "output" {
				created[ou.UnitID] = true
			}
		}
		// A row the operation made may have been replaced by a correction or
		// restored by reverting a later operation: what counts is that some
		// row of the operation still stands for each unit and start date.
		type slot struct {
			unit string
			from civil.Date
		}
		standing := map[slot]bool{}
		for _, v := range made {
			standing[slot{v.ID, v.ValidFrom}] = standing[slot{v.ID, v.ValidFrom}] || v.RetractedAt == nil
		}
		var errs []FieldError
		reported := map[string]bool{}
		for _, v := range made {
			if !standing[slot{v.ID, v.ValidFrom}] && !reported[v.ID] {
				reported[v.ID] = true
				errs = append(errs, FieldError{"id", fmt.Sprintf("đơn vị %s đã được thay đổi sau thao tác này; cần hủy các thay đổi sau trước", show(v))})
			}
		}
		var createdIDs []string
		for id := range created {
			createdIDs = append(createdIDs, id)
		}
		users, err := tx.OperationsUsing(ctx, createdIDs, opID)
		if err != nil {
			return err
		}
		for _, u := range users {
			errs = append(errs, FieldError{"id", fmt.Sprintf("thao tác %s sau đó đã dùng đơn vị do thao tác này tạo ra; cần hủy thao tác đó trước", u)})
		}
		for id := range created {
			kids, err := tx.ChildrenEver(ctx, id)
			if err != nil {
				return err
			}
			for _, k := range kids {
				if k.OperationID != opID {
					errs = append(errs, FieldError{"id", fmt.Sprintf("đơn vị %s được đặt trực thuộc kết quả của thao tác này sau đó", show(k))})
				}
			}
		}
		if len(errs) > 0 {
			return &ValidationError{Subject: subject, Errors: errs}
		}
		for _, v := range made {
			if v.RetractedAt != nil {
				continue
			}
			if err := tx.Retract(ctx, v.VersionID, by, opID, reason); err != nil {
				return err
			}
		}
		replaced, err := tx.RetractedBy(ctx, opID)
		if err != nil {
			return err
		}
		for _, v := range replaced {
			v.VersionID, v.RecordedAt, v.RecordedBy, v.RetractedAt = r.ids(), tx.Now(), by, nil
			v.Note = "khôi phục khi hủy thao tác " + opID
			if err := tx.InsertVersion(ctx, v); err != nil {
				return err
			}
		}
		edges, err := tx.EdgeIDsByOperation(ctx, opID)
		if err != nil {
			return err
		}
		for _, e := range edges {
			if err := tx.Retract(ctx, e, by, opID, reason); err != nil {
				return err
			}
		}
		for i := len(r.followers) - 1; i >= 0; i-- {
			if err := r.followers[i].Unfollow(ctx, tx, op); err != nil {
				return err
			}
		}
		return tx.Retract(ctx, opID, by, opID, reason)
	})
}

// Seed records units that existed before the register began (their start
// date unknown, so their versions are open at the start), in one
// transaction. Parents may be other seeded units, by code, or units already
// in the register.
func (r *Register) Seed(ctx context.Context, units []NewUnit, note, by string) error {
	return r.store.Write(ctx, func(tx Tx) error {
		byCode := map[string]string{}
		var errs []FieldError
		for i, nu := range units {
			field := fmt.Sprintf("units[%d]", i)
			if nu.Code == "" || nu.Name == "" {
				errs = append(errs, FieldError{field, "đơn vị cần có mã và tên"})
				continue
			}
			if _, dup := byCode[nu.Code]; dup {
				errs = append(errs, FieldError{field + ".code", fmt.Sprintf("mã %q trùng", nu.Code)})
				continue
			}
			if taken, err := tx.CodeTaken(ctx, nu.Code, ""); err != nil {
				return err
			} else if taken {
				errs = append(errs, FieldError{field + ".code", fmt.Sprintf("mã %q đã được dùng cho đơn vị khác", nu.Code)})
			}
			if !ValidLevel(nu.Level) || !ValidPillar(nu.Pillar) || nu.Kind == "" {
				errs = append(errs, FieldError{field, fmt.Sprintf("đơn vị %q thiếu hoặc sai loại, cấp, khối", nu.Name)})
			}
			id := nu.ID
			if id == "" {
				id = r.ids()
			}
			byCode[nu.Code] = id
		}
		for i, nu := range units {
			if nu.ParentID == "" {
				continue
			}
			if _, ok := byCode[nu.ParentID]; ok {
				continue
			}
			if _, ok, err := tx.ResolveRef(ctx, nu.ParentID); err != nil {
				return err
			} else if !ok {
				errs = append(errs, FieldError{fmt.Sprintf("units[%d].parent_id", i), fmt.Sprintf("không tìm thấy đơn vị quản lý %q của %q", nu.ParentID, nu.Name)})
			}
		}
		if len(errs) > 0 {
			return &ValidationError{Subject: "Khởi tạo sổ đăng ký", Errors: errs}
		}
		for _, nu := range units {
			u := Unit{ID: byCode[nu.Code], VersionID: r.ids(), RecordedAt: tx.Now(), RecordedBy: by, Note: note}
			u.setAttrs(nu.Attrs)
			u.Name, u.ShortName = vntext.NFC(u.Name), vntext.NFC(u.ShortName)
			if pid, ok := byCode[nu.ParentID]; ok {
				u.ParentID = pid
			} else if nu.ParentID != "" {
				u.ParentID, _, _ = tx.ResolveRef(ctx, nu.ParentID)
			}
			if err := tx.InsertVersion(ctx, u); err != nil {
				return err
			}
		}
		return nil
	})
}
