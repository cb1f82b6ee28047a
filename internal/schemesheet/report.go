package schemesheet

import (
	"fmt"

	"tinhgon/internal/civil"
	"tinhgon/internal/scheme"
)

// The sheets of this file are for reading: the impact, the findings and
// the tree difference as a province prints them for its report upward.

// writeImpact lays the impact out as tables one under the other, each with
// its title and header, so that the sheet prints as a report.
func writeImpact(b *book, im *scheme.Impact) error {
	s, err := b.sheet(SheetImpact, []float64{46, 16, 26, 30, 12, 12, 10, 12, 50}, 0)
	if err != nil {
		return err
	}
	s.title("Tác động của đề án")
	if im == nil {
		s.line("Chưa tính được tác động của đề án.")
		return s.close()
	}
	how := "theo mô phỏng"
	if !im.Simulated {
		how = "theo sổ đăng ký sau khi thực hiện"
	}
	s.line(fmt.Sprintf("Trước: số liệu ngày %s; sau: ngày %s (%s).", im.BaseDate.VN(), im.EffectiveDate.VN(), how))
	s.line()
	figures(s, "Tổng hợp", "Chỉ tiêu", []group{
		{"Số đầu mối", im.Units}, {"Biên chế có mặt", im.Headcount}, {"Hưởng lương ngân sách", im.BudgetPaid},
		{"Biên chế được giao", im.Quota}, {"Cấp trưởng", im.Heads}, {"Cấp phó", im.Deputies},
		{"Cấp phó vượt quy định", im.SurplusDeputies},
		// As the scheme's comparison shows it: nobody leaves before it.
		{"Người thôi công tác", scheme.Figure{After: im.Leaving, Change: im.Leaving}},
	})
	figures(s, "Số đầu mối theo loại hình", "Loại hình", groups(im.ByKind))
	figures(s, "Số đầu mối theo cấp", "Cấp", groups(im.ByLevel))
	figures(s, "Số đầu mối theo khối", "Khối", groups(im.ByPillar))
	salary(s, im.SalaryFund, im.EffectiveDate)
	s.title(fmt.Sprintf("Người thôi công tác (%d người)", len(im.Leavers)))
	s.head("Đơn vị", "Mã cán bộ", "Họ và tên", "Chính sách")
	for _, l := range im.Leavers {
		s.line(text(l.UnitName), text(l.PersonCode), text(l.PersonName), text(or(l.PolicyLabel, policyLabel(l.Policy))))
	}
	s.line()
	s.title("Chỉ tiêu sau đề án")
	s.head("Chỉ tiêu", "Mục tiêu (%)", "Số gốc", "Hiện nay", "Đạt (%)", "Cần đạt", "Đã đạt", "Thời hạn", "Căn cứ")
	for _, t := range im.TargetsAfter {
		met := "Chưa đạt"
		if t.Met {
			met = "Đạt"
		}
		s.line(s.wrap(t.Label), t.Percent, s.count(t.Base), s.count(t.Value), s.percent(t.Current), s.count(t.Goal), met,
			s.date(t.Deadline), s.wrap(t.Source))
	}
	return s.close()
}

// group is one line of a table of figures.
type group struct {
	label string
	f     scheme.Figure
}

func groups(gs []scheme.Group) []group {
	out := make([]group, len(gs))
	for i, g := range gs {
		out[i] = group{g.Label, g.Figure}
	}
	return out
}

// figures writes a titled table Chỉ tiêu | Trước | Sau | Tăng/giảm and a blank line.
func figures(s *sheet, title, first string, rows []group) {
	s.title(title)
	s.head(first, "Trước", "Sau", "Tăng/giảm")
	for _, r := range rows {
		s.line(r.label, s.count(r.f.Before), s.count(r.f.After), s.change(r.f.Change))
	}
	s.line()
}

// salary writes the yearly salary fund in đồng, with the base salary it
// is computed with.
func salary(s *sheet, m scheme.Money, day civil.Date) {
	s.title("Quỹ lương một năm (đồng)")
	if m.BaseSalary == "" {
		s.line(fmt.Sprintf("Chưa có mức lương cơ sở áp dụng ngày %s nên chưa tính được quỹ lương.", day.VN()))
		s.line()
		return
	}
	s.head("Chỉ tiêu", "Trước", "Sau", "Tăng/giảm")
	s.line("Quỹ lương một năm", s.money(m.Before, false), s.money(m.After, false), s.money(m.Change, true))
	s.line("Số người hưởng lương", s.count(m.PeopleBefore), s.count(m.PeopleAfter), s.change(m.PeopleAfter-m.PeopleBefore))
	s.line("Mức lương cơ sở (đồng/tháng)", s.money(m.BaseSalary, false))
	s.line("Căn cứ mức lương cơ sở", s.wrap(m.BaseSalarySource))
	s.line()
}

func writeFindings(b *book, fs []scheme.Finding) error {
	s, err := b.sheet(SheetFindings, []float64{10, 30, 70, 34, 28, 44, 12}, 1)
	if err != nil {
		return err
	}
	s.head("Mức độ", "Quy tắc", "Nội dung", "Đơn vị", "Người", "Căn cứ", "Hạn")
	for _, f := range fs {
		level := "Cảnh báo"
		if f.Severity == scheme.Error {
			level = "Lỗi"
		}
		person := f.PersonName
		if f.PersonCode != "" {
			person += " (" + f.PersonCode + ")"
		}
		var deadline any = text(f.Deadline)
		if d, err := civil.Parse(f.Deadline); err == nil {
			deadline = s.date(d)
		}
		s.line(level, s.wrap(or(f.Title, f.Rule)), s.wrap(f.Message), s.wrap(f.UnitName), text(person), s.wrap(f.Source), deadline)
	}
	return s.close()
}

// changeLabels name the kinds of a tree change.
var changeLabels = map[string]string{"added": "Thêm", "removed": "Bỏ", "changed": "Đổi"}

func writeTree(b *book, pv *scheme.Preview) error {
	s, err := b.sheet(SheetTree, []float64{10, 24, 40, 40, 34, 34}, 0)
	if err != nil {
		return err
	}
	d := pv.Diff
	s.title("Thay đổi của sơ đồ tổ chức")
	s.line(fmt.Sprintf("Từ ngày %s đến ngày %s: thêm %d, bỏ %d, đổi %d đơn vị.", d.BaseDate.VN(), d.EffectiveDate.VN(), d.Added, d.Removed, d.Changed))
	s.head("Thay đổi", "Mã", "Tên trước", "Tên sau", "Trực thuộc trước", "Trực thuộc sau")
	for _, c := range d.Items {
		s.line(or(changeLabels[c.Change], c.Change), text(c.Code), text(c.NameBefore), text(c.NameAfter), text(c.ParentBefore), text(c.ParentAfter))
	}
	s.line()
	s.title("Quan hệ kế thừa")
	s.head("STT thao tác", "Loại thao tác", "Từ đơn vị", "Đến đơn vị", "Ngày")
	for _, l := range pv.Lineage {
		var op any
		if l.Operation >= 0 {
			op = l.Operation + 1
		}
		label := or(l.KindLabel, l.Kind.Label())
		s.line(op, text(label), text(or(l.FromName, l.FromID)), text(or(l.ToName, l.ToID)), s.date(l.Date))
	}
	return s.close()
}

// or is s, or else when s is empty.
func or(s, orElse string) string {
	if s == "" {
		return orElse
	}
	return s
}
