package api

import (
	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// handleListOffers pages through the offer directory alphabetically. Filters: ?q= (text in
// title, organisation or description), ?active=true|false; ?cursor, ?limit.
func (h *handlers) handleListOffers(c *fiber.Ctx) error {
	active, err := optionalBoolQuery(c, "active")
	if err != nil {
		return err
	}
	limit, err := operations.PageLimit(c)
	if err != nil {
		return err
	}
	page, err := h.deps.Store.ListOffers(c.UserContext(), models.OfferQuery{Text: c.Query("q"), Active: active,
		Cursor: c.Query("cursor"), Limit: limit})
	if err != nil {
		return err
	}
	out := offerPageResponse{Items: make([]offerResponse, 0, len(page.Offers)), NextCursor: page.NextCursor}
	for i := range page.Offers {
		out.Items = append(out.Items, offerResponseOf(&page.Offers[i], offerEditor(c)))
	}
	return c.JSON(out)
}

// handleGetOffer shows one offer, active or not.
func (h *handlers) handleGetOffer(c *fiber.Ctx) error {
	o, err := h.deps.Store.OfferByID(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(offerResponseOf(o, offerEditor(c)))
}

// handleCreateOffer adds an offer to the directory.
func (h *handlers) handleCreateOffer(c *fiber.Ctx) error {
	var req offerBody
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	o := req.model("")
	me := operations.Caller(c)
	o.CreatedByID = &me.ID
	if err := h.deps.Store.CreateOffer(c.UserContext(), &o); err != nil {
		return err
	}
	h.Audit(c, "create_offer", "offer", o.ID)
	return c.Status(fiber.StatusCreated).JSON(offerResponseOf(&o, offerEditor(c)))
}

// handleUpdateOffer replaces an offer, schedules included: what the body leaves out is cleared.
func (h *handlers) handleUpdateOffer(c *fiber.Ctx) error {
	var req offerBody
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	o := req.model(c.Params("id"))
	if err := h.deps.Store.UpdateOffer(c.UserContext(), &o, offerEditor(c)); err != nil {
		return err
	}
	h.Audit(c, "update_offer", "offer", o.ID)
	return c.JSON(offerResponseOf(&o, offerEditor(c)))
}

// handleDeactivateOffer takes an offer out of the directory; it stays for the prescriptions
// that point at it, and PUT with "active": true brings it back.
func (h *handlers) handleDeactivateOffer(c *fiber.Ctx) error {
	id := c.Params("id")
	if err := h.deps.Store.DeactivateOffer(c.UserContext(), id, offerEditor(c)); err != nil {
		return err
	}
	h.Audit(c, "deactivate_offer", "offer", id)
	return c.SendStatus(fiber.StatusNoContent)
}

// offerEditor is the caller as the store's offer rules see them.
func offerEditor(c *fiber.Ctx) models.OfferEditor {
	me := operations.Caller(c)
	return models.OfferEditor{StaffID: me.ID, Admin: me.IsAdmin()}
}

// optionalBoolQuery reads ?name=true|false; absent is nil.
func optionalBoolQuery(c *fiber.Ctx, name string) (*bool, error) {
	switch c.Query(name) {
	case "":
		return nil, nil
	case "true":
		v := true
		return &v, nil
	case "false":
		v := false
		return &v, nil
	}
	return nil, models.Invalid(name, "The %s filter must be true or false.", name)
}
