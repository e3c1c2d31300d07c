package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// handleRefresh rotates a refresh token into a new pair; reusing an old one ends the login.
func (h *handlers) handleRefresh(c *fiber.Ctx) error {
	var req refreshRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.RefreshToken == "" || len(req.RefreshToken) > 256 {
		return models.Invalid("refresh_token", "A refresh token is required.")
	}
	r, err := h.rotateRefresh(c.UserContext(), req.RefreshToken)
	if err != nil {
		return err
	}
	pair, err := h.Tokens.Pair(r.old.SubjectID, r.old.Role, r.session.SessionVersion, r.issued)
	if err != nil {
		return err
	}
	pair.PasswordChangeRequired = r.session.MustChangePassword
	return c.JSON(pair)
}

// handleLogout ends the login the refresh token belongs to (every token of its family).
func (h *handlers) handleLogout(c *fiber.Ctx) error {
	var req refreshRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.RefreshToken == "" || len(req.RefreshToken) > 256 {
		return models.Invalid("refresh_token", "A refresh token is required.")
	}
	if err := h.deps.Store.RevokeRefreshToken(c.UserContext(), req.RefreshToken); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// refreshTTLFor is how long a rotated refresh token lives: staff logins are short (a working day).
func refreshTTLFor(role string) time.Duration {
	if role == operations.RoleCitizen {
		return operations.CitizenRefreshTTL
	}
	return operations.StaffRefreshTTL
}
