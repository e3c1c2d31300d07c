package api

import (
	"regexp"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type citizenCodeRequest struct {
	Phone string `json:"phone"`
}

type citizenTokenRequest struct {
	Phone string `json:"phone"`
	Code  string `json:"code"`
}

type acceptedResponse struct {
	Status string `json:"status"`
}

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)

// handleCitizenCode sends a one-time login code by SMS. The answer is the same 202 whether or
// not the number belongs to a citizen, so the endpoint reveals nobody. Limits apply per phone
// and per client IP, to known and unknown numbers alike.
func (h *handlers) handleCitizenCode(c *fiber.Ctx) error {
	var req citizenCodeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	phone, err := models.NormalizePhone(req.Phone)
	if err != nil {
		return err
	}
	if err := h.limit(c.UserContext(), codePerIP, h.clientIP(c)); err != nil {
		return err
	}
	if err := h.limit(c.UserContext(), codePerPhone, phone); err != nil {
		return err
	}
	if err := h.deps.Bot.SendLoginCode(c.UserContext(), phone); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(acceptedResponse{Status: h.citizenText(c, "code_sent")})
}

// handleCitizenToken exchanges phone and code for a token pair.
func (h *handlers) handleCitizenToken(c *fiber.Ctx) error {
	if err := h.limit(c.UserContext(), tokenPerIP, h.clientIP(c)); err != nil {
		return err
	}
	var req citizenTokenRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	phone, err := models.NormalizePhone(req.Phone)
	if err != nil {
		return err
	}
	if !sixDigits.MatchString(req.Code) {
		return models.Invalid("code", "The code is 6 digits.")
	}
	if err := h.limit(c.UserContext(), tokenPerPhone, phone); err != nil {
		return err
	}
	citizen, err := h.deps.Store.VerifyLoginCode(c.UserContext(), phone, req.Code)
	if err != nil {
		return err
	}
	return h.issuePair(c, citizen.ID, roleCitizen, citizenRefreshTTL, 0, false)
}
