package api

import (
	"brobygger/models"
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

	staff := h.requireRoles(string(models.RoleLinkWorker), string(models.RoleAdmin))
	citizen := h.requireRoles(RoleCitizen)

	v1 := app.Group("/v1")
	v1.Post("/auth/staff/login", h.handleStaffLogin)
	v1.Post("/auth/citizen/code", h.handleCitizenCode)
	v1.Post("/auth/citizen/token", h.handleCitizenToken)
	v1.Post("/auth/refresh", h.handleRefresh)
	v1.Post("/auth/logout", h.handleLogout)

	v1.Get("/me", citizen, h.handleMe)

	v1.Post("/referrals", staff, h.handleCreateReferral)
	v1.Get("/caseload", staff, h.handleCaseload)

	// Offer directory (issue 7): the static paths come before /offers/:id so they win.
	v1.Get("/offers", staff, h.handleListOffers)
	v1.Post("/offers", staff, h.handleCreateOffer)
	v1.Post("/offers/import", staff, h.handleImportOffers)
	v1.Get("/offers/export.hsds.json", staff, h.handleExportOffersHSDS)
	v1.Get("/offers/:id", staff, h.handleGetOffer)
	v1.Put("/offers/:id", staff, h.handleUpdateOffer)
	v1.Delete("/offers/:id", staff, h.handleDeactivateOffer)
	v1.Get("/citizens/:id/prescriptions", staff, h.handleListPrescriptions)
	v1.Post("/citizens/:id/prescriptions", staff, h.handleCreatePrescription)
	v1.Delete("/citizens/:id/prescriptions/:pid", staff, h.handleEndPrescription)

	twilio := app.Group("/webhooks/twilio", h.twilioSignatureMiddleware)
	twilio.Post("/sms", h.handleInboundSMS)
	twilio.Post("/status", h.handleDeliveryStatus)
}
