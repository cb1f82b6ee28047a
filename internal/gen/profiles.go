package gen

import (
	"tinhgon/internal/org"
	"tinhgon/internal/staff"
)

// profile is how a kind of unit is staffed: its titles, how many deputies
// and staff it has, who they are and who pays them. The profiles are
// read-only tables.
type profile struct {
	kind   string
	pillar org.Pillar
	// Titles of the head, a deputy, and the professional staff (one drawn
	// per person; a grade goes with each).
	head, deputy string
	roles        []role
	deps         [2]int8 // deputies, drawn from the range
	// surplus, when set, is the range one unit in ten draws its deputies
	// from instead: above the legal maximum max, to give the rule on
	// surplus deputies (cấp phó dôi dư) something to find.
	surplus [2]int8
	max     int8
	size    [2]int16 // nominal staff besides head and deputies
	// elected bodies' heads and deputies are cán bộ; psu units' people are
	// viên chức; the others' are công chức.
	elected, psu bool
	own          int16 // per mille of a public service unit's staff paid from its own revenue
	women        int16 // per mille of women among the staff
	leadGrade    string
	allowance    [2]staff.Coef // position allowance of the head and of a deputy
	// nonLocal heads are to be people from elsewhere (Chỉ thị 45-CT/TW).
	nonLocal bool
}

// role is a staff title with the grade (ngạch) or professional title
// (chức danh nghề nghiệp) it goes with.
type role struct{ title, grade string }

// grade is a salary scale: the coefficient of step 1, the step increment
// and the last step.
type grade struct {
	base, inc staff.Coef
	steps     int
}

// grades are the scales of the codes the generator uses (Nghị định
// 204/2004/NĐ-CP; the teachers' and health workers' titles of 2021–2022).
var grades = map[string]grade{
	"01.001": {620, 36, 6}, "01.002": {440, 34, 8}, "01.003": {234, 33, 9}, "01.004": {210, 18, 12}, "01.005": {186, 20, 12},
	"V.07.02.26": {210, 31, 10}, "V.07.03.29": {234, 33, 9}, "V.07.04.32": {234, 33, 9}, "V.07.05.15": {234, 33, 9},
	"V.07.03.28": {400, 34, 8}, "V.07.04.31": {400, 34, 8}, "V.07.05.14": {440, 34, 8}, "V.07.01.03": {234, 33, 9},
	"V.08.01.03": {234, 33, 9}, "V.08.01.02": {440, 34, 8}, "V.08.05.12": {234, 33, 9}, "V.08.05.13": {186, 20, 12},
	"V.08.03.07": {186, 20, 12}, "V.08.08.22": {234, 33, 9}, "V.08.06.16": {234, 33, 9}, "V.11.02.06": {234, 33, 9},
}

// support are the titles of support positions (vị trí hỗ trợ, phục vụ).
var support = []string{"Văn thư", "Kế toán", "Thủ quỹ", "Lái xe", "Bảo vệ", "Nhân viên phục vụ", "Nhân viên kỹ thuật"}

var (
	admin    = []role{{"Chuyên viên", "01.003"}, {"Chuyên viên", "01.003"}, {"Chuyên viên", "01.003"}, {"Chuyên viên chính", "01.002"}, {"Cán sự", "01.004"}}
	inspect  = []role{{"Kiểm tra viên", "01.003"}, {"Kiểm tra viên", "01.003"}, {"Kiểm tra viên chính", "01.002"}}
	inspectS = []role{{"Thanh tra viên", "01.003"}, {"Thanh tra viên", "01.003"}, {"Thanh tra viên chính", "01.002"}}
	centre   = []role{{"Viên chức", "01.003"}, {"Viên chức", "01.003"}, {"Kỹ sư", "01.003"}, {"Chuyên viên chính", "01.002"}}
	health   = []role{{"Bác sĩ", "V.08.01.03"}, {"Bác sĩ", "V.08.01.03"}, {"Bác sĩ chính", "V.08.01.02"}, {"Điều dưỡng", "V.08.05.12"},
		{"Điều dưỡng", "V.08.05.12"}, {"Điều dưỡng", "V.08.05.13"}, {"Hộ sinh", "V.08.06.16"}, {"Dược sĩ", "V.08.08.22"}, {"Kỹ thuật viên y", "V.08.05.13"}}
	station   = []role{{"Y sĩ", "V.08.03.07"}, {"Y sĩ", "V.08.03.07"}, {"Bác sĩ", "V.08.01.03"}, {"Điều dưỡng", "V.08.05.13"}, {"Hộ sinh", "V.08.06.16"}}
	preschool = []role{{"Giáo viên mầm non", "V.07.02.26"}}
	primary   = []role{{"Giáo viên tiểu học", "V.07.03.29"}, {"Giáo viên tiểu học", "V.07.03.29"}, {"Giáo viên tiểu học", "V.07.03.28"}}
	lower     = []role{{"Giáo viên trung học cơ sở", "V.07.04.32"}, {"Giáo viên trung học cơ sở", "V.07.04.32"}, {"Giáo viên trung học cơ sở", "V.07.04.31"}}
	upper     = []role{{"Giáo viên trung học phổ thông", "V.07.05.15"}, {"Giáo viên trung học phổ thông", "V.07.05.15"}, {"Giáo viên trung học phổ thông", "V.07.05.14"}}
	lecturer  = []role{{"Giảng viên", "V.07.01.03"}}
	press     = []role{{"Phóng viên", "V.11.02.06"}, {"Biên tập viên", "V.11.02.06"}}
)

const (
	party   = org.PillarParty
	state   = org.PillarState
	front   = org.PillarFront
	service = org.PillarPublicService
)

// The profiles of the province's units.
var (
	pTU       = profile{kind: "party_committee", pillar: party, head: "Bí thư", deputy: "Phó Bí thư", deps: [2]int8{2, 3}, elected: true, leadGrade: "01.001", allowance: [2]staff.Coef{130, 110}}
	pBanTU    = profile{kind: "party_agency", pillar: party, head: "Trưởng ban", deputy: "Phó Trưởng ban", roles: admin, deps: [2]int8{2, 3}, size: [2]int16{14, 28}, leadGrade: "01.002", allowance: [2]staff.Coef{100, 80}, women: 450}
	pVPTU     = profile{kind: "party_agency", pillar: party, head: "Chánh Văn phòng", deputy: "Phó Chánh Văn phòng", roles: admin, deps: [2]int8{2, 3}, size: [2]int16{30, 55}, leadGrade: "01.002", allowance: [2]staff.Coef{100, 80}, women: 450}
	pUBKTTU   = profile{kind: "party_inspection_commission", pillar: party, head: "Chủ nhiệm Ủy ban Kiểm tra", deputy: "Phó Chủ nhiệm Ủy ban Kiểm tra", roles: inspect, deps: [2]int8{2, 3}, size: [2]int16{15, 25}, leadGrade: "01.002", allowance: [2]staff.Coef{100, 80}, women: 400, nonLocal: true}
	pTruong   = profile{kind: "party_psu", pillar: party, head: "Hiệu trưởng", deputy: "Phó Hiệu trưởng", roles: lecturer, deps: [2]int8{2, 3}, size: [2]int16{30, 55}, psu: true, leadGrade: "01.002", allowance: [2]staff.Coef{90, 70}, women: 500}
	pBao      = profile{kind: "party_psu", pillar: party, head: "Tổng Biên tập", deputy: "Phó Tổng Biên tập", roles: press, deps: [2]int8{2, 3}, size: [2]int16{90, 200}, psu: true, leadGrade: "01.002", allowance: [2]staff.Coef{90, 70}, women: 450}
	pHDND     = profile{kind: "peoples_council", pillar: state, head: "Chủ tịch Hội đồng nhân dân", deputy: "Phó Chủ tịch Hội đồng nhân dân", deps: [2]int8{2, 2}, elected: true, leadGrade: "01.001", allowance: [2]staff.Coef{120, 100}}
	pVPHDND   = profile{kind: "council_office", pillar: state, head: "Chánh Văn phòng", deputy: "Phó Chánh Văn phòng", roles: admin, deps: [2]int8{2, 3}, size: [2]int16{25, 40}, leadGrade: "01.002", allowance: [2]staff.Coef{90, 70}, women: 500}
	pUBND     = profile{kind: "peoples_committee", pillar: state, head: "Chủ tịch Ủy ban nhân dân", deputy: "Phó Chủ tịch Ủy ban nhân dân", deps: [2]int8{3, 5}, elected: true, leadGrade: "01.001", allowance: [2]staff.Coef{120, 100}}
	pSo       = profile{kind: "specialized_agency", pillar: state, head: "Giám đốc Sở", deputy: "Phó Giám đốc Sở", roles: admin, deps: [2]int8{2, 3}, surplus: [2]int8{4, 6}, max: 3, size: [2]int16{35, 80}, leadGrade: "01.002", allowance: [2]staff.Coef{90, 70}, women: 450}
	pThanhTra = profile{kind: "specialized_agency", pillar: state, head: "Chánh Thanh tra", deputy: "Phó Chánh Thanh tra", roles: inspectS, deps: [2]int8{2, 3}, surplus: [2]int8{4, 5}, max: 3, size: [2]int16{35, 60}, leadGrade: "01.002", allowance: [2]staff.Coef{90, 70}, women: 350}
	pVPUB     = profile{kind: "specialized_agency", pillar: state, head: "Chánh Văn phòng", deputy: "Phó Chánh Văn phòng", roles: admin, deps: [2]int8{2, 3}, surplus: [2]int8{4, 5}, max: 3, size: [2]int16{60, 100}, leadGrade: "01.002", allowance: [2]staff.Coef{90, 70}, women: 450}
	pChiCuc   = profile{kind: "sub_department", pillar: state, head: "Chi cục trưởng", deputy: "Phó Chi cục trưởng", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{20, 60}, leadGrade: "01.002", allowance: [2]staff.Coef{70, 50}, women: 350}
	pBanSo    = profile{kind: "sub_department", pillar: state, head: "Trưởng ban", deputy: "Phó Trưởng ban", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{10, 20}, leadGrade: "01.002", allowance: [2]staff.Coef{70, 50}, women: 450}
	pVPSo     = profile{kind: "admin_org", pillar: state, head: "Chánh Văn phòng", deputy: "Phó Chánh Văn phòng", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{6, 14}, leadGrade: "01.003", allowance: [2]staff.Coef{60, 40}, women: 550}
	pPhongSo  = profile{kind: "admin_org", pillar: state, head: "Trưởng phòng", deputy: "Phó Trưởng phòng", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{4, 10}, leadGrade: "01.003", allowance: [2]staff.Coef{60, 40}, women: 450}
	pCentre   = profile{kind: "public_service_unit", pillar: service, head: "Giám đốc", deputy: "Phó Giám đốc", roles: centre, deps: [2]int8{1, 2}, size: [2]int16{15, 45}, psu: true, own: 250, leadGrade: "01.002", allowance: [2]staff.Coef{60, 40}, women: 450}
	pHosp     = profile{kind: "public_service_unit", pillar: service, head: "Giám đốc", deputy: "Phó Giám đốc", roles: health, deps: [2]int8{2, 4}, size: [2]int16{250, 700}, psu: true, own: 600, leadGrade: "V.08.01.02", allowance: [2]staff.Coef{90, 70}, women: 650}
	pTTYT     = profile{kind: "public_service_unit", pillar: service, head: "Giám đốc", deputy: "Phó Giám đốc", roles: health, deps: [2]int8{2, 3}, size: [2]int16{110, 230}, psu: true, own: 400, leadGrade: "V.08.01.02", allowance: [2]staff.Coef{70, 50}, women: 650}
	pTHPT     = profile{kind: "public_service_unit", pillar: service, head: "Hiệu trưởng", deputy: "Phó Hiệu trưởng", roles: upper, deps: [2]int8{2, 3}, size: [2]int16{50, 90}, psu: true, own: 50, leadGrade: "V.07.05.14", allowance: [2]staff.Coef{55, 45}, women: 650}
	pCollege  = profile{kind: "public_service_unit", pillar: service, head: "Hiệu trưởng", deputy: "Phó Hiệu trưởng", roles: lecturer, deps: [2]int8{2, 3}, size: [2]int16{80, 180}, psu: true, own: 400, leadGrade: "V.07.01.03", allowance: [2]staff.Coef{70, 50}, women: 550}
	pMTTQ     = profile{kind: "fatherland_front", pillar: front, head: "Chủ tịch Ủy ban Mặt trận Tổ quốc", deputy: "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc", roles: admin, deps: [2]int8{3, 4}, size: [2]int16{30, 45}, elected: true, leadGrade: "01.001", allowance: [2]staff.Coef{120, 90}, women: 500}
	pHoi      = profile{kind: "socio_political_org", pillar: front, head: "Chủ tịch", deputy: "Phó Chủ tịch", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{8, 15}, elected: true, leadGrade: "01.002", allowance: [2]staff.Coef{90, 70}, women: 500}
	pDoan     = profile{kind: "socio_political_org", pillar: front, head: "Bí thư", deputy: "Phó Bí thư", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{6, 12}, elected: true, leadGrade: "01.003", allowance: [2]staff.Coef{90, 70}, women: 500}
)

// The profiles of the communes' units.
var (
	xDU    = profile{kind: "party_committee", pillar: party, head: "Bí thư Đảng ủy", deputy: "Phó Bí thư Đảng ủy", deps: [2]int8{1, 1}, elected: true, leadGrade: "01.002", allowance: [2]staff.Coef{40, 35}, nonLocal: true}
	xVPDU  = profile{kind: "party_agency", pillar: party, head: "Chánh Văn phòng", deputy: "Phó Chánh Văn phòng", roles: admin, deps: [2]int8{1, 1}, size: [2]int16{3, 6}, leadGrade: "01.003", allowance: [2]staff.Coef{30, 20}, women: 500}
	xBXD   = profile{kind: "party_agency", pillar: party, head: "Trưởng ban", deputy: "Phó Trưởng ban", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{3, 6}, leadGrade: "01.003", allowance: [2]staff.Coef{30, 20}, women: 450}
	xUBKT  = profile{kind: "party_inspection_commission", pillar: party, head: "Chủ nhiệm Ủy ban Kiểm tra", deputy: "Phó Chủ nhiệm Ủy ban Kiểm tra", roles: inspect, deps: [2]int8{1, 1}, size: [2]int16{2, 4}, leadGrade: "01.003", allowance: [2]staff.Coef{30, 20}, women: 400, nonLocal: true}
	xHDND  = profile{kind: "peoples_council", pillar: state, head: "Chủ tịch Hội đồng nhân dân", deputy: "Phó Chủ tịch Hội đồng nhân dân", deps: [2]int8{1, 2}, elected: true, leadGrade: "01.003", allowance: [2]staff.Coef{35, 30}}
	xUBND  = profile{kind: "peoples_committee", pillar: state, head: "Chủ tịch Ủy ban nhân dân", deputy: "Phó Chủ tịch Ủy ban nhân dân", deps: [2]int8{2, 2}, elected: true, leadGrade: "01.002", allowance: [2]staff.Coef{35, 30}, nonLocal: true}
	xVP    = profile{kind: "specialized_agency", pillar: state, head: "Chánh Văn phòng", deputy: "Phó Chánh Văn phòng", roles: admin, deps: [2]int8{1, 2}, surplus: [2]int8{3, 4}, max: 2, size: [2]int16{6, 12}, leadGrade: "01.003", allowance: [2]staff.Coef{30, 20}, women: 550}
	xPhong = profile{kind: "specialized_agency", pillar: state, head: "Trưởng phòng", deputy: "Phó Trưởng phòng", roles: admin, deps: [2]int8{1, 2}, surplus: [2]int8{3, 4}, max: 2, size: [2]int16{6, 14}, leadGrade: "01.003", allowance: [2]staff.Coef{30, 20}, women: 450}
	xTTHC  = profile{kind: "admin_org", pillar: state, head: "Giám đốc", deputy: "Phó Giám đốc", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{5, 10}, leadGrade: "01.003", allowance: [2]staff.Coef{30, 20}, women: 550}
	xMTTQ  = profile{kind: "fatherland_front", pillar: front, head: "Chủ tịch Ủy ban Mặt trận Tổ quốc", deputy: "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc", roles: admin, deps: [2]int8{1, 2}, size: [2]int16{3, 6}, elected: true, leadGrade: "01.003", allowance: [2]staff.Coef{30, 25}, women: 450}
	xHoi   = profile{kind: "socio_political_org", pillar: front, head: "Chủ tịch", deputy: "Phó Chủ tịch", roles: admin, deps: [2]int8{0, 1}, size: [2]int16{0, 1}, elected: true, leadGrade: "01.003", allowance: [2]staff.Coef{25, 15}, women: 500}
	xDoan  = profile{kind: "socio_political_org", pillar: front, head: "Bí thư", deputy: "Phó Bí thư", roles: admin, deps: [2]int8{0, 1}, size: [2]int16{0, 1}, elected: true, leadGrade: "01.003", allowance: [2]staff.Coef{25, 15}, women: 500}
	xMN    = profile{kind: "public_service_unit", pillar: service, head: "Hiệu trưởng", deputy: "Phó Hiệu trưởng", roles: preschool, deps: [2]int8{1, 2}, size: [2]int16{18, 40}, psu: true, own: 100, leadGrade: "V.07.02.26", allowance: [2]staff.Coef{35, 25}, women: 970}
	xTH    = profile{kind: "public_service_unit", pillar: service, head: "Hiệu trưởng", deputy: "Phó Hiệu trưởng", roles: primary, deps: [2]int8{1, 2}, size: [2]int16{22, 45}, psu: true, own: 20, leadGrade: "V.07.03.28", allowance: [2]staff.Coef{35, 25}, women: 800}
	xTHCS  = profile{kind: "public_service_unit", pillar: service, head: "Hiệu trưởng", deputy: "Phó Hiệu trưởng", roles: lower, deps: [2]int8{1, 2}, size: [2]int16{25, 55}, psu: true, own: 20, leadGrade: "V.07.04.31", allowance: [2]staff.Coef{35, 25}, women: 700}
	xDVTH  = profile{kind: "public_service_unit", pillar: service, head: "Giám đốc", deputy: "Phó Giám đốc", roles: centre, deps: [2]int8{1, 2}, size: [2]int16{8, 20}, psu: true, own: 200, leadGrade: "01.003", allowance: [2]staff.Coef{30, 20}, women: 450}
	xTYT   = profile{kind: "public_service_unit", pillar: service, head: "Trạm trưởng", deputy: "Phó Trạm trưởng", roles: station, deps: [2]int8{1, 1}, size: [2]int16{5, 12}, psu: true, leadGrade: "V.08.01.03", allowance: [2]staff.Coef{30, 20}, women: 650}
)
