package api

import (
	"brobygger/api/operations"
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

	app.Get("/", h.handleRoot)
	app.Get("/healthz", h.handleHealthz)
	app.Get("/readyz", h.handleReadyz)
	app.Get("/metrics", h.handleMetrics())
	app.Get("/openapi.yaml", h.handleOpenAPI)

	staff := h.requireRoles(string(models.RoleLinkWorker), string(models.RoleAdmin))
	citizen := h.requireRoles(operations.RoleCitizen)
	admin := h.requireRoles(string(models.RoleAdmin))

	// Query parameters and form fields must be clean text (no NUL, valid UTF-8) on /v1 and
	// /dashboard; the webhooks store whatever Twilio signed.
	v1 := app.Group("/v1", rejectBadText)
	v1.Post("/auth/staff/login", h.handleStaffLogin)
	v1.Post("/auth/citizen/code", h.handleCitizenCode)
	v1.Post("/auth/citizen/token", h.handleCitizenToken)
	v1.Post("/auth/refresh", h.handleRefresh)
	v1.Post("/auth/logout", h.handleLogout)
	v1.Post("/auth/password", h.requirePasswordChanger(), h.handleChangePassword)

	v1.Get("/me", citizen, h.handleMe)
	v1.Put("/me/preferences", citizen, h.handleUpdatePreferences)
	v1.Put("/me/email", citizen, h.handleSetMyEmail)
	v1.Post("/me/contact-confirmation", citizen, h.handleConfirmContact)
	v1.Get("/me/prescriptions", citizen, h.handleMyPrescriptions)
	v1.Get("/me/schedule", citizen, h.handleMySchedule)
	v1.Get("/me/checkins", citizen, h.handleMyCheckins)
	v1.Post("/me/checkins/:id/answers", citizen, h.handleAnswerCheckin)
	v1.Get("/me/scores", citizen, h.handleMyScores)
	v1.Post("/me/devices", citizen, h.handleRegisterDevice)
	v1.Get("/me/export", citizen, h.handleExportMyData)
	v1.Get("/me/notifications/:id", citizen, h.handleOpenNotification)
	v1.Get("/push/vapid-public-key", h.handleVAPIDPublicKey)
	v1.Post("/me/deletion-request", citizen, h.handleDeletionRequest)
	v1.Post("/me/research-consent/withdraw", citizen, h.handleWithdrawMyResearchConsent)
	v1.Post("/me/messages", citizen, h.handleWriteToLinkWorker)

	v1.Get("/referrals", staff, h.handleListReferrals)
	v1.Post("/referrals", staff, h.handleCreateReferral)
	v1.Get("/caseload", staff, h.handleCaseload)
	v1.Post("/referrals/:id/accept", staff, h.handleReferralTransition(models.ReferralAccepted))
	v1.Post("/referrals/:id/decline", staff, h.handleReferralTransition(models.ReferralDeclined))
	v1.Post("/referrals/:id/close", staff, h.handleReferralTransition(models.ReferralClosed))
	v1.Get("/flags", staff, h.handleReviewQueue)
	v1.Post("/flags/:id/ack", staff, h.handleAckFlag)
	v1.Get("/inbox", staff, h.handleInbox)
	v1.Post("/inbox/:message_id/handled", staff, h.handleInboxHandled)
	v1.Get("/citizens/:id", staff, h.handleCitizenDetail)
	v1.Get("/citizens/:id/timeline", staff, h.handleTimeline)
	v1.Put("/citizens/:id/email", staff, h.handleSetCitizenEmail)
	v1.Get("/citizens/:id/schedule", staff, h.handleSchedule)
	v1.Post("/citizens/:id/messages", staff, h.handleSendMessage)
	v1.Post("/citizens/:id/reassign", staff, h.handleReassign)
	v1.Post("/citizens/:id/checkins", staff, h.handleCheckinNow)
	v1.Get("/citizens/:id/notes", staff, h.handleListNotes)
	v1.Post("/citizens/:id/notes", staff, h.handleCreateNote)
	v1.Post("/citizens/:id/pause", staff, h.handlePauseCitizen)
	v1.Post("/citizens/:id/resume", staff, h.handleResumeCitizen)
	v1.Post("/citizens/:id/research-consent/withdraw", staff, h.handleWithdrawResearchConsent)

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

	// Site settings (issue 13): closed days and the default check-in plan.
	v1.Get("/admin/closed-days", admin, h.handleGetClosedDays)
	v1.Put("/admin/closed-days", admin, h.handlePutClosedDays)
	v1.Get("/admin/checkin-plan", admin, h.handleGetCheckinPlan)
	v1.Put("/admin/checkin-plan", admin, h.handlePutCheckinPlan)
	v1.Get("/admin/instruments", admin, h.handleListInstruments)

	// Staff accounts and the audit log (issue 16): admins only, read-only for the log.
	v1.Get("/admin/staff", admin, h.handleListStaff)
	v1.Post("/admin/staff", admin, h.handleCreateStaff)
	v1.Post("/admin/staff/:id/deactivate", admin, h.handleDeactivateStaff)
	v1.Post("/admin/staff/:id/reset-password", admin, h.handleResetStaffPassword)
	v1.Get("/admin/audit", admin, h.handleAuditLog)
	// Research export (issue 17): pseudonymised, admin only, audited; the key file is CLI only.
	v1.Get("/admin/research-export", admin, h.handleResearchExport)
	// Erasure and retention (issue 17): a deletion request's id is the citizen's id.
	v1.Get("/admin/deletion-requests", admin, h.handleListDeletionRequests)
	v1.Post("/admin/deletion-requests/:id/erase", admin, h.handleEraseCitizen)
	v1.Get("/admin/retention", admin, h.handleGetRetention)
	v1.Put("/admin/retention", admin, h.handlePutRetention)

	// MedCom (issue 19): the gateway delivers FHIR messages to /medcom/inbox with its bearer token;
	// staff handle received referrals and the replies to GPs; admins see every message and keep
	// the clinic register.
	app.Post("/medcom/inbox", h.requireGatewayToken, h.handleMedComInbox)
	v1.Get("/medcom/messages", admin, h.handleMedComMessages)
	v1.Get("/medcom/drafts", staff, h.handleMedComDrafts)
	v1.Get("/medcom/follow-ups", staff, h.handleMedComFollowUps)
	v1.Patch("/medcom/messages/:id", staff, h.handleEditMedComDraft)
	v1.Post("/medcom/messages/:id/send", staff, h.handleSendMedComReply)
	v1.Post("/medcom/messages/:id/reply", staff, h.handleFreeMedComReply)
	v1.Post("/medcom/messages/:id/handled", staff, h.handleMedComHandled)
	v1.Get("/medcom/referrals", staff, h.handleMedComReferrals)
	v1.Get("/medcom/referrals/:id", staff, h.handleMedComReferral)
	v1.Post("/medcom/referrals/:id/cpr", staff, h.handleRevealCPR)
	v1.Post("/medcom/referrals/:id/phone", staff, h.handleMedComReferralPhone)
	v1.Post("/medcom/referrals/:id/register", staff, h.handleRegisterMedComReferral)
	v1.Post("/medcom/referrals/:id/decline", staff, h.handleDeclineMedComReferral)
	v1.Get("/admin/clinics", admin, h.handleListClinics)
	v1.Post("/admin/clinics", admin, h.handleCreateClinic)
	v1.Patch("/admin/clinics/:id", admin, h.handleUpdateClinic)

	twilio := app.Group("/webhooks/twilio", h.twilioSignatureMiddleware)
	twilio.Post("/sms", h.requireOurRecipient, h.handleInboundSMS)
	twilio.Post("/status", h.handleDeliveryStatus)

	// The link worker dashboard: HTML over the same stores and tokens as /v1, with the session in
	// cookies. Every page gets the security headers and HTML error pages; the sign-in form, the
	// stylesheet and the language link are open, every other page needs a session, and every
	// form POST a CSRF token. (The offer directory, /dashboard/offers, is not built yet.)
	dash := app.Group("/dashboard", dashSecurityHeaders, h.dashErrorPages, rejectBadText)
	signedIn := h.requireDashSession
	dash.Get("", h.handleDashHome)
	dash.Get("/assets/dashboard.css", h.handleDashCSS)
	dash.Get("/assets/sms-count.js", h.handleDashSMSCountJS)
	dash.Get("/language", h.handleDashLanguage)
	dash.Get("/login", h.handleDashLoginForm)
	dash.Post("/login", h.requireCSRF, h.handleDashLogin)
	dash.Post("/logout", signedIn, h.requireCSRF, h.handleDashLogout)
	dash.Get("/caseload", signedIn, h.handleDashCaseload)
	dash.Get("/referrals", signedIn, h.handleDashReferrals)
	dash.Get("/referrals/new", signedIn, h.handleDashReferralForm)
	dash.Post("/referrals", signedIn, h.requireCSRF, h.handleDashCreateReferral)
	dash.Post("/referrals/:id/accept", signedIn, h.requireCSRF, h.handleDashAcceptReferral)
	dash.Post("/referrals/:id/decline", signedIn, h.requireCSRF, h.handleDashDeclineReferral)
	dash.Post("/referrals/:id/close", signedIn, h.requireCSRF, h.handleDashCloseReferral)
	dash.Get("/review", signedIn, h.handleDashReview)
	dash.Post("/flags/:id/ack", signedIn, h.requireCSRF, h.handleDashAckFlag)
	dash.Get("/inbox", signedIn, h.handleDashInbox)
	dash.Post("/inbox/:message_id/handled", signedIn, h.requireCSRF, h.handleDashInboxHandled)
	dash.Get("/citizens/:id", signedIn, h.handleDashCitizen)
	dash.Post("/citizens/:id/messages", signedIn, h.requireCSRF, h.handleDashSendMessage)
	dash.Post("/citizens/:id/pause", signedIn, h.requireCSRF, h.handleDashPause)
	dash.Post("/citizens/:id/email", signedIn, h.requireCSRF, h.handleDashSetEmail)
	dash.Post("/citizens/:id/resume", signedIn, h.requireCSRF, h.handleDashResume)
	dash.Post("/citizens/:id/notes", signedIn, h.requireCSRF, h.handleDashAddNote)
	dash.Post("/citizens/:id/checkins", signedIn, h.requireCSRF, h.handleDashCheckinNow)
	dash.Post("/citizens/:id/prescriptions", signedIn, h.requireCSRF, h.handleDashPrescribe)
	dash.Post("/citizens/:id/prescriptions/:pid/end", signedIn, h.requireCSRF, h.handleDashEndPrescription)
	dash.Post("/citizens/:id/research-consent/withdraw", signedIn, h.requireCSRF, h.handleDashWithdrawResearchConsent)
	dash.Get("/offers", signedIn, h.handleDashOffers)
	dash.Post("/offers/import", signedIn, h.requireCSRF, h.handleDashImportOffers)
	dash.Get("/password", signedIn, h.handleDashPasswordForm)
	dash.Post("/password", signedIn, h.requireCSRF, h.handleDashChangePassword)

	// Admin pages (issue 16): staff accounts and the read-only audit log; a link worker gets 403.
	dashAdmin := h.requireDashAdmin
	dash.Get("/admin/staff", signedIn, dashAdmin, h.handleDashStaff)
	dash.Post("/admin/staff", signedIn, dashAdmin, h.requireCSRF, h.handleDashCreateStaff)
	dash.Get("/admin/staff/:id", signedIn, dashAdmin, h.handleDashStaffMember)
	dash.Post("/admin/staff/:id/deactivate", signedIn, dashAdmin, h.requireCSRF, h.handleDashDeactivateStaff)
	dash.Post("/admin/staff/:id/reset-password", signedIn, dashAdmin, h.requireCSRF, h.handleDashResetStaffPassword)
	dash.Post("/admin/staff/:id/reassign", signedIn, dashAdmin, h.requireCSRF, h.handleDashReassignCitizens)
	dash.Get("/admin/audit", signedIn, dashAdmin, h.handleDashAudit)
	dash.Get("/admin/deletion-requests", signedIn, dashAdmin, h.handleDashDeletionRequests)
	dash.Post("/admin/deletion-requests/:id/erase", signedIn, dashAdmin, h.requireCSRF, h.handleDashEraseCitizen)

	// The commissioner's report (issue 17): aggregate figures, small groups hidden; admins only,
	// audited. The JSON, one CSV per table, and the dashboard page with its charts.
	v1.Get("/admin/report", admin, h.handleReport)
	v1.Get("/admin/report.csv", admin, h.handleReportCSV)
	dash.Get("/admin/report", signedIn, dashAdmin, h.handleDashReport)

	// MedCom (issue 19): GPs' referrals and follow-ups, the replies going back, and for admins the
	// messages' status and the clinic register.
	dash.Get("/medcom", signedIn, h.handleDashMedCom)
	dash.Post("/medcom/referrals/:id/register", signedIn, h.requireCSRF, h.handleDashRegisterMedCom)
	dash.Post("/medcom/referrals/:id/decline", signedIn, h.requireCSRF, h.handleDashDeclineMedCom)
	dash.Post("/medcom/messages/:id/send", signedIn, h.requireCSRF, h.handleDashSendMedComReply)
	dash.Post("/medcom/messages/:id/reply", signedIn, h.requireCSRF, h.handleDashFreeMedComReply)
	dash.Post("/medcom/messages/:id/handled", signedIn, h.requireCSRF, h.handleDashMedComHandled)
	dash.Get("/admin/medcom", signedIn, dashAdmin, h.handleDashMedComAdmin)
	dash.Post("/admin/clinics", signedIn, dashAdmin, h.requireCSRF, h.handleDashCreateClinic)
	dash.Post("/admin/clinics/:id", signedIn, dashAdmin, h.requireCSRF, h.handleDashUpdateClinic)
	h.registerAppRoutes(app) // the reference citizen app at /app (app_routes.go)
}
