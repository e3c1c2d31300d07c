package api

import (
	"regexp"
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type citizenCodeRequest struct {
	Phone string `json:"phone"`
	// Email is the alternative to Phone for a citizen reached by e-mail: the code goes by e-mail.
	Email string `json:"email"`
}

type citizenTokenRequest struct {
	Phone string `json:"phone"`
	Email string `json:"email"`
	Code  string `json:"code"`
}

type acceptedResponse struct {
	Status string `json:"status"`
}

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)

// signInKey is what a citizen signs in by: a phone number (E.164) or an e-mail address (lower
// case). Exactly one of the two must be given.
type signInKey struct{ phone, email string }

func readSignInKey(phone, email string) (signInKey, error) {
	phone, email = strings.TrimSpace(phone), strings.TrimSpace(email)
	switch {
	case phone != "" && email != "":
		return signInKey{}, models.Invalid("email", "Give a phone number or an e-mail address, not both.")
	case email != "":
		e, err := models.ParseEmail(email)
		return signInKey{email: e}, err
	}
	p, err := models.NormalizePhone(phone)
	return signInKey{phone: p}, err
}

// handleCitizenCode sends a one-time login code by SMS, or by e-mail when the citizen gives an
// address. The answer is the same 202 whether or not the number or address belongs to a citizen,
// so the endpoint reveals nobody. Limits apply per phone or address and per client IP, to known
// and unknown ones alike.
func (h *handlers) handleCitizenCode(c *fiber.Ctx) error {
	var req citizenCodeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	key, err := readSignInKey(req.Phone, req.Email)
	if err != nil {
		return err
	}
	if err := h.Limit(c.UserContext(), operations.CodePerIP, h.clientIP(c)); err != nil {
		return err
	}
	if key.email != "" {
		if err := h.Limit(c.UserContext(), operations.CodePerEmail, key.email); err != nil {
			return err
		}
		if err := h.deps.Bot.SendEmailLoginCode(c.UserContext(), key.email); err != nil {
			return err
		}
		return c.Status(fiber.StatusAccepted).JSON(acceptedResponse{Status: h.citizenText(c, "code_sent_email")})
	}
	if err := h.Limit(c.UserContext(), operations.CodePerPhone, key.phone); err != nil {
		return err
	}
	if err := h.deps.Bot.SendLoginCode(c.UserContext(), key.phone); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(acceptedResponse{Status: h.citizenText(c, "code_sent")})
}

// handleCitizenToken exchanges phone (or e-mail) and code for a token pair.
func (h *handlers) handleCitizenToken(c *fiber.Ctx) error {
	if err := h.Limit(c.UserContext(), operations.TokenPerIP, h.clientIP(c)); err != nil {
		return err
	}
	var req citizenTokenRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	key, err := readSignInKey(req.Phone, req.Email)
	if err != nil {
		return err
	}
	if !sixDigits.MatchString(req.Code) {
		return models.Invalid("code", "The code is 6 digits.")
	}
	var citizen *models.Citizen
	if key.email != "" {
		if err := h.Limit(c.UserContext(), operations.TokenPerEmail, key.email); err != nil {
			return err
		}
		citizen, err = h.deps.Store.VerifyEmailLoginCode(c.UserContext(), key.email, req.Code)
	} else {
		if err := h.Limit(c.UserContext(), operations.TokenPerPhone, key.phone); err != nil {
			return err
		}
		citizen, err = h.deps.Store.VerifyLoginCode(c.UserContext(), key.phone, req.Code)
	}
	if err != nil {
		return err
	}
	return h.issuePair(c, citizen.ID, operations.RoleCitizen, operations.CitizenRefreshTTL, 0, false)
}
