package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type staffLoginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// handleStaffLogin exchanges email and password for a token pair. Guesses are counted before
// the hash (limitPasswordGuess); known and unknown emails answer alike.
func (h *handlers) handleStaffLogin(c *fiber.Ctx) error {
	var req staffLoginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Email == "" || req.Password == "" || len(req.Password) > 1024 || len(req.Email) > 254 {
		return models.Errorf(models.EINVALID, "Email and password are required.")
	}
	st, err := h.AuthenticateStaff(c, req.Email, req.Password)
	if err != nil {
		return err
	}
	return h.issuePair(c, st.ID, string(st.Role), operations.StaffRefreshTTL, st.SessionVersion, st.MustChangePassword)
}

// issuePair starts a new login (refresh family) and answers with the token pair; a staff
// member's access token carries their session version.
func (h *handlers) issuePair(c *fiber.Ctx, subject, role string, refreshTTL time.Duration, sessionVersion int, mustChange bool) error {
	refresh, err := h.deps.Store.IssueRefreshToken(c.UserContext(), subject, role, "", refreshTTL)
	if err != nil {
		return err
	}
	pair, err := h.Tokens.Pair(subject, role, sessionVersion, refresh)
	if err != nil {
		return err
	}
	pair.PasswordChangeRequired = mustChange
	return c.JSON(pair)
}
