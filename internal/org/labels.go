package org

// Vietnamese labels of the codes the API and CLI use.

var levelLabels = map[Level]string{
	LevelCentral: "Trung ương", LevelProvince: "Cấp tỉnh", LevelDistrict: "Cấp huyện", LevelCommune: "Cấp xã",
}

var pillarLabels = map[Pillar]string{
	PillarParty: "Khối Đảng", PillarState: "Khối chính quyền", PillarFront: "Khối Mặt trận và đoàn thể",
	PillarPublicService: "Khối sự nghiệp", PillarEnterprise: "Khối doanh nghiệp",
}

// KindExternal marks central bodies outside the province kept as anchors
// of lineage (a department handed over by a ministry); they are not counted.
const KindExternal = "external"

// KindLabels names the unit kinds in Vietnamese. A kind not listed is still
// accepted (provinces have their own), and shown as written.
var KindLabels = map[string]string{
	"external":                    "Cơ quan trung ương (ngoài tỉnh)",
	"party_committee":             "Cấp ủy",
	"party_agency":                "Cơ quan tham mưu, giúp việc cấp ủy",
	"party_inspection_commission": "Ủy ban Kiểm tra",
	"party_psu":                   "Đơn vị sự nghiệp của Đảng",
	"party_delegation":            "Đảng đoàn",
	"party_executive_committee":   "Ban cán sự đảng",
	"party_subcommittee":          "Đảng bộ trực thuộc",
	"peoples_council":             "Hội đồng nhân dân",
	"council_committee":           "Ban của Hội đồng nhân dân",
	"council_office":              "Văn phòng Đoàn ĐBQH và HĐND",
	"peoples_committee":           "Ủy ban nhân dân",
	"specialized_agency":          "Cơ quan chuyên môn",
	"sub_department":              "Chi cục, ban thuộc sở",
	"admin_org":                   "Tổ chức hành chính khác",
	"public_service_unit":         "Đơn vị sự nghiệp công lập",
	"fatherland_front":            "Ủy ban Mặt trận Tổ quốc",
	"front_committee_division":    "Ban của Ủy ban Mặt trận Tổ quốc",
	"socio_political_org":         "Tổ chức chính trị - xã hội",
	"mass_association":            "Hội quần chúng",
	"trade_union":                 "Công đoàn",
	"vertical_agency":             "Cơ quan ngành dọc",
	"steering_committee":          "Ban chỉ đạo",
	"state_enterprise":            "Doanh nghiệp nhà nước",
}

// LevelLabel is the Vietnamese name of a level.
func LevelLabel(l Level) string { return labelOr(levelLabels[l], string(l)) }

// PillarLabel is the Vietnamese name of a pillar.
func PillarLabel(p Pillar) string { return labelOr(pillarLabels[p], string(p)) }

// KindLabel is the Vietnamese name of a unit kind.
func KindLabel(k string) string { return labelOr(KindLabels[k], k) }

func labelOr(l, code string) string {
	if l == "" {
		return code
	}
	return l
}

// ValidLevel reports whether l is a known level.
func ValidLevel(l Level) bool { _, ok := levelLabels[l]; return ok }

// ValidPillar reports whether p is a known pillar.
func ValidPillar(p Pillar) bool { _, ok := pillarLabels[p]; return ok }
