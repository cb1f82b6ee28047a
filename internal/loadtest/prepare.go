package loadtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// hotPeople is how many people the PATCHes contend for: few enough that
// two clients often change one person at once.
const hotPeople = 40

// sessionAnswer is GET /api/v1/session.
type sessionAnswer struct {
	User struct {
		Name  string `json:"name"`
		Role  string `json:"role"`
		Scope string `json:"scope"`
	} `json:"user"`
}

type listAnswer[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

type unitAnswer struct {
	ID      string `json:"id"`
	Code    string `json:"code"`
	Name    string `json:"name"`
	Pillar  string `json:"pillar"`
	ValidTo string `json:"valid_to"`
}

// prepare learns, through the API, who writes, which units are alive
// today and which people there are, before any client starts.
func (r *run) prepare(ctx context.Context) error {
	ict := time.FixedZone("ICT", 7*3600)
	now := time.Now()
	r.today = now.In(ict).Format(time.DateOnly)
	r.tag = strconv.FormatInt(now.UnixMilli()%(36*36*36*36*36), 36)

	var me sessionAnswer
	if _, err := r.getJSON(ctx, "/api/v1/session", r.cfg.Writer, &me); err != nil {
		return fmt.Errorf("mã truy cập để ghi: %w", err)
	}
	if me.User.Role != "admin" && me.User.Role != "editor" {
		return fmt.Errorf("mã truy cập để ghi thuộc tài khoản %s (vai trò %s): cần biên tập viên hoặc quản trị viên", me.User.Name, me.User.Role)
	}
	r.writerName = me.User.Name
	switch {
	case r.cfg.Auditor == "":
		r.auditSkipped = "không có mã truy cập của quản trị viên hoặc kiểm tra viên"
	default:
		var a sessionAnswer
		if _, err := r.getJSON(ctx, "/api/v1/session", r.cfg.Auditor, &a); err != nil {
			return fmt.Errorf("mã truy cập đọc nhật ký: %w", err)
		}
		if a.User.Role != "admin" && a.User.Role != "auditor" {
			r.auditSkipped = fmt.Sprintf("tài khoản %s (vai trò %s) không được đọc nhật ký kiểm tra", a.User.Name, a.User.Role)
		}
	}
	for i, t := range r.cfg.Readers {
		var s sessionAnswer
		if _, err := r.getJSON(ctx, "/api/v1/session", t.Secret, &s); err != nil {
			return fmt.Errorf("mã truy cập để đọc %s: %w", t.Name, err)
		}
		r.cfg.Readers[i].Scoped = s.User.Scope != ""
		if r.cfg.Readers[i].Name == "" {
			r.cfg.Readers[i].Name = s.User.Name
		}
	}

	units, err := listAll[unitAnswer](ctx, r, "/api/v1/units?as_of="+r.today, r.cfg.Writer)
	if err != nil {
		return err
	}
	for _, u := range units {
		ref := unitRef{ID: u.ID, Code: u.Code, Name: u.Name, Pillar: u.Pillar}
		r.units = append(r.units, ref)
		if u.ValidTo == "" {
			r.placeable = append(r.placeable, ref)
		}
	}
	people, err := listAll[personAnswer](ctx, r, "/api/v1/people?as_of="+r.today, r.cfg.Writer)
	if err != nil {
		return err
	}
	var changeable []string
	for _, p := range people {
		r.people = append(r.people, p.ID)
		// A raise from today needs a record open today and no version
		// starting later.
		if p.ValidTo == "" && (p.ValidFrom == "" || p.ValidFrom <= r.today) {
			changeable = append(changeable, p.ID)
		}
	}
	rng := rand.New(rand.NewPCG(r.cfg.Seed, 0))
	rng.Shuffle(len(changeable), func(i, j int) { changeable[i], changeable[j] = changeable[j], changeable[i] })
	for _, id := range changeable[:min(hotPeople, len(changeable))] {
		var p personAnswer
		if _, err := r.getJSON(ctx, "/api/v1/people/"+id, r.cfg.Writer, &p); err != nil {
			return err
		}
		r.hot = append(r.hot, id)
		r.ledger[id] = &ledger{base: p.SalaryStep}
	}

	for _, t := range r.cfg.Readers {
		if !t.Scoped {
			continue
		}
		// One scope is enough: the demo has one officer.
		us, err := listAll[unitAnswer](ctx, r, "/api/v1/units?as_of="+r.today, t.Secret)
		if err != nil {
			return err
		}
		for _, u := range us {
			r.scopeUnits = append(r.scopeUnits, u.ID)
		}
		ps, err := listAll[personAnswer](ctx, r, "/api/v1/people?as_of="+r.today, t.Secret)
		if err != nil {
			return err
		}
		for _, p := range ps {
			r.scopePeople = append(r.scopePeople, p.ID)
		}
		break
	}
	if len(r.placeable) == 0 {
		return fmt.Errorf("không có đơn vị nào đang hoạt động ngày %s để bố trí người mới", r.today)
	}
	return nil
}

// listAll reads every page of a list, up to 5 000 items.
func listAll[T any](ctx context.Context, r *run, path, token string) ([]T, error) {
	var out []T
	for offset := 0; offset < 5000; offset += 1000 {
		var l listAnswer[T]
		if _, err := r.getJSON(ctx, fmt.Sprintf("%s&limit=1000&offset=%d", path, offset), token, &l); err != nil {
			return nil, err
		}
		out = append(out, l.Items...)
		if len(l.Items) < 1000 || len(out) >= l.Total {
			break
		}
	}
	return out, nil
}
