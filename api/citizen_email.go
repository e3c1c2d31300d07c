package api

import (
	"brobygger/api/operations"

	"github.com/gofiber/fiber/v2"
)

// emailRequest sets (an address) or removes (null or "") a citizen's e-mail address.
type emailRequest struct {
	Email *string `json:"email"`
}

// handleSetMyEmail lets the signed-in citizen set, change or remove their own e-mail address
// (not the last way to reach them) and answers with their profile.
func (h *handlers) handleSetMyEmail(c *fiber.Ctx) error {
	var req emailRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if _, err := h.deps.Store.SetCitizenEmail(c.UserContext(), operations.Caller(c).ID, req.Email); err != nil {
		return err
	}
	return h.handleMe(c)
}

// handleSetCitizenEmail is the link worker's change of a citizen's e-mail address (JSON).
func (h *handlers) handleSetCitizenEmail(c *fiber.Ctx) error {
	var req emailRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ct, err := h.SetCitizenEmail(c, req.Email)
	if err != nil {
		return err
	}
	return h.citizenDetailOf(c, ct)
}
