package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"tinhgon/internal/store"
)

// metrics are the server's Prometheus metrics, in a registry of its own
// (not the package-level default): requests by route and status, their
// latency, and the database pools.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(db *store.DB) *metrics {
	m := &metrics{reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tinhgon_http_requests_total",
			Help: "HTTP requests answered, by method, route and status."}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tinhgon_http_request_duration_seconds",
			Help: "Time to answer HTTP requests, by method and route.", Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 12)},
			[]string{"method", "route"}),
	}
	m.reg.MustRegister(m.requests, m.latency, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for name, pool := range db.Pools() {
		m.reg.MustRegister(collectors.NewDBStatsCollector(pool, name))
	}
	return m
}

// observe counts a request under its route pattern (never its raw path,
// which would make a series per id).
func (m *metrics) observe(r *http.Request, status int, took time.Duration) {
	route := r.Pattern
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(r.Method, route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(r.Method, route).Observe(took.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// ready answers 200 when every database pool answers a ping within 2 s,
// 503 otherwise: a load balancer sends no traffic to a server whose
// database is away.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	for name, pool := range s.db.Pools() {
		if err := pool.PingContext(ctx); err != nil {
			s.log.WarnContext(ctx, "not ready", "pool", name, "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "cơ sở dữ liệu (%s) không trả lời\n", name)
			return
		}
	}
	fmt.Fprintln(w, "ready")
}
