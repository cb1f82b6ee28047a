package api

import (
	"net/http"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// decisionRequest is a new decision; dates are checked field by field.
type decisionRequest struct {
	Number        string `json:"number"`
	Issuer        string `json:"issuer"`
	SignedDate    string `json:"signed_date"`
	EffectiveDate string `json:"effective_date"`
	Summary       string `json:"summary"`
}

func (q decisionRequest) decision(w http.ResponseWriter, prefix string) (org.Decision, bool) {
	d := org.Decision{Number: q.Number, Issuer: q.Issuer, Summary: q.Summary}
	for _, f := range []struct {
		name string
		s    string
		dst  *civil.Date
	}{{"signed_date", q.SignedDate, &d.SignedDate}, {"effective_date", q.EffectiveDate, &d.EffectiveDate}} {
		if f.s == "" {
			continue
		}
		v, err := civil.Parse(f.s)
		if err != nil {
			invalid(w, prefix+f.name, "Ngày «"+f.s+"» của trường "+prefix+f.name+" không hợp lệ, cần dạng YYYY-MM-DD.")
			return d, false
		}
		*f.dst = v
	}
	return d, true
}

func (a *API) createDecision(w http.ResponseWriter, r *http.Request) {
	var req decisionRequest
	if !decode(w, r, &req) {
		return
	}
	d, ok := req.decision(w, "")
	if !ok {
		return
	}
	d, err := a.reg.RecordDecision(r.Context(), d, actor(r))
	a.created(w, r, "/api/v1/decisions/"+d.ID, d, err)
}

func (a *API) getDecision(w http.ResponseWriter, r *http.Request) {
	d, err := a.reg.Store().Decision(r.Context(), r.PathValue("id"))
	a.answer(w, r, d, err)
}

func (a *API) listDecisions(w http.ResponseWriter, r *http.Request) {
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	ds, total, err := a.reg.Store().ListDecisions(r.Context(), limit, offset)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if ds == nil {
		ds = []org.Decision{}
	}
	writeJSON(w, http.StatusOK, List[org.Decision]{Items: ds, Total: total, Limit: limit, Offset: offset})
}

// operationRequest is a new operation. The effective date is read as text
// so that a bad date is answered like any other invalid field.
type operationRequest struct {
	Kind          org.OpKind       `json:"kind"`
	EffectiveDate string           `json:"effective_date"`
	DecisionID    string           `json:"decision_id"`
	Decision      *decisionRequest `json:"decision"`
	Summary       string           `json:"summary"`
	Inputs        []string         `json:"inputs"`
	Outputs       []org.Output     `json:"outputs"`
	NewParent     string           `json:"new_parent"`
	NewName       string           `json:"new_name"`
	NewShortName  string           `json:"new_short_name"`
	Moves         []org.Move       `json:"moves"`
	Placements    []org.Placement  `json:"placements"`
	QuotaShares   []org.QuotaShare `json:"quota_shares"`
	// FunctionShares say where the inputs' functions go.
	FunctionShares []org.FunctionShare `json:"function_shares"`
}

func (a *API) createOperation(w http.ResponseWriter, r *http.Request) {
	var req operationRequest
	if !decode(w, r, &req) {
		return
	}
	op, ok := req.operation(w, "", true)
	if !ok {
		return
	}
	op, err := a.reg.Apply(r.Context(), op, actor(r))
	a.created(w, r, "/api/v1/operations/"+op.ID, op, err)
}

// operation reads a requested operation; its fields are named with prefix
// (an operation inside a scheme: "operations[2]."). A scheme's operation
// may leave its date to the scheme's.
func (q operationRequest) operation(w http.ResponseWriter, prefix string, dateRequired bool) (org.Operation, bool) {
	subject := "Thao tác «" + q.Kind.Label() + "» (" + string(q.Kind) + ")"
	if !q.Kind.Known() {
		invalid(w, prefix+"kind", "Loại thao tác «"+string(q.Kind)+"» không được hỗ trợ.")
		return org.Operation{}, false
	}
	var date civil.Date
	if q.EffectiveDate != "" || dateRequired {
		d, err := civil.Parse(q.EffectiveDate)
		if err != nil {
			invalid(w, prefix+"effective_date", subject+": ngày hiệu lực «"+q.EffectiveDate+"» không hợp lệ, cần dạng YYYY-MM-DD.")
			return org.Operation{}, false
		}
		date = d
	}
	op := org.Operation{Kind: q.Kind, EffectiveDate: date, DecisionID: q.DecisionID, Summary: q.Summary,
		Inputs: q.Inputs, Outputs: q.Outputs, NewParent: q.NewParent, NewName: q.NewName, NewShortName: q.NewShortName, Moves: q.Moves,
		Placements: q.Placements, QuotaShares: q.QuotaShares, FunctionShares: q.FunctionShares}
	if q.Decision != nil {
		d, ok := q.Decision.decision(w, prefix+"decision.")
		if !ok {
			return org.Operation{}, false
		}
		op.Decision = &d
	}
	return op, true
}

func (a *API) getOperation(w http.ResponseWriter, r *http.Request) {
	op, err := a.reg.Store().Operation(r.Context(), r.PathValue("id"))
	a.answer(w, r, op, err)
}

func (a *API) listOperations(w http.ResponseWriter, r *http.Request) {
	limit, offset, ok := page(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := org.OpFilter{Kind: org.OpKind(q.Get("kind")), Limit: limit, Offset: offset, IncludeOld: q.Get("include_reverted") == "true"}
	if f.Kind != "" && !f.Kind.Known() {
		invalid(w, "kind", "Loại thao tác «"+string(f.Kind)+"» không có; xem /api/v1/operation-kinds.")
		return
	}
	for _, p := range []struct {
		name string
		dst  *civil.Date
	}{{"from", &f.From}, {"to", &f.To}} {
		if s := q.Get(p.name); s != "" {
			d, err := civil.Parse(s)
			if err != nil {
				invalid(w, p.name, "Ngày «"+s+"» không hợp lệ, cần dạng YYYY-MM-DD.")
				return
			}
			*p.dst = d
		}
	}
	if u := q.Get("unit"); u != "" {
		id, err := a.reg.Resolve(r.Context(), u)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		f.UnitID = id
	}
	ops, total, err := a.reg.Store().ListOperations(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if ops == nil {
		ops = []org.Operation{}
	}
	writeJSON(w, http.StatusOK, List[org.Operation]{Items: ops, Total: total, Limit: limit, Offset: offset})
}

type revertRequest struct {
	Reason string `json:"reason"`
}

func (a *API) revertOperation(w http.ResponseWriter, r *http.Request) {
	var req revertRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Reason == "" {
		invalid(w, "reason", "Cần nêu lý do hủy thao tác.")
		return
	}
	id := r.PathValue("id")
	if err := a.reg.Revert(r.Context(), id, req.Reason, actor(r)); err != nil {
		a.fail(w, r, err)
		return
	}
	op, err := a.reg.Store().Operation(r.Context(), id)
	a.answer(w, r, op, err)
}

// KindView is an operation kind with its Vietnamese name.
type KindView struct {
	Kind  org.OpKind `json:"kind"`
	Label string     `json:"label"`
}

func (a *API) operationKinds(w http.ResponseWriter, r *http.Request) {
	items := make([]KindView, len(org.OpKinds))
	for i, k := range org.OpKinds {
		items[i] = KindView{Kind: k.Kind, Label: k.Label}
	}
	writeJSON(w, http.StatusOK, List[KindView]{Items: items, Total: len(items), Limit: len(items)})
}
