// Package areas holds Vietnam's administrative units before and after the
// reorganisation of 1 July 2025, embedded in the binary: the 63 provinces,
// 696 districts and 10,035 communes of the old three-tier system, the 34
// provinces and 3,321 communes of the new two-tier system, and the mapping
// from each old commune to the new communes it went into. The codes are
// the GSO/NSO codes as of 2025-07-01 (see data/README.md).
//
// Codes are strings with their leading zeros. Their length says what they
// name: 2 digits a province, 3 a (pre-2025) district, 5 a commune. The same
// 2 or 5 digits can name units of both eras:
//
//   - Every 2025 province code is also the code of one of the old provinces
//     merged into it (Tuyên Quang "08" took in Hà Giang "02" and the old
//     Tuyên Quang "08"). Old provinces were merged whole, so a 2-digit code
//     always has a single 2025 province.
//   - 3,316 of the 3,321 2025 commune codes are also pre-2025 commune codes,
//     usually of a different, smaller commune: "00004" is Phường Ba Đình
//     now and was Phường Trúc Bạch before. In every case the old commune
//     with that code went, wholly or partly, into the new commune that
//     kept it. Lookup reads such a code as the 2025 commune; LookupPre2025,
//     Successors and CommunesPre2025 reach the old one.
//
// A Set is immutable once loaded and every method returns copies, so one
// Set (see Default) can be shared freely between goroutines.
package areas

import (
	"slices"
)

// Era tells which administrative map a unit belongs to.
type Era uint8

// The zero Era is no era, so that a zero Unit is not mistaken for a real one.
const (
	Pre2025  Era = iota + 1 // the three-tier map in force until 30 June 2025
	Post2025                // the two-tier map from 1 July 2025
)

// String names the era for display.
func (e Era) String() string {
	switch e {
	case Pre2025:
		return "trước 01/07/2025"
	case Post2025:
		return "từ 01/07/2025"
	}
	return "không rõ"
}

// Unit is a commune (either era) or a pre-2025 district.
type Unit struct {
	Code      string // 5 digits for a commune, 3 for a district
	Name      string // full name, e.g. "Phường Ba Đình"
	ShortName string // name without the type, e.g. "Ba Đình"
	// Type is "xã", "phường" or "đặc khu" for a 2025 commune; "xã",
	// "phường" or "thị trấn" for an old commune; "quận", "huyện", "thị xã",
	// "thành phố thuộc tỉnh" or "thành phố thuộc thành phố trực thuộc
	// trung ương" for a district.
	Type         string
	ProvinceCode string // the province of the unit's own era
	DistrictCode string // the district of a pre-2025 commune; empty otherwise
	AreaKm2      float64
	Population   int // 0 when unknown, as for 119 2025 communes
	Era          Era
}

// Province is a province or centrally governed city of either era.
type Province struct {
	Code      string
	Name      string // e.g. "Tỉnh Lào Cai"
	ShortName string // e.g. "Lào Cai"
	Type      string // "tỉnh" or "thành phố trực thuộc trung ương"
	// AreaKm2 and Population are known for 2025 provinces only.
	AreaKm2    float64
	Population int
	OldCodes   []string // for a 2025 province: the pre-2025 provinces merged into it
	NewCode    string   // for a pre-2025 province: the 2025 province it went into
}

// Set is the parsed data. Create it with Load or Default.
type Set struct {
	provinces2025, provincesPre          []Province
	communes2025, communesPre, districts []Unit

	// Code → index into the slices above.
	province2025, provincePre         map[string]int
	commune2025, communePre, district map[string]int

	// Province code → indexes of its units, in file order, so that
	// per-province listings do not scan the whole country.
	byProvince25, byProvincePr, distByProv map[string][]int32

	// succ maps an old commune (or an island district without communes) to
	// the new communes it went into; pred is the reverse. Both in file order.
	succ, pred map[string][]string
	// wholeInto maps an old district whose whole territory went into one
	// new commune to that commune.
	wholeInto map[string]string
}

// Provinces2025 returns the 34 provinces of the 2025 map, in file order.
func (s *Set) Provinces2025() []Province { return cloneProvinces(s.provinces2025) }

// ProvincesPre2025 returns the 63 provinces of the pre-2025 map, in file order.
func (s *Set) ProvincesPre2025() []Province { return cloneProvinces(s.provincesPre) }

func cloneProvinces(ps []Province) []Province {
	out := slices.Clone(ps)
	for i := range out {
		out[i].OldCodes = slices.Clone(out[i].OldCodes)
	}
	return out
}

// Communes2025 returns the communes (xã, phường, đặc khu) of the 2025
// province with the given code, or all 3,321 when province is "". An old
// province code that is not also a 2025 code gives nil.
func (s *Set) Communes2025(province string) []Unit {
	if province == "" {
		return slices.Clone(s.communes2025)
	}
	return pick(s.communes2025, s.byProvince25[province])
}

// CommunesPre2025 returns the communes (xã, phường, thị trấn) of the
// pre-2025 province with the given code, or all 10,035 when province is "".
func (s *Set) CommunesPre2025(province string) []Unit {
	if province == "" {
		return slices.Clone(s.communesPre)
	}
	return pick(s.communesPre, s.byProvincePr[province])
}

// Districts returns the districts of the pre-2025 province with the given
// code, or all 696 when province is "".
func (s *Set) Districts(province string) []Unit {
	if province == "" {
		return slices.Clone(s.districts)
	}
	return pick(s.districts, s.distByProv[province])
}

func pick(units []Unit, idx []int32) []Unit {
	if len(idx) == 0 {
		return nil
	}
	out := make([]Unit, len(idx))
	for i, j := range idx {
		out[i] = units[j]
	}
	return out
}

// Lookup finds a commune of either era (5 digits) or a pre-2025 district
// (3 digits). Provinces are not units here: see Provinces2025 and
// Province2025Of. When a code is both a 2025 commune and a pre-2025
// commune, the 2025 commune is returned, because that is the unit the code
// names today; use LookupPre2025 for the old one.
func (s *Set) Lookup(code string) (Unit, bool) {
	if i, ok := s.commune2025[code]; ok {
		return s.communes2025[i], true
	}
	return s.LookupPre2025(code)
}

// LookupPre2025 finds a pre-2025 commune (5 digits) or district (3 digits),
// even when a 2025 commune now has the same code.
func (s *Set) LookupPre2025(code string) (Unit, bool) {
	if i, ok := s.communePre[code]; ok {
		return s.communesPre[i], true
	}
	if i, ok := s.district[code]; ok {
		return s.districts[i], true
	}
	return Unit{}, false
}

// Successors returns the codes of the 2025 communes that the pre-2025
// commune oldCommune went into: one when it went in whole, several when it
// was divided. For the five island districts that had no communes
// (Bạch Long Vĩ 318, Cồn Cỏ 471, Hoàng Sa 498, Lý Sơn 536, Côn Đảo 755) the
// district code is accepted too and gives its đặc khu. Unknown codes give nil.
func (s *Set) Successors(oldCommune string) []string {
	return slices.Clone(s.succ[oldCommune])
}

// Predecessors returns the codes of the pre-2025 communes that went, wholly
// or partly, into the 2025 commune newCommune. For a đặc khu made from an
// island district without communes, that district's 3-digit code is
// returned. Unknown codes give nil.
func (s *Set) Predecessors(newCommune string) []string {
	return slices.Clone(s.pred[newCommune])
}

// Province2025Of returns the 2025 province of a code: a 2025 province
// (itself), a pre-2025 province (the one it was merged into), a pre-2025
// district, or a commune of either era. A 5-digit code shared by both eras
// has the same 2025 province either way, since the old commune went into
// the new one that kept its code.
func (s *Set) Province2025Of(code string) (string, bool) {
	switch len(code) {
	case provinceLen:
		if _, ok := s.province2025[code]; ok {
			return code, true
		}
		if i, ok := s.provincePre[code]; ok {
			return s.provincesPre[i].NewCode, true
		}
	case distLen:
		if i, ok := s.district[code]; ok {
			return s.newProvinceOf(s.districts[i].ProvinceCode), true
		}
	case communeLen:
		if i, ok := s.commune2025[code]; ok {
			return s.communes2025[i].ProvinceCode, true
		}
		if i, ok := s.communePre[code]; ok {
			return s.newProvinceOf(s.communesPre[i].ProvinceCode), true
		}
	}
	return "", false
}

func (s *Set) newProvinceOf(oldProvince string) string {
	return s.provincesPre[s.provincePre[oldProvince]].NewCode
}
