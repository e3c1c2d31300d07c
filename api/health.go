package api

import (
	"context"
	"runtime/debug"
	"time"

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
		return models.Errorf(EUNAVAILABLE, "The database is not reachable.")
	}
	return c.JSON(healthResponse{Status: "ready"})
}

func (h *handlers) handleMetrics() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(h.deps.Gatherer, promhttp.HandlerOpts{}))
}

// handleOpenAPI serves the spec that describes every route.
func (h *handlers) handleOpenAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "application/yaml")
	return c.Send(h.deps.OpenAPI)
}

// logPanic records a recovered panic with its stack; the client only sees the generic 500.
func (h *handlers) logPanic(c *fiber.Ctx, e any) {
	h.deps.Logger.Error("panic recovered", "request_id", requestID(c), "route", routeOf(c),
		"panic", e, "stack", string(debug.Stack()))
}
