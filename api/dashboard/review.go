package dashboard

import (
	"brobygger/api/operations"
	"brobygger/models"
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// dashReviewLimit bounds the review page; a longer queue is worked from the top.
const dashReviewLimit = 200

type reviewPage struct {
	dashPage
	Flags []flagItemView
}

// flagItemView is one open flag with its acknowledgement form.
type flagItemView struct {
	ID, Kind, KindLabel, Severity, SeverityLabel, Reason, When string
	Messages                                                   int
	CitizenName, CitizenHref                                   string
	Overdue                                                    bool
	AckAction, From, CSRF                                      string
}

// HandleReview is the review queue: open flags most urgent first, overdue urgent ones marked.
func (h *Handlers) HandleReview(c *fiber.Ctx) error {
	me := operations.Caller(c)
	items, err := h.Store.ReviewQueue(c.UserContext(), models.ReviewQuery{StaffID: me.ID, Admin: me.IsAdmin(), Limit: dashReviewLimit})
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_review_queue", operations.CitizenIDsOf(items, operations.ReviewItemCitizen))
	view := reviewPage{dashPage: h.page(c, "review", "review.title")}
	if c.Query("acked") == "1" {
		view.Notice = h.dash.locale(dashLang(c)).T("flag.acked")
	}
	view.Flags = h.flagItems(c, items, "review", view.CSRF)
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "review", view)
}

// flagItems maps review items to views; from says where the ack form returns to.
func (h *Handlers) flagItems(c *fiber.Ctx, items []models.ReviewItem, from, csrf string) []flagItemView {
	loc := h.dash.locale(dashLang(c))
	now, after := h.Now(), h.OverdueAfter()
	out := make([]flagItemView, 0, len(items))
	for _, it := range items {
		sev := operations.SeverityNames[it.Severity]
		v := flagItemView{ID: it.ID, Kind: string(it.Kind), KindLabel: loc.T("flagkind." + string(it.Kind)), Severity: sev,
			SeverityLabel: loc.T("severity." + sev), Reason: it.ReasonIn(dashLang(c)), When: loc.When(it.CreatedAt),
			Messages: it.Messages(),
			Overdue:  it.OverdueSince(now, after), AckAction: "/dashboard/flags/" + it.ID + "/ack", From: from, CSRF: csrf,
			CitizenName: loc.T(operations.NoCitizenLabel(it.Kind))}
		if it.CitizenID != nil {
			v.CitizenName, v.CitizenHref = it.CitizenName, "/dashboard/citizens/"+*it.CitizenID
		}
		out = append(out, v)
	}
	return out
}

// HandleAckFlag acknowledges a flag with the note from the form, then goes back to the page
// the form was on (Post/Redirect/Get, so a reload does not post again).
func (h *Handlers) HandleAckFlag(c *fiber.Ctx) error {
	me := operations.Caller(c)
	seen, _ := strconv.Atoi(c.FormValue("seen_messages")) // absent or garbled: no check
	f, err := h.Store.AckFlag(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin(), c.FormValue("note"), seen)
	if err != nil {
		return err
	}
	if f.CitizenID == nil {
		return c.Redirect("/dashboard/review?acked=1", fiber.StatusSeeOther)
	}
	h.Audit(c, "ack_flag", "citizen", *f.CitizenID)
	// Only the two known pages are targets: the form's value never becomes a URL itself.
	if c.FormValue("from") == "citizen" {
		return c.Redirect("/dashboard/citizens/"+*f.CitizenID+"?acked=1#flags", fiber.StatusSeeOther)
	}
	return c.Redirect("/dashboard/review?acked=1", fiber.StatusSeeOther)
}
