package api

import (
	"net/url"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// dashInboxPath is the inbox page; the answer and "handled" forms return to it.
const dashInboxPath = "/dashboard/inbox"

// dashInboxPageSize is how many waiting messages one inbox page shows.
const dashInboxPageSize = 50

type inboxPage struct {
	dashPage
	Items               []inboxItemView
	NextHref, FirstHref string
}

// inboxItemView is one waiting message with its answer box and its "handled" form.
type inboxItemView struct {
	MessageID, CitizenName, CitizenHref, Body, When string
	// Crisis is the open safety case's severity ("high", "urgent"), empty when there is none.
	Crisis, CrisisLabel         string
	CanSMS                      bool
	AnswerAction, HandledAction string
	CSRF                        string
}

// handleDashInbox is the inbox: citizens' free text waiting for an answer, newest first, each
// with an answer box and a "handled" button; citizens with an open safety case stand out.
func (h *handlers) handleDashInbox(c *fiber.Ctx) error {
	me := caller(c)
	q := models.InboxQuery{StaffID: me.ID, Admin: me.IsAdmin(), Cursor: c.Query("cursor"), Limit: dashInboxPageSize}
	page, err := h.deps.Store.Inbox(c.UserContext(), q)
	if err != nil {
		return err
	}
	h.auditShown(c, "view_inbox", citizenIDsOf(page.Items, inboxItemCitizen))
	loc := h.dash.Locale(dashLang(c))
	view := inboxPage{dashPage: h.page(c, "inbox", "inbox.title")}
	switch {
	case c.Query("sent") == "1":
		view.Notice = loc.T("message.sent")
	case c.Query("handled") == "1":
		view.Notice = loc.T("inbox.handled_done")
	}
	for _, it := range page.Items {
		v := inboxItemView{MessageID: it.MessageID, CitizenName: it.CitizenName, CitizenHref: "/dashboard/citizens/" + it.CitizenID,
			Body: it.Body, When: loc.When(it.ReceivedAt), CanSMS: it.CanSMS, CSRF: view.CSRF,
			AnswerAction: "/dashboard/citizens/" + it.CitizenID + "/messages", HandledAction: dashInboxPath + "/" + it.MessageID + "/handled"}
		if it.CrisisSeverity > 0 {
			v.Crisis = severityNames[it.CrisisSeverity]
			v.CrisisLabel = loc.T("inbox.crisis." + v.Crisis)
		}
		view.Items = append(view.Items, v)
	}
	if page.NextCursor != "" {
		view.NextHref = dashInboxPath + "?" + url.Values{"cursor": {page.NextCursor}}.Encode()
	}
	if q.Cursor != "" {
		view.FirstHref = dashInboxPath
	}
	return h.dash.Render(c, fiber.StatusOK, dashLang(c), "inbox", view)
}

// handleDashInboxHandled marks one message handled without answering, then shows the inbox again.
func (h *handlers) handleDashInboxHandled(c *fiber.Ctx) error {
	if _, err := h.markHandled(c); err != nil {
		return err
	}
	return c.Redirect(dashInboxPath+"?handled=1", fiber.StatusSeeOther)
}
