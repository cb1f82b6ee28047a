package gen

import (
	"math/rand/v2"
	"slices"

	"tinhgon/internal/staff"
)

// The words the generator draws on: the departments of a province in 2025
// and what lies under them, the bodies of a commune, and the parts of
// Vietnamese personal names. Invented units follow the naming of real
// ones; the tables are read-only.

// sub is a unit under a department: a sub-department (chi cục, ban thuộc
// sở) or an internal office kept as an administrative organisation.
type sub struct {
	name string
	p    *profile
}

// dept is a department (sở or equivalent) of a province's People's
// Committee in 2025, fourteen in all: its sub-units, in the order they are
// taken (2 to 5), and its public service units (3 to 10; "%s" is the
// province, "tỉnh Lào Cai").
type dept struct {
	code, name string
	p          *profile
	subs       []sub
	psus       []string
}

var depts = []dept{
	{"noivu", "Sở Nội vụ", &pSo, []sub{{"Ban Thi đua - Khen thưởng", &pBanSo}, {"Chi cục Văn thư - Lưu trữ", &pChiCuc},
		{"Văn phòng Sở", &pVPSo}, {"Phòng Tổ chức, biên chế và tổ chức phi chính phủ", &pPhongSo}, {"Phòng Lao động, việc làm và bảo hiểm xã hội", &pPhongSo}},
		[]string{"Trung tâm Lưu trữ lịch sử %s", "Trung tâm Dịch vụ việc làm %s", "Cơ sở Bảo trợ xã hội tổng hợp %s", "Trung tâm Công tác xã hội %s",
			"Trung tâm Điều dưỡng người có công %s", "Cơ sở Cai nghiện ma túy %s", "Trung tâm Bảo trợ xã hội và Chăm sóc trẻ em %s"}},
	{"taichinh", "Sở Tài chính", &pSo, []sub{{"Văn phòng Sở", &pVPSo}, {"Phòng Quản lý ngân sách", &pPhongSo}, {"Phòng Quản lý giá và công sản", &pPhongSo},
		{"Phòng Đăng ký kinh doanh", &pPhongSo}, {"Phòng Tài chính đầu tư", &pPhongSo}},
		[]string{"Trung tâm Xúc tiến đầu tư %s", "Trung tâm Hỗ trợ doanh nghiệp nhỏ và vừa %s", "Trung tâm Dịch vụ tài chính công %s",
			"Trung tâm Tư vấn và Thẩm định giá %s"}},
	{"xaydung", "Sở Xây dựng", &pSo, []sub{{"Chi cục Giám định xây dựng", &pChiCuc}, {"Văn phòng Sở", &pVPSo}, {"Phòng Quản lý xây dựng", &pPhongSo},
		{"Phòng Quản lý vận tải, phương tiện và người lái", &pPhongSo}, {"Phòng Quy hoạch - Kiến trúc", &pPhongSo}},
		[]string{"Trung tâm Kiểm định chất lượng công trình xây dựng %s", "Trung tâm Đăng kiểm phương tiện giao thông %s", "Ban Quản lý bảo trì đường bộ %s",
			"Trung tâm Quy hoạch xây dựng %s", "Cảng vụ Đường thủy nội địa %s", "Trung tâm Quản lý giao thông công cộng %s"}},
	{"nnmt", "Sở Nông nghiệp và Môi trường", &pSo, []sub{{"Chi cục Kiểm lâm", &pChiCuc}, {"Chi cục Trồng trọt và Bảo vệ thực vật", &pChiCuc},
		{"Chi cục Chăn nuôi và Thú y", &pChiCuc}, {"Chi cục Thủy lợi", &pChiCuc}, {"Chi cục Quản lý đất đai", &pChiCuc}},
		[]string{"Văn phòng Đăng ký đất đai %s", "Trung tâm Khuyến nông %s", "Trung tâm Quan trắc tài nguyên và môi trường %s", "Trung tâm Phát triển quỹ đất %s",
			"Ban Quản lý rừng phòng hộ %s", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn %s", "Trung tâm Giống cây trồng, vật nuôi %s",
			"Trung tâm Kỹ thuật tài nguyên và môi trường %s", "Ban Quản lý rừng đặc dụng %s", "Trung tâm Công nghệ thông tin tài nguyên và môi trường %s"}},
	{"congthuong", "Sở Công Thương", &pSo, []sub{{"Chi cục Quản lý thị trường", &pChiCuc}, {"Văn phòng Sở", &pVPSo}, {"Phòng Quản lý công nghiệp", &pPhongSo},
		{"Phòng Quản lý thương mại", &pPhongSo}, {"Phòng Quản lý năng lượng", &pPhongSo}},
		[]string{"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp %s", "Trung tâm Xúc tiến thương mại %s", "Trung tâm Tiết kiệm năng lượng %s"}},
	{"khcn", "Sở Khoa học và Công nghệ", &pSo, []sub{{"Chi cục Tiêu chuẩn Đo lường Chất lượng", &pChiCuc}, {"Văn phòng Sở", &pVPSo},
		{"Phòng Quản lý khoa học", &pPhongSo}, {"Phòng Chuyển đổi số", &pPhongSo}, {"Phòng Bưu chính, viễn thông", &pPhongSo}},
		[]string{"Trung tâm Ứng dụng tiến bộ khoa học và công nghệ %s", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng %s",
			"Trung tâm Công nghệ thông tin và Truyền thông %s", "Trung tâm Thông tin và Thống kê khoa học và công nghệ %s", "Trung tâm Chuyển đổi số %s"}},
	{"vhttdl", "Sở Văn hóa, Thể thao và Du lịch", &pSo, []sub{{"Văn phòng Sở", &pVPSo}, {"Phòng Quản lý văn hóa và gia đình", &pPhongSo},
		{"Phòng Quản lý thể dục thể thao", &pPhongSo}, {"Phòng Quản lý du lịch", &pPhongSo}, {"Phòng Báo chí, xuất bản", &pPhongSo}},
		[]string{"Bảo tàng %s", "Thư viện %s", "Nhà hát Nghệ thuật truyền thống %s", "Trung tâm Văn hóa - Điện ảnh %s",
			"Trung tâm Huấn luyện và Thi đấu thể dục thể thao %s", "Trung tâm Thông tin xúc tiến du lịch %s", "Ban Quản lý di tích %s",
			"Trường Năng khiếu thể dục thể thao %s"}},
	{"gddt", "Sở Giáo dục và Đào tạo", &pSo, []sub{{"Văn phòng Sở", &pVPSo}, {"Phòng Giáo dục phổ thông", &pPhongSo},
		{"Phòng Khảo thí và Quản lý chất lượng", &pPhongSo}, {"Phòng Giáo dục nghề nghiệp và Giáo dục thường xuyên", &pPhongSo}, {"Phòng Tổ chức cán bộ", &pPhongSo}},
		[]string{"Trung tâm Giáo dục thường xuyên %s", "Trường Phổ thông Dân tộc nội trú %s", "Trường Trung học phổ thông Chuyên %s",
			"Trung tâm Hỗ trợ phát triển giáo dục hòa nhập %s"}},
	{"yte", "Sở Y tế", &pSo, []sub{{"Chi cục Dân số", &pChiCuc}, {"Chi cục An toàn vệ sinh thực phẩm", &pChiCuc}, {"Văn phòng Sở", &pVPSo},
		{"Phòng Nghiệp vụ Y", &pPhongSo}, {"Phòng Nghiệp vụ Dược", &pPhongSo}},
		[]string{"Trung tâm Kiểm soát bệnh tật %s", "Trung tâm Pháp y %s", "Trung tâm Kiểm nghiệm thuốc, mỹ phẩm, thực phẩm %s", "Trung tâm Giám định y khoa %s"}},
	{"tuphap", "Sở Tư pháp", &pSo, []sub{{"Văn phòng Sở", &pVPSo}, {"Phòng Xây dựng và Kiểm tra văn bản", &pPhongSo}, {"Phòng Hành chính tư pháp", &pPhongSo},
		{"Phòng Bổ trợ tư pháp", &pPhongSo}, {"Phòng Phổ biến, giáo dục pháp luật", &pPhongSo}},
		[]string{"Trung tâm Trợ giúp pháp lý nhà nước %s", "Trung tâm Dịch vụ đấu giá tài sản %s", "Phòng Công chứng số 1 %s", "Phòng Công chứng số 2 %s"}},
	{"dttg", "Sở Dân tộc và Tôn giáo", &pSo, []sub{{"Văn phòng Sở", &pVPSo}, {"Phòng Chính sách dân tộc", &pPhongSo}, {"Phòng Quản lý tôn giáo", &pPhongSo},
		{"Phòng Tuyên truyền và Hợp tác quốc tế", &pPhongSo}},
		[]string{"Trung tâm Nghiên cứu văn hóa các dân tộc %s", "Trung tâm Tư vấn, hỗ trợ đồng bào dân tộc thiểu số %s", "Nhà khách Dân tộc %s"}},
	{"thanhtra", "Thanh tra", &pThanhTra, []sub{{"Văn phòng", &pVPSo}, {"Phòng Thanh tra 1", &pPhongSo}, {"Phòng Thanh tra 2", &pPhongSo},
		{"Phòng Tiếp công dân và Xử lý đơn thư", &pPhongSo}, {"Phòng Phòng, chống tham nhũng", &pPhongSo}},
		[]string{"Trung tâm Thông tin và Bồi dưỡng nghiệp vụ thanh tra %s", "Trung tâm Dữ liệu thanh tra %s", "Trung tâm Hỗ trợ pháp lý về khiếu nại, tố cáo %s"}},
	{"vpubnd", "Văn phòng Ủy ban nhân dân", &pVPUB, []sub{{"Ban Tiếp công dân", &pBanSo}, {"Phòng Tổng hợp", &pPhongSo}, {"Phòng Kinh tế", &pPhongSo},
		{"Phòng Khoa giáo - Văn xã", &pPhongSo}, {"Phòng Hành chính - Tổ chức", &pPhongSo}},
		[]string{"Trung tâm Phục vụ hành chính công %s", "Trung tâm Thông tin - Công báo %s", "Nhà khách %s", "Trung tâm Hội nghị %s"}},
	{"ngoaivu", "Sở Ngoại vụ", &pSo, []sub{{"Văn phòng Sở", &pVPSo}, {"Phòng Hợp tác quốc tế", &pPhongSo}, {"Phòng Lãnh sự", &pPhongSo},
		{"Phòng Biên giới", &pPhongSo}},
		[]string{"Trung tâm Dịch vụ đối ngoại %s", "Trung tâm Thông tin đối ngoại %s", "Trung tâm Biên phiên dịch %s"}},
}

// hospitals are the provincial hospitals under the Department of Health,
// the first ones in every province, more in larger ones.
var hospitals = []string{"Bệnh viện Đa khoa %s", "Bệnh viện Y học cổ truyền %s", "Bệnh viện Sản - Nhi %s", "Bệnh viện Lao và Bệnh phổi %s",
	"Bệnh viện Tâm thần %s", "Bệnh viện Phục hồi chức năng %s", "Bệnh viện Mắt %s", "Bệnh viện Nội tiết %s", "Bệnh viện Ung bướu %s",
	"Bệnh viện Da liễu %s"}

// colleges are the provincial colleges under the Department of Education.
var colleges = []string{"Trường Cao đẳng %s", "Trường Cao đẳng Y tế %s", "Trường Cao đẳng Sư phạm %s"}

// partyAgencies are the provincial party committee's advisory agencies of
// 2025 ("%s" is "Tỉnh ủy Lào Cai").
var partyAgencies = []struct {
	code, name string
	p          *profile
}{
	{"btc", "Ban Tổ chức %s", &pBanTU}, {"btgdv", "Ban Tuyên giáo và Dân vận %s", &pBanTU}, {"bnc", "Ban Nội chính %s", &pBanTU},
	{"bcscl", "Ban Chính sách, chiến lược %s", &pBanTU}, {"vp", "Văn phòng %s", &pVPTU},
}

// frontOrgs are the socio-political organisations under a Fatherland
// Front committee since 2025 ("%s" is "tỉnh Lào Cai" or "xã Tân Phong").
var frontOrgs = []struct {
	code, name string
	youth      bool // the Youth Union's leaders are secretaries, not chairs
}{
	{"hlhpn", "Hội Liên hiệp Phụ nữ %s", false}, {"doantn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh %s", true},
	{"hnd", "Hội Nông dân %s", false}, {"hccb", "Hội Cựu chiến binh %s", false}, {"ldld", "Liên đoàn Lao động %s", false},
}

// communeDivisions are the divisions a commune's People's Committee may
// have besides its office: the first two always, the third in some.
var communeDivisions = []struct{ code, xa, phuong string }{
	{"kt", "Phòng Kinh tế", "Phòng Kinh tế, Hạ tầng và Đô thị"},
	{"vhxh", "Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội"},
	{"nv", "Phòng Nội vụ", "Phòng Nội vụ"},
}

// Personal names. Families are weighted roughly as in the population;
// the ethnic families weigh more in the northern mountain provinces.
var (
	families = []struct {
		name     string
		w, wHigh int // weight; weight in mountain provinces
	}{
		{"Nguyễn", 380, 250}, {"Trần", 110, 60}, {"Lê", 95, 60}, {"Phạm", 70, 40}, {"Hoàng", 50, 60}, {"Huỳnh", 20, 2},
		{"Phan", 45, 20}, {"Vũ", 25, 20}, {"Võ", 20, 5}, {"Đặng", 20, 15}, {"Bùi", 20, 15}, {"Đỗ", 14, 10}, {"Hồ", 13, 5},
		{"Ngô", 13, 8}, {"Dương", 10, 10}, {"Lý", 5, 10}, {"Đinh", 8, 15}, {"Trịnh", 6, 5}, {"Đào", 6, 5}, {"Mai", 5, 3},
		{"Tạ", 3, 2}, {"Lương", 4, 8}, {"Hà", 5, 30}, {"Lò", 1, 25}, {"Lường", 1, 15}, {"Giàng", 1, 20}, {"Sùng", 1, 15},
		{"Vàng", 1, 15}, {"Nông", 2, 25}, {"Triệu", 2, 15}, {"Bế", 1, 10}, {"Lục", 1, 8}, {"Đèo", 1, 5}, {"Tòng", 1, 8},
	}
	middlesM = []string{"Văn", "Đức", "Minh", "Quang", "Xuân", "Hữu", "Thành", "Công", "Ngọc", "Anh", "Quốc", "Tiến", "Mạnh", "Trọng", "Đình", "Hoàng"}
	middlesF = []string{"Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Mai", "Phương", "Minh", "Thùy", "Kim", "Hải", "Bích"}
	givenM   = []string{"Hùng", "Dũng", "Tuấn", "Sơn", "Cường", "Thắng", "Long", "Chính", "Khang", "Hải", "Nam", "Bình", "Toàn", "Hiếu",
		"Trung", "Quân", "Đạt", "Phong", "Huy", "Hoàng", "Khánh", "Tùng", "Thành", "Vinh", "Lâm", "Kiên", "Lợi", "Thịnh", "Hưng", "Phúc",
		"Tài", "Tâm", "Thiện", "Nghĩa", "Hòa", "Quang", "Minh", "Đức", "An", "Duy", "Tiến", "Trường", "Việt", "Bảo", "Công", "Páo", "Súa", "Pềnh"}
	givenF = []string{"Hoa", "Lan", "Hương", "Mai", "Thảo", "Dung", "Xuân", "Hạnh", "Ly", "Phương", "Vân", "Yến", "Trang", "Linh", "Huyền",
		"Ngọc", "Hằng", "Nga", "Thủy", "Oanh", "Loan", "Nhung", "Hà", "Giang", "Hiền", "Thu", "Quỳnh", "Anh", "Châm", "Liên", "Tâm", "Thơ",
		"Uyên", "Vy", "Nhi", "Trâm", "Diệp", "Chi", "Hồng", "My", "Thắm", "Duyên", "Lụa", "Sâm"}
)

// mountain are the northern mountain provinces of 2025, where the
// families of ethnic minorities are common.
var mountain = map[string]bool{"04": true, "08": true, "11": true, "12": true, "14": true, "15": true, "19": true, "20": true}

// nameTable makes each full name once: millions of people share a few
// tens of thousands of name strings.
type nameTable struct {
	cache       []string
	cum, cumMtn []int // cumulative family weights, elsewhere and in the mountains
}

func (t *nameTable) init() {
	t.cache = make([]string, 2*len(families)*max(len(middlesM), len(middlesF))*max(len(givenM), len(givenF)))
	t.cum, t.cumMtn = make([]int, len(families)), make([]int, len(families))
	a, b := 0, 0
	for i, f := range families {
		a, b = a+f.w, b+f.wHigh
		t.cum[i], t.cumMtn[i] = a, b
	}
}

// family draws a family name's index for a person of province p.
func (g *generator) family(p *prov) int {
	cum := g.names.cum
	if mountain[p.a.Code] {
		cum = g.names.cumMtn
	}
	r := g.rng.IntN(cum[len(cum)-1])
	i, _ := slices.BinarySearch(cum, r+1)
	return i
}

// name draws the middle and given names of a person of family f.
func (t *nameTable) name(sex staff.Sex, f int, r *rand.Rand) string {
	mids, givens, s := middlesM, givenM, 0
	if sex == staff.Female {
		mids, givens, s = middlesF, givenF, 1
	}
	m, gv := r.IntN(len(mids)), r.IntN(len(givens))
	k := ((s*len(families)+f)*max(len(middlesM), len(middlesF))+m)*max(len(givenM), len(givenF)) + gv
	if t.cache[k] == "" {
		t.cache[k] = families[f].name + " " + mids[m] + " " + givens[gv]
	}
	return t.cache[k]
}
