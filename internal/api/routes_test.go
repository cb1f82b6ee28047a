package api

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"tinhgon/internal/audit"
	"tinhgon/internal/auth"
	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
)

// loadDoc parses the embedded OpenAPI document and validates it.
func loadDoc(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openAPIDoc)
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	return doc
}

// TestOpenAPIRoutes checks that the document describes exactly the routes
// the API registers: no route undocumented, no documented route missing.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadDoc(t)
	var inDoc, inTable []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			inDoc = append(inDoc, method+" "+path)
		}
	}
	for _, rt := range New(nil, nil, nil).routes() {
		inTable = append(inTable, rt.method+" "+rt.path)
	}
	slices.Sort(inDoc)
	slices.Sort(inTable)
	for _, r := range inTable {
		if !slices.Contains(inDoc, r) {
			t.Errorf("route %s is served but not in openapi.json", r)
		}
	}
	for _, r := range inDoc {
		if !slices.Contains(inTable, r) {
			t.Errorf("openapi.json documents %s, which the route table does not serve", r)
		}
	}
	if doc.Info.Title != "tinhgon API" {
		t.Errorf("info.title = %q", doc.Info.Title)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/" {
		t.Errorf("servers must be [{\"url\": \"/\"}]")
	}
	// Every error answer is a problem document.
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" || op.Description == "" {
				t.Errorf("%s %s: needs an operationId and a description", method, path)
			}
			for code, r := range op.Responses.Map() {
				if status, err := strconv.Atoi(code); err != nil || status >= 400 {
					if mt := r.Value.Content.Get("application/problem+json"); mt == nil || mt.Schema.Ref != "#/components/schemas/Problem" {
						t.Errorf("%s %s: response %s is not application/problem+json with the Problem schema", method, path, code)
					}
				}
			}
		}
	}
}

// jsonField is one field of a Go type as encoding/json writes it.
type jsonField struct {
	name      string
	omitempty bool
}

// jsonFields lists the JSON fields of a struct type, following embedded structs.
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{name: name, omitempty: slices.Contains(strings.Split(opts, ","), "omitempty")})
	}
	return out
}

// schemaFields collects the properties and required names of an object
// schema, including those of the schemas it extends with allOf.
func schemaFields(s *openapi3.Schema, props map[string]bool, required map[string]bool) {
	for name := range s.Properties {
		props[name] = true
	}
	for _, r := range s.Required {
		required[r] = true
	}
	for _, sub := range s.AllOf {
		schemaFields(sub.Value, props, required)
	}
}

// TestOpenAPISchemasMatchGo checks each component schema against the Go type
// it describes: the same JSON field names, and for answers, a field is
// required exactly when encoding/json always writes it (no omitempty).
func TestOpenAPISchemasMatchGo(t *testing.T) {
	doc := loadDoc(t)
	type goType struct {
		v any
		// answer: the type is only ever written by the server, so required
		// must match omitempty exactly.
		answer bool
	}
	types := map[string]goType{
		"Problem":                {Problem{}, true},
		"FieldError":             {org.FieldError{}, true},
		"Ref":                    {org.Ref{}, true},
		"Unit":                   {org.Unit{}, true},
		"UnitView":               {UnitView{}, true},
		"TreeNode":               {org.TreeNode{}, true},
		"Count":                  {org.Count{}, true},
		"Counts":                 {org.Counts{}, true},
		"Tree":                   {org.Tree{}, true},
		"DecisionRef":            {org.DecisionRef{}, true},
		"Step":                   {org.Step{}, true},
		"Lineage":                {org.Lineage{}, true},
		"Decision":               {org.Decision{}, true},
		"Operation":              {org.Operation{}, true},
		"History":                {org.History{}, true},
		"Change":                 {org.Change{}, true},
		"Diff":                   {org.Diff{}, true},
		"KindView":               {KindView{}, true},
		"UnitList":               {List[UnitView]{}, true},
		"DecisionList":           {List[org.Decision]{}, true},
		"OperationList":          {List[org.Operation]{}, true},
		"KindList":               {List[KindView]{}, true},
		"NewUnit":                {org.NewUnit{}, false},
		"Move":                   {org.Move{}, false},
		"DecisionRequest":        {decisionRequest{}, false},
		"InlineDecisionRequest":  {decisionRequest{}, false},
		"OperationRequest":       {operationRequest{}, false},
		"CorrectionRequest":      {correctionRequest{}, false},
		"RevertRequest":          {revertRequest{}, false},
		"Placement":              {org.Placement{}, false},
		"QuotaShare":             {org.QuotaShare{}, false},
		"FunctionShare":          {org.FunctionShare{}, false},
		"Allowance":              {staff.Allowance{}, false},
		"Sensitive":              {staff.Sensitive{}, true},
		"Person":                 {staff.Person{}, true},
		"Assignment":             {staff.Assignment{}, true},
		"StaffCounts":            {staff.Counts{}, true},
		"Target":                 {staff.Target{}, true},
		"StaffingRow":            {StaffingRow{}, true},
		"UnitBrief":              {UnitRef{}, true},
		"StaffingTotal":          {staff.Summary{}, true},
		"StaffingReport":         {StaffingReport{}, true},
		"Finding":                {staff.Finding{}, true},
		"FindingList":            {FindingList{}, true},
		"PersonList":             {List[staff.Person]{}, true},
		"AssignmentList":         {List[staff.Assignment]{}, true},
		"PersonView":             {PersonView{}, true},
		"Written":                {staff.Written{}, true},
		"PersonRequest":          {personRequest{}, false},
		"AssignmentRequest":      {assignmentRequest{}, false},
		"LeaveRequest":           {leaveRequest{}, false},
		"QuotaRequest":           {quotaRequest{}, false},
		"DecisionByNumber":       {decisionRef{}, false},
		"Quota":                  {staff.Quota{}, true},
		"QuotaList":              {List[staff.Quota]{}, true},
		"PersonChange":           {personChange{}, false},
		"SensitiveChange":        {staff.SensitiveChange{}, false},
		"Scheme":                 {scheme.Scheme{}, true},
		"SchemeOperation":        {org.Operation{}, true},
		"SchemeStamp":            {scheme.Stamp{}, true},
		"SchemeEvent":            {scheme.Event{}, true},
		"SchemeSummary":          {SchemeSummary{}, true},
		"SchemeList":             {List[SchemeSummary]{}, true},
		"SchemeRequest":          {schemeRequest{}, false},
		"SchemeOperationRequest": {operationRequest{}, false},
		"TransitionRequest":      {transitionRequest{}, false},
		"SchemeFinding":          {scheme.Finding{}, true},
		"CheckResult":            {scheme.Result{}, true},
		"Figure":                 {scheme.Figure{}, true},
		"UnitGroup":              {scheme.Group{}, true},
		"Leaver":                 {scheme.Leaver{}, true},
		"Money":                  {scheme.Money{}, true},
		"Impact":                 {scheme.Impact{}, true},
		"UnitChange":             {scheme.UnitChange{}, true},
		"TreeDiff":               {scheme.TreeDiff{}, true},
		"LineageStep":            {scheme.LineageStep{}, true},
		"SchemePreview":          {scheme.Preview{}, true},
		"SchemeBrief":            {scheme.SchemeBrief{}, true},
		"CompareRow":             {scheme.CompareRow{}, true},
		"Comparison":             {scheme.Comparison{}, true},
		"Policy":                 {scheme.Policy{}, true},
		"PolicyList":             {List[scheme.Policy]{}, true},

		// The catalogue of functions.
		"Function":                  {function.Function{}, true},
		"FunctionUnit":              {function.UnitRef{}, true},
		"FunctionView":              {function.View{}, true},
		"FunctionList":              {List[function.View]{}, true},
		"FunctionAssignment":        {function.Assignment{}, true},
		"FunctionAssignmentView":    {function.AssignmentView{}, true},
		"FunctionDetail":            {function.Detail{}, true},
		"FunctionBrief":             {function.Brief{}, true},
		"UnitFunction":              {function.UnitFunction{}, true},
		"UnitFunctionList":          {List[function.UnitFunction]{}, true},
		"FunctionRequest":           {functionRequest{}, false},
		"FunctionAssignmentRequest": {functionAssignmentRequest{}, false},
		"FunctionsWritten":          {function.Written{}, true},

		// Accounts and the audit log.
		"LoginRequest": {loginRequest{}, false},
		"Principal":    {auth.Principal{}, true},
		"SessionView":  {SessionView{}, true},
		"TokenRequest": {tokenRequest{}, false},
		"TokenView":    {TokenView{}, true},
		"User":         {auth.User{}, true},
		"UserList":     {List[auth.User]{}, true},
		"UserRequest":  {userRequest{}, false},
		"AuditEntry":   {audit.Entry{}, true},
		"AuditList":    {List[audit.Entry]{}, true},
		"AuditProblem": {audit.Problem{}, true},
		"AuditCheck":   {AuditCheck{}, true},
	}
	notStructs := []string{"Level", "Pillar", "OpKind", "Output", "Category", "Post", "Position", "Funding", "Sex", "Severity", "Role", "SchemeStatus", "SchemeSeverity", "UserRole"}
	names := slices.Sorted(maps.Keys(doc.Components.Schemas))
	for _, name := range names {
		ref := doc.Components.Schemas[name]
		gt, ok := types[name]
		if !ok {
			if !slices.Contains(notStructs, name) {
				t.Errorf("schema %s: no Go type is checked against it; add it to this test", name)
			}
			continue
		}
		props, required := map[string]bool{}, map[string]bool{}
		schemaFields(ref.Value, props, required)
		for _, f := range jsonFields(reflect.TypeOf(gt.v)) {
			if !props[f.name] {
				t.Errorf("schema %s lacks the field %q of %T", name, f.name, gt.v)
			}
			delete(props, f.name)
			// Sensitive fields are left out for roles not given them.
			if gt.answer && required[f.name] == f.omitempty && !slices.Contains(sensitiveKeys, f.name) {
				if f.omitempty {
					t.Errorf("schema %s requires %q, which %T omits when empty", name, f.name, gt.v)
				} else {
					t.Errorf("schema %s does not require %q, which %T always writes", name, f.name, gt.v)
				}
			}
		}
		for p := range props {
			t.Errorf("schema %s has %q, which %T does not have", name, p, gt.v)
		}
	}
}
