package dashboard

import (
	"strings"
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// loginPage is the view of the sign-in form.
type loginPage struct {
	dashPage
	Email string
	Error string
}

// renderLogin shows the sign-in form, with a message when the last try failed.
func (h *Handlers) renderLogin(c *fiber.Ctx, status int, email, errKey string) error {
	view := loginPage{dashPage: h.page(c, "", "login.title"), Email: email}
	if errKey != "" {
		view.Error = h.dash.locale(dashLang(c)).T(errKey)
	}
	return h.dash.render(c, status, dashLang(c), "login", view)
}

// HandleLoginForm shows the sign-in form.
func (h *Handlers) HandleLoginForm(c *fiber.Ctx) error {
	return h.renderLogin(c, fiber.StatusOK, "", "")
}

// HandleLogin signs a staff member in with the same checks as the API (AuthenticateStaff:
// the counted guesses and the hash gate) and keeps the API's token pair in cookies. A failure shows the form again.
func (h *Handlers) HandleLogin(c *fiber.Ctx) error {
	email, password := strings.TrimSpace(c.FormValue("email")), c.FormValue("password")
	if email == "" || password == "" || len(password) > 1024 || len(email) > 320 {
		return h.renderLogin(c, fiber.StatusBadRequest, email, "login.error.missing")
	}
	st, err := h.AuthenticateStaff(c, email, password)
	if wait, ok := operations.RetryAfterOf(err); ok {
		c.Set(fiber.HeaderRetryAfter, operations.RetryAfterSeconds(wait))
		// A client's guesses wait out their window ("wait fifteen minutes"); a busy moment is short.
		if wait > time.Minute {
			return h.renderLogin(c, fiber.StatusTooManyRequests, email, "login.error.locked")
		}
		return h.renderLogin(c, fiber.StatusTooManyRequests, email, "login.error.busy")
	}
	switch {
	case models.IsCode(err, models.EUNAUTHORIZED):
		return h.renderLogin(c, fiber.StatusUnauthorized, email, "login.error.wrong")
	case err != nil:
		return err
	}
	refresh, err := h.Store.IssueRefreshToken(c.UserContext(), st.ID, string(st.Role), "", operations.StaffRefreshTTL)
	if err != nil {
		return err
	}
	pair, err := h.Tokens.Pair(st.ID, string(st.Role), st.SessionVersion, refresh)
	if err != nil {
		return err
	}
	h.setDashSession(c, pair.AccessToken, pair.RefreshToken)
	h.renewCSRFNonce(c)
	if st.MustChangePassword {
		return c.Redirect(dashPasswordPath, fiber.StatusSeeOther)
	}
	return c.Redirect(dashHomePath, fiber.StatusSeeOther)
}

// HandleLogout ends the login (every token of its refresh family) and clears the cookies.
func (h *Handlers) HandleLogout(c *fiber.Ctx) error {
	if raw := c.Cookies(cookieRefresh); raw != "" && len(raw) <= 256 {
		if err := h.Store.RevokeRefreshToken(c.UserContext(), raw); err != nil {
			return err
		}
	}
	h.clearDashSession(c)
	return c.Redirect(dashLoginPath, fiber.StatusSeeOther)
}
