package api

import (
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

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
	ct, err := h.setCitizenEmail(c, req.Email)
	if err != nil {
		return err
	}
	return h.citizenDetailOf(c, ct)
}

// handleDashSetEmail is the same change from the citizen page's form.
func (h *handlers) handleDashSetEmail(c *fiber.Ctx) error {
	email := strings.Clone(c.FormValue("email"))
	ct, err := h.setCitizenEmail(c, &email)
	if err != nil {
		return h.citizenFormError(c, "email", err)
	}
	return c.Redirect(citizenPath(ct.ID, "done=email", "facts"), fiber.StatusSeeOther)
}

// setCitizenEmail is the one way a link worker sets or removes a citizen's e-mail address, for
// the JSON API and the dashboard: scoped to the caller (another worker's citizen is not found),
// validated and stored by the store, audited.
func (h *handlers) setCitizenEmail(c *fiber.Ctx, email *string) (*models.Citizen, error) {
	me := operations.Caller(c)
	ct, err := h.deps.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	ct, err = h.deps.Store.SetCitizenEmail(c.UserContext(), ct.ID, email)
	if err != nil {
		return nil, err
	}
	h.Audit(c, "set_citizen_email", "citizen", ct.ID)
	return ct, nil
}
