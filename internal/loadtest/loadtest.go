// Package loadtest drives a tinhgon server over HTTP with many concurrent
// clients for a bounded time, mixing reads (units, the tree, counts,
// people, the staffing report, findings) with writes (a person recorded
// then placed in a unit, a person's salary step raised under If-Match),
// records every request's latency and status, and then checks that
// nothing acknowledged was lost: every person and assignment answered 201
// reads back, every PATCH answered 200 shows in the person's salary step,
// the audit log's chain is whole and holds at least one entry per
// acknowledged write.
//
// Each client reads as one of the reader accounts (in turn) and writes as
// the editor; which it does next is drawn per request from its own
// seeded generator. A PATCH refused with 412 because another client
// changed the person first is not an error: the client reads the person
// again and retries, and the retries are counted.
//
// StartLocal starts the real server in this process over a fresh database
// with the demo loaded, for cmd/tinhgon-load and the package's test.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Token is an API token a client reads with.
type Token struct {
	// Name is the account's name, for the report.
	Name   string
	Secret string
	// Scoped marks an officer's token: it reads only inside its scope, so
	// it is given only units and people of that scope to ask for.
	Scoped bool
}

// Config is one load run.
type Config struct {
	// BaseURL is the server's root, e.g. http://127.0.0.1:8080.
	BaseURL string
	// Clients run concurrently for Duration.
	Clients  int
	Duration time.Duration
	// WriteShare is the share of a client's steps that write (default 0.2).
	WriteShare float64
	// Seed seeds every client's generator (client i draws from Seed, i).
	Seed uint64
	// Writer is the token every write is made with: an editor's or an admin's.
	Writer string
	// Readers are the tokens the clients read with, one per client in turn
	// (default: the writer's).
	Readers []Token
	// Auditor reads the audit log at the end: an admin's or an auditor's
	// token. Empty skips the audit checks (and says so).
	Auditor string
	// Timeout bounds one request (default 30 s): a request slower than
	// that is an error, as it would be for a user.
	Timeout time.Duration
	// Think is a pause between two steps of one client (default none).
	Think time.Duration
	// MaxRetries bounds how often one PATCH is retried after a 412 (default 20).
	MaxRetries int
	// Progress, when set, receives a line every few seconds of the run.
	Progress io.Writer
	// HTTP is the client to use; the default keeps a connection per client.
	HTTP *http.Client
	// Target describes the server for the report ("SQLite, máy chủ trong tiến trình").
	Target string
}

func (c Config) withDefaults() (Config, error) {
	if c.BaseURL == "" {
		return c, errors.New("cần địa chỉ máy chủ (BaseURL)")
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("địa chỉ máy chủ %q: cần dạng http://máy:cổng", c.BaseURL)
	}
	if c.Clients < 1 {
		return c, fmt.Errorf("số khách %d: cần ít nhất 1", c.Clients)
	}
	if c.Duration <= 0 {
		return c, fmt.Errorf("thời gian chạy %s: cần lớn hơn 0", c.Duration)
	}
	if c.Writer == "" {
		return c, errors.New("cần mã truy cập để ghi (Writer)")
	}
	if c.WriteShare == 0 {
		c.WriteShare = 0.2
	}
	if c.WriteShare < 0 || c.WriteShare > 1 {
		return c, fmt.Errorf("tỉ lệ ghi %g: cần từ 0 đến 1", c.WriteShare)
	}
	c.Readers = slices.Clone(c.Readers) // prepare marks the scoped ones
	if len(c.Readers) == 0 {
		c.Readers = []Token{{Secret: c.Writer}}
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxRetries <= 0 {
		c.MaxRetries = 20
	}
	if c.HTTP == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		// One kept connection per client, as many browsers or scripts
		// would each keep theirs; the default keeps two per host and
		// would open and close connections all the run long.
		tr.MaxIdleConns = 2*c.Clients + 16
		tr.MaxIdleConnsPerHost = 2*c.Clients + 16
		c.HTTP = &http.Client{Transport: tr}
	}
	return c, nil
}

// Run drives the server as cfg says and checks what it acknowledged. The
// error is for a run that could not be made (no server, a token refused
// while preparing); failures under load are in the report (Report.Failed).
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &run{cfg: cfg, ledger: map[string]*ledger{}}
	if err := r.prepare(ctx); err != nil {
		return nil, fmt.Errorf("chuẩn bị: %w", err)
	}
	rep := &Report{Target: cfg.Target, URL: cfg.BaseURL, Clients: cfg.Clients, Duration: cfg.Duration, Seed: cfg.Seed,
		WriteShare: cfg.WriteShare, Think: cfg.Think, Setup: r.setupNote()}
	auditBefore, auditErr := r.auditOK(ctx)

	workers := make([]*worker, cfg.Clients)
	for i := range workers {
		workers[i] = &worker{id: i + 1, run: r, reader: r.cfg.Readers[i%len(r.cfg.Readers)],
			rng: rand.New(rand.NewPCG(cfg.Seed, uint64(i+1)))}
	}
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	stopProgress := r.progress(start)
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(func() { w.loop(ctx, deadline) })
	}
	wg.Wait()
	stopProgress()
	rep.Elapsed = time.Since(start)
	rep.tally(workers)

	if err := ctx.Err(); err != nil {
		rep.Interrupted = true
	}
	// The checks run even after an interruption, on a context of their own.
	vctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
	defer cancel()
	r.verify(vctx, rep)
	r.checkAudit(vctx, rep, auditBefore, auditErr)
	return rep, nil
}

// run is what one load run shares between its clients.
type run struct {
	cfg Config
	// tag makes this run's staff codes unique on a server that has seen
	// other runs.
	tag string
	// today is the date changes take effect from (the day in Vietnam).
	today string
	// writerName is the account the writes are made as, for the audit log.
	writerName string
	// auditSkipped says why the audit checks are skipped, if they are.
	auditSkipped string

	// Read at preparation, then only read.
	units       []unitRef // alive today
	placeable   []unitRef // alive today with no end: new staff go there
	scopeUnits  []string  // of the scoped reader
	people      []string  // ids of people alive today, for reads
	scopePeople []string
	hot         []string // the people the PATCHes contend for

	mu      sync.Mutex
	created []*createdPerson
	ledger  map[string]*ledger // by person id

	requests atomic.Int64
	errors   atomic.Int64
}

type unitRef struct {
	ID, Code, Name, Pillar string
}

// createdPerson is a person a client recorded (answered 201), with the
// assignment that placed them, if that was answered 201 too.
type createdPerson struct {
	ID, Code     string
	UnitID       string
	AssignmentID string
	// AssignmentUncertain: the placement failed in a way that may or may
	// not have written it (a transport error or a 5xx).
	AssignmentUncertain bool
}

// ledger counts the salary-step raises a person was given.
type ledger struct {
	// base is the salary step before the run (or at creation).
	base int
	// acked raises were answered 200; uncertain ones failed in a way that
	// may have written them (a transport error or a 5xx).
	acked, uncertain int
}

func (r *run) addCreated(p *createdPerson, step int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.created = append(r.created, p)
	r.ledger[p.ID] = &ledger{base: step}
}

// pickCreated is a person some client created, or "" when none yet.
func (r *run) pickCreated(rng *rand.Rand) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.created) == 0 {
		return ""
	}
	return r.created[rng.IntN(len(r.created))].ID
}

func (r *run) raised(id string, acked bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.ledger[id]
	if l == nil {
		return
	}
	if acked {
		l.acked++
	} else {
		l.uncertain++
	}
}

// progress prints a line every 5 s until the returned func is called.
func (r *run) progress(start time.Time) func() {
	if r.cfg.Progress == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				fmt.Fprintf(r.cfg.Progress, "  … %3.0f s: %s yêu cầu, %s lỗi\n", now.Sub(start).Seconds(),
					groupInt(int(r.requests.Load())), groupInt(int(r.errors.Load())))
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

func (r *run) setupNote() string {
	return fmt.Sprintf("%d đơn vị đang hoạt động (%d nhận người mới), %d người để đọc, %d người bị sửa tranh nhau",
		len(r.units), len(r.placeable), len(r.people), len(r.hot))
}
