package loadtest

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"sync"
)

// verify reads back, after the run, everything the server acknowledged:
// each person recorded (by code) with their assignment, and each person's
// salary step against the raises acknowledged.
func (r *run) verify(ctx context.Context, rep *Report) {
	r.mu.Lock()
	created := slices.Clone(r.created)
	ledgers := make(map[string]ledger, len(r.ledger))
	for id, l := range r.ledger {
		ledgers[id] = *l
	}
	r.mu.Unlock()
	byID := make(map[string]*createdPerson, len(created))
	for _, p := range created {
		byID[p.ID] = p
	}
	ids := make([]string, 0, len(ledgers))
	for id := range ledgers {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	var mu sync.Mutex
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for id := range jobs {
				lost, n, extra, unchecked := r.check(ctx, id, byID[id], ledgers[id])
				mu.Lock()
				rep.Lost = append(rep.Lost, lost...)
				rep.LostWrites += n
				rep.Phantom = append(rep.Phantom, extra...)
				rep.Unchecked = append(rep.Unchecked, unchecked...)
				mu.Unlock()
			}
		})
	}
	for _, id := range ids {
		jobs <- id
	}
	close(jobs)
	wg.Wait()
	slices.Sort(rep.Lost)
	slices.Sort(rep.Phantom)
	slices.Sort(rep.Unchecked)
	rep.Checked = len(ids)
	for _, l := range ledgers {
		rep.RaisesChecked += l.acked
	}
}

// check reads one person back: created (nil for a person of the demo) is
// what the run recorded of them, l the raises of their salary step. It
// returns what was lost, and how many acknowledged writes that is.
func (r *run) check(ctx context.Context, id string, created *createdPerson, l ledger) (lost []string, n int, extra, unchecked []string) {
	ref := id
	if created != nil {
		ref = url.PathEscape(created.Code)
	}
	var p personAnswer
	status, err := r.getJSON(ctx, "/api/v1/people/"+ref, r.cfg.Writer, &p)
	switch {
	case status == 404 && created != nil:
		lost = append(lost, fmt.Sprintf("người %s (đã trả 201) không còn: %v", created.Code, err))
		n = 1 + l.acked
		if created.AssignmentID != "" {
			n++
		}
		return lost, n, nil, nil
	case err != nil:
		return nil, 0, nil, []string{fmt.Sprintf("không đọc lại được người %s: %v", ref, err)}
	}
	name := id
	if created != nil {
		name = created.Code
		if p.ID != created.ID {
			lost = append(lost, fmt.Sprintf("người %s: mã định danh %s, đã trả %s", created.Code, p.ID, created.ID))
			n++
		}
		if created.AssignmentID != "" {
			found := false
			for _, a := range p.Assignments {
				if a.ID == created.AssignmentID {
					found = true
					if a.UnitID != created.UnitID || a.ValidFrom != r.today {
						lost = append(lost, fmt.Sprintf("người %s: bố trí %s ở đơn vị %s từ %s, đã gửi đơn vị %s từ %s",
							created.Code, a.ID, a.UnitID, a.ValidFrom, created.UnitID, r.today))
						n++
					}
				}
			}
			if !found {
				lost = append(lost, fmt.Sprintf("người %s: mất việc bố trí %s (đã trả 201)", created.Code, created.AssignmentID))
				n++
			}
		} else if !created.AssignmentUncertain && len(p.Assignments) > 0 {
			extra = append(extra, fmt.Sprintf("người %s: có %d việc bố trí dù yêu cầu bố trí bị từ chối", created.Code, len(p.Assignments)))
		}
	}
	want := l.base + l.acked
	switch {
	case p.SalaryStep < want:
		lost = append(lost, fmt.Sprintf("người %s: bậc lương %d, cần ít nhất %d (bậc %d ban đầu + %d lần nâng đã trả 200): mất %d lần sửa",
			name, p.SalaryStep, want, l.base, l.acked, want-p.SalaryStep))
		n += want - p.SalaryStep
	case p.SalaryStep > want+l.uncertain:
		extra = append(extra, fmt.Sprintf("người %s: bậc lương %d, nhiều hơn %d (bậc %d ban đầu + %d lần nâng đã trả 200 + %d lần không rõ kết quả)",
			name, p.SalaryStep, want+l.uncertain, l.base, l.acked, l.uncertain))
	}
	return lost, n, extra, nil
}

// auditCheck is GET /api/v1/audit/verify.
type auditCheck struct {
	OK       bool  `json:"ok"`
	Entries  int64 `json:"entries"`
	Problems []struct {
		Seq    int64  `json:"seq"`
		Reason string `json:"reason"`
	} `json:"problems"`
}

// auditOK counts the writer's entries with outcome ok.
func (r *run) auditOK(ctx context.Context) (int, error) {
	if r.auditSkipped != "" {
		return 0, nil
	}
	var l listAnswer[struct{}]
	_, err := r.getJSON(ctx, "/api/v1/audit?outcome=ok&limit=1&actor="+url.QueryEscape(r.writerName), r.cfg.Auditor, &l)
	return l.Total, err
}

// checkAudit verifies the log's chain and that it gained an entry for
// every acknowledged write.
func (r *run) checkAudit(ctx context.Context, rep *Report, before int, beforeErr error) {
	a := &rep.Audit
	a.Writer = r.writerName
	if r.auditSkipped != "" {
		a.Skipped = r.auditSkipped
		return
	}
	var v auditCheck
	if _, err := r.getJSON(ctx, "/api/v1/audit/verify", r.cfg.Auditor, &v); err != nil {
		a.Problems = append(a.Problems, fmt.Sprintf("không kiểm được chuỗi nhật ký: %v", err))
	} else {
		a.Verified, a.ChainOK, a.Entries = true, v.OK, v.Entries
		for _, p := range v.Problems {
			a.Problems = append(a.Problems, fmt.Sprintf("mục %d: %s", p.Seq, p.Reason))
		}
		if !v.OK && len(v.Problems) == 0 {
			a.Problems = append(a.Problems, "máy chủ trả ok=false")
		}
	}
	after, err := r.auditOK(ctx)
	if err == nil && beforeErr != nil {
		err = beforeErr
	}
	if err != nil {
		a.Problems = append(a.Problems, fmt.Sprintf("không đếm được mục ghi của %s: %v", r.writerName, err))
		return
	}
	a.Counted, a.Added = true, after-before
	acked := rep.CreatedAcked + rep.AssignedAcked + rep.PatchedAcked
	if a.Added < acked {
		a.Problems = append(a.Problems, fmt.Sprintf("nhật ký thêm %d mục «ok» của %s, ít hơn %d lần ghi đã được xác nhận", a.Added, r.writerName, acked))
	}
}
