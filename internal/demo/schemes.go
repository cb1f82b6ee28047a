package demo

import (
	"context"
	"fmt"
	"slices"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
)

// The demo's schemes, from the province's plan (seed 002 lists its
// schemes): the 2025 merger of departments, applied through a scheme; the
// merger of the radio and television station into the newspaper, approved
// and left for the user to apply; and a draft for the Front and the mass
// associations whose check finds a function with two lead units.
var (
	// departmentOps are the skeleton operations of the 2025 departments scheme.
	departmentOps = []string{"op-07", "op-08", "op-09", "op-10", "op-11", "op-12"}
	// pressOps are those of the press scheme, which the demo does not apply.
	pressOps = []string{"op-21", "op-x06"}
)

// Approving decisions whose numbers the demo does not know: named as such,
// never invented (as the demo's other decisions).
var (
	departmentsApproval = org.Decision{Number: "Nghị quyết của HĐND tỉnh về thành lập, tổ chức lại các cơ quan chuyên môn thuộc UBND tỉnh (số chưa ghi nhận)",
		Issuer: "Hội đồng nhân dân tỉnh Lai Châu", SignedDate: civil.MustParse("2025-02-28")}
	frontLegalBasis = "Nghị quyết số 60-NQ/TW ngày 12/4/2025; Kết luận số 121-KL/TW ngày 24/01/2025"
)

// applyDepartments records the 2025 departments scheme and applies it: its
// operations enter the register through the scheme, in one transaction.
func (p Plan) applyDepartments(ctx context.Context, env loadEnv, group []step) error {
	sc := scheme.Scheme{Code: "da-so-2025", Name: "Đề án sắp xếp các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh năm 2025",
		LegalBasis: "Nghị định số 45/2025/NĐ-CP ngày 28/02/2025; Kết luận số 121-KL/TW ngày 24/01/2025", EffectiveDate: group[0].op.EffectiveDate}
	for _, s := range group {
		sc.Operations = append(sc.Operations, s.op)
	}
	d := departmentsApproval
	return env.through(ctx, sc, &d, true)
}

// pressScheme is the approved, not applied, merger of the press bodies.
func (p Plan) pressScheme(ctx context.Context, env loadEnv, group []step) error {
	if len(group) == 0 {
		return nil
	}
	sc := scheme.Scheme{Code: "da-bao-pttt", Name: "Đề án sáp nhập Đài Phát thanh - Truyền hình tỉnh vào Báo Lai Châu thuộc Tỉnh ủy",
		LegalBasis: "Kết luận số 121-KL/TW ngày 24/01/2025; Quy định số 373-QĐ/TW của Ban Bí thư", EffectiveDate: group[0].op.EffectiveDate}
	for _, s := range group {
		// The rename is of the merged body, which the scheme itself makes.
		if s.op.Kind != org.OpRename {
			if err := p.placements(ctx, env.reg, env.st.Store(), &s.op, env.communes, env.ps); err != nil {
				return err
			}
		}
		sc.Operations = append(sc.Operations, s.op)
	}
	d := p.Decisions["baodai"]
	return env.through(ctx, sc, &d, false)
}

// frontDraft is a draft for the Front and the mass associations: two
// associations join the Front's agency, and a social-security board is
// spun off from it and given the lead of poverty reduction, which a
// department already leads — the overlap its check finds.
func (p Plan) frontDraft(ctx context.Context, env loadEnv) error {
	eff := civil.MustParse("2027-01-01")
	front, err := env.reg.Get(ctx, "mt.tinh", org.Moment{AsOf: eff.AddDays(-1)})
	if err != nil {
		return err
	}
	board, err := env.reg.Get(ctx, "mt2.ban.01", org.Moment{AsOf: eff.AddDays(-1)})
	if err != nil {
		return err
	}
	ops := []org.Operation{
		{Kind: org.OpAbsorb, Inputs: []string{"mt.hoi.huunghi"}, Outputs: []org.Output{{Ref: "mt.tinh"}},
			Summary: "Liên hiệp các tổ chức hữu nghị tỉnh hợp nhất vào cơ quan Ủy ban MTTQ tỉnh"},
		{Kind: org.OpAbsorb, Inputs: []string{"mt.hoi.lhh"}, Outputs: []org.Output{{Ref: "mt.tinh"}},
			Summary: "Liên hiệp các hội Khoa học và Kỹ thuật tỉnh hợp nhất vào cơ quan Ủy ban MTTQ tỉnh"},
	}
	for i := range ops {
		ops[i].EffectiveDate = eff
		if err := p.placements(ctx, env.reg, env.st.Store(), &ops[i], env.communes, env.ps); err != nil {
			return err
		}
	}
	spin := org.Operation{Kind: org.OpSpinOff, EffectiveDate: eff, Inputs: []string{"mt.tinh"},
		Summary: "Tách Ban An sinh xã hội khỏi cơ quan Ủy ban MTTQ tỉnh, chủ trì công tác giảm nghèo",
		Outputs: []org.Output{{New: &org.NewUnit{Attrs: org.Attrs{Code: "mt2.ban.ansinh", Name: "Ban An sinh xã hội",
			Kind: board.Kind, Pillar: board.Pillar, Level: board.Level, ParentID: front.ID, AreaCode: board.AreaCode}}}},
		FunctionShares: []org.FunctionShare{{Function: "ld.giamngheo", To: "mt2.ban.ansinh", Role: "lead"}}}
	// Three of the Front's staff move to the new board, the first as its head.
	as, err := env.st.Store().AssignmentsIn(ctx, front.ID, org.Moment{AsOf: eff.AddDays(-1)})
	if err != nil {
		return err
	}
	for _, a := range as {
		if len(spin.Placements) == 3 {
			break
		}
		if a.Primary && a.Post == staff.Staff {
			post := string(staff.Staff)
			if len(spin.Placements) == 0 {
				post = string(staff.Head)
			}
			spin.Placements = append(spin.Placements, org.Placement{Person: a.PersonID, To: "mt2.ban.ansinh", Post: post})
		}
	}
	sc := scheme.Scheme{Code: "da-mttq-2027", Name: "Đề án sắp xếp các hội quần chúng và tổ chức bộ máy cơ quan Ủy ban MTTQ tỉnh (dự thảo)",
		LegalBasis: frontLegalBasis, EffectiveDate: eff, Operations: append(ops, spin)}
	_, err = env.schemes.Create(ctx, sc, env.by)
	return err
}

// through takes a scheme from draft to approved, and applies it when apply says so.
func (e loadEnv) through(ctx context.Context, sc scheme.Scheme, approval *org.Decision, apply bool) error {
	made, err := e.schemes.Create(ctx, sc, e.by)
	if err != nil {
		return fmt.Errorf("scheme %s: %w", sc.Code, err)
	}
	changes := []scheme.Change{{Action: scheme.Submit}, {Action: scheme.Approve, Decision: approval}}
	if apply {
		changes = append(changes, scheme.Change{Action: scheme.Apply})
	}
	for _, c := range changes {
		if _, err := e.schemes.Transition(ctx, made.ID, c, e.by); err != nil {
			return fmt.Errorf("scheme %s: %s: %w", sc.Code, c.Action, err)
		}
	}
	return nil
}

// loadEnv is what loading the demo's schemes works with.
type loadEnv struct {
	reg      *org.Register
	st       *staff.Service
	schemes  *scheme.Service
	by       string
	communes []string
	ps       *placeState
}

func inGroup(s step, srcs []string) bool { return slices.Contains(srcs, s.src) }
