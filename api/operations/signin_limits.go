package operations

import (
	"context"
	"strings"
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// limitRule is one limit on sign-in attempts: at most Max per fixed Window under one key. The
// counts live in the database (models.CountAttempt), so every replica sees the same numbers and
// a restart forgets none.
type limitRule struct {
	prefix  string
	max     int
	window  time.Duration
	message string
}

// The sign-in limits. A password guess is counted per client IP, per account and client, and
// per account; none of them locks an account for everyone (issue 18): a client that guesses is
// slowed, the account's owner signing in from elsewhere is not. Known and unknown emails and
// phones are counted alike, so a refusal reveals nothing about who exists.
var (
	// passwordPerIP: every password check from one client (API and dashboard login, password change).
	passwordPerIP = limitRule{"pw:ip:", 30, 10 * time.Minute, "Too many sign-in attempts from here. Try again later."}
	// passwordPerAccountClient: five guesses at one account from one client, then wait out the window.
	passwordPerAccountClient = limitRule{"pw:acct-ip:", 5, 15 * time.Minute, "Too many failed sign-ins. Try again in a few minutes."}
	// passwordAccountCeiling is not a refusal: reaching it tells the admins (audit log, the
	// "signin_ceiling" action, and the service log) that one account is being guessed at from
	// many clients, so a person decides (reset, deactivate, block a network).
	passwordAccountCeiling = limitRule{"pw:acct:", 50, time.Hour, ""}
	// Citizen codes: SMS cost and pumping (per phone, per client); codes typed in: guessing.
	CodePerPhone  = limitRule{"code:phone:", 3, 10 * time.Minute, "Too many codes for this number. Try again later."}
	CodePerIP     = limitRule{"code:ip:", 10, 10 * time.Minute, "Too many code requests from here. Try again later."}
	TokenPerIP    = limitRule{"token:ip:", 30, 5 * time.Minute, "Too many attempts. Try again shortly."}
	TokenPerPhone = limitRule{"token:phone:", 10, 15 * time.Minute, "Too many attempts. Try again shortly."}
	// The same limits for a citizen who signs in by e-mail address.
	CodePerEmail  = limitRule{"code:email:", 3, 10 * time.Minute, "Too many codes for this address. Try again later."}
	TokenPerEmail = limitRule{"token:email:", 10, 15 * time.Minute, "Too many attempts. Try again shortly."}
)

// Limit counts one attempt under rule and key, and answers 429 with Retry-After once the window
// holds more than the rule allows.
func (h *Service) Limit(ctx context.Context, rule limitRule, key string) error {
	n, err := h.Store.CountAttempt(ctx, rule.prefix+key, rule.window)
	if err != nil {
		return err
	}
	if n.N > rule.max {
		return tooManyRequests(n.ResetAt.Sub(h.Now()), rule.message)
	}
	return nil
}

// accountClientKey names one account (by normalised email, known or not) from one client.
func accountClientKey(email, ip string) string {
	return normaliseEmail(email) + "|" + ip
}

func normaliseEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// limitPasswordGuess counts a password guess at email from this client, before the slow hash:
// the per-client and per-account-and-client limits refuse, the account ceiling notifies.
func (h *Service) limitPasswordGuess(c *fiber.Ctx, email string) error {
	ctx, ip := c.UserContext(), h.ClientIP(c)
	if err := h.Limit(ctx, passwordPerIP, ip); err != nil {
		return err
	}
	if err := h.Limit(ctx, passwordPerAccountClient, accountClientKey(email, ip)); err != nil {
		return err
	}
	n, err := h.Store.CountAttempt(ctx, passwordAccountCeiling.prefix+normaliseEmail(email), passwordAccountCeiling.window)
	if err != nil {
		return err
	}
	if n.N == passwordAccountCeiling.max {
		h.noticeSigninCeiling(c, email, n.ResetAt)
	}
	return nil
}

// signedIn clears this client's failed guesses at the account, so a person who mistypes a few
// times and then succeeds starts afresh.
func (h *Service) signedIn(c *fiber.Ctx, email string) {
	if err := h.Store.ForgetAttempts(c.UserContext(), passwordPerAccountClient.prefix+accountClientKey(email, h.ClientIP(c))); err != nil {
		h.Logger.Error("clear sign-in attempts failed", "request_id", RequestID(c), "error", err.Error())
	}
}

// noticeSigninCeiling tells the admins that an account is being guessed at from many clients:
// a signin_ceiling flag in the admins' review queue (once per ceiling window, whichever replica
// counts the attempt that reaches it), an audit entry on the account (GET /v1/admin/audit, the
// dashboard's audit page) and a warning in the service log. An unknown email is only logged.
// The guesser's answer is the same either way, so nothing here tells who has an account.
func (h *Service) noticeSigninCeiling(c *fiber.Ctx, email string, windowEnds time.Time) {
	ctx := c.UserContext()
	id, err := h.Store.ActiveStaffIDByEmail(ctx, email)
	h.Logger.Warn("sign-in ceiling reached: one account is being guessed at from many clients",
		"request_id", RequestID(c), "staff_id", id, "attempts", passwordAccountCeiling.max, "window", passwordAccountCeiling.window.String())
	if err != nil || id == "" {
		return
	}
	err = h.Store.Audit(ctx, models.AuditEntry{ActorRole: "system", Action: "signin_ceiling",
		ObjectType: "staff", ObjectID: id, RequestID: RequestID(c)})
	if err != nil {
		h.Logger.Error("audit log write failed", "request_id", RequestID(c), "action", "signin_ceiling", "error", err.Error())
	}
	st, err := h.Store.StaffByID(ctx, id)
	if err == nil {
		_, err = h.Store.RaiseSigninCeiling(ctx, id, st.Name, passwordAccountCeiling.max, windowEnds.UTC().Format(time.RFC3339))
	}
	if err != nil {
		h.Logger.Error("sign-in ceiling flag failed", "request_id", RequestID(c), "staff_id", id, "error", err.Error())
	}
}

// Hashing runs fn while holding a slot of the hash gate, or answers 429 when the queue is full.
func (h *Service) Hashing(c *fiber.Ctx, fn func() error) error {
	if !h.Hashes.enter(c.UserContext()) {
		return tooManyRequests(time.Second, "The service is busy signing people in. Try again in a moment.")
	}
	defer h.Hashes.leave()
	return fn()
}

// LimitPasswordChange counts a check of the current password: a guess like a login, counted per
// client and per account from that client (the caller already holds a session, so no ceiling).
func (h *Service) LimitPasswordChange(c *fiber.Ctx, staffID string) error {
	ctx, ip := c.UserContext(), h.ClientIP(c)
	if err := h.Limit(ctx, passwordPerIP, ip); err != nil {
		return err
	}
	return h.Limit(ctx, passwordPerAccountClient, "id:"+staffID+"|"+ip)
}
