package schemesheet

// The sheets of the workbook. Read accepts their names in any case and
// without diacritics.
const (
	SheetScheme     = "Đề án"
	SheetOperations = "Thao tác"
	SheetNewUnits   = "Đơn vị mới"
	SheetMoves      = "Chuyển đơn vị"
	SheetPlacements = "Bố trí"
	SheetQuotas     = "Chia biên chế"
	SheetFunctions  = "Chia chức năng"
	// The sheets below are written for reading only; Read ignores them.
	SheetImpact   = "Tác động"
	SheetFindings = "Kiểm tra"
	SheetTree     = "Sơ đồ"
)

// The labels of the rows of the sheet «Đề án».
const (
	lblCode       = "Mã đề án"
	lblName       = "Tên đề án"
	lblLegalBasis = "Căn cứ pháp lý"
	lblBaseDate   = "Ngày lấy số liệu"
	lblEffective  = "Ngày hiệu lực"
	lblStatus     = "Trạng thái"
	lblDecision   = "Quyết định phê duyệt"
	lblIssuer     = "Cơ quan phê duyệt"
	lblSigned     = "Ngày ký quyết định"
	lblVersion    = "Phiên bản"
)

// The column headers of the sheets Read takes back, shared by the writer
// and the reader so that the two cannot drift apart.
const (
	hSTT        = "STT"
	hOp         = "STT thao tác"
	hKind       = "Loại thao tác"
	hEffective  = "Ngày hiệu lực"
	hInputs     = "Đơn vị đầu vào"
	hOutputs    = "Đơn vị đầu ra"
	hNewParent  = "Đơn vị quản lý mới"
	hNewName    = "Tên mới"
	hNewShort   = "Tên viết tắt mới"
	hSummary    = "Nội dung"
	hDecisionID = "Số quyết định riêng"
	hCode       = "Mã"
	hName       = "Tên"
	hShortName  = "Tên viết tắt"
	hUnitKind   = "Loại hình"
	hLevel      = "Cấp"
	hPillar     = "Khối"
	hParent     = "Đơn vị quản lý"
	hArea       = "Mã địa bàn"
	hUnit       = "Đơn vị"
	hMoveTo     = "Chuyển về"
	hNewLevel   = "Cấp mới"
	hPerson     = "Mã cán bộ"
	hTo         = "Đến đơn vị"
	hPost       = "Chức vụ"
	hTitle      = "Chức danh"
	hSurplus    = "Cấp phó dôi dư"
	hLeave      = "Thôi công tác"
	hPolicy     = "Chính sách"
	hReceiver   = "Đơn vị nhận"
	hCategory   = "Loại"
	hCount      = "Số lượng"
	hFunction   = "Chức năng"
	hRole       = "Vai trò"
)

// listSep joins the unit references of one cell; yes marks a true flag.
const (
	listSep = "; "
	yes     = "Có"
)

// column is one column of a sheet Read takes back.
type column struct {
	Header   string
	Width    float64
	Required bool
}

// table is a sheet of rows under one header row.
type table struct {
	Name    string
	Columns []column
}

// index is the position of a header among the table's columns, -1 if none.
func (t *table) index(h string) int {
	for i, c := range t.Columns {
		if c.Header == h {
			return i
		}
	}
	return -1
}

func (t *table) headers() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Header
	}
	return out
}

func (t *table) widths() []float64 {
	out := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Width
	}
	return out
}

// The tables, in the order of the workbook.
var (
	opsTable = table{SheetOperations, []column{
		{hSTT, 6, true}, {hKind, 24, true}, {hEffective, 13, false}, {hInputs, 30, false},
		{hOutputs, 30, false}, {hNewParent, 18, false}, {hNewName, 36, false}, {hNewShort, 16, false},
		{hSummary, 50, false}, {hDecisionID, 20, false},
	}}
	newUnitsTable = table{SheetNewUnits, []column{
		{hOp, 8, true}, {hCode, 16, false}, {hName, 44, true}, {hShortName, 16, false},
		{hUnitKind, 22, false}, {hLevel, 14, false}, {hPillar, 26, false}, {hParent, 18, false}, {hArea, 12, false},
	}}
	movesTable = table{SheetMoves, []column{
		{hOp, 8, true}, {hUnit, 20, true}, {hMoveTo, 20, true}, {hNewLevel, 14, false},
	}}
	placementsTable = table{SheetPlacements, []column{
		{hOp, 8, true}, {hPerson, 16, true}, {hTo, 20, false}, {hPost, 18, false}, {hTitle, 30, false},
		{hSurplus, 12, false}, {hLeave, 12, false}, {hPolicy, 36, false},
	}}
	quotasTable = table{SheetQuotas, []column{
		{hOp, 8, true}, {hReceiver, 20, true}, {hCategory, 34, true}, {hCount, 10, true},
	}}
	functionsTable = table{SheetFunctions, []column{
		{hOp, 8, true}, {hFunction, 24, true}, {hReceiver, 20, true}, {hRole, 12, false},
	}}
)
