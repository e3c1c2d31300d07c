package dashboard

import (
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
func (h *Handlers) setDashCookie(c *fiber.Ctx, name, value string, maxAge time.Duration) {
	ck := &fiber.Cookie{Name: name, Value: value, Path: dashPath, HTTPOnly: true,
		Secure: h.PublicBaseURL != nil && h.PublicBaseURL.Scheme == "https", SameSite: fiber.CookieSameSiteStrictMode}
	if maxAge > 0 {
		ck.MaxAge = int(maxAge / time.Second)
	} else {
		// A date in the past is what makes browsers drop a cookie.
		ck.Expires = time.Unix(0, 0)
	}
	c.Cookie(ck)
}

// setDashSession stores a fresh token pair in the browser.
func (h *Handlers) setDashSession(c *fiber.Ctx, access, refresh string) {
	h.setDashCookie(c, cookieAccess, access, operations.AccessTokenTTL)
	h.setDashCookie(c, cookieRefresh, refresh, operations.StaffRefreshTTL)
}

// clearDashSession removes the session and the form token from the browser.
func (h *Handlers) clearDashSession(c *fiber.Ctx) {
	for _, name := range []string{cookieAccess, cookieRefresh, cookieCSRF} {
		h.setDashCookie(c, name, "", 0)
	}
}

// RequireSession admits a signed-in staff member. An expired access cookie is renewed from
// the refresh cookie without the person noticing; with neither, the browser goes to the login page.
func (h *Handlers) RequireSession(c *fiber.Ctx) error {
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
func (h *Handlers) dashAccess(c *fiber.Ctx) (operations.Principal, bool) {
	claims, err := h.Tokens.Parse(c.Cookies(cookieAccess))
	if err != nil || !models.StaffRole(claims.Role).Valid() || h.LoginLive(c, claims) != nil {
		return operations.Principal{}, false
	}
	p, err := h.StaffPrincipal(c, claims)
	return p, err == nil
}

// renewDashSession rotates the refresh cookie into a new pair, for staff only.
func (h *Handlers) renewDashSession(c *fiber.Ctx) (operations.Principal, error) {
	raw := c.Cookies(cookieRefresh)
	if raw == "" || len(raw) > 256 {
		return operations.Principal{}, models.Errorf(models.EUNAUTHORIZED, "Please sign in.")
	}
	r, err := h.RotateRefresh(c.UserContext(), raw)
	if err != nil {
		return operations.Principal{}, err
	}
	if !models.StaffRole(r.Old.Role).Valid() {
		// A citizen's token has no business in the dashboard: end that login rather than keep it half-used.
		_ = h.Store.RevokeRefreshFamily(c.UserContext(), r.Old.FamilyID)
		return operations.Principal{}, models.Errorf(models.EUNAUTHORIZED, "Please sign in.")
	}
	access, err := h.Tokens.Issue(r.Old.SubjectID, r.Old.Role, r.Session.SessionVersion, r.Issued.FamilyID)
	if err != nil {
		return operations.Principal{}, err
	}
	h.setDashSession(c, access, r.Issued.Raw)
	return operations.Principal{ID: r.Old.SubjectID, Role: r.Old.Role, MustChangePassword: r.Session.MustChangePassword}, nil
}
