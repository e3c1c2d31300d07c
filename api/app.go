// Package api is Brobygger's HTTP surface: the JSON API under /v1, the Twilio webhooks, health
// and metrics, the middleware, and routes.go, which mounts every route, the dashboard's too.
// Handlers are thin; the work happens in models, bot and api/operations. It may import models
// (and its leaves), bot, the root package (the OpenAPI description) and its sub-packages.
package api

import (
	"brobygger/api/dashboard"
	"brobygger/api/operations"
	"log/slog"
	"net/url"
	"time"

	"brobygger/bot"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
)

// BodyLimit is the largest request body accepted; larger bodies get 413.
const BodyLimit = 1 << 20

// Deps is everything the HTTP layer needs, built by cmd/brobygger.
type Deps struct {
	Store  *models.Store
	Bot    *bot.Engine
	Logger *slog.Logger
	// Registry receives the HTTP metrics; Gatherer serves /metrics (usually the same registry).
	Registry prometheus.Registerer
	Gatherer prometheus.Gatherer
	// OpenAPI is the spec served at /openapi.yaml.
	OpenAPI []byte
	// PublicBaseURL is the address Twilio calls; webhook signatures are checked against it.
	PublicBaseURL *url.URL
	// TwilioAuthToken signs webhooks. Empty means webhooks cannot be verified and are refused.
	TwilioAuthToken string
	// TwilioRecipients are our senders: an inbound SMS to any other number, or a delivery status
	// from any other sender, is refused.
	TwilioRecipients TwilioRecipients
	Location         *time.Location
	// JWTSecret signs access tokens (HS256).
	JWTSecret []byte
	// SendWindow is when scheduled SMS may go out; nil means the default in Location.
	SendWindow *models.SendWindow
	// UrgentOverdueAfter is when an unacknowledged urgent flag is highlighted (default 2 h).
	UrgentOverdueAfter time.Duration
	// ResearchPseudonymKey keys the research export's study IDs (RESEARCH_PSEUDONYM_KEY); empty
	// means the export refuses to run.
	ResearchPseudonymKey string
	// TrustedProxies are the proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); empty
	// means nobody's: limits count the connecting peer.
	TrustedProxies TrustedProxies
	// MetricsToken is the bearer token GET /metrics requires (METRICS_TOKEN); empty means
	// /metrics is not served.
	MetricsToken string
	// HashSlots is how many password hashes may run at once (each takes
	// password.HashMemory); 0 means DefaultHashSlots.
	HashSlots int
	// VAPIDPublicKey is the Web Push application server key the app subscribes with (base64url,
	// uncompressed P-256); empty means push is not offered. AllowLoopbackPush accepts http push
	// endpoints on loopback (tests and development; PUSH_ALLOW_LOOPBACK).
	VAPIDPublicKey    string
	AllowLoopbackPush bool
	// Now is the clock for tokens and rate limits (tests pass a fake one); nil means time.Now.
	Now func() time.Time
	// MedCom is the site's MedCom identity and CPR vault (issue 19); not Enabled means the MedCom
	// routes answer 503. MedComGatewayToken is the bearer token of POST /medcom/inbox.
	MedCom             models.MedComConfig
	MedComGatewayToken string
}

// New builds the Fiber app with every route and middleware.
func New(d Deps) *fiber.App {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Registry == nil {
		reg := prometheus.NewRegistry()
		d.Registry, d.Gatherer = reg, reg
	}
	if d.HashSlots <= 0 {
		d.HashSlots = defaultHashSlots
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	texts, err := loadCitizenCatalogue()
	if err != nil {
		panic(err) // embedded and checked by a test: only a broken build gets here
	}
	h := &handlers{deps: d, citizenTexts: texts}
	h.Service = &operations.Service{Store: d.Store, Bot: d.Bot, Logger: d.Logger, Location: d.Location, Now: d.Now,
		PublicBaseURL: d.PublicBaseURL, SendWindow: d.SendWindow, UrgentOverdueAfter: d.UrgentOverdueAfter, MedCom: d.MedCom,
		Tokens: operations.NewTokenService(d.JWTSecret, d.Now), Hashes: operations.NewHashGate(d.HashSlots, hashQueue(d.HashSlots)),
		ClientIP: h.clientIP}
	h.dashboard = dashboard.NewHandlers(h.Service, d.Location, dashboard.Config{JWTSecret: d.JWTSecret, BodyLimit: BodyLimit,
		Classify: classifyForPages})
	onError := newErrorHandler(d.Logger, h.localiseError)
	app := fiber.New(fiber.Config{
		AppName:               "brobygger",
		BodyLimit:             BodyLimit,
		ErrorHandler:          onError,
		DisableStartupMessage: true,
		// Handlers may keep strings from the request (IDs, form values) beyond the handler.
		Immutable: true,
		// X-Forwarded-* is trusted only from TRUSTED_PROXIES (c.Protocol()); c.IP() stays the
		// peer's, and limits use clientIP, which reads X-Forwarded-For from the right.
		EnableTrustedProxyCheck: true,
		TrustedProxies:          d.TrustedProxies.Strings(),
		ReadTimeout:             15 * time.Second,
		WriteTimeout:            30 * time.Second,
		IdleTimeout:             120 * time.Second,
	})
	registerRoutes(app, h, newHTTPMetrics(d.Registry), onError)
	return app
}

// handlers carries the dependencies every handler file uses.
type handlers struct {
	// Service is the operations the JSON handlers share with the dashboard.
	*operations.Service
	deps Deps
	// dashboard is the link worker dashboard, mounted by routes.go.
	dashboard *dashboard.Handlers
	// citizenTexts is what the citizen API says, in the citizen's language.
	citizenTexts *citizenCatalogue
}
