package auth

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter slows down password guessing: each key (an address, a name)
// gets a few attempts at once and then one every few seconds.
type Limiter struct {
	mu      sync.Mutex
	every   time.Duration
	burst   int
	keys    map[string]*rate.Limiter
	maxKeys int
}

// NewLimiter allows burst attempts per key, then one per every.
func NewLimiter(burst int, every time.Duration) *Limiter {
	return &Limiter{every: every, burst: burst, keys: map[string]*rate.Limiter{}, maxKeys: 10000}
}

// Allow reports whether every key may try now; a refused attempt costs
// nothing, so that waiting is enough to be let in again.
func (l *Limiter) Allow(keys ...string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	var ls []*rate.Limiter
	for _, k := range keys {
		lim, ok := l.keys[k]
		if !ok {
			if len(l.keys) >= l.maxKeys {
				// Forget keys whose buckets are full again: they hold nothing.
				for k2, v := range l.keys {
					if v.TokensAt(now) >= float64(l.burst) {
						delete(l.keys, k2)
					}
				}
			}
			lim = rate.NewLimiter(rate.Every(l.every), l.burst)
			l.keys[k] = lim
		}
		if lim.TokensAt(now) < 1 {
			return false
		}
		ls = append(ls, lim)
	}
	for _, lim := range ls {
		lim.AllowN(now, 1)
	}
	return true
}
