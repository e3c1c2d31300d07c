package api

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
)

// registerRoutes lists every route and its middleware. openapi.yaml describes each one, and
// TestOpenAPI_RoutesMatchSpec fails when the two differ.
func registerRoutes(app *fiber.App, h *handlers, m *httpMetrics, onError fiber.ErrorHandler) {
	app.Use(requestIDMiddleware)
	app.Use(observeMiddleware(h.deps.Logger, m, onError))
	app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: h.logPanic}))

	app.Get("/healthz", h.handleHealthz)
	app.Get("/readyz", h.handleReadyz)
	app.Get("/metrics", h.handleMetrics())
	app.Get("/openapi.yaml", h.handleOpenAPI)

	twilio := app.Group("/webhooks/twilio", h.twilioSignatureMiddleware)
	twilio.Post("/sms", h.handleInboundSMS)
	twilio.Post("/status", h.handleDeliveryStatus)
}
