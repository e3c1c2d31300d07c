package api

import (
	"brobygger/api/operations"
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
)

// httpMetrics are the Prometheus series for HTTP traffic.
type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "brobygger_http_requests_total",
			Help: "HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "brobygger_http_request_duration_seconds",
			Help:    "HTTP request duration by method and route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// observeMiddleware answers errors through the error handler right here, so that the status it
// chose is what gets counted and logged; then it records metrics and one log line per request.
// Logs carry the route pattern, never the query or body (they hold phone numbers and health data).
func observeMiddleware(log *slog.Logger, m *httpMetrics, onError fiber.ErrorHandler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		if err := c.Next(); err != nil {
			if herr := onError(c, err); herr != nil {
				return herr
			}
		}
		elapsed := time.Since(start)
		route, status := operations.RouteOf(c), c.Response().StatusCode()
		m.requests.WithLabelValues(c.Method(), route, strconv.Itoa(status)).Inc()
		m.duration.WithLabelValues(c.Method(), route).Observe(elapsed.Seconds())
		log.LogAttrs(c.UserContext(), levelFor(status), "http request",
			slog.String("request_id", operations.RequestID(c)), slog.String("method", c.Method()),
			slog.String("route", route), slog.Int("status", status),
			slog.Duration("duration", elapsed))
		return nil
	}
}

func levelFor(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}
