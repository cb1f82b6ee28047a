package schemesheet

import (
	"fmt"
	"io"
	"strings"

	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
)

// Write writes a scheme as a workbook: its fields, its operations and their
// parts, then, when given, its check (impact and findings: res) and its
// tree difference and lineage (pv). Nothing is written to w if a sheet
// fails.
func Write(w io.Writer, sc scheme.Scheme, res *scheme.Result, pv *scheme.Preview) error {
	b, err := newBook()
	if err != nil {
		return err
	}
	defer b.f.Close()
	steps := []step{
		{SheetScheme, func(b *book) error { return writeScheme(b, &sc) }},
		{SheetOperations, func(b *book) error { return writeOperations(b, sc.Operations) }},
		{SheetNewUnits, func(b *book) error { return writeParts(b, &newUnitsTable, sc.Operations, newUnitRows) }},
		{SheetMoves, func(b *book) error { return writeParts(b, &movesTable, sc.Operations, moveRows) }},
		{SheetPlacements, func(b *book) error { return writeParts(b, &placementsTable, sc.Operations, placementRows) }},
		{SheetQuotas, func(b *book) error { return writeParts(b, &quotasTable, sc.Operations, quotaRows) }},
		{SheetFunctions, func(b *book) error { return writeParts(b, &functionsTable, sc.Operations, functionRows) }},
	}
	if res != nil {
		steps = append(steps, step{SheetImpact, func(b *book) error { return writeImpact(b, res.Impact) }},
			step{SheetFindings, func(b *book) error { return writeFindings(b, res.Findings) }})
	}
	if pv != nil {
		steps = append(steps, step{SheetTree, func(b *book) error { return writeTree(b, pv) }})
	}
	for _, s := range steps {
		if err := s.fn(b); err != nil {
			return fmt.Errorf("schemesheet: trang «%s»: %w", s.name, err)
		}
	}
	_, err = b.f.WriteTo(w)
	return err
}

// step writes one sheet.
type step struct {
	name string
	fn   func(*book) error
}

func writeScheme(b *book, sc *scheme.Scheme) error {
	s, err := b.sheet(SheetScheme, []float64{28, 90}, 1)
	if err != nil {
		return err
	}
	s.head("Thông tin", "Nội dung")
	s.line(lblCode, text(sc.Code))
	s.line(lblName, s.wrap(sc.Name))
	s.line(lblLegalBasis, s.wrap(sc.LegalBasis))
	s.line(lblBaseDate, s.date(sc.BaseDate))
	s.line(lblEffective, s.date(sc.EffectiveDate))
	s.line(lblStatus, text(sc.Status.Label()))
	if d := sc.Decision; d != nil {
		s.line(lblDecision, text(d.Number))
		s.line(lblIssuer, text(d.Issuer))
		s.line(lblSigned, s.date(d.SignedDate))
	}
	if sc.Version > 0 {
		s.line(lblVersion, sc.Version)
	}
	return s.close()
}

func writeOperations(b *book, ops []org.Operation) error {
	s, err := b.sheet(SheetOperations, opsTable.widths(), 1)
	if err != nil {
		return err
	}
	s.head(opsTable.headers()...)
	for i, op := range ops {
		var outs []string
		for _, o := range op.Outputs {
			switch {
			case o.New != nil && o.New.Code != "":
				outs = append(outs, o.New.Code)
			case o.New == nil:
				outs = append(outs, o.Ref)
			}
			// A new unit without a code is on the sheet «Đơn vị mới» only;
			// Read puts it after the outputs this cell names.
		}
		s.line(i+1, op.Kind.Label(), s.date(op.EffectiveDate), text(strings.Join(op.Inputs, listSep)),
			text(strings.Join(outs, listSep)), text(op.NewParent), text(op.NewName), text(op.NewShortName),
			s.wrap(op.Summary), text(op.DecisionID))
	}
	return s.close()
}

// writeParts writes one sheet of operations' parts: rows gives the cells
// after the operation's number.
func writeParts(b *book, t *table, ops []org.Operation, rows func(*sheet, org.Operation) [][]any) error {
	s, err := b.sheet(t.Name, t.widths(), 1)
	if err != nil {
		return err
	}
	s.head(t.headers()...)
	for i, op := range ops {
		for _, r := range rows(s, op) {
			s.line(append([]any{i + 1}, r...)...)
		}
	}
	return s.close()
}

func newUnitRows(_ *sheet, op org.Operation) [][]any {
	var out [][]any
	for _, o := range op.Outputs {
		if u := o.New; u != nil {
			out = append(out, []any{text(u.Code), text(u.Name), text(u.ShortName), text(u.Kind),
				text(org.LevelLabel(u.Level)), text(org.PillarLabel(u.Pillar)), text(u.ParentID), text(u.AreaCode)})
		}
	}
	return out
}

func moveRows(_ *sheet, op org.Operation) [][]any {
	var out [][]any
	for _, m := range op.Moves {
		out = append(out, []any{text(m.Unit), text(m.To), text(org.LevelLabel(m.Level))})
	}
	return out
}

func placementRows(_ *sheet, op org.Operation) [][]any {
	var out [][]any
	for _, p := range op.Placements {
		post := ""
		if p.Post != "" {
			post = staff.Post(p.Post).Label()
		}
		policy := ""
		if p.Policy != "" {
			policy = policyLabel(p.Policy)
		}
		out = append(out, []any{text(p.Person), text(p.To), text(post), text(p.Title), flag(p.Surplus), flag(p.Leave), text(policy)})
	}
	return out
}

func quotaRows(s *sheet, op org.Operation) [][]any {
	var out [][]any
	for _, q := range op.QuotaShares {
		out = append(out, []any{text(q.To), text(staff.Category(q.Category).Label()), s.count(q.Count)})
	}
	return out
}

func functionRows(_ *sheet, op org.Operation) [][]any {
	var out [][]any
	for _, f := range op.FunctionShares {
		role := ""
		if f.Role != "" {
			role = function.Role(f.Role).Label()
		}
		out = append(out, []any{text(f.Function), text(f.To), text(role)})
	}
	return out
}
