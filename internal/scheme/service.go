package scheme

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/pay"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

// Service is a province's schemes over its register and staffing.
type Service struct {
	store     Store
	reg       *org.Register
	units     org.Reader
	staff     *staff.Service
	functions *function.Service
	pay       *pay.Table
	ids       org.IDs

	mu   sync.Mutex
	base *base
}

// NewService returns the schemes of a province.
func NewService(s Store, reg *org.Register, units org.Reader, st *staff.Service, fns *function.Service, ids org.IDs) (*Service, error) {
	p, err := pay.Load()
	if err != nil {
		return nil, err
	}
	return &Service{store: s, reg: reg, units: units, staff: st, functions: fns, pay: p, ids: ids}, nil
}

// Get returns a scheme by id or code.
func (s *Service) Get(ctx context.Context, ref string) (Scheme, error) {
	return s.store.Scheme(ctx, ref)
}

// List lists schemes.
func (s *Service) List(ctx context.Context, f Filter) ([]Scheme, int, error) {
	return s.store.ListSchemes(ctx, f)
}

func clean(sc *Scheme) {
	sc.Name, sc.Code, sc.LegalBasis = vntext.NFC(strings.TrimSpace(sc.Name)), strings.TrimSpace(sc.Code), vntext.NFC(strings.TrimSpace(sc.LegalBasis))
}

// Create records a new draft.
func (s *Service) Create(ctx context.Context, sc Scheme, by string) (Scheme, error) {
	clean(&sc)
	if errs := sc.Validate(); len(errs) > 0 {
		return Scheme{}, &org.ValidationError{Subject: "Đề án", Errors: errs}
	}
	err := s.store.WriteSchemes(ctx, func(tx Tx) error {
		if err := codeFree(ctx, tx, sc.Code, ""); err != nil {
			return err
		}
		now := tx.Now()
		sc.ID, sc.Status, sc.Version = s.ids(), Draft, 1
		sc.CreatedAt, sc.CreatedBy, sc.UpdatedAt, sc.UpdatedBy = now, by, now, by
		sc.Decision, sc.Stamps, sc.Applied = nil, nil, nil
		sc.Events = []Event{{To: Draft, At: now, By: by, Note: "tạo dự thảo"}}
		sc.Normalize()
		return tx.SaveScheme(ctx, sc, 0)
	})
	if err != nil {
		return Scheme{}, err
	}
	return sc, nil
}

// codeFree refuses a code another scheme than self already has.
func codeFree(ctx context.Context, tx Tx, code, self string) error {
	if code == "" {
		return nil
	}
	other, err := tx.SchemeForUpdate(ctx, code)
	switch {
	case errors.Is(err, org.ErrNotFound):
		return nil
	case err != nil:
		return err
	case other.ID != self:
		return &org.ValidationError{Subject: "Đề án", Errors: []org.FieldError{{Field: "code", Detail: fmt.Sprintf("mã đề án «%s» đã có", code)}}}
	}
	return nil
}

// Update replaces a draft's content; version is the one the edit is based on.
func (s *Service) Update(ctx context.Context, ref string, in Scheme, version int, by string) (Scheme, error) {
	clean(&in)
	if errs := in.Validate(); len(errs) > 0 {
		return Scheme{}, &org.ValidationError{Subject: "Đề án", Errors: errs}
	}
	var out Scheme
	err := s.store.WriteSchemes(ctx, func(tx Tx) error {
		sc, err := tx.SchemeForUpdate(ctx, ref)
		if err != nil {
			return err
		}
		if sc.Version != version {
			return fmt.Errorf("đề án đang ở phiên bản %d, bản sửa dựa trên phiên bản %d: %w", sc.Version, version, org.ErrStale)
		}
		if sc.Status != Draft {
			return &org.ValidationError{Subject: "Đề án", Errors: []org.FieldError{{Field: "status",
				Detail: fmt.Sprintf("chỉ sửa được đề án ở trạng thái «dự thảo»; đề án đang «%s»", sc.Status.Label())}}}
		}
		if err := codeFree(ctx, tx, in.Code, sc.ID); err != nil {
			return err
		}
		sc.Code, sc.Name, sc.LegalBasis, sc.BaseDate, sc.EffectiveDate, sc.Operations = in.Code, in.Name, in.LegalBasis, in.BaseDate, in.EffectiveDate, in.Operations
		sc.Version++
		sc.UpdatedAt, sc.UpdatedBy = tx.Now(), by
		sc.Normalize()
		out = sc
		return tx.SaveScheme(ctx, sc, version)
	})
	return out, err
}

// Change is a request to change a scheme's status.
type Change struct {
	Action Action
	// Version is the version the request is based on; 0 skips the check.
	Version int
	Note    string
	// Decision approves the scheme (approve only).
	Decision *org.Decision
}

// Transition changes a scheme's status. Approval runs the check and is
// refused while it finds an error; applying records the operations.
func (s *Service) Transition(ctx context.Context, ref string, c Change, by string) (Scheme, error) {
	if c.Action == Apply {
		return s.Apply(ctx, ref, c.Version, by)
	}
	sc, err := s.store.Scheme(ctx, ref)
	if err != nil {
		return Scheme{}, err
	}
	subject := fmt.Sprintf("Đề án «%s»", sc.Name)
	to, err := Next(sc.Status, c.Action)
	if err != nil {
		return Scheme{}, &org.ValidationError{Subject: subject, Errors: []org.FieldError{{Field: "action", Detail: err.Error()}}}
	}
	var stamps []Stamp
	switch c.Action {
	case Reject:
		if strings.TrimSpace(c.Note) == "" {
			return Scheme{}, &org.ValidationError{Subject: subject, Errors: []org.FieldError{{Field: "note", Detail: "cần ghi lý do không phê duyệt"}}}
		}
	case Approve:
		if err := checkApproval(c.Decision); err != nil {
			return Scheme{}, &org.ValidationError{Subject: subject, Errors: err}
		}
		res, err := s.Check(ctx, &sc)
		if err != nil {
			return Scheme{}, err
		}
		if errs := res.Errors(); len(errs) > 0 {
			return Scheme{}, &org.ValidationError{Subject: subject + " chưa phê duyệt được", Errors: errs}
		}
		if stamps, err = s.stamps(ctx, &sc); err != nil {
			return Scheme{}, err
		}
	}
	var out Scheme
	err = s.store.WriteSchemes(ctx, func(tx Tx) error {
		cur, err := tx.SchemeForUpdate(ctx, ref)
		if err != nil {
			return err
		}
		if cur.Version != sc.Version || (c.Version != 0 && c.Version != cur.Version) {
			return fmt.Errorf("đề án đã được sửa (phiên bản %d): %w", cur.Version, org.ErrStale)
		}
		now := tx.Now()
		cur.Events = append(cur.Events, Event{From: cur.Status, To: to, At: now, By: by, Note: strings.TrimSpace(c.Note)})
		cur.Status = to
		if c.Action == Approve {
			d := *c.Decision
			cur.Decision, cur.Stamps = &d, stamps
		}
		if to == Draft {
			cur.Decision, cur.Stamps = nil, nil
		}
		cur.Version++
		cur.UpdatedAt, cur.UpdatedBy = now, by
		out = cur
		return tx.SaveScheme(ctx, cur, sc.Version)
	})
	return out, err
}

func checkApproval(d *org.Decision) []org.FieldError {
	if d == nil {
		return []org.FieldError{{Field: "decision", Detail: "cần quyết định phê duyệt đề án (số hiệu, cơ quan ban hành, ngày ký)"}}
	}
	var errs []org.FieldError
	if strings.TrimSpace(d.Number) == "" {
		errs = append(errs, org.FieldError{Field: "decision.number", Detail: "thiếu số hiệu quyết định phê duyệt"})
	}
	if strings.TrimSpace(d.Issuer) == "" {
		errs = append(errs, org.FieldError{Field: "decision.issuer", Detail: "thiếu cơ quan ban hành quyết định phê duyệt"})
	}
	return errs
}

// stamps digests the believed versions of every unit the scheme names.
func (s *Service) stamps(ctx context.Context, sc *Scheme) ([]Stamp, error) {
	ids, err := s.resolve(ctx, sc.Refs())
	if err != nil {
		return nil, err
	}
	vs, err := s.units.Versions(ctx, ids, time.Time{})
	if err != nil {
		return nil, err
	}
	return digest(ids, vs), nil
}

// resolve maps references to unit ids, leaving out those the register does
// not know (the simulation reports them).
func (s *Service) resolve(ctx context.Context, refs []string) ([]string, error) {
	var ids []string
	for _, r := range refs {
		id, ok, err := s.units.ResolveRef(ctx, r)
		if err != nil {
			return nil, err
		}
		if ok && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// digest stamps each unit with a hash of its believed version ids.
func digest(ids []string, vs []org.Unit) []Stamp {
	rows := map[string][]string{}
	for _, v := range vs {
		rows[v.ID] = append(rows[v.ID], v.VersionID)
	}
	out := make([]Stamp, 0, len(ids))
	for _, id := range ids {
		r := rows[id]
		slices.Sort(r)
		h := sha256.Sum256([]byte(strings.Join(r, "\n")))
		out = append(out, Stamp{UnitID: id, Digest: hex.EncodeToString(h[:12])})
	}
	return out
}

// Apply records an approved scheme's operations in one transaction of the
// register and marks it applied. A scheme whose units changed since its
// approval is refused, naming them: it must be checked and approved again.
func (s *Service) Apply(ctx context.Context, ref string, version int, by string) (Scheme, error) {
	// The check and impact are kept with the scheme as computed just before.
	cur, err := s.store.Scheme(ctx, ref)
	if err != nil {
		return Scheme{}, err
	}
	var checked *Result
	var previewed *Preview
	if cur.Status == Approved {
		if checked, previewed, err = s.CheckAndPreview(ctx, &cur); err != nil {
			return Scheme{}, err
		}
	}
	var out Scheme
	err = s.reg.Write(ctx, func(otx org.Tx) error {
		tx, ok := otx.(Tx)
		if !ok {
			return fmt.Errorf("scheme: the register's transaction keeps no schemes")
		}
		sc, err := tx.SchemeForUpdate(ctx, ref)
		if err != nil {
			return err
		}
		subject := fmt.Sprintf("Đề án «%s»", sc.Name)
		if version != 0 && version != sc.Version {
			return fmt.Errorf("đề án đang ở phiên bản %d, yêu cầu dựa trên phiên bản %d: %w", sc.Version, version, org.ErrStale)
		}
		if _, err := Next(sc.Status, Apply); err != nil {
			return &org.ValidationError{Subject: subject, Errors: []org.FieldError{{Field: "status", Detail: err.Error()}}}
		}
		if errs, err := s.stale(ctx, otx, &sc); err != nil {
			return err
		} else if len(errs) > 0 {
			return &org.ValidationError{Subject: subject + " không còn khớp với sổ đăng ký", Errors: errs}
		}
		d := *sc.Decision
		d.ID, d.RecordedAt, d.RecordedBy = s.ids(), tx.Now(), by
		if d.EffectiveDate.IsZero() {
			d.EffectiveDate = sc.EffectiveDate
		}
		if err := otx.InsertDecision(ctx, d); err != nil {
			return fmt.Errorf("record the approving decision: %w", err)
		}
		var applied []string
		for i, op := range sc.operations(d.ID) {
			rec, err := s.reg.ApplyIn(ctx, otx, op, by)
			if v, ok := org.AsValidation(err); ok {
				errs := make([]org.FieldError, len(v.Errors))
				for j, e := range v.Errors {
					errs[j] = org.FieldError{Field: fmt.Sprintf("operations[%d].%s", i, e.Field), Detail: fmt.Sprintf("thao tác %d: %s", i+1, e.Detail)}
				}
				return &org.ValidationError{Subject: subject, Errors: errs}
			}
			if err != nil {
				return err
			}
			applied = append(applied, rec.ID)
		}
		now := tx.Now()
		prev := sc.Version
		sc.Events = append(sc.Events, Event{From: sc.Status, To: Applied, At: now, By: by})
		sc.Status, sc.Applied, sc.Checked, sc.Previewed = Applied, applied, checked, previewed
		sc.Version++
		sc.UpdatedAt, sc.UpdatedBy = now, by
		out = sc
		return tx.SaveScheme(ctx, sc, prev)
	})
	return out, err
}

// CheckAndPreview is Check and Preview from one simulation, for the
// workbook and for applying, which need both.
func (s *Service) CheckAndPreview(ctx context.Context, sc *Scheme) (*Result, *Preview, error) {
	if sc.Status == Applied {
		res, err := s.Check(ctx, sc)
		if err != nil {
			return nil, nil, err
		}
		pv, err := s.Preview(ctx, sc)
		return res, pv, err
	}
	sim, err := s.Simulate(ctx, sc)
	if err != nil {
		return nil, nil, err
	}
	res, err := s.checkSim(ctx, sc, sim)
	if err != nil {
		return nil, nil, err
	}
	pv, err := s.previewSim(ctx, sc, sim)
	return res, pv, err
}

// stale lists the units that changed since the scheme was approved.
func (s *Service) stale(ctx context.Context, tx org.Tx, sc *Scheme) ([]org.FieldError, error) {
	ids := make([]string, len(sc.Stamps))
	for i, st := range sc.Stamps {
		ids[i] = st.UnitID
	}
	vs, err := tx.Versions(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := digest(ids, vs)
	var errs []org.FieldError
	for i, st := range sc.Stamps {
		if now[i].Digest == st.Digest {
			continue
		}
		name := st.UnitID
		for _, v := range vs {
			if v.ID == st.UnitID {
				name = fmt.Sprintf("«%s»", v.Name)
			}
		}
		errs = append(errs, org.FieldError{Field: "stamps", Detail: fmt.Sprintf(
			"đơn vị %s đã thay đổi trong sổ đăng ký sau khi đề án được phê duyệt: cần trả lại dự thảo, kiểm tra và phê duyệt lại", name)})
	}
	return errs, nil
}
