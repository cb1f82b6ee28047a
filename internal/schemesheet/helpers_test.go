package schemesheet_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/schemesheet"
)

var day = civil.MustParse

// fullScheme has every kind of part: a merge into a new unit with
// placements (head, surplus deputy, a leaver under a policy) and a move,
// an absorb with its own date and decision, a split with quota and
// function shares whose outputs mix new units (one without a code) and an
// existing unit, a reparent with a move changing level, and a rename.
func fullScheme() scheme.Scheme {
	newUnit := func(code, name string) *org.NewUnit {
		return &org.NewUnit{Attrs: org.Attrs{Code: code, Name: name, Kind: "specialized_agency",
			Level: org.LevelProvince, Pillar: org.PillarState, ParentID: "ubnd", AreaCode: "12"}}
	}
	merged := newUnit("s.tc2", "Sở Tài chính")
	merged.ShortName = "STC"
	nv := newUnit("s.nv2", "Sở Nội vụ")
	nocode := newUnit("", "Trung tâm Dịch vụ việc làm")
	nocode.Kind, nocode.Pillar, nocode.ParentID, nocode.AreaCode = "public_service_unit", org.PillarPublicService, "", ""
	return scheme.Scheme{
		Code: "DA-01/2025", Name: "Đề án sắp xếp các cơ quan chuyên môn thuộc UBND tỉnh",
		LegalBasis: "Nghị quyết số 18-NQ/TW ngày 25/10/2017\nKết luận số 121-KL/TW ngày 24/01/2025",
		BaseDate:   day("2025-03-31"), EffectiveDate: day("2025-07-01"), Status: scheme.Approved, Version: 3,
		Decision: &org.Decision{Number: "123/QĐ-UBND", Issuer: "UBND tỉnh", SignedDate: day("2025-06-20")},
		Operations: []org.Operation{
			{Kind: org.OpMerge, Inputs: []string{"s.khdt", "s.tc"}, Outputs: []org.Output{{New: merged}},
				Summary: "Hợp nhất Sở Kế hoạch và Đầu tư và Sở Tài chính",
				Moves:   []org.Move{{Unit: "cc.thue", To: "s.tc2"}},
				Placements: []org.Placement{
					{Person: "CB001", To: "s.tc2", Post: "head", Title: "Giám đốc"},
					{Person: "CB002", To: "s.tc2", Post: "deputy", Title: "Phó Giám đốc", Surplus: true},
					{Person: "CB003", Leave: true, Policy: "nghi-huu-truoc-tuoi"},
					{Person: "CB004", To: "s.tc2", Post: "staff"},
				}},
			{Kind: org.OpAbsorb, EffectiveDate: day("2025-08-01"), Inputs: []string{"bqlda"}, Outputs: []org.Output{{Ref: "s.xd"}},
				DecisionID: "dec-77", Summary: "Sáp nhập Ban Quản lý dự án\nvào Sở Xây dựng"},
			{Kind: org.OpSplit, Inputs: []string{"s.ldtbxh"}, Outputs: []org.Output{{New: nv}, {Ref: "s.yt"}, {New: nocode}},
				QuotaShares: []org.QuotaShare{{To: "s.nv2", Category: "cong_chuc", Count: 30}, {To: "s.yt", Category: "cong_chuc", Count: 12},
					{To: "s.yt", Category: "vien_chuc", Count: 0}},
				FunctionShares: []org.FunctionShare{{Function: "ld.vieclam", To: "s.nv2", Role: "lead"},
					{Function: "ld.baotro", To: "s.yt", Role: "coordinate"}, {Function: "ld.treem", To: "s.yt"}}},
			{Kind: org.OpReparent, Inputs: []string{"tt.cntt"}, NewParent: "s.khcn",
				Moves: []org.Move{{Unit: "h.ttyt", To: "xa.an", Level: org.LevelCommune}}},
			{Kind: org.OpRename, Inputs: []string{"s.tnmt"}, NewName: "Sở Nông nghiệp và Môi trường", NewShortName: "SNNMT"},
		},
	}
}

func write(t *testing.T, sc scheme.Scheme, res *scheme.Result, pv *scheme.Preview) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := schemesheet.Write(&buf, sc, res, pv); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// edit changes a written workbook, as a user would in Excel.
func edit(t *testing.T, b []byte, change func(f *excelize.File) error) []byte {
	t.Helper()
	f := open(t, b)
	if err := change(f); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// rowOf is the first row of a sheet whose first cell is label, formatted
// as Excel shows it.
func rowOf(t *testing.T, f *excelize.File, sheet, label string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 0 && r[0] == label {
			return r
		}
	}
	t.Fatalf("sheet %s has no row %q", sheet, label)
	return nil
}
