package demo

import (
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// areaCodes maps the skeleton's territories to national codes
// (districts_pre2025.csv of the national data).
var areaCodes = map[string]string{
	"au.laichau": "12", "au.tplc": "105", "au.tamduong": "106", "au.muongte": "107", "au.sinho": "108",
	"au.phongtho": "109", "au.thanuyen": "110", "au.tanuyen": "111", "au.namnhun": "112",
}

// seatCommune is the 2025 commune that took in each district's seat town
// (ward_mapping_2025.csv: Thị trấn Tam Đường → Xã Bình Lư, …). For the city,
// the People's Committee's ward is assumed to be Phường Tân Phong.
var seatCommune = map[string]string{
	"au.tplc": "Phường Tân Phong", "au.tamduong": "Xã Bình Lư", "au.muongte": "Xã Bum Tở", "au.sinho": "Xã Sìn Hồ",
	"au.phongtho": "Xã Phong Thổ", "au.thanuyen": "Xã Than Uyên", "au.tanuyen": "Xã Tân Uyên", "au.namnhun": "Xã Nậm Hàng",
}

// nameFixes replaces working notes left in two names of the skeleton.
var nameFixes = map[string]string{
	"ext.bct.tcqltt": "Tổng cục Quản lý thị trường",
	"mt.tinhdoan":    "Tỉnh đoàn Lai Châu",
}

func pillarOf(id, kind string) org.Pillar {
	switch {
	case strings.HasPrefix(kind, "party_"):
		return org.PillarParty
	case kind == "public_service_unit":
		return org.PillarPublicService
	case slices.Contains([]string{"fatherland_front", "front_committee_division", "socio_political_org", "mass_association", "trade_union"}, kind):
		return org.PillarFront
	case kind == org.KindExternal:
		switch id {
		case "ext.bchtw":
			return org.PillarParty
		case "ext.mttw", "ext.tld":
			return org.PillarFront
		}
	}
	return org.PillarState
}

// attrs turns a skeleton unit into the register's facts. The formal name
// (full_name) is the name; the short form used inside its parent is the
// short name.
func attrs(u srcUnit, parentName string) org.Attrs {
	name, short := u.Name, ""
	if u.FullName != "" && u.FullName != u.Name {
		name, short = u.FullName, u.Name
	} else if u.Type == "specialized_agency" && u.Level == "district" && strings.HasPrefix(u.Name, "Phòng ") {
		// District divisions created in 2025 are named like the old ones:
		// "Phòng Nội vụ huyện Tam Đường".
		if where, ok := strings.CutPrefix(parentName, "Ủy ban nhân dân "); ok {
			name, short = u.Name+" "+where, u.Name
		}
	}
	if fix, ok := nameFixes[u.ID]; ok {
		name = fix
	}
	return org.Attrs{Code: u.ID, Name: name, ShortName: short, Kind: u.Type, Pillar: pillarOf(u.ID, u.Type),
		Level: org.Level(u.Level), ParentID: u.Parent, AreaCode: areaCodes[u.AdminArea]}
}

// decisions are the legal bases the demo's operations cite. Where the
// province's own decision is not known, the national text it implements is
// cited; unknown numbers and dates are left unset, never invented.
var decisions = map[string]org.Decision{
	"kl121":  {Number: "121-KL/TW", Issuer: "Ban Chấp hành Trung ương Đảng", SignedDate: civil.MustParse("2025-01-24"), Summary: "Kết luận về tổng kết Nghị quyết số 18-NQ/TW: sắp xếp tổ chức bộ máy khối Đảng, Mặt trận và đoàn thể"},
	"qd1676": {Number: "1676-QĐ/TU", Issuer: "Ban Thường vụ Tỉnh ủy Lai Châu", SignedDate: civil.MustParse("2025-02-10"), EffectiveDate: civil.MustParse("2025-03-01"), Summary: "Hợp nhất Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy thành Ban Tuyên giáo và Dân vận Tỉnh ủy"},
	"nd45":   {Number: "45/2025/NĐ-CP", Issuer: "Chính phủ", SignedDate: civil.MustParse("2025-02-28"), EffectiveDate: civil.MustParse("2025-03-01"), Summary: "Quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, huyện"},
	"nd40":   {Number: "40/2025/NĐ-CP", Issuer: "Chính phủ", EffectiveDate: civil.MustParse("2025-03-01"), Summary: "Chức năng, nhiệm vụ của Bộ Công Thương; chuyển Cục Quản lý thị trường các tỉnh về Sở Công Thương"},
	"nd02":   {Number: "02/2025/NĐ-CP", Issuer: "Chính phủ", EffectiveDate: civil.MustParse("2025-03-01"), Summary: "Tổ chức Công an địa phương: không tổ chức công an cấp huyện"},
	"kl134":  {Number: "134-KL/TW", Issuer: "Bộ Chính trị, Ban Bí thư", EffectiveDate: civil.MustParse("2025-06-01"), Summary: "Sắp xếp hệ thống cơ quan thanh tra tinh, gọn, mạnh"},
	"baodai": {Number: "Quyết định hợp nhất Báo Lai Châu và Đài Phát thanh - Truyền hình tỉnh (số chưa ghi nhận)", Issuer: "Tỉnh ủy Lai Châu", EffectiveDate: civil.MustParse("2025-06-20"), Summary: "Đề án sáp nhập Đài Phát thanh - Truyền hình tỉnh vào Báo Lai Châu thuộc Tỉnh ủy"},
	"nq60":   {Number: "60-NQ/TW", Issuer: "Ban Chấp hành Trung ương Đảng", SignedDate: civil.MustParse("2025-04-12"), EffectiveDate: civil.MustParse("2025-07-01"), Summary: "Tổ chức chính quyền địa phương hai cấp; sắp xếp Mặt trận Tổ quốc và các tổ chức chính trị - xã hội"},
	"nq1670": {Number: "1670/NQ-UBTVQH15", Issuer: "Ủy ban Thường vụ Quốc hội", SignedDate: civil.MustParse("2025-06-16"), EffectiveDate: civil.MustParse("2025-07-01"), Summary: "Sắp xếp các đơn vị hành chính cấp xã của tỉnh Lai Châu năm 2025: 106 đơn vị thành 38 (36 xã, 2 phường)"},
	"dvsn":   {Number: "Phương án sắp xếp đơn vị sự nghiệp công lập (số chưa ghi nhận)", Issuer: "Ủy ban nhân dân tỉnh Lai Châu", EffectiveDate: civil.MustParse("2025-07-01"), Summary: "Sắp xếp đơn vị sự nghiệp công lập theo mô hình chính quyền địa phương hai cấp"},
	"qd373":  {Number: "373-QĐ/TW", Issuer: "Ban Bí thư", Summary: "Tổ chức bộ máy cơ quan Báo và Phát thanh, Truyền hình tỉnh, thành phố"},
}

// decisionOf picks the basis of a skeleton operation.
func decisionOf(o srcOp) string {
	switch o.ID {
	case "op-05":
		return "qd1676"
	case "op-13":
		return "nd40"
	case "op-x01":
		return "kl134"
	case "op-x02":
		return "dvsn"
	case "op-x04":
		return "nq60"
	case "op-x06":
		return "qd373"
	}
	switch o.SeedItem {
	case "seed-07", "seed-08", "seed-09", "seed-10", "seed-11", "seed-12", "seed-14", "seed-15", "seed-16", "seed-17", "seed-18":
		return "nd45"
	case "seed-19":
		return "nd02"
	case "seed-20":
		return "nq1670"
	case "seed-21":
		return "baodai"
	}
	return "kl121"
}
