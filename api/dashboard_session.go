package api

import (
	"context"
	"time"

	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

// Dashboard cookies. The session is the API's own pair: the access token (15 minutes) and the
// rotating refresh token (a working day), held by the browser instead of by an app.
const (
	cookieAccess  = "bb_access"
	cookieRefresh = "bb_refresh"
	cookieCSRF    = "bb_csrf"
	cookieLang    = "bb_lang"
	dashPath      = "/dashboard"
	dashLoginPath = "/dashboard/login"
	dashHomePath  = "/dashboard/caseload"
)

// setDashCookie sets an HttpOnly, SameSite=Strict cookie scoped to /dashboard. Secure follows
// PUBLIC_BASE_URL: in production it is https and the cookie never travels in clear; on a
// developer's http://localhost a Secure cookie would never be sent back and login would loop.
func (h *handlers) setDashCookie(c *fiber.Ctx, name, value string, maxAge time.Duration) {
	ck := &fiber.Cookie{Name: name, Value: value, Path: dashPath, HTTPOnly: true,
		Secure: h.deps.PublicBaseURL != nil && h.deps.PublicBaseURL.Scheme == "https", SameSite: fiber.CookieSameSiteStrictMode}
	if maxAge > 0 {
		ck.MaxAge = int(maxAge / time.Second)
	} else {
		// A date in the past is what makes browsers drop a cookie.
		ck.Expires = time.Unix(0, 0)
	}
	c.Cookie(ck)
}

// setDashSession stores a fresh token pair in the browser.
func (h *handlers) setDashSession(c *fiber.Ctx, access, refresh string) {
	h.setDashCookie(c, cookieAccess, access, accessTokenTTL)
	h.setDashCookie(c, cookieRefresh, refresh, staffRefreshTTL)
}

// clearDashSession removes the session and the form token from the browser.
func (h *handlers) clearDashSession(c *fiber.Ctx) {
	for _, name := range []string{cookieAccess, cookieRefresh, cookieCSRF} {
		h.setDashCookie(c, name, "", 0)
	}
}

// requireDashSession admits a signed-in staff member. An expired access cookie is renewed from
// the refresh cookie without the person noticing; with neither, the browser goes to the login page.
func (h *handlers) requireDashSession(c *fiber.Ctx) error {
	if p, ok := h.dashAccess(c); ok {
		c.Locals(localPrincipal, p)
		return c.Next()
	}
	p, err := h.renewDashSession(c)
	if models.IsCode(err, models.EUNAUTHORIZED) {
		h.clearDashSession(c)
		return c.Redirect(dashLoginPath, fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	c.Locals(localPrincipal, p)
	return c.Next()
}

// dashAccess reads a staff member from a valid access cookie (no renewal).
func (h *handlers) dashAccess(c *fiber.Ctx) (principal, bool) {
	claims, err := h.tokens.parse(c.Cookies(cookieAccess))
	if err != nil || !models.StaffRole(claims.Role).Valid() {
		return principal{}, false
	}
	return principal{ID: claims.Subject, Role: claims.Role}, true
}

// renewDashSession rotates the refresh cookie into a new pair, for staff only.
func (h *handlers) renewDashSession(c *fiber.Ctx) (principal, error) {
	raw := c.Cookies(cookieRefresh)
	if raw == "" || len(raw) > 256 {
		return principal{}, models.Errorf(models.EUNAUTHORIZED, "Please sign in.")
	}
	old, issued, err := h.rotateRefresh(c.UserContext(), raw)
	if err != nil {
		return principal{}, err
	}
	if !models.StaffRole(old.Role).Valid() {
		// A citizen's token has no business in the dashboard: end that login rather than keep it half-used.
		_ = h.deps.Store.RevokeRefreshFamily(c.UserContext(), old.FamilyID)
		return principal{}, models.Errorf(models.EUNAUTHORIZED, "Please sign in.")
	}
	access, err := h.tokens.issue(old.SubjectID, old.Role)
	if err != nil {
		return principal{}, err
	}
	h.setDashSession(c, access, issued.Raw)
	return principal{ID: old.SubjectID, Role: old.Role}, nil
}

// rotateRefresh exchanges a refresh token for a new one; a deactivated staff member's login ends
// here, so a refresh token never outlives the account (shared by the API and the dashboard).
func (h *handlers) rotateRefresh(ctx context.Context, raw string) (*models.RefreshToken, models.IssuedRefresh, error) {
	old, issued, err := h.deps.Store.RotateRefreshToken(ctx, raw, refreshTTLFor)
	if err != nil {
		return nil, models.IssuedRefresh{}, err
	}
	if old.Role != RoleCitizen {
		if _, err := h.deps.Store.StaffByID(ctx, old.SubjectID); err != nil {
			_ = h.deps.Store.RevokeRefreshFamily(ctx, old.FamilyID)
			return nil, models.IssuedRefresh{}, models.Errorf(models.EUNAUTHORIZED, "The refresh token is invalid or expired.")
		}
	}
	return old, issued, nil
}
