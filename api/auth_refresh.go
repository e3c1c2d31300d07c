package api

import (
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
	r, err := h.RotateRefresh(c.UserContext(), req.RefreshToken)
	if err != nil {
		return err
	}
	pair, err := h.Tokens.Pair(r.Old.SubjectID, r.Old.Role, r.Session.SessionVersion, r.Issued)
	if err != nil {
		return err
	}
	pair.PasswordChangeRequired = r.Session.MustChangePassword
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
