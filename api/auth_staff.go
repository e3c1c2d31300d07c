package api

import (
	"errors"
	"time"

	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

type staffLoginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// handleStaffLogin exchanges email and password for a token pair. Repeated failures lock the
// account for a while (models.AuthenticateStaff) and each client IP is rate limited.
func (h *handlers) handleStaffLogin(c *fiber.Ctx) error {
	if ok, wait := h.limits.staffPerIP.allow(c.IP()); !ok {
		return tooManyRequests(wait, "Too many login attempts. Try again shortly.")
	}
	var req staffLoginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Email == "" || req.Password == "" || len(req.Password) > 1024 {
		return models.Errorf(models.EINVALID, "Email and password are required.")
	}
	st, err := h.deps.Store.AuthenticateStaff(c.UserContext(), req.Email, req.Password)
	if err != nil {
		h.logCorruptHash(c, err)
		return err
	}
	return h.issuePair(c, st.ID, string(st.Role), staffRefreshTTL, st.SessionVersion, st.MustChangePassword)
}

// logCorruptHash tells the operator about an account whose stored password hash cannot be
// checked: the person signing in only sees a failed login. The hash itself is never logged.
func (h *handlers) logCorruptHash(c *fiber.Ctx, err error) {
	var corrupt *models.CorruptHashError
	if errors.As(err, &corrupt) {
		h.deps.Logger.Error("staff login refused: the stored password hash is unreadable; reset this account's password",
			"request_id", requestID(c), "staff_id", corrupt.StaffID, "reason", corrupt.Cause.Error())
	}
}

// issuePair starts a new login (refresh family) and answers with the token pair; a staff
// member's access token carries their session version.
func (h *handlers) issuePair(c *fiber.Ctx, subject, role string, refreshTTL time.Duration, sessionVersion int, mustChange bool) error {
	refresh, err := h.deps.Store.IssueRefreshToken(c.UserContext(), subject, role, "", refreshTTL)
	if err != nil {
		return err
	}
	pair, err := h.tokens.pair(subject, role, sessionVersion, refresh.Raw)
	if err != nil {
		return err
	}
	pair.PasswordChangeRequired = mustChange
	return c.JSON(pair)
}
