package api

import (
	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

// The citizen page lists the latest dashTimelineRecent events, or up to dashTimelineShown of
// each kind with ?timeline=all: the recent course is what a link worker needs first.
const (
	dashTimelineRecent = 30
	dashTimelineShown  = 500
)

// handleDashCitizen is a citizen's page: record, engagement numbers, open flags, score chart,
// timeline and the SMS form. Another worker's citizen is a 404 page; the read is audited.
func (h *handlers) handleDashCitizen(c *fiber.Ctx) error {
	ct, err := h.staffCitizen(c, "read_citizen")
	if err != nil {
		return err
	}
	ctx, me := c.UserContext(), caller(c)
	m, err := h.deps.Store.Metrics(ctx, ct.ID)
	if err != nil {
		return err
	}
	flags, err := h.deps.Store.ReviewQueue(ctx, models.ReviewQuery{StaffID: me.ID, Admin: me.IsAdmin(), CitizenID: ct.ID})
	if err != nil {
		return err
	}
	events, err := h.deps.Store.Timeline(ctx, ct.ID, dashTimelineShown)
	if err != nil {
		return err
	}
	scored, err := h.deps.Store.ScoredCheckins(ctx, ct.ID)
	if err != nil {
		return err
	}
	view := h.citizenView(c, ct, m, flags, events, scored)
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "citizen", view)
}

// handleDashSendMessage queues the link worker's SMS to the citizen and shows the page again (or
// the inbox, when the form came from there).
func (h *handlers) handleDashSendMessage(c *fiber.Ctx) error {
	ct, err := h.staffCitizen(c, "send_message")
	if err != nil {
		return err
	}
	if err := h.deps.Bot.SendStaffMessage(c.UserContext(), ct, c.FormValue("body")); err != nil {
		return err
	}
	// The inbox's answer boxes return to the inbox; the form's value never becomes a URL itself.
	if c.FormValue("from") == "inbox" {
		return c.Redirect(dashInboxPath+"?sent=1", fiber.StatusSeeOther)
	}
	return c.Redirect("/dashboard/citizens/"+ct.ID+"?sent=1#messages", fiber.StatusSeeOther)
}
