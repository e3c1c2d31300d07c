package dashboard

import (
	"errors"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type passwordPage struct {
	dashPage
	Required bool
	Error    string
}

// HandlePasswordForm shows the form to choose a new password; it is where a staff member
// signed in with a one-time password is sent until they have chosen their own.
func (h *Handlers) HandlePasswordForm(c *fiber.Ctx) error {
	return h.renderPassword(c, fiber.StatusOK, "")
}

func (h *Handlers) renderPassword(c *fiber.Ctx, status int, errKey string) error {
	view := passwordPage{dashPage: h.page(c, "", "password.title"), Required: operations.Caller(c).MustChangePassword}
	if errKey != "" {
		view.Error = h.dash.locale(dashLang(c)).T(errKey)
	}
	return h.dash.render(c, status, dashLang(c), "password", view)
}

// HandleChangePassword sets the new password (as POST /v1/auth/password: every other session
// ends) and keeps this browser signed in with a fresh login. A mistake shows the form again.
func (h *Handlers) HandleChangePassword(c *fiber.Ctx) error {
	current, next := c.FormValue("current_password"), c.FormValue("new_password")
	switch {
	case current == "" || next == "" || len(current) > 1024 || len(next) > 1024:
		return h.renderPassword(c, fiber.StatusBadRequest, "password.error.missing")
	case next != c.FormValue("new_password_again"):
		return h.renderPassword(c, fiber.StatusBadRequest, "password.error.mismatch")
	}
	err := h.LimitPasswordChange(c, operations.Caller(c).ID)
	var st *models.Staff
	if err == nil {
		err = h.Hashing(c, func() error {
			var err error
			st, err = h.Store.ChangeStaffPassword(c.UserContext(), operations.Caller(c).ID, current, next)
			return err
		})
	}
	if wait, ok := operations.RetryAfterOf(err); ok {
		c.Set(fiber.HeaderRetryAfter, operations.RetryAfterSeconds(wait))
		return h.renderPassword(c, fiber.StatusTooManyRequests, "login.error.busy")
	}
	var e *models.Error
	if models.IsCode(err, models.EINVALID) && errors.As(err, &e) {
		return h.renderPassword(c, fiber.StatusBadRequest, "password.error."+e.Field)
	}
	if err != nil {
		return err
	}
	h.Audit(c, "change_password", "staff", st.ID)
	refresh, err := h.Store.IssueRefreshToken(c.UserContext(), st.ID, string(st.Role), "", operations.StaffRefreshTTL)
	if err != nil {
		return err
	}
	pair, err := h.Tokens.Pair(st.ID, string(st.Role), st.SessionVersion, refresh)
	if err != nil {
		return err
	}
	h.setDashSession(c, pair.AccessToken, pair.RefreshToken)
	return c.Redirect(dashHomePath, fiber.StatusSeeOther)
}
