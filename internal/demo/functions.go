package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tinhgon/internal/civil"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/store"
)

// The demo's catalogue of functions (chức năng, nhiệm vụ, lĩnh vực quản
// lý): the main fields of each provincial department and body before 2025,
// each led by one unit with a few coordinating, as the province's
// decisions on the departments' functions set them out. The names follow
// the national decrees on the departments' functions; the split of work
// among the bodies is plausible, not copied from Lai Châu's own decisions.

// catalogueFrom is the day the demo's catalogue starts: the departments'
// functions as the province set them out for the 2021–2026 term.
var catalogueFrom = civil.MustParse("2021-01-01")

// demoFunction is one function of the catalogue with its lead and
// coordinating units (codes of the skeleton).
type demoFunction struct {
	code, name, field string
	lead              string
	coord             []string
}

func fnOf(code, name, field, lead string, coord ...string) demoFunction {
	return demoFunction{code: code, name: name, field: field, lead: lead, coord: coord}
}

var laiChauFunctions = []demoFunction{
	// Party agencies.
	fnOf("tu.vanphong", "Tham mưu tổ chức, điều hành hoạt động của Tỉnh ủy, Ban Thường vụ Tỉnh ủy", "Công tác văn phòng cấp ủy", "p.vptu"),
	fnOf("tu.taichinh", "Quản lý tài chính, tài sản của Đảng bộ tỉnh", "Tài chính Đảng", "p.vptu", "s.taichinh"),
	fnOf("tu.tochuc", "Tham mưu về tổ chức bộ máy của hệ thống chính trị", "Tổ chức xây dựng Đảng", "p.btc", "s.noivu"),
	fnOf("tu.canbo", "Công tác cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý", "Tổ chức xây dựng Đảng", "p.btc", "s.noivu"),
	fnOf("tu.dangvien", "Công tác đảng viên, phát triển đảng viên", "Tổ chức xây dựng Đảng", "p.btc"),
	fnOf("tu.tuyengiao", "Tuyên truyền, giáo dục chính trị tư tưởng", "Tuyên giáo", "p.btg", "p.bao", "dv.daipttt"),
	fnOf("tu.khoagiao", "Công tác khoa giáo", "Tuyên giáo", "p.btg", "s.khcn", "s.gddt"),
	fnOf("tu.dluan", "Nắm bắt, định hướng dư luận xã hội", "Tuyên giáo", "p.btg"),
	fnOf("tu.danvan", "Công tác dân vận của hệ thống chính trị", "Dân vận", "p.bdv", "mt.tinh"),
	fnOf("tu.danchu", "Thực hiện dân chủ ở cơ sở", "Dân vận", "p.bdv", "s.noivu", "mt.tinh"),
	fnOf("tu.noichinh", "Công tác nội chính, cải cách tư pháp", "Nội chính", "p.bnc", "v.catinh", "v.tand", "v.vksnd"),
	fnOf("tu.pctn", "Phòng, chống tham nhũng, lãng phí, tiêu cực (khối Đảng)", "Nội chính", "p.bnc", "s.thanhtra"),
	fnOf("tu.kiemtra", "Kiểm tra, giám sát tổ chức đảng và đảng viên", "Kiểm tra Đảng", "p.ubkt"),
	fnOf("tu.kyluat", "Thi hành kỷ luật đảng, giải quyết tố cáo đối với đảng viên", "Kiểm tra Đảng", "p.ubkt", "p.btc"),
	fnOf("tu.llct", "Đào tạo, bồi dưỡng lý luận chính trị, nghiệp vụ công tác đảng", "Đào tạo, bồi dưỡng", "p.tct", "p.btc"),
	fnOf("bao.baoin", "Thông tin, tuyên truyền trên báo in, báo điện tử của Đảng bộ tỉnh", "Báo chí", "p.bao", "p.btg"),
	fnOf("bao.phatthanh", "Phát thanh, truyền hình của tỉnh", "Báo chí", "dv.daipttt", "p.btg"),
	fnOf("bvsk.canbo", "Bảo vệ, chăm sóc sức khỏe cán bộ", "Y tế", "p.bvsk", "s.yte"),

	// Departments of the People's Committee.
	fnOf("nv.bomay", "Tổ chức bộ máy, vị trí việc làm, biên chế", "Nội vụ", "s.noivu", "p.btc"),
	fnOf("nv.ccvc", "Quản lý cán bộ, công chức, viên chức", "Nội vụ", "s.noivu"),
	fnOf("nv.cqdp", "Chính quyền địa phương, địa giới đơn vị hành chính", "Nội vụ", "s.noivu", "s.tnmt"),
	fnOf("nv.caicach", "Cải cách hành chính, công vụ", "Nội vụ", "s.noivu", "s.vpubnd"),
	fnOf("nv.thidua", "Thi đua, khen thưởng", "Nội vụ", "s.noivu"),
	fnOf("nv.luutru", "Văn thư, lưu trữ nhà nước", "Nội vụ", "s.noivu"),
	fnOf("nv.thanhnien", "Quản lý nhà nước về thanh niên", "Nội vụ", "s.noivu", "mt.tinhdoan"),
	fnOf("nv.tongiao", "Tín ngưỡng, tôn giáo", "Tôn giáo", "s.noivu", "s.bandantoc", "mt.tinh"),
	fnOf("tp.vbqppl", "Xây dựng, thẩm định, kiểm tra văn bản quy phạm pháp luật", "Tư pháp", "s.tuphap", "s.vpubnd"),
	fnOf("tp.pbgdpl", "Phổ biến, giáo dục pháp luật", "Tư pháp", "s.tuphap", "mt.tinh"),
	fnOf("tp.hotich", "Hộ tịch, quốc tịch, chứng thực", "Tư pháp", "s.tuphap", "v.catinh"),
	fnOf("tp.trogiup", "Trợ giúp pháp lý, công chứng, luật sư", "Tư pháp", "s.tuphap"),
	fnOf("kh.quyhoach", "Quy hoạch tỉnh, kế hoạch phát triển kinh tế - xã hội", "Kế hoạch, đầu tư", "s.khdt", "s.taichinh", "s.xaydung"),
	fnOf("kh.dautucong", "Quản lý đầu tư công", "Kế hoạch, đầu tư", "s.khdt", "s.taichinh"),
	fnOf("kh.doanhnghiep", "Đăng ký doanh nghiệp, phát triển doanh nghiệp, kinh tế tập thể", "Kế hoạch, đầu tư", "s.khdt", "s.congthuong"),
	fnOf("kh.oda", "Thu hút đầu tư, vốn ODA và vốn vay ưu đãi", "Kế hoạch, đầu tư", "s.khdt", "s.ngoaivu"),
	fnOf("tc.ngansach", "Quản lý ngân sách nhà nước", "Tài chính", "s.taichinh", "s.khdt"),
	fnOf("tc.taisan", "Quản lý tài sản công", "Tài chính", "s.taichinh"),
	fnOf("tc.gia", "Quản lý giá", "Tài chính", "s.taichinh", "s.congthuong"),
	fnOf("ct.congnghiep", "Phát triển công nghiệp, tiểu thủ công nghiệp", "Công thương", "s.congthuong"),
	fnOf("ct.thuongmai", "Thương mại, xuất nhập khẩu, thương mại biên giới", "Công thương", "s.congthuong", "ao.bqlkkt"),
	fnOf("ct.nangluong", "Năng lượng, điện, an toàn hóa chất", "Công thương", "s.congthuong"),
	fnOf("ct.qltt", "Quản lý thị trường, chống buôn lậu, gian lận thương mại", "Công thương", "v.cucqltt", "s.congthuong", "v.catinh"),
	fnOf("nn.trongtrot", "Trồng trọt, bảo vệ thực vật", "Nông nghiệp", "s.nnptnt"),
	fnOf("nn.channuoi", "Chăn nuôi, thú y", "Nông nghiệp", "s.nnptnt"),
	fnOf("nn.lamnghiep", "Lâm nghiệp, bảo vệ và phát triển rừng", "Nông nghiệp", "s.nnptnt", "s.tnmt"),
	fnOf("nn.thuyloi", "Thủy lợi, phòng, chống thiên tai", "Nông nghiệp", "s.nnptnt"),
	fnOf("nn.nongthonmoi", "Phát triển nông thôn, xây dựng nông thôn mới", "Nông nghiệp", "s.nnptnt", "s.khdt", "mt.hnd"),
	fnOf("tn.datdai", "Đất đai", "Tài nguyên, môi trường", "s.tnmt", "s.xaydung"),
	fnOf("tn.moitruong", "Bảo vệ môi trường", "Tài nguyên, môi trường", "s.tnmt", "v.catinh"),
	fnOf("tn.nuockhoangsan", "Tài nguyên nước, khoáng sản", "Tài nguyên, môi trường", "s.tnmt"),
	fnOf("tn.khituong", "Khí tượng thủy văn, biến đổi khí hậu", "Tài nguyên, môi trường", "s.tnmt", "s.nnptnt"),
	fnOf("gt.hatang", "Kết cấu hạ tầng giao thông", "Giao thông vận tải", "s.gtvt", "s.xaydung"),
	fnOf("gt.vantai", "Vận tải, an toàn giao thông", "Giao thông vận tải", "s.gtvt", "v.catinh"),
	fnOf("gt.gplx", "Sát hạch, cấp giấy phép lái xe", "Giao thông vận tải", "s.gtvt", "v.catinh"),
	fnOf("xd.quyhoach", "Quy hoạch xây dựng, kiến trúc", "Xây dựng", "s.xaydung"),
	fnOf("xd.dothi", "Phát triển đô thị, nhà ở, thị trường bất động sản", "Xây dựng", "s.xaydung", "s.tnmt"),
	fnOf("xd.hoatdong", "Hoạt động xây dựng, vật liệu xây dựng", "Xây dựng", "s.xaydung"),
	fnOf("tt.baochi", "Báo chí, xuất bản", "Thông tin, truyền thông", "s.tttt", "p.btg"),
	fnOf("tt.buuchinh", "Bưu chính, viễn thông", "Thông tin, truyền thông", "s.tttt"),
	fnOf("tt.cds", "Công nghệ thông tin, chuyển đổi số", "Thông tin, truyền thông", "s.tttt", "s.vpubnd"),
	fnOf("ld.vieclam", "Lao động, việc làm, tiền lương", "Lao động, người có công và xã hội", "s.ldtbxh", "mt.ldld"),
	fnOf("ld.nguoicocong", "Người có công với cách mạng", "Lao động, người có công và xã hội", "s.ldtbxh", "mt.hccb"),
	fnOf("ld.gdnn", "Giáo dục nghề nghiệp", "Lao động, người có công và xã hội", "s.ldtbxh", "s.gddt"),
	fnOf("ld.baotro", "Bảo trợ xã hội", "Lao động, người có công và xã hội", "s.ldtbxh", "mt.hoi.ctd"),
	fnOf("ld.treem", "Trẻ em", "Lao động, người có công và xã hội", "s.ldtbxh", "mt.tinhdoan"),
	fnOf("ld.giamngheo", "Giảm nghèo", "Lao động, người có công và xã hội", "s.ldtbxh", "s.nnptnt", "mt.tinh"),
	fnOf("ld.cainghien", "Cai nghiện ma túy, quản lý sau cai", "Lao động, người có công và xã hội", "s.ldtbxh", "v.catinh"),
	fnOf("ld.binhdang", "Bình đẳng giới", "Lao động, người có công và xã hội", "s.ldtbxh", "mt.hlhpn"),
	fnOf("vh.vanhoa", "Văn hóa, di sản văn hóa", "Văn hóa, thể thao và du lịch", "s.vhttdl"),
	fnOf("vh.thethao", "Thể dục, thể thao", "Văn hóa, thể thao và du lịch", "s.vhttdl", "mt.tinhdoan"),
	fnOf("vh.dulich", "Du lịch", "Văn hóa, thể thao và du lịch", "s.vhttdl", "ao.bqlkkt"),
	fnOf("vh.giadinh", "Gia đình", "Văn hóa, thể thao và du lịch", "s.vhttdl", "mt.hlhpn"),
	fnOf("kc.khcn", "Khoa học, công nghệ, đổi mới sáng tạo", "Khoa học, công nghệ", "s.khcn"),
	fnOf("kc.tdc", "Tiêu chuẩn, đo lường, chất lượng", "Khoa học, công nghệ", "s.khcn", "s.congthuong"),
	fnOf("gd.phothong", "Giáo dục mầm non, phổ thông", "Giáo dục và đào tạo", "s.gddt"),
	fnOf("gd.thuongxuyen", "Giáo dục thường xuyên", "Giáo dục và đào tạo", "s.gddt"),
	fnOf("gd.nhagiao", "Nhà giáo và cán bộ quản lý giáo dục", "Giáo dục và đào tạo", "s.gddt", "s.noivu"),
	fnOf("yt.khambenh", "Khám bệnh, chữa bệnh", "Y tế", "s.yte"),
	fnOf("yt.duphong", "Y tế dự phòng", "Y tế", "s.yte"),
	fnOf("yt.duoc", "Dược, mỹ phẩm", "Y tế", "s.yte"),
	fnOf("yt.attp", "An toàn thực phẩm", "Y tế", "s.yte", "s.nnptnt", "s.congthuong"),
	fnOf("ttr.hanhchinh", "Thanh tra hành chính, thanh tra chuyên ngành", "Thanh tra", "s.thanhtra"),
	fnOf("ttr.khieunai", "Tiếp công dân, giải quyết khiếu nại, tố cáo", "Thanh tra", "s.thanhtra", "s.vpubnd"),
	fnOf("ttr.pctn", "Phòng, chống tham nhũng trong cơ quan hành chính", "Thanh tra", "s.thanhtra", "p.bnc"),
	fnOf("vp.tonghop", "Tham mưu tổng hợp, điều hành của Ủy ban nhân dân tỉnh", "Văn phòng", "s.vpubnd"),
	fnOf("vp.tthc", "Kiểm soát thủ tục hành chính, một cửa, một cửa liên thông", "Văn phòng", "s.vpubnd", "s.noivu"),
	fnOf("ng.doingoai", "Công tác đối ngoại", "Ngoại vụ", "s.ngoaivu"),
	fnOf("ng.biengioi", "Công tác biên giới lãnh thổ", "Ngoại vụ", "s.ngoaivu", "v.catinh"),
	fnOf("dt.dantoc", "Công tác dân tộc, chính sách dân tộc", "Dân tộc", "s.bandantoc", "p.bdv"),
	fnOf("kkt.cuakhau", "Quản lý khu kinh tế cửa khẩu", "Khu kinh tế", "ao.bqlkkt", "s.congthuong"),
	fnOf("ca.anninh", "Bảo đảm an ninh quốc gia, trật tự, an toàn xã hội", "Công an", "v.catinh"),

	// The Fatherland Front and the mass organisations.
	fnOf("mttq.doanket", "Tập hợp, xây dựng khối đại đoàn kết toàn dân tộc", "Mặt trận Tổ quốc", "mt.tinh",
		"mt.ldld", "mt.tinhdoan", "mt.hlhpn", "mt.hnd", "mt.hccb"),
	fnOf("mttq.giamsat", "Giám sát và phản biện xã hội", "Mặt trận Tổ quốc", "mt.tinh",
		"mt.ldld", "mt.tinhdoan", "mt.hlhpn", "mt.hnd", "mt.hccb"),
	fnOf("mttq.vinguoingheo", "Vận động Quỹ «Vì người nghèo», an sinh xã hội", "Mặt trận Tổ quốc", "mt.tinh", "s.ldtbxh", "mt.hoi.ctd"),
	fnOf("mttq.tongiao", "Đoàn kết các tôn giáo, vận động đồng bào có đạo", "Mặt trận Tổ quốc", "mt.tinh", "p.bdv"),
	fnOf("cd.congdoan", "Đại diện, bảo vệ quyền, lợi ích hợp pháp của người lao động", "Công đoàn", "mt.ldld", "s.ldtbxh"),
	fnOf("cd.doanvien", "Phát triển đoàn viên, xây dựng tổ chức công đoàn", "Công đoàn", "mt.ldld"),
	fnOf("doan.thanhnien", "Tập hợp, giáo dục, đoàn kết thanh niên", "Đoàn Thanh niên", "mt.tinhdoan", "mt.tinh"),
	fnOf("doan.thieunhi", "Phụ trách Đội Thiếu niên Tiền phong Hồ Chí Minh", "Đoàn Thanh niên", "mt.tinhdoan", "s.gddt"),
	fnOf("pn.phunu", "Đại diện, bảo vệ quyền, lợi ích hợp pháp của phụ nữ", "Phụ nữ", "mt.hlhpn", "mt.tinh"),
	fnOf("pn.sinhke", "Hỗ trợ phụ nữ phát triển kinh tế, khởi nghiệp", "Phụ nữ", "mt.hlhpn"),
	fnOf("nd.nongdan", "Vận động, tập hợp nông dân", "Nông dân", "mt.hnd", "mt.tinh"),
	fnOf("nd.quyhotro", "Hỗ trợ nông dân phát triển sản xuất, Quỹ Hỗ trợ nông dân", "Nông dân", "mt.hnd", "s.nnptnt"),
	fnOf("ccb.cuuchienbinh", "Tập hợp, đoàn kết cựu chiến binh, bảo vệ quyền lợi hội viên", "Cựu chiến binh", "mt.hccb", "mt.tinh"),
	fnOf("hoi.chuthapdo", "Hoạt động nhân đạo, chữ thập đỏ", "Hội quần chúng", "mt.hoi.ctd", "s.yte"),
	fnOf("hoi.khkt", "Tập hợp trí thức khoa học và công nghệ", "Hội quần chúng", "mt.hoi.lhh", "s.khcn"),
}

// functionMove is a function a unit hands over to another in the 2025
// operations (the skeleton's function_transfers), by the skeleton
// operation it belongs to.
type functionMove struct{ fn, from, to string }

var functionMoves = map[string][]functionMove{
	// Sở Khoa học và Công nghệ + Sở Thông tin và Truyền thông: press and
	// publishing go to Sở Văn hóa, Thể thao và Du lịch.
	"op-09": {{"tt.baochi", "s.tttt", "s.vhttdl"}},
	// Sở Nội vụ + Sở Lao động - Thương binh và Xã hội: the latter's work
	// divided among five departments (Nghị định 45/2025/NĐ-CP).
	"op-10": {{"ld.gdnn", "s.ldtbxh", "s.gddt"}, {"ld.baotro", "s.ldtbxh", "s.yte"}, {"ld.treem", "s.ldtbxh", "s.yte"},
		{"ld.giamngheo", "s.ldtbxh", "s2.nnmt"}, {"ld.cainghien", "s.ldtbxh", "v.catinh"}},
	// Sở Xây dựng + Sở Giao thông vận tải: driving tests go to the police.
	"op-11": {{"gt.gplx", "s.gtvt", "v.catinh"}},
	// Sở Dân tộc và Tôn giáo takes beliefs and religion from Sở Nội vụ.
	"op-12": {{"nv.tongiao", "s2.noivu", "s2.dttg"}},
	// The Ban Bảo vệ, chăm sóc sức khỏe cán bộ ends; the general hospital takes its work.
	"op-x03": {{"bvsk.canbo", "p.bvsk", "dv.yt.bvdk"}},
}

// functionsBatch is the catalogue to record before the operations.
func functionsBatch() function.Batch {
	var b function.Batch
	for _, f := range laiChauFunctions {
		where := "chức năng " + f.code
		b.Functions = append(b.Functions, function.NewFunction{Where: where, Function: function.Function{
			Code: f.code, Name: f.name, Field: f.field, ValidFrom: catalogueFrom}})
		b.Assignments = append(b.Assignments, function.NewAssignment{Where: where, FunctionRef: f.code, UnitRef: f.lead,
			Assignment: function.Assignment{Role: function.Lead, ValidFrom: catalogueFrom}})
		for _, c := range f.coord {
			b.Assignments = append(b.Assignments, function.NewAssignment{Where: where, FunctionRef: f.code, UnitRef: c,
				Assignment: function.Assignment{Role: function.Coordinate, ValidFrom: catalogueFrom}})
		}
	}
	return b
}

// withFunctionMoves places the skeleton operation's handing over of
// functions around its steps: a unit that ends in the operation hands its
// functions over in the operation itself; otherwise a move of functions
// comes before the operation, or after it when a unit it creates gives or
// takes them.
func withFunctionMoves(o srcOp, steps []step) []step {
	moves := functionMoves[o.ID]
	if len(moves) == 0 || len(steps) == 0 {
		return steps
	}
	created := map[string]bool{}
	for _, c := range o.Creates {
		created[c.ID] = true
	}
	var before, after []step
	type pair struct{ from, to string }
	var pairs []pair
	shares := map[pair][]org.FunctionShare{}
	for _, m := range moves {
		if (steps[0].op.Kind == org.OpEndActivity || steps[0].op.Kind == org.OpDissolve) && slices.Contains(steps[0].op.Inputs, m.from) {
			steps[0].op.FunctionShares = append(steps[0].op.FunctionShares, org.FunctionShare{Function: m.fn, To: m.to})
			continue
		}
		p := pair{m.from, m.to}
		if _, ok := shares[p]; !ok {
			pairs = append(pairs, p)
		}
		shares[p] = append(shares[p], org.FunctionShare{Function: m.fn, To: m.to})
	}
	for _, p := range pairs {
		var names []string
		for _, s := range shares[p] {
			for _, f := range laiChauFunctions {
				if f.code == s.Function {
					names = append(names, "«"+f.name+"»")
				}
			}
		}
		s := step{decision: steps[0].decision, src: steps[0].src, op: org.Operation{Kind: org.OpMoveFunctions, EffectiveDate: steps[0].op.EffectiveDate,
			Inputs: []string{p.from}, Outputs: []org.Output{{Ref: p.to}}, FunctionShares: shares[p],
			Summary: fmt.Sprintf("Chuyển giao chức năng, nhiệm vụ %s theo việc sắp xếp: %s", strings.Join(names, ", "), o.Summary)}}
		if created[p.from] || created[p.to] {
			after = append(after, s)
		} else {
			before = append(before, s)
		}
	}
	return append(append(before, steps...), after...)
}

// recordFunctions records the catalogue when the register keeps one.
func recordFunctions(ctx context.Context, reg *org.Register, b function.Batch, by string) error {
	fs, ok := reg.Store().(function.Store)
	if !ok {
		return nil
	}
	svc, err := function.NewService(fs, reg.Store(), store.NewID)
	if err != nil {
		return err
	}
	_, err = svc.Record(ctx, b, by)
	return err
}
