package loadtest

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Latency sums up the durations of some requests.
type Latency struct {
	Count              int
	P50, P95, P99, Max time.Duration
}

func latencyOf(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	slices.Sort(ds)
	// Nearest rank: the smallest duration at least p of the requests took no longer than.
	at := func(p float64) time.Duration {
		i := int(float64(len(ds))*p+0.999999) - 1
		return ds[max(0, min(i, len(ds)-1))]
	}
	return Latency{Count: len(ds), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: ds[len(ds)-1]}
}

// RouteStats are one route's requests.
type RouteStats struct {
	Route string
	Latency
	// Statuses counts answers by status; 0 is no answer.
	Statuses map[int]int
}

// Failure is one kind of error, with an example.
type Failure struct {
	Kind, Route   string
	Status        int
	Count         int
	What, Example string
}

// AuditResult is what the audit log showed after the run.
type AuditResult struct {
	// Skipped says why the log was not checked.
	Skipped string
	Writer  string
	// Verified: the chain was checked; ChainOK is its answer.
	Verified, ChainOK bool
	Entries           int64
	// Counted: Added is how many entries with outcome ok the writer gained.
	Counted  bool
	Added    int
	Problems []string
}

// Report is a load run's measurements and checks.
type Report struct {
	Target, URL string
	Setup       string
	Clients     int
	Duration    time.Duration
	Elapsed     time.Duration
	Seed        uint64
	WriteShare  float64
	Think       time.Duration
	// Interrupted: the run was stopped before its end.
	Interrupted bool

	Requests, Reads, Writes int
	All, ReadLat, WriteLat  Latency
	Routes                  []RouteStats

	// Errors counts failed requests by kind; Failures details them.
	Errors   map[string]int
	Failures []Failure
	// ErrorCount is every failed request.
	ErrorCount int

	// Retries are PATCHes sent again after a 412; GaveUp are those
	// abandoned after the maximum of retries (not errors, but reported).
	Retries, GaveUp int
	// Writes acknowledged (2xx), and writes that failed in a way that may
	// have written them.
	CreatedAcked, AssignedAcked, PatchedAcked, Uncertain int

	// Checked people were read back; RaisesChecked acknowledged PATCHes
	// were checked in their salary step.
	Checked, RaisesChecked int
	// LostWrites counts the acknowledged writes not found after the run.
	LostWrites int
	// Lost describes them, by person; Phantom are
	// changes found that nobody had made or that were refused; Unchecked
	// are people that could not be read back.
	Lost, Phantom, Unchecked []string

	Audit AuditResult
}

// Failed reports whether the run found an error, a lost or phantom write,
// something it could not check, or a broken audit log.
func (r *Report) Failed() bool {
	return r.Interrupted || r.ErrorCount > 0 || r.LostWrites > 0 || len(r.Lost) > 0 || len(r.Phantom) > 0 || len(r.Unchecked) > 0 || len(r.Audit.Problems) > 0 ||
		(r.Audit.Verified && !r.Audit.ChainOK)
}

// AckedWrites is every write answered 2xx.
func (r *Report) AckedWrites() int { return r.CreatedAcked + r.AssignedAcked + r.PatchedAcked }

// tally sums the clients' samples up.
func (r *Report) tally(ws []*worker) {
	var all, reads, writes []time.Duration
	byRoute := make([][]time.Duration, nRoutes)
	statuses := make([]map[int]int, nRoutes)
	r.Errors = map[string]int{}
	fails := map[failKey]*Failure{}
	for _, w := range ws {
		for _, s := range w.samples {
			all = append(all, s.dur)
			if s.route.writes() {
				writes = append(writes, s.dur)
			} else {
				reads = append(reads, s.dur)
			}
			byRoute[s.route] = append(byRoute[s.route], s.dur)
			if statuses[s.route] == nil {
				statuses[s.route] = map[int]int{}
			}
			statuses[s.route][s.status]++
			if s.err != errNone {
				r.ErrorCount++
				r.Errors[s.err.String()]++
			}
		}
		for k, f := range w.failures {
			agg := fails[k]
			if agg == nil {
				agg = &Failure{Kind: k.kind.String(), Route: k.route.String(), Status: k.status, What: f.what, Example: f.sample}
				fails[k] = agg
			}
			agg.Count += f.count
		}
		r.Retries += w.retries
		r.GaveUp += w.gaveUp
		r.CreatedAcked += w.createdAcked
		r.AssignedAcked += w.assignedAcked
		r.PatchedAcked += w.patchedAcked
		r.Uncertain += w.uncertain
	}
	r.Requests, r.Reads, r.Writes = len(all), len(reads), len(writes)
	r.All, r.ReadLat, r.WriteLat = latencyOf(all), latencyOf(reads), latencyOf(writes)
	for rt := range nRoutes {
		if len(byRoute[rt]) > 0 {
			r.Routes = append(r.Routes, RouteStats{Route: rt.String(), Latency: latencyOf(byRoute[rt]), Statuses: statuses[rt]})
		}
	}
	for _, f := range fails {
		r.Failures = append(r.Failures, *f)
	}
	slices.SortFunc(r.Failures, func(a, b Failure) int { return cmp.Compare(b.Count, a.Count) })
}

// Print writes the report in Vietnamese.
func (r *Report) Print(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("Kiểm thử tải tinhgon — %s\n", cmp.Or(r.Target, r.URL))
	if r.Setup != "" {
		p("  Dữ liệu: %s.\n", r.Setup)
	}
	think := "không nghỉ giữa hai yêu cầu"
	if r.Think > 0 {
		think = "nghỉ " + r.Think.String() + " giữa hai yêu cầu"
	}
	p("  Khách đồng thời: %d, %s; thời gian: %s (thực tế %s s); hạt giống %d; tỉ lệ bước ghi %s%%.\n",
		r.Clients, think, r.Duration, decimal(r.Elapsed.Seconds(), 1), r.Seed, decimal(r.WriteShare*100, 0))
	rps := float64(r.Requests) / r.Elapsed.Seconds()
	p("  Yêu cầu: %s (%s yêu cầu/s) — đọc %s (%s%%), ghi %s (%s%%).\n", groupInt(r.Requests), decimal(rps, 1),
		groupInt(r.Reads), percent(r.Reads, r.Requests), groupInt(r.Writes), percent(r.Writes, r.Requests))
	p("\n  Độ trễ (ms)            số yêu cầu      p50      p95      p99      max\n")
	for _, l := range []struct {
		name string
		Latency
	}{{"tất cả", r.All}, {"đọc", r.ReadLat}, {"ghi", r.WriteLat}} {
		p("  %-22s %10s %s\n", l.name, groupInt(l.Count), latencyRow(l.Latency))
	}
	p("\n  Theo loại yêu cầu:\n")
	for _, rs := range r.Routes {
		p("  %-30s %8s %s  %s\n", rs.Route, groupInt(rs.Count), latencyRow(rs.Latency), statusText(rs.Statuses))
	}
	p("\n  Ghi được xác nhận: %s người mới, %s việc bố trí, %s lần nâng bậc lương (PATCH); %s lần ghi không rõ kết quả.\n",
		groupInt(r.CreatedAcked), groupInt(r.AssignedAcked), groupInt(r.PatchedAcked), groupInt(r.Uncertain))
	p("  Xung đột 412 (người khác sửa trước), đọc lại và gửi lại: %s lần; bỏ cuộc sau số lần thử tối đa: %d.\n", groupInt(r.Retries), r.GaveUp)

	p("\n  Lỗi: %s", groupInt(r.ErrorCount))
	if r.ErrorCount > 0 {
		var kinds []string
		for k, n := range r.Errors {
			kinds = append(kinds, fmt.Sprintf("%s %s", k, groupInt(n)))
		}
		slices.Sort(kinds)
		p(" (%s)", strings.Join(kinds, ", "))
	}
	p("\n")
	for i, f := range r.Failures {
		if i == 10 {
			p("    … và %d loại khác\n", len(r.Failures)-10)
			break
		}
		st := ""
		if f.Status != 0 {
			st = " " + strconv.Itoa(f.Status)
		}
		p("    %s× %s, %s%s — ví dụ %s: %s\n", groupInt(f.Count), f.Kind, f.Route, st, f.What, f.Example)
	}
	p("  Ghi bị mất: %s lần ghi đã xác nhận, ở %d người (đã đọc lại %s người, kiểm %s lần nâng bậc đã xác nhận).\n",
		groupInt(r.LostWrites), len(r.Lost), groupInt(r.Checked), groupInt(r.RaisesChecked))
	listSome(p, r.Lost)
	if len(r.Phantom) > 0 {
		p("  Thay đổi không ai được xác nhận: %d.\n", len(r.Phantom))
		listSome(p, r.Phantom)
	}
	if len(r.Unchecked) > 0 {
		p("  Không kiểm được: %d.\n", len(r.Unchecked))
		listSome(p, r.Unchecked)
	}
	a := r.Audit
	switch {
	case a.Skipped != "":
		p("  Nhật ký kiểm tra: không kiểm (%s).\n", a.Skipped)
	default:
		chain := "không kiểm được"
		if a.Verified {
			chain = fmt.Sprintf("chuỗi băm toàn vẹn (ok=true), %s mục", groupInt(int(a.Entries)))
			if !a.ChainOK {
				chain = fmt.Sprintf("CHUỖI BĂM HỎNG (ok=false), %s mục", groupInt(int(a.Entries)))
			}
		}
		p("  Nhật ký kiểm tra: %s", chain)
		if a.Counted {
			p("; mục «ok» của %s tăng %s, số lần ghi đã xác nhận %s", a.Writer, groupInt(a.Added), groupInt(r.AckedWrites()))
		}
		p(".\n")
		listSome(p, a.Problems)
	}
	switch {
	case r.Interrupted:
		p("\nKẾT QUẢ: BỊ DỪNG giữa chừng.\n")
	case r.Failed():
		p("\nKẾT QUẢ: KHÔNG ĐẠT.\n")
	default:
		p("\nKẾT QUẢ: ĐẠT — không lỗi, không mất lần ghi nào.\n")
	}
}

func listSome(p func(string, ...any), xs []string) {
	for i, x := range xs {
		if i == 10 {
			p("    … và %d mục khác\n", len(xs)-10)
			return
		}
		p("    %s\n", x)
	}
}

func latencyRow(l Latency) string {
	ms := func(d time.Duration) string { return decimal(float64(d)/float64(time.Millisecond), 1) }
	return fmt.Sprintf("%8s %8s %8s %8s", ms(l.P50), ms(l.P95), ms(l.P99), ms(l.Max))
}

func statusText(m map[int]int) string {
	codes := make([]int, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var parts []string
	for _, c := range codes {
		name := strconv.Itoa(c)
		if c == 0 {
			name = "không trả lời"
		}
		parts = append(parts, fmt.Sprintf("%s×%s", name, groupInt(m[c])))
	}
	return strings.Join(parts, " ")
}

func percent(n, of int) string {
	if of == 0 {
		return "0"
	}
	return decimal(100*float64(n)/float64(of), 1)
}

// decimal writes x with a decimal comma, as Vietnamese does.
func decimal(x float64, places int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', places, 64), ".", ",", 1)
}

// groupInt writes n with dots between thousands, as Vietnamese does.
func groupInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
