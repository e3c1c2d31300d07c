package api

import (
	"brobygger/api/dashboard"
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
	twilio.Post("/status", h.requireOurSender, h.handleDeliveryStatus)

	// The link worker dashboard: HTML over the same stores and tokens as /v1, with the session in
	// cookies. Every page gets the security headers and HTML error pages; the sign-in form, the
	// stylesheet and the language link are open, every other page needs a session, and every
	// form POST a CSRF token. (The offer directory, /dashboard/offers, is not built yet.)
	d := h.dashboard
	dash := app.Group("/dashboard", dashboard.SecurityHeaders, d.ErrorPages, rejectBadText)
	signedIn := d.RequireSession
	dash.Get("", d.HandleHome)
	dash.Get("/assets/dashboard.css", d.HandleCSS)
	dash.Get("/assets/sms-count.js", d.HandleSMSCountJS)
	dash.Get("/language", d.HandleLanguage)
	dash.Get("/login", d.HandleLoginForm)
	dash.Post("/login", d.RequireCSRF, d.HandleLogin)
	dash.Post("/logout", signedIn, d.RequireCSRF, d.HandleLogout)
	dash.Get("/caseload", signedIn, d.HandleCaseload)
	dash.Get("/referrals", signedIn, d.HandleReferrals)
	dash.Get("/referrals/new", signedIn, d.HandleReferralForm)
	dash.Post("/referrals", signedIn, d.RequireCSRF, d.HandleCreateReferral)
	dash.Post("/referrals/:id/accept", signedIn, d.RequireCSRF, d.HandleAcceptReferral)
	dash.Post("/referrals/:id/decline", signedIn, d.RequireCSRF, d.HandleDeclineReferral)
	dash.Post("/referrals/:id/close", signedIn, d.RequireCSRF, d.HandleCloseReferral)
	dash.Get("/review", signedIn, d.HandleReview)
	dash.Post("/flags/:id/ack", signedIn, d.RequireCSRF, d.HandleAckFlag)
	dash.Get("/inbox", signedIn, d.HandleInbox)
	dash.Post("/inbox/:message_id/handled", signedIn, d.RequireCSRF, d.HandleInboxHandled)
	dash.Get("/citizens/:id", signedIn, d.HandleCitizen)
	dash.Post("/citizens/:id/messages", signedIn, d.RequireCSRF, d.HandleSendMessage)
	dash.Post("/citizens/:id/pause", signedIn, d.RequireCSRF, d.HandlePause)
	dash.Post("/citizens/:id/email", signedIn, d.RequireCSRF, d.HandleSetEmail)
	dash.Post("/citizens/:id/resume", signedIn, d.RequireCSRF, d.HandleResume)
	dash.Post("/citizens/:id/notes", signedIn, d.RequireCSRF, d.HandleAddNote)
	dash.Post("/citizens/:id/checkins", signedIn, d.RequireCSRF, d.HandleCheckinNow)
	dash.Post("/citizens/:id/prescriptions", signedIn, d.RequireCSRF, d.HandlePrescribe)
	dash.Post("/citizens/:id/prescriptions/:pid/end", signedIn, d.RequireCSRF, d.HandleEndPrescription)
	dash.Post("/citizens/:id/research-consent/withdraw", signedIn, d.RequireCSRF, d.HandleWithdrawResearchConsent)
	dash.Get("/offers", signedIn, d.HandleOffers)
	dash.Post("/offers/import", signedIn, d.RequireCSRF, d.HandleImportOffers)
	dash.Get("/password", signedIn, d.HandlePasswordForm)
	dash.Post("/password", signedIn, d.RequireCSRF, d.HandleChangePassword)

	// Admin pages (issue 16): staff accounts and the read-only audit log; a link worker gets 403.
	dashAdmin := d.RequireAdmin
	dash.Get("/admin/staff", signedIn, dashAdmin, d.HandleStaff)
	dash.Post("/admin/staff", signedIn, dashAdmin, d.RequireCSRF, d.HandleCreateStaff)
	dash.Get("/admin/staff/:id", signedIn, dashAdmin, d.HandleStaffMember)
	dash.Post("/admin/staff/:id/deactivate", signedIn, dashAdmin, d.RequireCSRF, d.HandleDeactivateStaff)
	dash.Post("/admin/staff/:id/reset-password", signedIn, dashAdmin, d.RequireCSRF, d.HandleResetStaffPassword)
	dash.Post("/admin/staff/:id/reassign", signedIn, dashAdmin, d.RequireCSRF, d.HandleReassignCitizens)
	dash.Get("/admin/audit", signedIn, dashAdmin, d.HandleAudit)
	dash.Get("/admin/deletion-requests", signedIn, dashAdmin, d.HandleDeletionRequests)
	dash.Post("/admin/deletion-requests/:id/erase", signedIn, dashAdmin, d.RequireCSRF, d.HandleEraseCitizen)

	// The commissioner's report (issue 17): aggregate figures, small groups hidden; admins only,
	// audited. The JSON, one CSV per table, and the dashboard page with its charts.
	v1.Get("/admin/report", admin, h.handleReport)
	v1.Get("/admin/report.csv", admin, h.handleReportCSV)
	dash.Get("/admin/report", signedIn, dashAdmin, d.HandleReport)

	// MedCom (issue 19): GPs' referrals and follow-ups, the replies going back, and for admins the
	// messages' status and the clinic register.
	dash.Get("/medcom", signedIn, d.HandleMedCom)
	dash.Post("/medcom/referrals/:id/register", signedIn, d.RequireCSRF, d.HandleRegisterMedCom)
	dash.Post("/medcom/referrals/:id/decline", signedIn, d.RequireCSRF, d.HandleDeclineMedCom)
	dash.Post("/medcom/messages/:id/send", signedIn, d.RequireCSRF, d.HandleSendMedComReply)
	dash.Post("/medcom/messages/:id/reply", signedIn, d.RequireCSRF, d.HandleFreeMedComReply)
	dash.Post("/medcom/messages/:id/handled", signedIn, d.RequireCSRF, d.HandleMedComHandled)
	dash.Get("/admin/medcom", signedIn, dashAdmin, d.HandleMedComAdmin)
	dash.Post("/admin/clinics", signedIn, dashAdmin, d.RequireCSRF, d.HandleCreateClinic)
	dash.Post("/admin/clinics/:id", signedIn, dashAdmin, d.RequireCSRF, d.HandleUpdateClinic)
	h.registerAppRoutes(app) // the reference citizen app at /app (app_routes.go)
}
