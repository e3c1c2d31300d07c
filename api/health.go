package api

import (
	"context"
	"crypto/subtle"
	"runtime/debug"
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type healthResponse struct {
	Status string `json:"status"`
}

// handleHealthz says the process is up; it touches nothing else.
func (h *handlers) handleHealthz(c *fiber.Ctx) error {
	return c.JSON(healthResponse{Status: "ok"})
}

// handleReadyz says whether the database answers, so a load balancer stops sending traffic
// to a replica that cannot serve it.
func (h *handlers) handleReadyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := h.deps.Store.Ping(ctx); err != nil {
		h.deps.Logger.Warn("readiness check failed", "error", err.Error())
		return models.Errorf(eUNAVAILABLE, "The database is not reachable.")
	}
	return c.JSON(healthResponse{Status: "ready"})
}

func (h *handlers) handleMetrics() fiber.Handler {
	serve := adaptor.HTTPHandler(promhttp.HandlerFor(h.deps.Gatherer, promhttp.HandlerOpts{}))
	want := []byte("Bearer " + h.deps.MetricsToken)
	return func(c *fiber.Ctx) error {
		// Metrics name routes, counts and queue depths: not for the public. Without a token
		// configured the route is not there at all.
		if h.deps.MetricsToken == "" {
			return models.NotFound("page")
		}
		if subtle.ConstantTimeCompare([]byte(c.Get(fiber.HeaderAuthorization)), want) != 1 {
			return models.Errorf(models.EUNAUTHORIZED, "An Authorization: Bearer token is required for the metrics.")
		}
		return serve(c)
	}
}

// handleOpenAPI serves the spec that describes every route.
func (h *handlers) handleOpenAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "application/yaml")
	return c.Send(h.deps.OpenAPI)
}

// logPanic records a recovered panic with its stack; the client only sees the generic 500.
func (h *handlers) logPanic(c *fiber.Ctx, e any) {
	h.deps.Logger.Error("panic recovered", "request_id", operations.RequestID(c), "route", operations.RouteOf(c),
		"panic", e, "stack", string(debug.Stack()))
}
