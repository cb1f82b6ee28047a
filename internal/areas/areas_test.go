package areas

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// refDir is the project's reference data, present in the development
// checkout but not necessarily wherever the tests run.
const refDir = "../../../shared/data/admin-units"

func load(t *testing.T) *Set {
	t.Helper()
	s, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return s
}

func countTypes(units []Unit) map[string]int {
	n := map[string]int{}
	for _, u := range units {
		n[u.Type]++
	}
	return n
}

func TestCounts(t *testing.T) {
	s := load(t)
	tests := []struct {
		name      string
		units     []Unit
		total     int
		wantTypes map[string]int
	}{
		{"xã 2025", s.Communes2025(""), 3321, map[string]int{"xã": 2621, "phường": 687, "đặc khu": 13}},
		{"xã trước 2025", s.CommunesPre2025(""), 10035, map[string]int{"xã": 7692, "phường": 1726, "thị trấn": 617}},
		{"huyện trước 2025", s.Districts(""), 696, map[string]int{
			"huyện": 508, "thành phố thuộc tỉnh": 86, "thị xã": 52, "quận": 49,
			"thành phố thuộc thành phố trực thuộc trung ương": 1,
		}},
		{"Lai Châu 2025", s.Communes2025("12"), 38, map[string]int{"xã": 36, "phường": 2}},
		{"Hà Giang cũ", s.Districts("02"), 11, nil},
		{"tỉnh cũ không phải mã 2025", s.Communes2025("02"), 0, nil},
		{"tỉnh không có", s.CommunesPre2025("99"), 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.units) != tt.total {
				t.Fatalf("got %d units, want %d", len(tt.units), tt.total)
			}
			if tt.wantTypes != nil {
				if got := countTypes(tt.units); !mapsEqual(got, tt.wantTypes) {
					t.Errorf("types = %v, want %v", got, tt.wantTypes)
				}
			}
		})
	}
	if n := len(s.Provinces2025()); n != 34 {
		t.Errorf("Provinces2025: %d, want 34", n)
	}
	if n := len(s.ProvincesPre2025()); n != 63 {
		t.Errorf("ProvincesPre2025: %d, want 63", n)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestProvinceBreakdown checks every 2025 province's communes against the
// per-type counts that provinces_2025.csv publishes for it.
func TestProvinceBreakdown(t *testing.T) {
	s := load(t)
	sum := 0
	err := readCSV("provinces_2025.csv", headProvinces2025, nil, func(r []string) error {
		want := map[string]int{}
		for i, typ := range map[int]string{6: "phường", 7: "xã", 8: "đặc khu"} {
			n, err := strconv.Atoi(r[i])
			if err != nil {
				return err
			}
			if n > 0 {
				want[typ] = n
			}
		}
		units := s.Communes2025(r[0])
		sum += len(units)
		if got := countTypes(units); !mapsEqual(got, want) {
			t.Errorf("tỉnh %s: %v, want %v", r[0], got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum != 3321 {
		t.Errorf("communes over all provinces = %d, want 3321", sum)
	}
}

func TestProvinces(t *testing.T) {
	s := load(t)
	p := s.Provinces2025()
	if p[0].Code != "01" || p[0].ShortName != "Hà Nội" || p[33].Code != "96" {
		t.Errorf("first/last 2025 province = %+v / %+v", p[0], p[33])
	}
	var tq Province
	for _, x := range p {
		if x.Code == "08" {
			tq = x
		}
	}
	if tq.Name != "Tỉnh Tuyên Quang" || !slices.Equal(tq.OldCodes, []string{"02", "08"}) || tq.Population == 0 || tq.AreaKm2 == 0 {
		t.Errorf("Tuyên Quang 2025 = %+v", tq)
	}
	old := s.ProvincesPre2025()
	if old[1].Code != "02" || old[1].NewCode != "08" || old[1].OldCodes != nil {
		t.Errorf("Hà Giang = %+v", old[1])
	}
}

func TestLookup(t *testing.T) {
	s := load(t)
	tests := []struct {
		code, name string
		era        Era
		district   string
		ok         bool
		pre        bool // use LookupPre2025
	}{
		{code: "00004", name: "Phường Ba Đình", era: Post2025, ok: true},
		{code: "00004", name: "Phường Trúc Bạch", era: Pre2025, district: "001", ok: true, pre: true},
		{code: "00001", name: "Phường Phúc Xá", era: Pre2025, district: "001", ok: true},
		{code: "11948", name: "Đặc khu Bạch Long Vĩ", era: Post2025, ok: true},
		{code: "11948", pre: true},
		{code: "001", name: "Quận Ba Đình", era: Pre2025, ok: true},
		{code: "318", name: "Huyện Bạch Long Vĩ", era: Pre2025, ok: true, pre: true},
		{code: "01"}, // provinces are not units
		{code: "99999"},
		{code: ""},
	}
	for _, tt := range tests {
		lookup := s.Lookup
		if tt.pre {
			lookup = s.LookupPre2025
		}
		u, ok := lookup(tt.code)
		if ok != tt.ok || u.Name != tt.name || u.Era != tt.era || u.DistrictCode != tt.district {
			t.Errorf("lookup(%q, pre=%v) = %+v, %v; want %s %s district %q, %v", tt.code, tt.pre, u, ok, tt.name, tt.era, tt.district, tt.ok)
		}
		if ok && u.Code != tt.code {
			t.Errorf("lookup(%q).Code = %q", tt.code, u.Code)
		}
	}
	u, _ := s.Lookup("00004")
	if u.ProvinceCode != "01" || u.Type != "phường" || u.AreaKm2 != 2.97 || u.Population != 65023 {
		t.Errorf("Ba Đình 2025 = %+v", u)
	}
}

func TestSuccessorsPredecessors(t *testing.T) {
	s := load(t)
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"xã cũ vào nguyên một xã mới", s.Successors("00001"), []string{"00097"}},
		{"xã cũ bị chia làm hai", s.Successors("00070"), []string{"00070", "00082"}},
		{"xã cũ bị chia làm năm", s.Successors("00634"), []string{"00622", "00634", "00637", "09556", "09886"}},
		{"huyện đảo không có xã", s.Successors("318"), []string{"11948"}},
		{"huyện thường không phải xã", s.Successors("001"), nil},
		{"mã xã mới không phải xã cũ", s.Successors("11948"), nil},
		{"đặc khu từ huyện đảo", s.Predecessors("11948"), []string{"318"}},
		{"xã mới từ xã cũ bị chia", s.Predecessors("00082")[:3], []string{"00070", "00073", "00076"}},
		{"mã không có", s.Predecessors("99999"), nil},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	// The package comment promises that a code used by both eras names an
	// old commune that went into the new one keeping the code; Within and
	// Province2025Of rely on it.
	if !slices.Contains(s.Predecessors("00070"), "00070") {
		t.Errorf("Predecessors(00070) = %v, lacks the old 00070", s.Predecessors("00070"))
	}
	shared := 0
	for _, u := range s.Communes2025("") {
		if _, ok := s.LookupPre2025(u.Code); ok {
			shared++
			if !slices.Contains(s.Successors(u.Code), u.Code) {
				t.Errorf("old %s did not go into new %s", u.Code, u.Code)
			}
		}
		for _, old := range s.Predecessors(u.Code) {
			if !slices.Contains(s.Successors(old), u.Code) {
				t.Errorf("Predecessors(%s) has %s but not the reverse", u.Code, old)
			}
		}
	}
	if shared != 3316 {
		t.Errorf("codes shared by both eras = %d, want 3316", shared)
	}
	split := 0
	for _, u := range s.CommunesPre2025("") {
		if len(s.Successors(u.Code)) > 1 {
			split++
		}
	}
	if split != 370+55+16+1 {
		t.Errorf("split old communes = %d, want 442", split)
	}
}

func TestProvince2025Of(t *testing.T) {
	s := load(t)
	tests := []struct {
		code, want string
		ok         bool
	}{
		{"02", "08", true},    // old Hà Giang
		{"08", "08", true},    // Tuyên Quang, both eras
		{"27", "24", true},    // old Bắc Ninh → Bắc Ninh (the old Bắc Giang's code)
		{"24", "24", true},    // new Bắc Ninh
		{"77", "79", true},    // Bà Rịa - Vũng Tàu → Hồ Chí Minh
		{"12", "12", true},    // Lai Châu, unchanged
		{"755", "79", true},   // Côn Đảo district
		{"001", "01", true},   // Quận Ba Đình
		{"00688", "08", true}, // an old Hà Giang commune
		{"00004", "01", true}, // shared code
		{"26732", "79", true}, // Đặc khu Côn Đảo
		{"03", "", false},
		{"999", "", false},
		{"1", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := s.Province2025Of(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Province2025Of(%q) = %q, %v; want %q, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
	for _, p := range s.ProvincesPre2025() {
		for _, c := range s.CommunesPre2025(p.Code) {
			if got, _ := s.Province2025Of(c.Code); got != p.NewCode {
				t.Fatalf("Province2025Of(%s) = %s, want %s (from %s)", c.Code, got, p.NewCode, p.Code)
			}
		}
	}
}

func TestWithin(t *testing.T) {
	s := load(t)
	tests := []struct {
		name           string
		hometown, area string
		within, known  bool
	}{
		{"xã cũ trong xã mới nhận nó", "00001", "00097", true, true},
		{"xã cũ trong tỉnh mới", "00001", "01", true, true},
		{"xã cũ không ở tỉnh khác", "00001", "79", false, true},
		{"xã cũ không ở xã mới khác", "00001", "00004", false, true},
		{"xã cũ bị chia: trong mọi phần", "00634", "09886", true, true},
		{"xã cũ trong huyện cũ", "00001", "001", true, true},
		{"xã cũ không ở huyện khác", "00001", "002", false, true},
		{"xã cũ trong tỉnh cũ khác nhập cùng", "00688", "08", true, true},
		{"xã cũ Hà Giang trong mã tỉnh cũ", "00688", "02", true, true},
		{"mã tỉnh cũ được hiểu là tỉnh mới", "02", "08", true, true},
		{"tỉnh mới trong mã tỉnh cũ nhập vào nó", "08", "02", true, true},
		{"tỉnh cũ không ở tỉnh khác", "02", "15", false, true},
		{"xã mới trong tỉnh", "00004", "01", true, true},
		{"mã dùng chung: đọc như xã cũ bị chia", "00070", "00082", true, true},
		{"xã mới trong huyện cũ có xã trước của nó", "00004", "002", true, true},
		{"xã mới không ở huyện cũ không liên quan", "00004", "004", false, true},
		{"xã mới trong xã cũ đã nhập vào nó", "00097", "00001", true, true},
		{"xã mới không ở xã cũ khác", "00004", "00001", false, true},
		{"huyện đảo trong đặc khu", "318", "11948", true, true},
		{"huyện đảo trong tỉnh", "755", "79", true, true},
		{"huyện không nằm trong một xã", "001", "00004", false, true},
		{"tỉnh không nằm trong huyện", "01", "001", false, true},
		{"tỉnh không nằm trong xã", "12", "03388", false, true},
		{"trùng mã", "00004", "00004", true, true},
		{"trùng mã huyện", "001", "001", true, true},
		{"quê không rõ", "99999", "01", false, false},
		{"vùng không rõ", "00001", "03", false, false},
		{"vùng trống", "00001", "", false, false},
		{"mã sai độ dài", "0001", "01", false, false},
		{"cả hai không rõ", "x", "x", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			within, known := s.Within(tt.hometown, tt.area)
			if within != tt.within || known != tt.known {
				t.Errorf("Within(%q, %q) = %v, %v; want %v, %v", tt.hometown, tt.area, within, known, tt.within, tt.known)
			}
		})
	}
}

// TestWithinAgreesWithMapping runs Within over every old commune and each
// new commune it went into, and its 2025 province.
func TestWithinAgreesWithMapping(t *testing.T) {
	s := load(t)
	for _, u := range s.CommunesPre2025("") {
		p, _ := s.Province2025Of(u.Code)
		for _, nw := range s.Successors(u.Code) {
			if in, known := s.Within(u.Code, nw); !in || !known {
				t.Fatalf("Within(%s, %s) = %v, %v", u.Code, nw, in, known)
			}
			if in, _ := s.Within(nw, u.Code); !in {
				if _, shared := s.commune2025[u.Code]; !shared {
					t.Fatalf("Within(%s, %s) = false", nw, u.Code)
				}
			}
		}
		if in, _ := s.Within(u.Code, p); !in {
			t.Fatalf("Within(%s, %s) = false", u.Code, p)
		}
		if in, _ := s.Within(u.Code, u.DistrictCode); !in {
			t.Fatalf("Within(%s, %s) = false", u.Code, u.DistrictCode)
		}
	}
}

func TestResultsAreCopies(t *testing.T) {
	s := load(t)
	s.Communes2025("12")[0].Name = "x"
	s.Communes2025("")[0].Name = "x"
	s.Provinces2025()[2].OldCodes[0] = "x"
	s.Successors("00070")[0] = "x"
	if u, _ := s.Lookup(s.Communes2025("")[0].Code); u.Name == "x" {
		t.Error("Communes2025 shares its backing array")
	}
	if s.Communes2025("12")[0].Name == "x" {
		t.Error("Communes2025(province) shares its backing array")
	}
	if s.Provinces2025()[2].OldCodes[0] == "x" {
		t.Error("Provinces2025 shares OldCodes")
	}
	if s.Successors("00070")[0] == "x" {
		t.Error("Successors shares its slice")
	}
	s2, _ := Default()
	if s2 != s {
		t.Error("Default returned a different Set")
	}
}

func TestLoadEachCallIsNew(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Error("Load returned the same Set twice")
	}
}

func TestEra(t *testing.T) {
	for _, tt := range []struct {
		e    Era
		want string
	}{{Pre2025, "trước 01/07/2025"}, {Post2025, "từ 01/07/2025"}, {0, "không rõ"}} {
		if got := tt.e.String(); got != tt.want {
			t.Errorf("Era(%d) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestCheckCode(t *testing.T) {
	for _, tt := range []struct {
		code string
		n    int
		ok   bool
	}{{"01", 2, true}, {"1", 2, false}, {"0a", 2, false}, {"00001", 5, true}, {"0001", 5, false}, {"", 3, false}} {
		if err := checkCode(tt.code, tt.n); (err == nil) != tt.ok {
			t.Errorf("checkCode(%q, %d) = %v", tt.code, tt.n, err)
		}
	}
}

// TestSameAsReference checks that the embedded copies have not drifted
// from the project's reference data.
func TestSameAsReference(t *testing.T) {
	if _, err := os.Stat(refDir); err != nil {
		t.Skipf("no reference data at %s (%v); nothing to compare", refDir, err)
	}
	for _, name := range []string{"provinces_2025.csv", "wards_2025.csv", "provinces_pre2025.csv", "districts_pre2025.csv", "wards_pre2025.csv"} {
		t.Run(name, func(t *testing.T) {
			ref, err := os.ReadFile(filepath.Join(refDir, name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := files.ReadFile("data/" + name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, ref) {
				t.Errorf("embedded %s differs from %s", name, refDir)
			}
		})
	}
	// The reduced mapping must be the reference's pairs in the same order,
	// with the island districts' code moved into old_ward_code.
	t.Run("ward_mapping_2025.csv", func(t *testing.T) {
		f, err := os.Open(filepath.Join(refDir, "ward_mapping_2025.csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		var want bytes.Buffer
		want.WriteString("old_ward_code,new_ward_code,share\n")
		for _, r := range rows[1:] {
			old := r[col["old_ward_code"]]
			if old == "" {
				old = r[col["old_district_code"]]
			}
			want.WriteString(old + "," + r[col["new_ward_code"]] + "," + r[col["share"]] + "\n")
		}
		got, err := files.ReadFile("data/ward_mapping_2025.csv")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Error("embedded ward_mapping_2025.csv is not the reduced reference mapping")
		}
	})
}
