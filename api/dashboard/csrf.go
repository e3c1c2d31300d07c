package dashboard

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// csrfField is the hidden form field that carries the token on every dashboard POST.
const csrfField = "csrf"

// csrfSigner makes form tokens: HMAC(key, browser nonce, signed-in staff id). The nonce lives in
// its own HttpOnly cookie (double submit); binding the token to the staff id and signing it means
// a cookie planted by someone else, or a token copied from their own session, is worthless.
type csrfSigner struct {
	key []byte
}

// newCSRFSigner derives its own key from the JWT secret, so a form token is never a usable MAC
// for anything else signed with that secret.
func newCSRFSigner(secret []byte) csrfSigner {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("brobygger dashboard csrf v1"))
	return csrfSigner{key: m.Sum(nil)}
}

func (s csrfSigner) token(nonce, subject string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(nonce + "\x00" + subject))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s csrfSigner) valid(nonce, subject, sent string) bool {
	return validNonce(nonce) && sent != "" && hmac.Equal([]byte(sent), []byte(s.token(nonce, subject)))
}

// validNonce accepts what newNonce makes: 32 random bytes, base64url.
func validNonce(n string) bool {
	b, err := base64.RawURLEncoding.DecodeString(n)
	return err == nil && len(b) == 32
}

func newNonce() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms (Go 1.24+).
	return base64.RawURLEncoding.EncodeToString(b)
}

// csrfToken returns the token for this page's forms, giving the browser a nonce on its first visit.
func (h *Handlers) csrfToken(c *fiber.Ctx) string {
	nonce := c.Cookies(cookieCSRF)
	if !validNonce(nonce) {
		nonce = h.renewCSRFNonce(c)
	}
	return h.csrf.token(nonce, operations.Caller(c).ID)
}

// renewCSRFNonce starts a new nonce (first visit, and at login so no pre-login token survives it).
func (h *Handlers) renewCSRFNonce(c *fiber.Ctx) string {
	nonce := newNonce()
	h.setDashCookie(c, cookieCSRF, nonce, operations.StaffRefreshTTL)
	return nonce
}

// RequireCSRF refuses a form POST whose token does not match the browser's nonce and the
// signed-in person (403 page). It runs after RequireSession where there is a session.
func (h *Handlers) RequireCSRF(c *fiber.Ctx) error {
	if !h.csrf.valid(c.Cookies(cookieCSRF), operations.Caller(c).ID, c.FormValue(csrfField)) {
		return models.Errorf(models.EFORBIDDEN, "The form's security token is missing or out of date.")
	}
	return c.Next()
}
