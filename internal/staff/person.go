// Package staff holds the people of the political system, their
// assignments to units, the staff quotas (biên chế) of units, and the rules
// the province checks about them, all on the register's two time axes. It
// knows nothing of HTTP or SQL; storage is behind Store.
package staff

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"tinhgon/internal/civil"
)

// Category is the legal category of a person (cán bộ, công chức…), which
// decides the quota they count against and the policies they may receive.
type Category string

// The categories.
const (
	CanBo            Category = "can_bo"             // cán bộ
	CongChuc         Category = "cong_chuc"          // công chức
	VienChuc         Category = "vien_chuc"          // viên chức
	NguoiLaoDong     Category = "nguoi_lao_dong"     // người lao động
	KhongChuyenTrach Category = "khong_chuyen_trach" // người hoạt động không chuyên trách
)

// Categories lists the categories with their Vietnamese names, in report order.
var Categories = [nCategories]Labelled[Category]{
	{CanBo, "cán bộ"}, {CongChuc, "công chức"}, {VienChuc, "viên chức"},
	{NguoiLaoDong, "người lao động"}, {KhongChuyenTrach, "người hoạt động không chuyên trách"},
}

// Sex is a person's sex, which the retirement roadmap depends on.
type Sex string

// The sexes.
const (
	Male   Sex = "nam"
	Female Sex = "nu"
)

// Sexes lists the sexes with their Vietnamese names.
var Sexes = []Labelled[Sex]{{Male, "nam"}, {Female, "nữ"}}

// Labelled pairs a code with its Vietnamese name.
type Labelled[T ~string] struct {
	Code  T
	Label string
}

// labelOf finds the Vietnamese name of a code in a list.
func labelOf[T ~string](list []Labelled[T], c T) string {
	for _, l := range list {
		if l.Code == c {
			return l.Label
		}
	}
	return string(c)
}

// parseCode accepts a code or its Vietnamese name (as typed in Excel).
func parseCode[T ~string](list []Labelled[T], s string) (T, bool) {
	s = strings.TrimSpace(s)
	for _, l := range list {
		if string(l.Code) == s || strings.EqualFold(l.Label, s) {
			return l.Code, true
		}
	}
	return "", false
}

// Label is the Vietnamese name of the category.
func (c Category) Label() string { return labelOf(Categories[:], c) }

// Label is the Vietnamese name of the sex.
func (s Sex) Label() string { return labelOf(Sexes, s) }

// ParseCategory reads a category from its code or Vietnamese name.
func ParseCategory(s string) (Category, bool) { return parseCode(Categories[:], s) }

// ParseSex reads a sex from its code or Vietnamese name.
func ParseSex(s string) (Sex, bool) { return parseCode(Sexes, s) }

// Coef is a salary or allowance coefficient (hệ số) in hundredths: 4.98 is
// 498. Kept as an integer so that sums and policies never drift.
type Coef int64

// ParseCoef reads "4,98" or "4.98".
func ParseCoef(s string) (Coef, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" {
		return 0, nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, fmt.Errorf("hệ số %q có quá hai chữ số thập phân", s)
	}
	frac += strings.Repeat("0", 2-len(frac))
	w, err1 := strconv.ParseUint(whole, 10, 32)
	f, err2 := strconv.ParseUint(frac, 10, 8)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("hệ số %q không phải số", s)
	}
	return Coef(w*100 + f), nil
}

// String writes the coefficient with two decimals.
func (c Coef) String() string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// MarshalJSON writes a JSON number with two decimals.
func (c Coef) MarshalJSON() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalJSON reads a JSON number or string.
func (c *Coef) UnmarshalJSON(b []byte) error {
	v, err := ParseCoef(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Allowance is an allowance other than the position allowance.
type Allowance struct {
	Kind string `json:"kind"` // e.g. "thâm niên vượt khung", "công vụ", "khu vực"
	// Coef is set for allowances paid as a coefficient of the base salary;
	// Percent for those paid as a share of the salary.
	Coef    Coef `json:"coef,omitempty"`
	Percent int  `json:"percent,omitempty"`
}

// Person is one version of a person's record: what the register believes
// about them over [ValidFrom, ValidTo), recorded at RecordedAt.
type Person struct {
	ID        string `json:"id"`
	VersionID string `json:"version_id"`
	// Code is the province's staff code (mã cán bộ), unique in the province;
	// imports refer to people by it.
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	Sex       Sex        `json:"sex"`
	BirthDate civil.Date `json:"birth_date"`
	// Hometown is the code of the administrative area of origin (quê quán).
	Hometown string   `json:"hometown"`
	Category Category `json:"category"`
	// Grade is the code of the civil-service grade (ngạch) or the public
	// employee's professional title (chức danh nghề nghiệp).
	Grade             string      `json:"grade"`
	SalaryStep        int         `json:"salary_step"`
	Coefficient       Coef        `json:"coefficient"`
	PositionAllowance Coef        `json:"position_allowance"`
	Allowances        []Allowance `json:"allowances"`
	// InsuranceFrom is the start of compulsory social insurance.
	InsuranceFrom   civil.Date `json:"insurance_from"`
	PartyMember     bool       `json:"party_member"`
	PartyJoined     civil.Date `json:"party_joined"`
	Education       string     `json:"education"`        // trình độ chuyên môn
	PoliticalTheory string     `json:"political_theory"` // lý luận chính trị
	// Sensitive holds the sensitive personal data (Decree 13/2023/NĐ-CP).
	Sensitive Sensitive `json:"sensitive"`

	ValidFrom   civil.Date `json:"valid_from"`
	ValidTo     civil.Date `json:"valid_to"`
	RecordedAt  time.Time  `json:"recorded_at"`
	RecordedBy  string     `json:"recorded_by"`
	RetractedAt *time.Time `json:"retracted_at,omitempty"`
}

// Sensitive is the part of a person's record that is sensitive personal
// data (Decree 13/2023/NĐ-CP): stored in its own table, so that reading it
// can be granted apart from the rest of the record.
type Sensitive struct {
	NationalID string `json:"national_id" sensitive:"true"`
	Ethnicity  string `json:"ethnicity" sensitive:"true"`
	Religion   string `json:"religion" sensitive:"true"`
	Health     string `json:"health" sensitive:"true"`
}

// SensitiveFields names the JSON fields of a person that are sensitive.
var SensitiveFields = []string{"sensitive.national_id", "sensitive.ethnicity", "sensitive.religion", "sensitive.health"}

// ValidAt reports whether the version covers day d.
func (p Person) ValidAt(d civil.Date) bool { return covers(p.ValidFrom, p.ValidTo, d) }

func covers(from, to, d civil.Date) bool {
	return (from.IsZero() || !from.After(d)) && (to.IsZero() || to.After(d))
}
