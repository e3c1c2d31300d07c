package dashboard

import (
	"net/url"

	"github.com/gofiber/fiber/v2"
)

// dashDeletionPath is the admin's page of deletion requests.
const dashDeletionPath = "/dashboard/admin/deletion-requests"

type deletionPage struct {
	dashPage
	All                 bool
	Rows                []deletionRowView
	FirstHref, NextHref string
}

type deletionRowView struct {
	CitizenID, CitizenHref, RequestedAt, ErasedAt, EraseAction string
	UrgentFlagOpen                                             bool
}

// HandleDeletionRequests lists deletion requests, the one waiting longest first, each with an
// erase form (a confirmation tick, then 303 back here). ?state=all shows carried-out ones too.
func (h *Handlers) HandleDeletionRequests(c *fiber.Ctx) error {
	page, err := h.DeletionRequestPage(c)
	if err != nil {
		return err
	}
	loc := h.dash.locale(dashLang(c))
	view := deletionPage{dashPage: h.page(c, "deletion", "deletion.title"), All: c.Query("state") == "all"}
	if c.Query("erased") == "1" {
		view.Notice = loc.T("deletion.done")
	}
	for _, r := range page.Items {
		row := deletionRowView{CitizenID: r.CitizenID, RequestedAt: loc.When(r.RequestedAt), UrgentFlagOpen: r.UrgentFlagOpen,
			EraseAction: dashDeletionPath + "/" + r.CitizenID + "/erase"}
		if r.ErasedAt != nil {
			row.ErasedAt = loc.When(*r.ErasedAt)
		} else {
			row.CitizenHref = "/dashboard/citizens/" + r.CitizenID
		}
		view.Rows = append(view.Rows, row)
	}
	filters := url.Values{}
	if view.All {
		filters.Set("state", "all")
	}
	if c.Query("cursor") != "" {
		view.FirstHref = dashDeletionPath + "?" + filters.Encode()
	}
	if page.NextCursor != "" {
		filters.Set("cursor", page.NextCursor)
		view.NextHref = dashDeletionPath + "?" + filters.Encode()
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "admin_deletion", view)
}

// HandleEraseCitizen carries out one deletion request after the confirmation tick, like
// POST /v1/admin/deletion-requests/{id}/erase, and goes back to the list.
func (h *Handlers) HandleEraseCitizen(c *fiber.Ctx) error {
	if err := requireConfirmed(c); err != nil {
		return err
	}
	if _, err := h.EraseOnRequest(c, c.Params("id")); err != nil {
		return err
	}
	return c.Redirect(dashDeletionPath+"?erased=1", fiber.StatusSeeOther)
}
