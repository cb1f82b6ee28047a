package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"tinhgon/internal/civil"
	"tinhgon/internal/org"
)

// beliefs keeps, per province, the tree facts of every version believed
// now, with its valid interval: enough to answer "which units, under which
// parent, on any date" in memory. It is brought up to date from the rows
// recorded and retracted since the register clock it last saw (every write
// advances the clock first and stamps its rows with it), so it stays right
// with several processes on one PostgreSQL. A whole-country tree then costs
// a filter over memory instead of a scan that checks every version against
// the retractions (docs/performance.md).
type beliefs struct {
	mu    sync.Mutex
	byKey map[string]*belief
}

type belief struct {
	loaded   bool
	clock    int64
	versions map[string]believedRow // by version id
	// rows is versions as a slice, rebuilt after a change and never
	// modified after: readers filter it without holding the lock.
	rows []believedRow
	// timeline is rows keyed by integers, laid out on first use.
	timeline *org.Timeline
}

type believedRow struct {
	node     org.Node
	from, to civil.Date
}

func (b *believedRow) validAt(d civil.Date) bool {
	return (b.from.IsZero() || !b.from.After(d)) && (b.to.IsZero() || b.to.After(d))
}

// forget drops a province's beliefs, for writes that bypass the clock order.
func (b *beliefs) forget(province string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.byKey, province)
}

// Skeleton implements org.Reader. Asked about now, it answers from the
// province's beliefs in memory; asked about an earlier known-at time, from
// the database.
func (s *Register) Skeleton(ctx context.Context, m org.Moment) ([]org.Node, error) {
	if !m.KnownAt.IsZero() {
		return s.skeleton(ctx, m)
	}
	var rows []believedRow
	if err := s.believed(ctx, func(b *belief) { rows = b.rows }); err != nil {
		return nil, err
	}
	out := make([]org.Node, 0, len(rows)/2)
	for i := range rows {
		if rows[i].validAt(m.AsOf) {
			out = append(out, rows[i].node)
		}
	}
	return out, nil
}

// Timeline implements org.Reader: the province's beliefs keyed by
// integers, laid out once per change of the register.
func (s *Register) Timeline(ctx context.Context) (*org.Timeline, error) {
	var tl *org.Timeline
	err := s.believed(ctx, func(b *belief) {
		if b.timeline == nil {
			rows := make([]org.TimedNode, len(b.rows))
			for i, r := range b.rows {
				rows[i] = org.TimedNode{Node: r.node, From: r.from, To: r.to}
			}
			b.timeline = org.NewTimeline(rows)
		}
		tl = b.timeline
	})
	return tl, err
}

// believed brings the province's beliefs up to date and hands them to fn
// under the lock.
func (s *Register) believed(ctx context.Context, fn func(b *belief)) error {
	bs := s.db.beliefs
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.byKey == nil {
		bs.byKey = map[string]*belief{}
	}
	b := bs.byKey[s.province]
	if b == nil {
		b = &belief{versions: map[string]believedRow{}}
		bs.byKey[s.province] = b
	}
	if err := s.refresh(ctx, b); err != nil {
		return err
	}
	fn(b)
	return nil
}

// refresh brings b up to the register clock in one read-only snapshot.
func (s *Register) refresh(ctx context.Context, b *belief) error {
	var clock int64
	err := s.db.read.QueryRowContext(ctx, `SELECT clock FROM register_clock WHERE province = $1`, s.province).Scan(&clock)
	if errors.Is(err, sql.ErrNoRows) {
		clock, err = 0, nil
	}
	if err != nil {
		return fmt.Errorf("read register clock: %w", err)
	}
	if b.loaded && clock == b.clock {
		return nil
	}
	opts := &sql.TxOptions{ReadOnly: true}
	if s.db.Engine == Postgres {
		opts.Isolation = sql.LevelRepeatableRead // one snapshot for the clock and the rows
	}
	tx, err := s.db.read.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("refresh beliefs: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(clock), 0) FROM register_clock WHERE province = $1`, s.province).Scan(&clock); err != nil {
		return fmt.Errorf("read register clock: %w", err)
	}
	var a args
	q := `SELECT v.id, v.unit_id, COALESCE(v.parent_id, ''), v.kind, v.level, v.pillar, v.valid_from, v.valid_to
		FROM unit_versions v WHERE v.province = ` + a.add(s.province)
	if b.loaded {
		q += ` AND v.recorded_at > ` + a.add(b.clock)
	} else {
		var x args
		q += ` AND ` + believed(&x, "v", zeroTime)
	}
	rows, err := tx.QueryContext(ctx, q, a...)
	if err != nil {
		return fmt.Errorf("refresh beliefs: %w", err)
	}
	for rows.Next() {
		var id string
		var r believedRow
		if err := rows.Scan(&id, &r.node.ID, &r.node.ParentID, &r.node.Kind, &r.node.Level, &r.node.Pillar, &r.from, &r.to); err != nil {
			rows.Close()
			return fmt.Errorf("refresh beliefs: %w", err)
		}
		b.versions[id] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if b.loaded {
		rows, err := tx.QueryContext(ctx, `SELECT row_id FROM retractions WHERE province = $1 AND retracted_at > $2`, s.province, b.clock)
		if err != nil {
			return fmt.Errorf("refresh beliefs: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			delete(b.versions, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	b.loaded, b.clock, b.timeline = true, clock, nil
	b.rows = make([]believedRow, 0, len(b.versions))
	for _, r := range b.versions {
		b.rows = append(b.rows, r)
	}
	return nil
}
