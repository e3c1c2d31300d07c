// Package operations holds what the JSON API and the dashboard both do on a staff member's or
// citizen's behalf: the caller, tokens, sign-in limits, the audit log, and the shared operations
// (validation, the store call, the audit entry, the SMS they queue) such as creating a referral.
// It may import models (and its leaves) and bot, never api or the dashboard.
package operations

import (
	"log/slog"
	"net/url"
	"time"

	"brobygger/bot"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// Service carries the dependencies of the shared operations; api builds one and both the JSON
// handlers and the dashboard use it.
type Service struct {
	Store    *models.Store
	Bot      *bot.Engine
	Logger   *slog.Logger
	Location *time.Location
	Now      func() time.Time
	// PublicBaseURL is the service's public address (links in messages).
	PublicBaseURL *url.URL
	// SendWindow is when scheduled SMS may go out; nil means the default in Location.
	SendWindow *models.SendWindow
	// UrgentOverdueAfter is when an unacknowledged urgent flag is highlighted (default 2 h).
	UrgentOverdueAfter time.Duration
	// MedCom is the site's MedCom identity and CPR vault.
	MedCom models.MedComConfig
	Tokens TokenService
	Hashes *HashGate
	// ClientIP is the caller's address as the trusted-proxy rule reads it.
	ClientIP func(*fiber.Ctx) string
}
