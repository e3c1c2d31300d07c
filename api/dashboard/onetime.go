package dashboard

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// A one-time password created by a dashboard form must reach the page the form redirects to
// (every POST answers 303) without ever being in a URL, in a log or in the database. It travels
// in a short-lived cookie, sealed with AES-GCM under a key derived from JWT_SECRET so it is not
// readable in the browser's cookie store either, scoped to the staff pages and dropped as soon
// as the page has shown it once.
const (
	cookieOneTime    = "bb_otp"
	oneTimeCookieTTL = 5 * time.Minute
	oneTimePath      = "/dashboard/admin/staff"
)

func (h *Handlers) oneTimeAEAD() (cipher.AEAD, error) {
	key := sha256.Sum256(append([]byte("brobygger one-time password flash\x00"), h.cfg.JWTSecret...))
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// setOneTimeFlash seals the password for staffID into the flash cookie.
func (h *Handlers) setOneTimeFlash(c *fiber.Ctx, staffID, password string) error {
	aead, err := h.oneTimeAEAD()
	if err != nil {
		return err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return err
	}
	sealed := aead.Seal(nonce, nonce, []byte(staffID+"\n"+password), []byte(cookieOneTime))
	h.setOneTimeCookie(c, base64.RawURLEncoding.EncodeToString(sealed), oneTimeCookieTTL)
	return nil
}

// takeOneTimeFlash returns the sealed password if it is for staffID, and drops the cookie
// either way: it is shown at most once.
func (h *Handlers) takeOneTimeFlash(c *fiber.Ctx, staffID string) string {
	raw := c.Cookies(cookieOneTime)
	if raw == "" {
		return ""
	}
	h.setOneTimeCookie(c, "", 0)
	sealed, err := base64.RawURLEncoding.DecodeString(raw)
	aead, aerr := h.oneTimeAEAD()
	if err != nil || aerr != nil || len(sealed) < aead.NonceSize() {
		return ""
	}
	plain, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], []byte(cookieOneTime))
	if err != nil {
		return ""
	}
	id, pw, ok := strings.Cut(string(plain), "\n")
	if !ok || id != staffID {
		return ""
	}
	return pw
}

func (h *Handlers) setOneTimeCookie(c *fiber.Ctx, value string, maxAge time.Duration) {
	ck := &fiber.Cookie{Name: cookieOneTime, Value: value, Path: oneTimePath, HTTPOnly: true,
		Secure: h.PublicBaseURL != nil && h.PublicBaseURL.Scheme == "https", SameSite: fiber.CookieSameSiteStrictMode}
	if maxAge > 0 {
		ck.MaxAge = int(maxAge / time.Second)
	} else {
		ck.Expires = time.Unix(0, 0)
	}
	c.Cookie(ck)
}
