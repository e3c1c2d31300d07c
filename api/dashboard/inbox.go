package dashboard

import (
	"net/url"
	"strings"

	"brobygger/api/operations"
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
	// FromGPs are the GPs' MedCom follow-ups about the worker's citizens not yet handled; they
	// are answered on the MedCom page, which each links to.
	FromGPs []inboxFromGPView
}

// inboxFromGPView is one GP follow-up: who it is about, from which clinic, and where to answer it.
type inboxFromGPView struct {
	CitizenName, CitizenHref, Clinic, Topic, Body, When, Href string
}

// dashInboxFromGPs is how many GP follow-ups the inbox shows; the MedCom page has them all.
const dashInboxFromGPs = 20

// inboxItemView is one waiting message with its answer box and its "handled" form.
type inboxItemView struct {
	MessageID, CitizenName, CitizenHref, Body, When string
	// Crisis is the open safety case's severity ("high", "urgent"), empty when there is none.
	Crisis, CrisisLabel         string
	CanSMS                      bool
	AnswerAction, HandledAction string
	CSRF                        string
}

// HandleInbox is the inbox: citizens' free text waiting for an answer, newest first, each
// with an answer box and a "handled" button; citizens with an open safety case stand out.
func (h *Handlers) HandleInbox(c *fiber.Ctx) error {
	me := operations.Caller(c)
	q := models.InboxQuery{StaffID: me.ID, Admin: me.IsAdmin(), Cursor: c.Query("cursor"), Limit: dashInboxPageSize}
	page, err := h.Store.Inbox(c.UserContext(), q)
	if err != nil {
		return err
	}
	loc := h.dash.locale(dashLang(c))
	view := inboxPage{dashPage: h.page(c, "inbox", "inbox.title")}
	shown := operations.CitizenIDsOf(page.Items, operations.InboxItemCitizen)
	if q.Cursor == "" {
		gps, err := h.fromGPs(c, loc)
		if err != nil {
			return err
		}
		for _, g := range gps {
			shown = append(shown, strings.TrimPrefix(g.CitizenHref, "/dashboard/citizens/"))
		}
		view.FromGPs = gps
	}
	h.AuditShown(c, "view_inbox", shown)
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
			v.Crisis = operations.SeverityNames[it.CrisisSeverity]
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
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "inbox", view)
}

// fromGPs are the open GP follow-ups (MedCom) about the caller's citizens, with the citizens' names.
func (h *Handlers) fromGPs(c *fiber.Ctx, loc locale) ([]inboxFromGPView, error) {
	me := operations.Caller(c)
	rows, err := h.Store.MedComFollowUps(c.UserContext(), me.ID, me.IsAdmin(), dashInboxFromGPs)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		if r.CitizenID != nil {
			ids = append(ids, *r.CitizenID)
		}
	}
	names, err := h.Store.CitizenNames(c.UserContext(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]inboxFromGPView, 0, len(rows))
	for _, r := range rows {
		if r.CitizenID == nil {
			continue
		}
		out = append(out, inboxFromGPView{CitizenName: names[*r.CitizenID], CitizenHref: "/dashboard/citizens/" + *r.CitizenID,
			Clinic: r.ClinicName, Topic: r.Topic, Body: r.Body, When: loc.When(r.CreatedAt), Href: dashMedComPath + "#followup-" + r.ID})
	}
	return out, nil
}

// HandleInboxHandled marks one message handled without answering, then shows the inbox again.
func (h *Handlers) HandleInboxHandled(c *fiber.Ctx) error {
	if _, err := h.MarkHandled(c); err != nil {
		return err
	}
	return c.Redirect(dashInboxPath+"?handled=1", fiber.StatusSeeOther)
}
