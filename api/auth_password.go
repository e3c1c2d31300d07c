package api

import (
	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// handleChangePassword sets the caller's own new password. Every session of the account ends
// (other devices, the dashboard, this token) and the answer is the one new login's token pair.
// A staff member signed in with a one-time password can reach only this endpoint.
func (h *handlers) handleChangePassword(c *fiber.Ctx) error {
	var req changePasswordRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.CurrentPassword == "" || len(req.CurrentPassword) > 1024 {
		return models.Invalid("current_password", "The current password is required.")
	}
	if len(req.NewPassword) > 1024 {
		return models.Invalid("new_password", "The new password must be at most 1024 characters.")
	}
	// Checking the current password is a password guess like a login: counted the same way.
	if err := h.LimitPasswordChange(c, operations.Caller(c).ID); err != nil {
		return err
	}
	var st *models.Staff
	err := h.Hashing(c, func() error {
		var err error
		st, err = h.deps.Store.ChangeStaffPassword(c.UserContext(), operations.Caller(c).ID, req.CurrentPassword, req.NewPassword)
		return err
	})
	if err != nil {
		return err
	}
	h.Audit(c, "change_password", "staff", st.ID)
	return h.issuePair(c, st.ID, string(st.Role), operations.StaffRefreshTTL, st.SessionVersion, st.MustChangePassword)
}
