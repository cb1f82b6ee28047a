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

// skeletonCache keeps the tree skeletons of recent days, as believed now,
// until the province's register is written again. The register clock,
// which every write advances first, tells: a skeleton is reused only while
// the clock has not moved, so the cache is right with several processes on
// one PostgreSQL too. A whole-country tree then costs a map lookup instead
// of a scan that must check every version against the retractions.
type skeletonCache struct {
	mu      sync.Mutex
	entries map[skeletonKey]skeletonEntry
	order   []skeletonKey // least recently used first
}

type skeletonKey struct {
	province string
	day      civil.Date
}

type skeletonEntry struct {
	clock int64
	nodes []org.Node
}

// skeletonDays bounds the cache: a national skeleton is 10–20 MB.
const skeletonDays = 8

func (c *skeletonCache) get(k skeletonKey, clock int64) ([]org.Node, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok || e.clock != clock {
		return nil, false
	}
	c.touch(k)
	return e.nodes, true
}

func (c *skeletonCache) put(k skeletonKey, clock int64, nodes []org.Node) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[skeletonKey]skeletonEntry{}
	}
	c.entries[k] = skeletonEntry{clock: clock, nodes: nodes}
	c.touch(k)
	for len(c.order) > skeletonDays {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *skeletonCache) touch(k skeletonKey) {
	for i, o := range c.order {
		if o == k {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	c.order = append(c.order, k)
}

// clock reads the province's register clock; 0 before the first write.
func (s *Register) clock(ctx context.Context) (int64, error) {
	var clock int64
	err := s.db.read.QueryRowContext(ctx, `SELECT clock FROM register_clock WHERE province = $1`, s.province).Scan(&clock)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read register clock: %w", err)
	}
	return clock, nil
}

// Skeleton implements org.Reader. Callers only read the slice it returns.
func (s *Register) Skeleton(ctx context.Context, m org.Moment) ([]org.Node, error) {
	if !m.KnownAt.IsZero() {
		return s.skeleton(ctx, m)
	}
	// The clock is read before the rows: a write committed in between only
	// makes the next call read again.
	clock, err := s.clock(ctx)
	if err != nil {
		return nil, err
	}
	k := skeletonKey{province: s.province, day: m.AsOf}
	if nodes, ok := s.db.skeletons.get(k, clock); ok {
		return nodes, nil
	}
	nodes, err := s.skeleton(ctx, m)
	if err != nil {
		return nil, err
	}
	s.db.skeletons.put(k, clock, nodes)
	return nodes, nil
}
