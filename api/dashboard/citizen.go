package dashboard

import (
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// The citizen page lists the latest dashTimelineRecent events, or up to dashTimelineShown of
// each kind with ?timeline=all: the recent course is what a link worker needs first.
const (
	dashTimelineRecent = 30
	dashTimelineShown  = 500
)

// HandleCitizen is a citizen's page: record, engagement numbers, open flags, score chart,
// timeline and the link worker's tools. Another worker's citizen is a 404 page; the read is audited.
func (h *Handlers) HandleCitizen(c *fiber.Ctx) error {
	view, _, err := h.citizenPageOf(c, formState{})
	if err != nil {
		return err
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "citizen", view)
}

// citizenPageOf loads everything the citizen page shows (the read is audited); form is a
// refused form to show again, or empty.
func (h *Handlers) citizenPageOf(c *fiber.Ctx, form formState) (citizenPage, *models.Citizen, error) {
	ct, err := h.StaffCitizen(c, "read_citizen")
	if err != nil {
		return citizenPage{}, nil, err
	}
	ctx, me := c.UserContext(), operations.Caller(c)
	m, err := h.Store.Metrics(ctx, ct.ID)
	if err != nil {
		return citizenPage{}, nil, err
	}
	flags, err := h.Store.ReviewQueue(ctx, models.ReviewQuery{StaffID: me.ID, Admin: me.IsAdmin(), CitizenID: ct.ID})
	if err != nil {
		return citizenPage{}, nil, err
	}
	events, err := h.Store.Timeline(ctx, ct.ID, dashTimelineShown)
	if err != nil {
		return citizenPage{}, nil, err
	}
	scored, err := h.Store.ScoredCheckins(ctx, ct.ID)
	if err != nil {
		return citizenPage{}, nil, err
	}
	view := h.citizenView(c, ct, m, flags, events, scored)
	view.Form = form
	if err := h.citizenTools(c, ct, &view); err != nil {
		return citizenPage{}, nil, err
	}
	return view, ct, nil
}

// HandleSendMessage queues the link worker's SMS to the citizen and shows the page again
// with when it goes and what it costs (or the inbox, when the form came from there).
func (h *Handlers) HandleSendMessage(c *fiber.Ctx) error {
	item, _, err := h.SendMessage(c, c.FormValue("body"), c.FormValue("send_now") == "1")
	if err != nil {
		if c.FormValue("from") == "inbox" {
			return err
		}
		return h.citizenFormError(c, "message", err)
	}
	// The inbox's answer boxes return to the inbox; the form's value never becomes a URL itself.
	if c.FormValue("from") == "inbox" {
		return c.Redirect(dashInboxPath+"?sent=1", fiber.StatusSeeOther)
	}
	return c.Redirect(citizenPath(item.CitizenIDOr(""), "sent="+item.ID, "messages"), fiber.StatusSeeOther)
}

// HandlePause pauses the citizen's scheduled SMS with the reason from the form.
func (h *Handlers) HandlePause(c *fiber.Ctx) error {
	ct, err := h.PauseCitizen(c, c.FormValue("reason"))
	if err != nil {
		return h.citizenFormError(c, "pause", err)
	}
	return c.Redirect(citizenPath(ct.ID, "done=paused", "pause"), fiber.StatusSeeOther)
}

// HandleResume lifts the pause.
func (h *Handlers) HandleResume(c *fiber.Ctx) error {
	ct, err := h.ResumeCitizen(c, c.FormValue("reason"))
	if err != nil {
		return h.citizenFormError(c, "resume", err)
	}
	return c.Redirect(citizenPath(ct.ID, "done=resumed", "pause"), fiber.StatusSeeOther)
}

// HandleAddNote adds a case note (a correction names the note it corrects).
func (h *Handlers) HandleAddNote(c *fiber.Ctx) error {
	var occurred *string
	if v := strings.TrimSpace(c.FormValue("occurred_on")); v != "" {
		occurred = &v
	}
	on, err := operations.ParseDate("occurred_on", occurred)
	if err != nil {
		return h.citizenFormError(c, "note", err)
	}
	row, err := h.AddNote(c, c.FormValue("body"), on, strings.TrimSpace(c.FormValue("corrects_id")))
	if err != nil {
		return h.citizenFormError(c, "note", err)
	}
	return c.Redirect(citizenPath(row.CitizenID, "done=noted", "notes"), fiber.StatusSeeOther)
}

// HandleCheckinNow sends a check-in of the chosen questionnaire; the page says when it goes.
func (h *Handlers) HandleCheckinNow(c *fiber.Ctx) error {
	ch, waits, err := h.CheckinNow(c, c.FormValue("instrument"))
	if err != nil {
		return h.citizenFormError(c, "checkin", err)
	}
	done := "done=checkin_now"
	if waits {
		done = "done=checkin_waits"
	}
	return c.Redirect(citizenPath(ch.CitizenID, done, "checkin"), fiber.StatusSeeOther)
}

// HandlePrescribe is the prescription builder's POST: the fields of NewPrescription.
func (h *Handlers) HandlePrescribe(c *fiber.Ctx) error {
	req, err := prescriptionForm(c)
	if err != nil {
		return h.citizenFormError(c, "prescription", err)
	}
	row, err := h.Prescribe(c, req)
	if err != nil {
		return h.citizenFormError(c, "prescription", err)
	}
	return c.Redirect(citizenPath(row.CitizenID, "done=prescribed", "prescriptions"), fiber.StatusSeeOther)
}

// HandleEndPrescription ends one prescription; its queued reminders are cancelled with it.
func (h *Handlers) HandleEndPrescription(c *fiber.Ctx) error {
	if err := h.EndPrescription(c); err != nil {
		return h.citizenFormError(c, "end", err)
	}
	return c.Redirect(citizenPath(c.Params("id"), "done=ended", "prescriptions"), fiber.StatusSeeOther)
}

// prescriptionForm reads the builder's fields, named as in the JSON NewPrescription; an empty
// field is an absent one.
func prescriptionForm(c *fiber.Ctx) (operations.CreatePrescriptionRequest, error) {
	opt := func(name string) *string {
		if v := strings.TrimSpace(c.FormValue(name)); v != "" {
			return &v
		}
		return nil
	}
	req := operations.CreatePrescriptionRequest{OfferID: strings.TrimSpace(c.FormValue("offer_id")), OnceOn: opt("once_on"),
		StartTime: strings.TrimSpace(c.FormValue("start_time")), EndTime: strings.TrimSpace(c.FormValue("end_time")),
		StartsOn: opt("starts_on"), EndsOn: opt("ends_on"), Note: c.FormValue("note")}
	if w := opt("weekday"); w != nil {
		d, ok := weekdayOf(*w)
		if !ok {
			return req, models.Invalid("weekday", "The weekday must be 1 (Monday) to 7 (Sunday), or 0 for a one-off session.")
		}
		req.Weekday = &d
	}
	if req.OfferID == "" {
		return req, models.Invalid("offer_id", "Choose an offer.")
	}
	return req, nil
}

func weekdayOf(s string) (int, bool) {
	if len(s) != 1 || s[0] < '0' || s[0] > '7' {
		return 0, false
	}
	return int(s[0] - '0'), true
}

// citizenPath is the citizen page with a notice in the query and a section to scroll to. The
// id comes from the store, never from the form.
func citizenPath(id, query, section string) string {
	return "/dashboard/citizens/" + id + "?" + query + "#" + section
}
