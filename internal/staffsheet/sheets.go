package staffsheet

import "math"

// The column tables of the three data sheets. Headers, order, kinds and
// notes here are what users see in the template and in error messages.

func peopleSheet(l lists) sheetSpec {
	return sheetSpec{
		Name:  SheetPeople,
		CSV:   "nguoi.csv",
		About: "mỗi dòng là một người: thông tin cá nhân, ngạch, lương, phụ cấp.",
		Columns: []column{
			{Header: "Mã cán bộ", Field: fCode, Required: true, Kind: kText, Width: 14, Example: "CB000123",
				Note: "Mã cán bộ của tỉnh, không trùng nhau trong tệp; trang «Bố trí» dùng mã này."},
			{Header: "Họ và tên", Field: fName, Required: true, Kind: kText, Width: 26, Example: "Nguyễn Thị Lan"},
			{Header: "Giới tính", Field: fSex, Required: true, Kind: kChoice, Choices: l.sex, Width: 10, Example: "Nữ"},
			{Header: "Ngày sinh", Field: fBirth, Required: true, Kind: kBirthDate, Width: 12, Example: "15/03/1980",
				Note: "Từ 01/01/1940 đến ngày đủ 15 tuổi. Nếu chỉ biết năm sinh, nhập năm (ví dụ 1968): hệ thống hiểu là ngày 01/01 của năm đó."},
			{Header: "Quê quán", Field: fHometown, Kind: kText, Width: 12, Example: "40",
				Note: "Mã đơn vị hành chính (nhập dạng văn bản để giữ số 0 ở đầu)."},
			{Header: "Loại", Field: fCategory, Required: true, Kind: kChoice, Choices: l.category, Width: 22, Example: "Công chức"},
			{Header: "Mã ngạch/chức danh nghề nghiệp", Field: fGrade, Kind: kText, Width: 16, Example: "01.003"},
			{Header: "Bậc lương", Field: fStep, Kind: kInt, Min: 1, Max: 20, Width: 10, Example: "4"},
			{Header: "Hệ số lương", Field: fCoef, Kind: kCoef, Max: 15, Width: 11, Example: "3,33"},
			{Header: "Phụ cấp chức vụ", Field: fPositionAllowance, Kind: kCoef, Max: 15, Width: 11, Example: "0,4",
				Note: "Hệ số phụ cấp chức vụ lãnh đạo."},
			{Header: "Phụ cấp khác", Field: fAllowances, Kind: kAllowances, Max: 15, Width: 30, Example: "thâm niên vượt khung 5%; khu vực 0,5",
				Note: "Mỗi phụ cấp là «tên phụ cấp» rồi hệ số (khu vực 0,5) hoặc phần trăm (thâm niên vượt khung 5%); các phụ cấp cách nhau bằng dấu chấm phẩy «;»."},
			{Header: "Ngày bắt đầu đóng BHXH", Field: fInsurance, Kind: kDate, Width: 13, Example: "01/09/2003"},
			{Header: "Đảng viên", Field: fParty, Kind: kChoice, Choices: l.yesNo, Width: 10, Example: "Có",
				Note: "Để trống là Không."},
			{Header: "Ngày vào Đảng", Field: fPartyJoined, Kind: kDate, Width: 13, Example: "19/05/2010",
				Note: "Chỉ nhập khi «Đảng viên» là Có."},
			{Header: "Trình độ chuyên môn", Field: fEducation, Kind: kText, Width: 20, Example: "Thạc sĩ Luật"},
			{Header: "Lý luận chính trị", Field: fTheory, Kind: kText, Width: 14, Example: "Cao cấp"},
			{Header: "Số định danh cá nhân", Field: fNationalID, Kind: kNationalID, Sensitive: true, Width: 16, Example: "040180000123",
				Note: "12 chữ số (số căn cước); nhập dạng văn bản để giữ số 0 ở đầu."},
			{Header: "Dân tộc", Field: fEthnicity, Kind: kText, Sensitive: true, Width: 10, Example: "Kinh"},
			{Header: "Tôn giáo", Field: fReligion, Kind: kText, Sensitive: true, Width: 10, Example: "Không"},
			{Header: "Sức khỏe", Field: fHealth, Kind: kText, Sensitive: true, Width: 10, Example: "Tốt"},
		},
	}
}

func assignmentSheet(l lists) sheetSpec {
	return sheetSpec{
		Name:  SheetAssignments,
		CSV:   "bo-tri.csv",
		About: "mỗi dòng là một lần bố trí, bổ nhiệm hoặc kiêm nhiệm một người vào một đơn vị.",
		Columns: []column{
			{Header: "Mã cán bộ", Field: fCode, Required: true, Kind: kText, Width: 14, Example: "CB000123",
				Note: "Mã của một người ở trang «Người» hoặc đã có trong hệ thống."},
			{Header: "Mã đơn vị", Field: fUnit, Required: true, Kind: kText, Width: 14, Example: "SNV",
				Note: "Mã hoặc định danh của đơn vị trong hệ thống."},
			{Header: "Chức vụ", Field: fPost, Required: true, Kind: kChoice, Choices: l.post, Width: 16, Example: "Cấp phó"},
			{Header: "Chức danh", Field: fTitle, Kind: kText, Width: 24, Example: "Phó Giám đốc Sở",
				Note: "Tên chức danh như trong quyết định."},
			{Header: "Vị trí việc làm", Field: fPosition, Required: true, Kind: kChoice, Choices: l.position, Width: 22, Example: "Chuyên môn, nghiệp vụ"},
			{Header: "Nguồn lương", Field: fFunding, Required: true, Kind: kChoice, Choices: l.funding, Width: 20, Example: "Ngân sách nhà nước"},
			{Header: "Kiêm nhiệm", Field: fConcurrent, Kind: kChoice, Choices: l.yesNo, Width: 11, Example: "Không",
				Note: "Có nếu là chức vụ kiêm nhiệm; để trống là Không (chức vụ chính)."},
			{Header: "Từ ngày", Field: fFrom, Required: true, Kind: kDate, Width: 12, Example: "01/07/2025",
				Note: "Ngày bắt đầu giữ chức vụ theo quyết định."},
			{Header: "Đến ngày", Field: fTo, Kind: kDate, Width: 12, Example: "",
				Note: "Ngày thôi giữ chức vụ (từ ngày này không còn giữ), phải sau «Từ ngày»; để trống nếu đang giữ."},
			{Header: "Ghi chú", Field: fNote, Kind: kNote, Width: 30, Example: "Quyết định số 45/QĐ-UBND"},
		},
	}
}

func quotaSheet(l lists) sheetSpec {
	return sheetSpec{
		Name:  SheetQuotas,
		CSV:   "bien-che.csv",
		About: "mỗi dòng là số lượng biên chế giao cho một đơn vị theo năm và loại, kèm văn bản giao.",
		Columns: []column{
			{Header: "Mã đơn vị", Field: fUnit, Required: true, Kind: kText, Width: 14, Example: "SNV"},
			{Header: "Năm", Field: fYear, Required: true, Kind: kInt, Min: 2000, Max: 2100, Width: 8, Example: "2025"},
			{Header: "Loại", Field: fCategory, Required: true, Kind: kChoice, Choices: l.category, Width: 22, Example: "Công chức"},
			{Header: "Số lượng", Field: fCount, Required: true, Kind: kInt, Min: 0, Max: math.MaxInt32, Width: 10, Example: "52"},
			{Header: "Số văn bản", Field: fDecisionNo, Required: true, Kind: kDecisionNo, Width: 26, Example: "Quyết định số 123/QĐ-UBND",
				Note: "Ví dụ «Quyết định số 123/QĐ-UBND» hoặc «123/QĐ-UBND»."},
			{Header: "Cơ quan ban hành", Field: fIssuer, Required: true, Kind: kText, Width: 22, Example: "UBND tỉnh"},
			{Header: "Ngày ký", Field: fSigned, Kind: kDate, Width: 12, Example: "20/12/2024"},
			{Header: "Ghi chú", Field: fNote, Kind: kNote, Width: 30, Example: ""},
		},
	}
}
