package dashboard

import (
	"errors"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// dashReferralsPath is the list of received referrals.
const dashReferralsPath = "/dashboard/referrals"

// dashReferralsLimit bounds the list; the open referrals of a caseload are far fewer.
const dashReferralsLimit = 200

// closeOutcomes are the outcomes a referral closes with, in the order the form offers them.
var closeOutcomes = []string{string(models.CloseCompleted), string(models.CloseDeclined), string(models.CloseUnreachable), string(models.CloseMoved)}

type referralsPage struct {
	dashPage
	Show      string
	Referrals []referralView
	Outcomes  []selectOption
}

// referralView is one referral with the forms its status allows. Failed carries what was entered
// in a form that had something to fix, and the words to show beside each field.
type referralView struct {
	ID, CitizenName, CitizenHref, Phone, Email, Referrer, Clinic, Reason, Received string
	Status, StatusLabel, Note                                                      string
	CanAccept, CanDecline, CanClose                                                bool
	Failed                                                                         string // "decline" or "close"
	Errors                                                                         map[string]string
	Entered                                                                        operations.ReferralTransitionRequest
}

// HandleReferrals lists the caller's referrals: the open ones (received, accepted) unless
// ?show=all, newest first, each with its accept, decline and close forms.
func (h *Handlers) HandleReferrals(c *fiber.Ctx) error {
	return h.renderReferrals(c, fiber.StatusOK, "", "", nil, operations.ReferralTransitionRequest{})
}

func (h *Handlers) renderReferrals(c *fiber.Ctx, status int, failedID, action string, problems map[string]string, entered operations.ReferralTransitionRequest) error {
	me := operations.Caller(c)
	show := c.Query("show")
	q := models.ReferralListQuery{StaffID: me.ID, Admin: me.IsAdmin(), Limit: dashReferralsLimit}
	if show != "all" {
		show, q.Statuses = "", []models.ReferralStatus{models.ReferralReceived, models.ReferralAccepted}
	}
	items, err := h.Store.Referrals(c.UserContext(), q)
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_referrals", operations.CitizenIDsOf(items, operations.ReferralItemCitizen))
	loc := h.dash.locale(dashLang(c))
	view := referralsPage{dashPage: h.page(c, "referrals", "referrals.title"), Show: show,
		Outcomes: options(closeOutcomes, entered.Reason, "referral.outcome.", loc)}
	// Only the known confirmations show; any other value of the link shows none.
	if created := c.Query("created"); created != "" {
		view.Notice = loc.tOr("referrals.created."+created, "")
	} else if done := c.Query("done"); done != "" {
		view.Notice = loc.tOr("referrals.done."+done, "")
	}
	for _, it := range items {
		v := referralView{ID: it.ID, CitizenName: it.CitizenName, CitizenHref: "/dashboard/citizens/" + it.CitizenID,
			Phone: it.CitizenPhone, Email: orEmpty(it.Email), Referrer: it.ReferrerName, Clinic: it.ReferrerClinic, Reason: it.Reason,
			Received: loc.When(it.CreatedAt), Status: string(it.Status), StatusLabel: loc.T("referral.status." + string(it.Status)),
			Note: it.StatusNote, CanAccept: it.Status == models.ReferralReceived, CanDecline: it.Status == models.ReferralReceived,
			CanClose: it.Status == models.ReferralReceived || it.Status == models.ReferralAccepted}
		if it.CloseReason != "" {
			v.StatusLabel += " · " + loc.T("referral.outcome."+string(it.CloseReason))
		}
		if it.ID == failedID {
			v.Failed, v.Errors, v.Entered = action, problems, entered
		}
		view.Referrals = append(view.Referrals, v)
	}
	return h.dash.render(c, status, dashLang(c), "referrals", view)
}

// HandleAcceptReferral accepts a referral in one click (it can still be closed later).
func (h *Handlers) HandleAcceptReferral(c *fiber.Ctx) error {
	if _, _, err := h.TransitionReferral(c, c.Params("id"), models.ReferralAccepted, operations.ReferralTransitionRequest{}); err != nil {
		return err
	}
	return c.Redirect(dashReferralsPath+"?done=accepted", fiber.StatusSeeOther)
}

// HandleDeclineReferral declines a referral with a reason; it cannot be undone, so the form
// also needs the "Ja, jeg er sikker" box ticked.
func (h *Handlers) HandleDeclineReferral(c *fiber.Ctx) error {
	return h.dashFinalReferralStep(c, models.ReferralDeclined, "decline")
}

// HandleCloseReferral closes a referral with an outcome (completed, declined, unreachable,
// moved) and an optional note, confirmed like a decline.
func (h *Handlers) HandleCloseReferral(c *fiber.Ctx) error {
	return h.dashFinalReferralStep(c, models.ReferralClosed, "close")
}

// dashFinalReferralStep runs a decline or close from the list. Anything to fix (no reason, an
// unknown outcome, the box not ticked) shows the list again, 422, with the words beside the
// field and what was typed kept; nothing changes until all is right.
func (h *Handlers) dashFinalReferralStep(c *fiber.Ctx, to models.ReferralStatus, action string) error {
	req := operations.ReferralTransitionRequest{Reason: c.FormValue("reason"), Note: c.FormValue("note")}
	id := c.Params("id")
	loc := h.dash.locale(dashLang(c))
	problems := map[string]string{}
	var invalid *models.Error
	if err := operations.ReferralTransition(to, req).Validate(); errors.As(err, &invalid) {
		problems[invalid.Field] = loc.T("referral.error." + action + "_" + invalid.Field)
	}
	if c.FormValue("confirm") != "yes" {
		problems["confirm"] = loc.T("referral.error.confirm")
	}
	if len(problems) > 0 {
		// Only a referral the caller may see is shown again; anyone else's is "not found".
		if _, err := h.Store.ReferralForStaff(c.UserContext(), id, operations.Caller(c).ID, operations.Caller(c).IsAdmin()); err != nil {
			return err
		}
		return h.renderReferrals(c, fiber.StatusUnprocessableEntity, id, action, problems, req)
	}
	if _, _, err := h.TransitionReferral(c, id, to, req); err != nil {
		return err
	}
	return c.Redirect(dashReferralsPath+"?done="+string(to), fiber.StatusSeeOther)
}
