package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"
)

// worker is one client: it draws its steps from its own generator and
// keeps its own samples, so that clients share nothing while they run
// but the run's list of people created.
type worker struct {
	id     int
	run    *run
	reader Token
	rng    *rand.Rand

	samples  []sample
	failures map[failKey]*failStat
	// n numbers the people this client recorded.
	n int
	// retries are PATCHes sent again after a 412; gaveUp are PATCHes
	// abandoned after MaxRetries of them.
	retries, gaveUp int
	// Writes acknowledged, and writes that failed in a way that may have
	// written them.
	createdAcked, assignedAcked, patchedAcked, uncertain int
}

type failKey struct {
	kind   errKind
	route  route
	status int
}

type failStat struct {
	count        int
	what, sample string
}

func (w *worker) add(s sample) { w.samples = append(w.samples, s); w.run.requests.Add(1) }

func (w *worker) fail(s sample, what, why string) {
	w.run.errors.Add(1)
	if w.failures == nil {
		w.failures = map[failKey]*failStat{}
	}
	k := failKey{s.err, s.route, s.status}
	f := w.failures[k]
	if f == nil {
		f = &failStat{what: what, sample: why}
		w.failures[k] = f
	}
	f.count++
}

func (w *worker) markLast(k errKind) {
	if n := len(w.samples); n > 0 {
		w.samples[n-1].err = k
	}
}

// loop runs steps until the deadline; a step under way when it passes is
// finished, so that no write is cut off by the end of the run.
func (w *worker) loop(ctx context.Context, deadline time.Time) {
	for ctx.Err() == nil && time.Now().Before(deadline) {
		if w.rng.Float64() < w.run.cfg.WriteShare {
			w.write(ctx)
		} else {
			w.read(ctx)
		}
		if d := w.run.cfg.Think; d > 0 {
			t := time.NewTimer(d)
			select {
			case <-ctx.Done():
			case <-t.C:
			}
			t.Stop()
		}
	}
}

// The days the reads ask about: before the 2025 restructuring, after it,
// and today.
func (w *worker) day() string {
	return [...]string{"2025-01-01", "2025-07-01", w.run.today}[w.rng.IntN(3)]
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// read makes one read, drawn from the mix below.
func (w *worker) read(ctx context.Context) {
	r, tok, scoped := w.run, w.reader.Secret, w.reader.Scoped
	units, people := r.units, r.people
	if scoped {
		units, people = nil, r.scopePeople
		for _, id := range r.scopeUnits {
			units = append(units, unitRef{ID: id})
		}
	}
	n := w.rng.IntN(100)
	var rt route
	var path string
	switch {
	case n < 15:
		terms := []string{"Sở", "phòng", "Ủy ban nhân dân", "tư pháp", "y tế", "trường", "xã", "ban", "trung tâm", "hội", "Đảng ủy", "công an"}
		rt, path = rUnitsSearch, "/api/v1/units?q="+url.QueryEscape(pick(w.rng, terms))+"&as_of="+w.day()
	case n < 30 && len(units) > 0:
		rt, path = rUnit, "/api/v1/units/"+pick(w.rng, units).ID
	case n < 40:
		rt, path = rTree, "/api/v1/tree?as_of=2025-07-01"
	case n < 50 && !scoped:
		// A scoped officer may not count the whole province: 403.
		rt, path = rCounts, "/api/v1/counts?as_of="+w.day()
	case n < 50:
		rt, path = rTree, "/api/v1/tree?as_of="+w.day()
	case n < 65:
		terms := []string{"Nguyễn", "Lò Văn", "Thị", "Giàng", "Hoàng", "Tòng", "Lan", "Hùng", "Vàng A", "Phương"}
		rt, path = rPeopleSearch, "/api/v1/people?q="+url.QueryEscape(pick(w.rng, terms))
	case n < 85 && len(people) > 0:
		id := ""
		if !scoped && w.rng.IntN(10) < 3 {
			id = r.pickCreated(w.rng)
		}
		if id == "" {
			id = pick(w.rng, people)
		}
		rt, path = rPerson, "/api/v1/people/"+id
	case n < 93:
		rt, path = rStaffing, "/api/v1/reports/staffing?as_of="+w.day()
	default:
		rt, path = rFindings, "/api/v1/findings?limit=20"
	}
	res := r.do(ctx, w, rt, http.MethodGet, path, tok, nil, nil, http.StatusOK)
	if !res.failed && !json.Valid(res.body) {
		answerWrong(w, rt, "GET "+path, "trả lời không phải JSON")
	}
}

// write makes one write: a person recorded and placed, or a person's
// salary step raised.
func (w *worker) write(ctx context.Context) {
	if w.rng.IntN(2) == 0 {
		if id := w.patchTarget(); id != "" {
			w.patch(ctx, id)
			return
		}
	}
	w.create(ctx)
}

// patchTarget is mostly one of the few people every client contends for,
// sometimes one a client recorded during the run.
func (w *worker) patchTarget() string {
	r := w.run
	if len(r.hot) > 0 && w.rng.IntN(10) < 7 {
		return pick(w.rng, r.hot)
	}
	if id := r.pickCreated(w.rng); id != "" {
		return id
	}
	if len(r.hot) > 0 {
		return pick(w.rng, r.hot)
	}
	return ""
}

// personBody is the body of POST /people.
type personBody struct {
	Code            string `json:"code"`
	Name            string `json:"name"`
	Sex             string `json:"sex"`
	BirthDate       string `json:"birth_date"`
	Category        string `json:"category"`
	Grade           string `json:"grade"`
	SalaryStep      int    `json:"salary_step"`
	Coefficient     string `json:"coefficient"`
	Education       string `json:"education"`
	PoliticalTheory string `json:"political_theory"`
}

// assignmentBody is the body of POST /assignments.
type assignmentBody struct {
	Person    string `json:"person"`
	Unit      string `json:"unit"`
	Post      string `json:"post"`
	Title     string `json:"title"`
	ValidFrom string `json:"valid_from"`
	Note      string `json:"note"`
}

// personAnswer is what the checks read of a person.
type personAnswer struct {
	ID          string `json:"id"`
	Code        string `json:"code"`
	SalaryStep  int    `json:"salary_step"`
	ValidFrom   string `json:"valid_from"`
	ValidTo     string `json:"valid_to"`
	Assignments []struct {
		ID        string `json:"id"`
		PersonID  string `json:"person_id"`
		UnitID    string `json:"unit_id"`
		ValidFrom string `json:"valid_from"`
	} `json:"assignments"`
}

// create records a new civil servant, then places them in a unit from
// today, as a department's HR officer does on a recruitment.
func (w *worker) create(ctx context.Context) {
	r := w.run
	if len(r.placeable) == 0 {
		return
	}
	u := pick(w.rng, r.placeable)
	w.n++
	cat, grade, title := "cong_chuc", "01.003", "Chuyên viên"
	if u.Pillar == "public_service" {
		cat, grade, title = "vien_chuc", "V.08.05.12", "Viên chức"
	}
	sex, name := w.name()
	step := 1 + w.rng.IntN(4)
	p := personBody{
		Code: fmt.Sprintf("LT-%s-%03d-%d", r.tag, w.id, w.n), Name: name, Sex: sex,
		BirthDate: fmt.Sprintf("%04d-%02d-%02d", 1970+w.rng.IntN(33), 1+w.rng.IntN(12), 1+w.rng.IntN(28)),
		Category:  cat, Grade: grade, SalaryStep: step, Coefficient: fmt.Sprintf("%.2f", 2.34+0.33*float64(step-1)),
		Education: "Đại học", PoliticalTheory: "Sơ cấp",
	}
	res := r.do(ctx, w, rCreatePerson, http.MethodPost, "/api/v1/people", r.cfg.Writer, nil, p, http.StatusCreated)
	if res.uncertain() {
		w.uncertain++
	}
	if res.failed {
		return
	}
	var made personAnswer
	if err := json.Unmarshal(res.body, &made); err != nil || made.ID == "" || made.Code != p.Code || made.SalaryStep != step {
		answerWrong(w, rCreatePerson, "POST /api/v1/people "+p.Code, fmt.Sprintf("trả lời không phải người vừa ghi (%v): %.200s", err, res.body))
		return
	}
	w.createdAcked++
	cp := &createdPerson{ID: made.ID, Code: p.Code, UnitID: u.ID}
	a := assignmentBody{Person: p.Code, Unit: u.ID, Post: "staff", Title: title, ValidFrom: r.today, Note: "tuyển dụng (kiểm thử tải)"}
	res = r.do(ctx, w, rCreateAssignment, http.MethodPost, "/api/v1/assignments", r.cfg.Writer, nil, a, http.StatusCreated)
	switch {
	case res.uncertain():
		w.uncertain++
		cp.AssignmentUncertain = true
	case res.failed:
	default:
		var as struct {
			ID       string `json:"id"`
			PersonID string `json:"person_id"`
			UnitID   string `json:"unit_id"`
		}
		if err := json.Unmarshal(res.body, &as); err != nil || as.ID == "" || as.PersonID != made.ID || as.UnitID != u.ID {
			answerWrong(w, rCreateAssignment, "POST /api/v1/assignments "+p.Code, fmt.Sprintf("trả lời không phải việc bố trí vừa ghi (%v): %.200s", err, res.body))
			break
		}
		w.assignedAcked++
		cp.AssignmentID = as.ID
	}
	r.addCreated(cp, step)
}

// patch raises a person's salary step by one from today, under If-Match
// of the version just read: another client's change in between answers
// 412, and the client reads again and retries. Each acknowledged raise
// must show in the final step, so a lost update would show.
func (w *worker) patch(ctx context.Context, id string) {
	r := w.run
	path := "/api/v1/people/" + id
	for attempt := 0; ; attempt++ {
		res := r.do(ctx, w, rPersonBeforePatch, http.MethodGet, path, r.cfg.Writer, nil, nil, http.StatusOK)
		if res.failed {
			return
		}
		var cur personAnswer
		etag := res.header.Get("ETag")
		if err := json.Unmarshal(res.body, &cur); err != nil || etag == "" {
			answerWrong(w, rPersonBeforePatch, "GET "+path, fmt.Sprintf("không có ETag hoặc JSON (%v)", err))
			return
		}
		body := map[string]any{"valid_from": r.today, "salary_step": cur.SalaryStep + 1}
		res = r.do(ctx, w, rPatchPerson, http.MethodPatch, path, r.cfg.Writer, map[string]string{"If-Match": etag}, body,
			http.StatusOK, http.StatusPreconditionFailed)
		switch {
		case res.uncertain():
			w.uncertain++
			r.raised(id, false)
			return
		case res.failed:
			return
		case res.status == http.StatusPreconditionFailed:
			if attempt >= r.cfg.MaxRetries {
				w.gaveUp++
				return
			}
			w.retries++
			continue
		}
		var got personAnswer
		if err := json.Unmarshal(res.body, &got); err != nil || got.SalaryStep != cur.SalaryStep+1 || res.header.Get("ETag") == "" {
			// Acknowledged all the same: the check at the end finds
			// whether it was written.
			answerWrong(w, rPatchPerson, "PATCH "+path, fmt.Sprintf("trả lời bậc %d, đã gửi %d (%v)", got.SalaryStep, cur.SalaryStep+1, err))
		}
		w.patchedAcked++
		r.raised(id, true)
		return
	}
}

// name draws a plausible Vietnamese name, and the sex that goes with it.
func (w *worker) name() (sex, name string) {
	families := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Lò", "Tòng", "Giàng", "Sùng", "Vàng", "Lường", "Đèo", "Bùi"}
	if w.rng.IntN(100) < 45 {
		middle := []string{"Thị", "Thu", "Ngọc", "Thanh", "Hồng"}
		given := []string{"Hoa", "Lan", "Hương", "Mai", "Thảo", "Dung", "Hạnh", "Ly", "Phương", "Yến"}
		return "nu", pick(w.rng, families) + " " + pick(w.rng, middle) + " " + pick(w.rng, given)
	}
	middle := []string{"Văn", "Đức", "Minh", "Quang", "A", "Xuân", "Hữu"}
	given := []string{"Hùng", "Dũng", "Tuấn", "Sơn", "Cường", "Thắng", "Páo", "Súa", "Khang", "Hải", "Nam"}
	return "nam", pick(w.rng, families) + " " + pick(w.rng, middle) + " " + pick(w.rng, given)
}
