package bench

// The names the generator draws on: the 63 provinces before 1 July 2025
// grouped into the 34 after (Nghị quyết 202/2025/QH15; the first of each
// group gives the new province its name and seat), the departments of a
// province and what lies under them, and the syllables of place names.

// groups lists the 34 provinces of 2025 with the provinces merged into
// each. A merged group and an unchanged one come first, so that a small
// configuration exercises both.
var groups = [][]string{
	{"Tuyên Quang", "Hà Giang"}, {"Lai Châu"},
	{"Hà Nội"}, {"Huế"}, {"Điện Biên"}, {"Sơn La"}, {"Lạng Sơn"}, {"Quảng Ninh"}, {"Thanh Hóa"},
	{"Nghệ An"}, {"Hà Tĩnh"}, {"Cao Bằng"},
	{"Lào Cai", "Yên Bái"}, {"Thái Nguyên", "Bắc Kạn"}, {"Phú Thọ", "Vĩnh Phúc", "Hòa Bình"},
	{"Bắc Ninh", "Bắc Giang"}, {"Hưng Yên", "Thái Bình"}, {"Hải Phòng", "Hải Dương"},
	{"Ninh Bình", "Hà Nam", "Nam Định"}, {"Quảng Trị", "Quảng Bình"}, {"Đà Nẵng", "Quảng Nam"},
	{"Quảng Ngãi", "Kon Tum"}, {"Gia Lai", "Bình Định"}, {"Khánh Hòa", "Ninh Thuận"},
	{"Lâm Đồng", "Đắk Nông", "Bình Thuận"}, {"Đắk Lắk", "Phú Yên"},
	{"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}, {"Đồng Nai", "Bình Phước"},
	{"Tây Ninh", "Long An"}, {"Cần Thơ", "Sóc Trăng", "Hậu Giang"},
	{"Vĩnh Long", "Bến Tre", "Trà Vinh"}, {"Đồng Tháp", "Tiền Giang"}, {"Cà Mau", "Bạc Liêu"},
	{"An Giang", "Kiên Giang"},
}

// cities are the centrally-run cities (thành phố trực thuộc trung ương).
// Huế was the province of Thừa Thiên Huế until 1 January 2025.
var cities = map[string]bool{"Hà Nội": true, "Hồ Chí Minh": true, "Hải Phòng": true, "Đà Nẵng": true, "Cần Thơ": true, "Huế": true}

// districtCounts are the large provinces' numbers of districts; the
// others draw 7 to 13.
var districtCounts = map[string]int{"Hà Nội": 30, "Thanh Hóa": 26, "Hồ Chí Minh": 22, "Nghệ An": 21, "Hải Phòng": 15}

// syllables make place names of two syllables.
var syllables = []string{
	"An", "Bình", "Hòa", "Tân", "Phú", "Long", "Thạnh", "Hưng", "Phước", "Thuận", "Lộc", "Mỹ", "Vĩnh", "Xuân",
	"Đông", "Tây", "Nam", "Bắc", "Trung", "Sơn", "Hải", "Thanh", "Quang", "Minh", "Đức", "Hiệp", "Thới", "Thắng",
	"Lợi", "Nghĩa", "Tiến", "Hợp", "Kim", "Ngọc", "Cát", "Lâm", "Hà", "Giang", "Châu", "Điền", "Yên", "Đại",
	"Tiên", "Lạc", "Hồng", "Vân", "Phong", "Thái", "Khánh", "Lương", "Tường", "Định", "Hậu", "Thịnh", "Thành",
	"Trường", "Quảng", "Cẩm", "Mường", "Nậm", "Phúc", "Cường", "Đồng", "Hoàng", "Liên", "Thủy", "Trà", "Tam",
	"Ninh", "Gia", "Hữu", "Nhân", "Hội", "Kỳ", "Diễn", "Quỳnh", "Hương", "Lĩnh", "Chiềng", "Bản", "Na", "Khê",
	"Dương", "Bảo", "Ân", "Triệu", "Hiển", "Tịnh", "Vạn", "Nhơn",
}

// dept is a department (sở or equivalent) of a province's People's
// Committee: its divisions, its sub-departments with their own divisions,
// and its public service units ("%s" is the province, "tỉnh Lai Châu").
type dept struct {
	code, name string
	divisions  []string
	subs       []sub
	psus       []string
}

type sub struct {
	name      string
	divisions []string
}

var depts = []dept{
	{"NV", "Sở Nội vụ", []string{"Văn phòng", "Thanh tra", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ", "Phòng Xây dựng chính quyền và công tác thanh niên", "Phòng Công chức, viên chức", "Phòng Cải cách hành chính"},
		[]sub{{"Ban Thi đua - Khen thưởng", []string{"Phòng Nghiệp vụ thi đua", "Phòng Nghiệp vụ khen thưởng"}}, {"Ban Tôn giáo", []string{"Phòng Nghiệp vụ"}}, {"Chi cục Văn thư - Lưu trữ", nil}},
		[]string{"Trung tâm Lưu trữ lịch sử %s"}},
	{"TP", "Sở Tư pháp", []string{"Văn phòng", "Thanh tra", "Phòng Xây dựng và kiểm tra văn bản quy phạm pháp luật", "Phòng Phổ biến, giáo dục pháp luật", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"},
		nil, []string{"Trung tâm Trợ giúp pháp lý nhà nước %s", "Trung tâm Dịch vụ đấu giá tài sản %s", "Phòng Công chứng số 1 %s"}},
	{"KHDT", "Sở Kế hoạch và Đầu tư", []string{"Văn phòng", "Thanh tra", "Phòng Tổng hợp, quy hoạch", "Phòng Đăng ký kinh doanh", "Phòng Kinh tế ngành", "Phòng Đấu thầu, thẩm định và giám sát đầu tư", "Phòng Doanh nghiệp, kinh tế tập thể và tư nhân"},
		nil, []string{"Trung tâm Xúc tiến đầu tư %s"}},
	{"TC", "Sở Tài chính", []string{"Văn phòng", "Thanh tra", "Phòng Quản lý ngân sách", "Phòng Tài chính hành chính sự nghiệp", "Phòng Tài chính đầu tư", "Phòng Quản lý giá và công sản", "Phòng Tài chính doanh nghiệp"},
		nil, nil},
	{"CT", "Sở Công Thương", []string{"Văn phòng", "Thanh tra", "Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại", "Phòng Quản lý năng lượng", "Phòng Kỹ thuật an toàn - Môi trường"},
		nil, []string{"Trung tâm Khuyến công và Xúc tiến thương mại %s"}},
	{"NN", "Sở Nông nghiệp và Phát triển nông thôn", []string{"Văn phòng", "Thanh tra", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý xây dựng công trình"},
		[]sub{{"Chi cục Trồng trọt và Bảo vệ thực vật", []string{"Phòng Hành chính - Tổng hợp", "Phòng Trồng trọt", "Phòng Bảo vệ thực vật"}}, {"Chi cục Chăn nuôi và Thú y", []string{"Phòng Hành chính - Tổng hợp", "Phòng Dịch tễ"}},
			{"Chi cục Kiểm lâm", []string{"Phòng Hành chính - Tổng hợp", "Phòng Quản lý bảo vệ rừng", "Đội Kiểm lâm cơ động và phòng cháy chữa cháy rừng"}}, {"Chi cục Thủy lợi", []string{"Phòng Hành chính - Tổng hợp", "Phòng Quản lý công trình"}}, {"Chi cục Phát triển nông thôn", nil}},
		[]string{"Trung tâm Khuyến nông %s", "Ban Quản lý rừng phòng hộ %s", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn %s", "Trung tâm Giống cây trồng, vật nuôi %s"}},
	{"XD", "Sở Xây dựng", []string{"Văn phòng", "Thanh tra", "Phòng Quản lý xây dựng", "Phòng Quy hoạch - Kiến trúc", "Phòng Phát triển đô thị", "Phòng Quản lý nhà và thị trường bất động sản"},
		nil, []string{"Trung tâm Kiểm định chất lượng công trình xây dựng %s"}},
	{"GTVT", "Sở Giao thông vận tải", []string{"Văn phòng", "Thanh tra", "Phòng Quản lý kết cấu hạ tầng giao thông", "Phòng Quản lý vận tải, phương tiện và người lái", "Phòng Quản lý chất lượng công trình giao thông"},
		nil, []string{"Ban Quản lý bảo trì đường bộ %s", "Trung tâm Đăng kiểm xe cơ giới %s"}},
	{"TNMT", "Sở Tài nguyên và Môi trường", []string{"Văn phòng", "Thanh tra", "Phòng Đất đai", "Phòng Tài nguyên nước, khoáng sản và biến đổi khí hậu", "Phòng Đo đạc, bản đồ và viễn thám"},
		[]sub{{"Chi cục Bảo vệ môi trường", []string{"Phòng Hành chính - Tổng hợp", "Phòng Kiểm soát ô nhiễm"}}},
		[]string{"Văn phòng Đăng ký đất đai %s", "Trung tâm Quan trắc tài nguyên và môi trường %s", "Trung tâm Phát triển quỹ đất %s"}},
	{"TTTT", "Sở Thông tin và Truyền thông", []string{"Văn phòng", "Thanh tra", "Phòng Thông tin - Báo chí - Xuất bản", "Phòng Bưu chính - Viễn thông", "Phòng Công nghệ thông tin"},
		nil, []string{"Trung tâm Công nghệ thông tin và Truyền thông %s"}},
	{"LDTBXH", "Sở Lao động - Thương binh và Xã hội", []string{"Văn phòng", "Thanh tra", "Phòng Lao động - Việc làm - Giáo dục nghề nghiệp", "Phòng Người có công", "Phòng Bảo trợ xã hội, trẻ em và bình đẳng giới"},
		nil, []string{"Trung tâm Dịch vụ việc làm %s", "Trung tâm Bảo trợ xã hội %s", "Cơ sở cai nghiện ma túy %s"}},
	{"VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", []string{"Văn phòng", "Thanh tra", "Phòng Quản lý văn hóa", "Phòng Quản lý thể dục thể thao", "Phòng Quản lý du lịch", "Phòng Xây dựng nếp sống văn hóa và gia đình"},
		nil, []string{"Bảo tàng %s", "Thư viện %s", "Trung tâm Văn hóa %s", "Trung tâm Huấn luyện và Thi đấu thể thao %s"}},
	{"KHCN", "Sở Khoa học và Công nghệ", []string{"Văn phòng", "Thanh tra", "Phòng Quản lý khoa học", "Phòng Quản lý công nghệ và thị trường công nghệ"},
		[]sub{{"Chi cục Tiêu chuẩn Đo lường Chất lượng", []string{"Phòng Hành chính - Tổng hợp", "Phòng Quản lý đo lường"}}},
		[]string{"Trung tâm Ứng dụng tiến bộ khoa học và công nghệ %s"}},
	{"GDDT", "Sở Giáo dục và Đào tạo", []string{"Văn phòng", "Thanh tra", "Phòng Giáo dục mầm non", "Phòng Giáo dục phổ thông", "Phòng Giáo dục chuyên nghiệp và giáo dục thường xuyên", "Phòng Khảo thí và kiểm định chất lượng giáo dục", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính"},
		nil, []string{"Trường Trung học phổ thông chuyên %s", "Trường Phổ thông Dân tộc nội trú %s"}},
	{"YT", "Sở Y tế", []string{"Văn phòng", "Thanh tra", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ"},
		[]sub{{"Chi cục Dân số - Kế hoạch hóa gia đình", []string{"Phòng Hành chính - Tổng hợp", "Phòng Nghiệp vụ"}}, {"Chi cục An toàn vệ sinh thực phẩm", []string{"Phòng Hành chính - Tổng hợp", "Phòng Nghiệp vụ"}}},
		[]string{"Bệnh viện Đa khoa %s", "Bệnh viện Y dược cổ truyền %s", "Bệnh viện Sản - Nhi %s", "Bệnh viện Phổi %s", "Bệnh viện Tâm thần %s", "Trung tâm Kiểm soát bệnh tật %s", "Trung tâm Pháp y %s", "Trung tâm Kiểm nghiệm %s", "Trung tâm Giám định y khoa %s"}},
	{"TTR", "Thanh tra", []string{"Văn phòng", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3", "Phòng Tiếp công dân và xử lý đơn thư", "Phòng Phòng, chống tham nhũng"},
		nil, nil},
	{"VP", "Văn phòng Ủy ban nhân dân", []string{"Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã", "Phòng Nội chính", "Phòng Hành chính - Tổ chức", "Phòng Quản trị - Tài vụ"},
		nil, []string{"Trung tâm Phục vụ hành chính công %s", "Cổng Thông tin điện tử %s"}},
	{"BDT", "Ban Dân tộc", []string{"Văn phòng", "Thanh tra", "Phòng Chính sách dân tộc", "Phòng Kế hoạch - Tổng hợp"},
		nil, nil},
}

// directPSUs are the public service and administrative units directly
// under a province's People's Committee.
var directPSUs = []string{
	"Đài Phát thanh và Truyền hình %s", "Trường Cao đẳng Cộng đồng %s", "Ban Quản lý Khu kinh tế %s",
	"Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp %s",
	"Ban Quản lý dự án đầu tư xây dựng các công trình giao thông %s",
	"Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn %s",
	"Quỹ Đầu tư phát triển %s",
}

// partyAgencies are the provincial party committee's agencies ("%s" is
// "Tỉnh ủy Lai Châu").
var partyAgencies = []struct {
	code, name, kind string
	divisions        []string
}{
	{"BTC", "Ban Tổ chức %s", "party_agency", []string{"Phòng Tổ chức đảng, đảng viên", "Phòng Bảo vệ chính trị nội bộ", "Phòng Cán bộ", "Phòng Tổng hợp"}},
	{"BTG", "Ban Tuyên giáo %s", "party_agency", []string{"Phòng Lý luận chính trị", "Phòng Tuyên truyền", "Phòng Tổng hợp"}},
	{"BDV", "Ban Dân vận %s", "party_agency", []string{"Phòng Dân vận chính quyền", "Phòng Dân tộc, tôn giáo", "Phòng Tổng hợp"}},
	{"BNC", "Ban Nội chính %s", "party_agency", []string{"Phòng Nội chính", "Phòng Phòng, chống tham nhũng"}},
	{"UBKT", "Ủy ban Kiểm tra %s", "party_inspection_commission", []string{"Phòng Kiểm tra 1", "Phòng Kiểm tra 2", "Phòng Tổng hợp"}},
	{"VPTU", "Văn phòng %s", "party_agency", []string{"Phòng Tổng hợp", "Phòng Hành chính - Lưu trữ", "Phòng Tài chính - Quản trị"}},
	{"DUK", "Đảng ủy Khối các cơ quan %s", "party_subcommittee", nil},
	{"DUDN", "Đảng ủy Khối Doanh nghiệp %s", "party_subcommittee", nil},
}

// councilCommittees are the committees of a provincial People's Council.
var councilCommittees = []string{"Ban Pháp chế", "Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội", "Ban Dân tộc"}

// frontOrgs are the socio-political organisations of a province, with the
// central organisation each belonged to before 1 July 2025.
var frontOrgs = []struct{ code, name, central string }{
	{"LDLD", "Liên đoàn Lao động %s", "Tổng Liên đoàn Lao động Việt Nam"},
	{"DOAN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh %s", "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"},
	{"HPN", "Hội Liên hiệp Phụ nữ %s", "Trung ương Hội Liên hiệp Phụ nữ Việt Nam"},
	{"HND", "Hội Nông dân %s", "Trung ương Hội Nông dân Việt Nam"},
	{"HCCB", "Hội Cựu chiến binh %s", "Trung ương Hội Cựu chiến binh Việt Nam"},
}

// districtDivisions are a district People's Committee's divisions; rural
// and urban districts differ in two of them.
var districtDivisions = []string{
	"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch",
	"Phòng Tài nguyên và Môi trường", "Phòng Lao động - Thương binh và Xã hội", "Phòng Văn hóa và Thông tin",
	"Phòng Giáo dục và Đào tạo", "Phòng Y tế", "Thanh tra",
}

// ministries are the ministries and ministry-level agencies before
// 1 March 2025, with their own departments.
var ministries = []struct {
	code, name string
	depts      []string
}{
	{"BNG", "Bộ Ngoại giao", []string{"Cục Lãnh sự", "Cục Lễ tân Nhà nước", "Vụ Luật pháp và Điều ước quốc tế"}},
	{"BQP", "Bộ Quốc phòng", []string{"Cục Đối ngoại", "Cục Kinh tế"}},
	{"BCA", "Bộ Công an", []string{"Cục Quản lý xuất nhập cảnh", "Cục Cảnh sát giao thông", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"}},
	{"BTP", "Bộ Tư pháp", []string{"Cục Hộ tịch, quốc tịch, chứng thực", "Cục Bổ trợ tư pháp", "Cục Trợ giúp pháp lý", "Cục Kiểm tra văn bản quy phạm pháp luật"}},
	{"BTC", "Bộ Tài chính", []string{"Tổng cục Thuế", "Tổng cục Hải quan", "Kho bạc Nhà nước", "Cục Quản lý công sản", "Cục Quản lý nợ và Tài chính đối ngoại", "Vụ Ngân sách nhà nước"}},
	{"BKHDT", "Bộ Kế hoạch và Đầu tư", []string{"Tổng cục Thống kê", "Cục Quản lý đăng ký kinh doanh", "Cục Đầu tư nước ngoài", "Cục Quản lý đấu thầu", "Vụ Tổng hợp kinh tế quốc dân"}},
	{"BNV", "Bộ Nội vụ", []string{"Ban Thi đua - Khen thưởng Trung ương", "Ban Tôn giáo Chính phủ", "Cục Văn thư và Lưu trữ nhà nước", "Vụ Chính quyền địa phương", "Vụ Công chức - Viên chức"}},
	{"BLDTBXH", "Bộ Lao động - Thương binh và Xã hội", []string{"Cục Việc làm", "Cục Người có công", "Cục Bảo trợ xã hội", "Cục Trẻ em", "Tổng cục Giáo dục nghề nghiệp"}},
	{"BCT", "Bộ Công Thương", []string{"Tổng cục Quản lý thị trường", "Cục Điện lực và Năng lượng tái tạo", "Cục Xúc tiến thương mại", "Cục Phòng vệ thương mại"}},
	{"BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", []string{"Cục Trồng trọt", "Cục Chăn nuôi", "Cục Thú y", "Cục Bảo vệ thực vật", "Cục Lâm nghiệp", "Tổng cục Thủy lợi"}},
	{"BTNMT", "Bộ Tài nguyên và Môi trường", []string{"Cục Quản lý đất đai", "Cục Quản lý tài nguyên nước", "Cục Biến đổi khí hậu", "Cục Khí tượng Thủy văn", "Cục Địa chất và Khoáng sản Việt Nam"}},
	{"BXD", "Bộ Xây dựng", []string{"Cục Quản lý hoạt động xây dựng", "Cục Phát triển đô thị", "Cục Quản lý nhà và thị trường bất động sản", "Cục Giám định nhà nước về chất lượng công trình xây dựng"}},
	{"BGTVT", "Bộ Giao thông vận tải", []string{"Cục Đường bộ Việt Nam", "Cục Hàng hải Việt Nam", "Cục Hàng không Việt Nam", "Cục Đường sắt Việt Nam", "Cục Đăng kiểm Việt Nam"}},
	{"BTTTT", "Bộ Thông tin và Truyền thông", []string{"Cục Báo chí", "Cục Xuất bản, In và Phát hành", "Cục Viễn thông", "Cục Bưu điện Trung ương", "Cục An toàn thông tin"}},
	{"BKHCN", "Bộ Khoa học và Công nghệ", []string{"Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia", "Cục Sở hữu trí tuệ", "Cục Năng lượng nguyên tử", "Cục Ứng dụng và Phát triển công nghệ"}},
	{"BGDDT", "Bộ Giáo dục và Đào tạo", []string{"Cục Quản lý chất lượng", "Cục Nhà giáo và Cán bộ quản lý giáo dục", "Vụ Giáo dục Mầm non", "Vụ Giáo dục Phổ thông", "Vụ Giáo dục Đại học"}},
	{"BYT", "Bộ Y tế", []string{"Cục Quản lý Dược", "Cục Quản lý Khám, chữa bệnh", "Cục Y tế dự phòng", "Cục An toàn thực phẩm", "Cục Quản lý Y, Dược cổ truyền"}},
	{"BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", []string{"Cục Di sản văn hóa", "Cục Nghệ thuật biểu diễn", "Tổng cục Thể dục thể thao", "Tổng cục Du lịch"}},
	{"NHNN", "Ngân hàng Nhà nước Việt Nam", []string{"Cơ quan Thanh tra, giám sát ngân hàng", "Vụ Chính sách tiền tệ", "Vụ Tín dụng các ngành kinh tế"}},
	{"TTCP", "Thanh tra Chính phủ", []string{"Cục Giải quyết khiếu nại, tố cáo và thanh tra khu vực I", "Cục Chống tham nhũng", "Vụ Kế hoạch - Tổng hợp"}},
	{"VPCP", "Văn phòng Chính phủ", []string{"Cục Kiểm soát thủ tục hành chính", "Vụ Tổng hợp", "Vụ Kinh tế tổng hợp"}},
	{"UBDT", "Ủy ban Dân tộc", []string{"Vụ Chính sách dân tộc", "Vụ Địa phương I", "Vụ Địa phương II", "Vụ Địa phương III"}},
}

// ministryCommon are the departments every ministry has.
var ministryCommon = []string{"Văn phòng Bộ", "Thanh tra Bộ", "Vụ Tổ chức cán bộ", "Vụ Kế hoạch - Tài chính", "Vụ Pháp chế", "Vụ Hợp tác quốc tế"}

// ministryDivisions are the divisions of a department (cục, vụ).
var ministryDivisions = []string{"Văn phòng", "Phòng Tổng hợp", "Phòng Chính sách", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Kiểm tra"}

// ministryPSUs are the public service units every ministry has ("%s" is
// the ministry's name).
var ministryPSUs = []string{"Báo %s", "Tạp chí %s", "Trung tâm Thông tin %s", "Viện Chiến lược và Chính sách thuộc %s", "Trường Cán bộ quản lý thuộc %s", "Học viện thuộc %s"}
