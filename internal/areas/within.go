package areas

import "slices"

// kind is what a code is read as.
type kind uint8

const (
	kindProvince    kind = iota + 1 // a 2025 province; old provinces are mapped to it
	kindDistrict                    // a pre-2025 district
	kindCommune2025                 // a 2025 commune
	kindCommunePre                  // a pre-2025 commune
)

type place struct {
	kind kind
	code string
}

// Within reports whether the place hometown lies inside the area area.
// known is false, and within with it, when either code names no unit.
//
// hometown may be a commune code of either era, a pre-2025 district code or
// a province code of either era; area may be any of these too, though it
// is normally a 2025 commune or province. The answer is "may lie in": a
// place whose territory was divided counts as lying in every part.
//
//   - A code is always within itself.
//   - Provinces are compared on the 2025 map: a place lies in a province
//     when its 2025 province (Province2025Of) is the area's, an old
//     province code in area standing for the whole 2025 province it went
//     into. So a commune of the old Hà Giang ("02") lies in "08" and in
//     "02", and so does one of the old Tuyên Quang ("08").
//   - Communes of the two eras are linked by the mapping: an old commune
//     lies in each new commune it went into, wholly or partly, and a new
//     commune lies in each old commune that went into it.
//   - An old commune lies in its old district; a new commune lies in an
//     old district when one of its predecessors was in it.
//   - A larger unit does not lie in a smaller one: a province is in no
//     district or commune, and a district is in a commune only when its
//     whole territory went into that commune (the island districts that
//     became đặc khu).
//
// A 5-digit hometown shared by both eras (see the package comment) is
// read both ways and lies in the area if either reading does: hometowns
// are copied from records of any age, and a code alone does not say which
// map it was taken from. A 5-digit area shared by both eras is read as the
// 2025 commune, as Lookup does: areas are chosen on today's map, and the
// new commune always contains at least part of the old one with its code.
func (s *Set) Within(hometown, area string) (within, known bool) {
	hs, n := s.hometownReadings(hometown)
	a, ok := s.areaReading(area)
	if n == 0 || !ok {
		return false, false
	}
	if hometown == area {
		return true, true
	}
	for _, h := range hs[:n] {
		if s.placeWithin(h, a) {
			return true, true
		}
	}
	return false, true
}

// hometownReadings returns every unit the code can name: two for a commune
// code used by both eras, one otherwise, none when unknown. An array
// avoids allocating on what callers may run once per person.
func (s *Set) hometownReadings(code string) (ps [2]place, n int) {
	switch len(code) {
	case provinceLen, distLen:
		if p, ok := s.areaReading(code); ok {
			ps[0], n = p, 1
		}
	case communeLen:
		if _, ok := s.commune2025[code]; ok {
			ps[n] = place{kindCommune2025, code}
			n++
		}
		if _, ok := s.communePre[code]; ok {
			ps[n] = place{kindCommunePre, code}
			n++
		}
	}
	return ps, n
}

// areaReading returns the single unit an area code is read as.
func (s *Set) areaReading(code string) (place, bool) {
	switch len(code) {
	case provinceLen:
		if p, ok := s.Province2025Of(code); ok {
			return place{kindProvince, p}, true
		}
	case distLen:
		if _, ok := s.district[code]; ok {
			return place{kindDistrict, code}, true
		}
	case communeLen:
		if _, ok := s.commune2025[code]; ok {
			return place{kindCommune2025, code}, true
		}
		if _, ok := s.communePre[code]; ok {
			return place{kindCommunePre, code}, true
		}
	}
	return place{}, false
}

// provinceOfPlace is the 2025 province of a known place.
func (s *Set) provinceOfPlace(p place) string {
	switch p.kind {
	case kindProvince:
		return p.code
	case kindDistrict:
		return s.newProvinceOf(s.districts[s.district[p.code]].ProvinceCode)
	case kindCommune2025:
		return s.communes2025[s.commune2025[p.code]].ProvinceCode
	default:
		return s.newProvinceOf(s.communesPre[s.communePre[p.code]].ProvinceCode)
	}
}

func (s *Set) placeWithin(h, a place) bool {
	switch a.kind {
	case kindProvince:
		return s.provinceOfPlace(h) == a.code
	case kindDistrict:
		switch h.kind {
		case kindDistrict:
			return h.code == a.code
		case kindCommunePre:
			return s.communesPre[s.communePre[h.code]].DistrictCode == a.code
		case kindCommune2025:
			for _, old := range s.pred[h.code] {
				if old == a.code { // an island district that became this đặc khu
					return true
				}
				if i, ok := s.communePre[old]; ok && s.communesPre[i].DistrictCode == a.code {
					return true
				}
			}
		}
	case kindCommune2025:
		switch h.kind {
		case kindCommune2025:
			return h.code == a.code
		case kindCommunePre:
			return slices.Contains(s.succ[h.code], a.code)
		case kindDistrict:
			return s.wholeInto[h.code] == a.code
		}
	case kindCommunePre:
		switch h.kind {
		case kindCommunePre:
			return h.code == a.code
		case kindCommune2025:
			return slices.Contains(s.pred[h.code], a.code)
		}
	}
	return false
}
