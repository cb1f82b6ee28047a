package areas

import (
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The data ships inside the binary so that a register works offline and
// every installation agrees on the same codes.
//
//go:embed data/*.csv
var files embed.FS

// Columns of each file, checked against the header row so that a data
// update with moved or renamed columns fails loudly instead of silently
// filling the wrong fields.
var (
	headProvinces2025 = []string{"code", "name", "short_name", "type", "area_km2", "population", "n_phuong", "n_xa", "n_dac_khu", "old_province_codes"}
	headWards2025     = []string{"code", "name", "short_name", "type", "province_code", "area_km2", "area_km2_gis", "population"}
	headProvincesPre  = []string{"code", "name", "short_name", "type", "new_province_code"}
	headDistrictsPre  = []string{"code", "name", "short_name", "type", "province_code"}
	headWardsPre      = []string{"code", "name", "short_name", "type", "district_code", "province_code"}
	headMapping       = []string{"old_ward_code", "new_ward_code", "share"}
)

var errHeader = errors.New("dòng tiêu đề không đúng")

// loadDefault parses once for the whole program: the data cannot change
// while it runs, and the Set is never modified after Load.
var loadDefault = sync.OnceValues(Load)

// Code lengths: the length, not the digits, tells what a code names; the
// same digits can be a province, a district or a commune.
const (
	provinceLen = 2
	distLen     = 3
	communeLen  = 5 // in both eras
)

// Default returns the Set parsed from the embedded data, parsing it on the
// first call only. Sharing one value is safe because a Set never changes
// after Load returns and hands out copies.
func Default() (*Set, error) { return loadDefault() }

// Load parses the embedded data into a new Set and checks that every code
// is well formed and every reference between the files resolves.
func Load() (*Set, error) {
	s := &Set{
		province2025: make(map[string]int, 34),
		provincePre:  make(map[string]int, 63),
		commune2025:  make(map[string]int, 3400),
		communePre:   make(map[string]int, 10100),
		district:     make(map[string]int, 700),
		byProvince25: make(map[string][]int32, 34),
		byProvincePr: make(map[string][]int32, 63),
		distByProv:   make(map[string][]int32, 63),
		succ:         make(map[string][]string, 10100),
		pred:         make(map[string][]string, 3400),
		wholeInto:    make(map[string]string, 8),
	}
	steps := []func() error{s.loadProvincesPre, s.loadProvinces2025, s.loadDistricts, s.loadWardsPre, s.loadWards2025, s.loadMapping}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// readCSV calls row for each data row of the named file, after checking
// the header. It reports errors with the file name and line so that a bad
// data update points at the offending row.
// rows, when not nil, is told the number of lines first, so that callers
// can size their slices once instead of growing them row by row.
func readCSV(name string, head []string, rows func(n int), row func(rec []string) error) error {
	data, err := files.ReadFile("data/" + name)
	if err != nil {
		return fmt.Errorf("areas: %s: %w", name, err)
	}
	if rows != nil {
		rows(bytes.Count(data, []byte{'\n'}))
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(head)
	r.ReuseRecord = true
	rec, err := r.Read()
	if err != nil {
		return fmt.Errorf("areas: %s: %w", name, err)
	}
	if !slices.Equal(rec, head) {
		return fmt.Errorf("areas: %s: %w: %q, cần %q", name, errHeader, strings.Join(rec, ","), strings.Join(head, ","))
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("areas: %s: %w", name, err)
		}
		if err := row(rec); err != nil {
			line, _ := r.FieldPos(0)
			return fmt.Errorf("areas: %s dòng %d: %w", name, line, err)
		}
	}
}

// checkCode rejects codes of the wrong length or with non-digits: the
// length is what tells a province, district and commune code apart.
func checkCode(code string, n int) error {
	if len(code) != n {
		return fmt.Errorf("mã %q phải có %d chữ số", code, n)
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return fmt.Errorf("mã %q phải có %d chữ số", code, n)
		}
	}
	return nil
}

func parseArea(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("diện tích %q không hợp lệ", s)
	}
	return v, nil
}

// parsePopulation reads an empty cell as 0: the reference data leaves out
// implausible figures rather than guessing them.
func parsePopulation(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("dân số %q không hợp lệ", s)
	}
	return v, nil
}

func (s *Set) loadProvincesPre() error {
	return readCSV("provinces_pre2025.csv", headProvincesPre, nil, func(r []string) error {
		if err := checkCode(r[0], provinceLen); err != nil {
			return err
		}
		if err := checkCode(r[4], provinceLen); err != nil {
			return err
		}
		if _, dup := s.provincePre[r[0]]; dup {
			return fmt.Errorf("mã tỉnh %q bị lặp", r[0])
		}
		s.provincePre[r[0]] = len(s.provincesPre)
		s.provincesPre = append(s.provincesPre, Province{Code: r[0], Name: r[1], ShortName: r[2], Type: r[3], NewCode: r[4]})
		return nil
	})
}

func (s *Set) loadProvinces2025() error {
	err := readCSV("provinces_2025.csv", headProvinces2025, nil, func(r []string) error {
		if err := checkCode(r[0], provinceLen); err != nil {
			return err
		}
		if _, dup := s.province2025[r[0]]; dup {
			return fmt.Errorf("mã tỉnh %q bị lặp", r[0])
		}
		area, err := parseArea(r[4])
		if err != nil {
			return err
		}
		pop, err := parsePopulation(r[5])
		if err != nil {
			return err
		}
		old := strings.Split(r[9], ";")
		for _, c := range old {
			i, ok := s.provincePre[c]
			if !ok {
				return fmt.Errorf("tỉnh cũ %q không có trong danh sách tỉnh trước 2025", c)
			}
			if s.provincesPre[i].NewCode != r[0] {
				return fmt.Errorf("tỉnh cũ %q được ghi là nhập vào %q", c, s.provincesPre[i].NewCode)
			}
		}
		s.province2025[r[0]] = len(s.provinces2025)
		s.provinces2025 = append(s.provinces2025, Province{Code: r[0], Name: r[1], ShortName: r[2], Type: r[3], AreaKm2: area, Population: pop, OldCodes: old})
		return nil
	})
	if err != nil {
		return err
	}
	// Every old province must name a new one that lists it back, or
	// Province2025Of would send codes into a province that does not exist.
	for _, p := range s.provincesPre {
		i, ok := s.province2025[p.NewCode]
		if !ok || !slices.Contains(s.provinces2025[i].OldCodes, p.Code) {
			return fmt.Errorf("areas: tỉnh cũ %q: tỉnh mới %q không ghi nhận tỉnh này", p.Code, p.NewCode)
		}
	}
	return nil
}

func (s *Set) loadDistricts() error {
	return readCSV("districts_pre2025.csv", headDistrictsPre, func(n int) { s.districts = make([]Unit, 0, n) }, func(r []string) error {
		if err := checkCode(r[0], distLen); err != nil {
			return err
		}
		if _, dup := s.district[r[0]]; dup {
			return fmt.Errorf("mã huyện %q bị lặp", r[0])
		}
		if _, ok := s.provincePre[r[4]]; !ok {
			return fmt.Errorf("tỉnh %q không có trong danh sách tỉnh trước 2025", r[4])
		}
		i := len(s.districts)
		s.district[r[0]] = i
		s.distByProv[r[4]] = append(s.distByProv[r[4]], int32(i))
		s.districts = append(s.districts, Unit{Code: r[0], Name: r[1], ShortName: r[2], Type: r[3], ProvinceCode: r[4], Era: Pre2025})
		return nil
	})
}

func (s *Set) loadWardsPre() error {
	return readCSV("wards_pre2025.csv", headWardsPre, func(n int) { s.communesPre = make([]Unit, 0, n) }, func(r []string) error {
		if err := checkCode(r[0], communeLen); err != nil {
			return err
		}
		if _, dup := s.communePre[r[0]]; dup {
			return fmt.Errorf("mã xã %q bị lặp", r[0])
		}
		d, ok := s.district[r[4]]
		if !ok {
			return fmt.Errorf("huyện %q không có trong danh sách huyện trước 2025", r[4])
		}
		if s.districts[d].ProvinceCode != r[5] {
			return fmt.Errorf("huyện %q thuộc tỉnh %q, không phải %q", r[4], s.districts[d].ProvinceCode, r[5])
		}
		i := len(s.communesPre)
		s.communePre[r[0]] = i
		s.byProvincePr[r[5]] = append(s.byProvincePr[r[5]], int32(i))
		s.communesPre = append(s.communesPre, Unit{Code: r[0], Name: r[1], ShortName: r[2], Type: r[3], ProvinceCode: r[5], DistrictCode: r[4], Era: Pre2025})
		return nil
	})
}

func (s *Set) loadWards2025() error {
	return readCSV("wards_2025.csv", headWards2025, func(n int) { s.communes2025 = make([]Unit, 0, n) }, func(r []string) error {
		if err := checkCode(r[0], communeLen); err != nil {
			return err
		}
		if _, dup := s.commune2025[r[0]]; dup {
			return fmt.Errorf("mã xã %q bị lặp", r[0])
		}
		if _, ok := s.province2025[r[4]]; !ok {
			return fmt.Errorf("tỉnh %q không có trong danh sách tỉnh sau 2025", r[4])
		}
		area, err := parseArea(r[5])
		if err != nil {
			return err
		}
		pop, err := parsePopulation(r[7])
		if err != nil {
			return err
		}
		i := len(s.communes2025)
		s.commune2025[r[0]] = i
		s.byProvince25[r[4]] = append(s.byProvince25[r[4]], int32(i))
		s.communes2025 = append(s.communes2025, Unit{Code: r[0], Name: r[1], ShortName: r[2], Type: r[3], ProvinceCode: r[4], AreaKm2: area, Population: pop, Era: Post2025})
		return nil
	})
}

// loadMapping reads the old → new pairs. Besides the commune pairs it
// holds one row per island district that had no communes; those rows carry
// the 3-digit district code in old_ward_code.
func (s *Set) loadMapping() error {
	share := make(map[string]string, 10100)
	err := readCSV("ward_mapping_2025.csv", headMapping, nil, func(r []string) error {
		old, nw := r[0], r[1]
		var oldProv string
		switch len(old) {
		case communeLen:
			i, ok := s.communePre[old]
			if !ok {
				return fmt.Errorf("xã cũ %q không có trong danh sách xã trước 2025", old)
			}
			oldProv = s.communesPre[i].ProvinceCode
		case distLen:
			i, ok := s.district[old]
			if !ok {
				return fmt.Errorf("huyện cũ %q không có trong danh sách huyện trước 2025", old)
			}
			oldProv = s.districts[i].ProvinceCode
		default:
			return fmt.Errorf("mã cũ %q phải là mã xã (5 chữ số) hoặc mã huyện (3 chữ số)", old)
		}
		j, ok := s.commune2025[nw]
		if !ok {
			return fmt.Errorf("xã mới %q không có trong danh sách xã sau 2025", nw)
		}
		// Provinces were merged whole, never split, so a pair that crosses
		// the province mapping is a data error.
		if want := s.provincesPre[s.provincePre[oldProv]].NewCode; s.communes2025[j].ProvinceCode != want {
			return fmt.Errorf("xã mới %q thuộc tỉnh %q, nhưng tỉnh cũ %q nhập vào %q", nw, s.communes2025[j].ProvinceCode, oldProv, want)
		}
		if r[2] != "full" && r[2] != "partial" {
			return fmt.Errorf("share %q phải là full hoặc partial", r[2])
		}
		if slices.Contains(s.succ[old], nw) {
			return fmt.Errorf("cặp %q → %q bị lặp", old, nw)
		}
		if prev, ok := share[old]; ok && prev != r[2] {
			return fmt.Errorf("mã cũ %q vừa full vừa partial", old)
		}
		share[old] = r[2]
		s.succ[old] = append(s.succ[old], nw)
		s.pred[nw] = append(s.pred[nw], old)
		return nil
	})
	if err != nil {
		return err
	}
	// full means "went whole into one commune"; a disagreement with the
	// number of targets would make Successors and the share column tell
	// different stories.
	for old, sh := range share {
		if (sh == "full") != (len(s.succ[old]) == 1) {
			return fmt.Errorf("areas: ward_mapping_2025.csv: mã cũ %q ghi %s nhưng có %d xã mới", old, sh, len(s.succ[old]))
		}
	}
	for _, u := range s.communesPre {
		if len(s.succ[u.Code]) == 0 {
			return fmt.Errorf("areas: ward_mapping_2025.csv: xã cũ %q không có xã mới", u.Code)
		}
	}
	for _, u := range s.communes2025 {
		if len(s.pred[u.Code]) == 0 {
			return fmt.Errorf("areas: ward_mapping_2025.csv: xã mới %q không có xã cũ", u.Code)
		}
	}
	s.findWholeDistricts()
	return nil
}

// findWholeDistricts records the old districts whose whole territory went
// into a single new commune (in practice the island districts that became
// đặc khu), the only case in which a district lies within a commune.
func (s *Set) findWholeDistricts() {
	const mixed = "-"
	target := make(map[string]string, len(s.districts))
	note := func(d, nw string) {
		switch t, ok := target[d]; {
		case !ok:
			target[d] = nw
		case t != nw:
			target[d] = mixed
		}
	}
	for _, u := range s.communesPre {
		for _, nw := range s.succ[u.Code] {
			note(u.DistrictCode, nw)
		}
	}
	for _, d := range s.districts {
		for _, nw := range s.succ[d.Code] {
			note(d.Code, nw)
		}
	}
	for d, t := range target {
		if t != mixed {
			s.wholeInto[d] = t
		}
	}
}
