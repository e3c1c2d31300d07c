package api

import (
	"context"
	"time"

	"brobygger/api/operations"
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
	// dashPasswordPath is where a staff member with a one-time password chooses their own.
	dashPasswordPath = "/dashboard/password"
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
	h.setDashCookie(c, cookieAccess, access, operations.AccessTokenTTL)
	h.setDashCookie(c, cookieRefresh, refresh, operations.StaffRefreshTTL)
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
	p, ok := h.dashAccess(c)
	if !ok {
		var err error
		p, err = h.renewDashSession(c)
		if models.IsCode(err, models.EUNAUTHORIZED) {
			h.clearDashSession(c)
			return c.Redirect(dashLoginPath, fiber.StatusSeeOther)
		}
		if err != nil {
			return err
		}
	}
	c.Locals(operations.LocalPrincipal, p)
	if p.MustChangePassword && c.Path() != dashPasswordPath && c.Path() != "/dashboard/logout" {
		// A one-time password from an admin: choose your own before anything else.
		return c.Redirect(dashPasswordPath, fiber.StatusSeeOther)
	}
	return c.Next()
}

// dashAccess reads a staff member from a valid access cookie (no renewal) whose session is
// still current: a deactivated person's cookie is refused on their next click.
func (h *handlers) dashAccess(c *fiber.Ctx) (operations.Principal, bool) {
	claims, err := h.Tokens.Parse(c.Cookies(cookieAccess))
	if err != nil || !models.StaffRole(claims.Role).Valid() || h.LoginLive(c, claims) != nil {
		return operations.Principal{}, false
	}
	p, err := h.StaffPrincipal(c, claims)
	return p, err == nil
}

// renewDashSession rotates the refresh cookie into a new pair, for staff only.
func (h *handlers) renewDashSession(c *fiber.Ctx) (operations.Principal, error) {
	raw := c.Cookies(cookieRefresh)
	if raw == "" || len(raw) > 256 {
		return operations.Principal{}, models.Errorf(models.EUNAUTHORIZED, "Please sign in.")
	}
	r, err := h.rotateRefresh(c.UserContext(), raw)
	if err != nil {
		return operations.Principal{}, err
	}
	if !models.StaffRole(r.old.Role).Valid() {
		// A citizen's token has no business in the dashboard: end that login rather than keep it half-used.
		_ = h.deps.Store.RevokeRefreshFamily(c.UserContext(), r.old.FamilyID)
		return operations.Principal{}, models.Errorf(models.EUNAUTHORIZED, "Please sign in.")
	}
	access, err := h.Tokens.Issue(r.old.SubjectID, r.old.Role, r.session.SessionVersion, r.issued.FamilyID)
	if err != nil {
		return operations.Principal{}, err
	}
	h.setDashSession(c, access, r.issued.Raw)
	return operations.Principal{ID: r.old.SubjectID, Role: r.old.Role, MustChangePassword: r.session.MustChangePassword}, nil
}

// rotated is a refresh token exchanged for a new one, with the staff member's session state.
type rotated struct {
	old     *models.RefreshToken
	issued  models.IssuedRefresh
	session models.StaffSession
}

// rotateRefresh exchanges a refresh token for a new one; a deactivated staff member's login ends
// here, so a refresh token never outlives the account (shared by the API and the dashboard).
func (h *handlers) rotateRefresh(ctx context.Context, raw string) (rotated, error) {
	old, issued, err := h.deps.Store.RotateRefreshToken(ctx, raw, refreshTTLFor)
	if err != nil {
		return rotated{}, err
	}
	r := rotated{old: old, issued: issued}
	if old.Role != operations.RoleCitizen {
		r.session, err = h.deps.Store.StaffSessionOf(ctx, old.SubjectID)
		if err != nil || !r.session.Active {
			_ = h.deps.Store.RevokeRefreshFamily(ctx, old.FamilyID)
			return rotated{}, models.Errorf(models.EUNAUTHORIZED, "The refresh token is invalid or expired.")
		}
	}
	return r, nil
}
