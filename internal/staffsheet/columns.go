package staffsheet

import (
	"tinhgon/internal/sheet"
	"tinhgon/internal/staff"
)

// The sheet names of the template. Readers accept them in any case and
// without diacritics ("Nguoi", "bo tri").
const (
	SheetGuide       = "Hướng dẫn"
	SheetPeople      = "Người"
	SheetAssignments = "Bố trí"
	SheetQuotas      = "Biên chế"
	SheetLists       = "Danh mục"
)

// field names a value of a row, whatever sheet or column position it
// comes from; the row builders read values by field.
type field int

const (
	fCode field = iota
	fName
	fSex
	fBirth
	fHometown
	fCategory
	fGrade
	fStep
	fCoef
	fPositionAllowance
	fAllowances
	fInsurance
	fParty
	fPartyJoined
	fEducation
	fTheory
	fNationalID
	fEthnicity
	fReligion
	fHealth
	fUnit
	fPost
	fTitle
	fPosition
	fFunding
	fConcurrent
	fFrom
	fTo
	fNote
	fYear
	fCount
	fDecisionNo
	fIssuer
	fSigned
	fieldCount
)

// kind says how a cell is read, written and described to users.
type kind int

const (
	kText       kind = iota // one line of text, inner spaces collapsed
	kNote                   // free text, line breaks kept
	kChoice                 // a label or code from a list
	kDate                   // a day
	kBirthDate              // a day, or a year alone meaning 1 January
	kInt                    // a whole number within [Min, Max]
	kCoef                   // a coefficient within [0, Max]
	kAllowances             // "<kind> <coef>" or "<kind> <n>%" items separated by ";"
	kNationalID             // the 12-digit personal identification number
	kDecisionNo             // the number of a decision, "123/QĐ-UBND"
)

// column is one column of a sheet of the template: the single source of
// the header text, of how the reader parses it and of how the writer
// formats and documents it.
type column struct {
	Header    string // without the required mark
	Field     field
	Required  bool
	Kind      kind
	Choices   *choiceList // for kChoice
	Min, Max  int         // for kInt; Max also bounds kCoef
	Sensitive bool        // sensitive personal data
	Width     float64
	Example   string
	Note      string // what the guide says beyond the kind
}

// sheetSpec is one data sheet of the template.
type sheetSpec struct {
	Name    string
	CSV     string // file name of the sheet's CSV template
	About   string // what the sheet holds, for the guide
	Columns []column
}

// choice is one accepted value of a coded column.
type choice struct {
	Code    string
	Label   string   // as shown in the drop-down
	Aliases []string // other spellings users type
}

// choiceList is a named list of choices, shown in the lists sheet.
type choiceList struct {
	Name  string
	Items []choice
}

// The codes of the yes/no list.
const (
	codeYes = "co"
	codeNo  = "khong"
)

// labelledList turns a list of the staff package into choices, with the
// first letter of each label in upper case as a cell in Excel would have it.
func labelledList[T ~string](name string, l []staff.Labelled[T]) *choiceList {
	items := make([]choice, len(l))
	for i, x := range l {
		items[i] = choice{Code: string(x.Code), Label: sheet.UpperFirst(x.Label)}
	}
	return &choiceList{Name: name, Items: items}
}

// lists are the choice lists of the template. They are built per use so
// that no caller can change what another sees.
type lists struct {
	category, sex, post, position, funding, yesNo *choiceList
}

func newLists() lists {
	return lists{
		category: labelledList("Loại", staff.Categories[:]),
		sex:      labelledList("Giới tính", staff.Sexes),
		post:     labelledList("Chức vụ", staff.Posts),
		position: labelledList("Vị trí việc làm", staff.Positions),
		funding:  labelledList("Nguồn lương", staff.Fundings),
		yesNo: &choiceList{Name: "Có/Không", Items: []choice{
			{Code: codeYes, Label: "Có", Aliases: []string{"x", "1", "true"}},
			{Code: codeNo, Label: "Không", Aliases: []string{"0", "false"}},
		}},
	}
}

// templateSheets returns the data sheets of the template, in order.
func templateSheets() []sheetSpec {
	l := newLists()
	return []sheetSpec{peopleSheet(l), assignmentSheet(l), quotaSheet(l)}
}

// Headers returns the header row of a data sheet of the template as the
// template writes it, required columns marked with "*"; nil for a name that
// is not a data sheet.
func Headers(name string) []string {
	s := sheet.ByName(templateSheets(), name, func(s *sheetSpec) string { return s.Name })
	if s == nil {
		return nil
	}
	h := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		h[i] = sheet.Title(c.Header, c.Required)
	}
	return h
}
