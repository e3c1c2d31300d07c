package api

import (
	"context"
	"strings"
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type createReferralRequest struct {
	Name            string  `json:"name"`
	Phone           string  `json:"phone"`
	Language        string  `json:"language"`
	LinkWorkerID    *string `json:"link_worker_id"`
	ReferrerName    string  `json:"referrer_name"`
	ReferrerClinic  string  `json:"referrer_clinic"`
	Reason          string  `json:"reason"`
	ConsentContact  bool    `json:"consent_contact"`
	ConsentData     bool    `json:"consent_data"`
	ConsentResearch bool    `json:"consent_research"`
	// The optional facts the evaluation's inclusion criteria need.
	BirthYear      *int    `json:"birth_year"`
	Sex            *string `json:"sex"`
	Municipality   *string `json:"municipality"`
	Email          *string `json:"email"`
	ReasonCategory *string `json:"reason_category"`
}

type referralResponse struct {
	ID            string    `json:"id"`
	CitizenID     string    `json:"citizen_id"`
	Status        string    `json:"status"`
	CitizenStatus string    `json:"citizen_status"`
	LinkWorkerID  string    `json:"link_worker_id"`
	CreatedAt     time.Time `json:"created_at"`
	// CloseReason is the outcome of a closed referral; StatusNote the reason given for a
	// decline, or the note with a close.
	CloseReason string `json:"close_reason,omitempty"`
	StatusNote  string `json:"status_note,omitempty"`
	// ContactSMS says whether the first SMS was queued (queued_email: by e-mail, for a citizen
	// without a phone), or held back because the number said STOP; only a new referral's answer
	// has it.
	ContactSMS string `json:"contact_sms,omitempty"`
}

// contactSMSState is what happened to a new referral's first SMS.
func contactSMSState(c *models.Citizen) string {
	switch {
	case c.OptedOut():
		return "not_sent_opted_out"
	case c.Phone == "":
		return "queued_email"
	}
	return "queued"
}

// handleCreateReferral creates the citizen and referral and queues the contact SMS.
func (h *handlers) handleCreateReferral(c *fiber.Ctx) error {
	var req createReferralRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	citizen, ref, err := h.createReferral(c, req)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(referralResponse{ID: ref.ID, CitizenID: citizen.ID, Status: string(ref.Status),
		CitizenStatus: string(citizen.Status), LinkWorkerID: citizen.LinkWorkerID, CreatedAt: ref.CreatedAt,
		ContactSMS: contactSMSState(citizen)})
}

// newReferral turns a request into the store's referral. A link worker's referrals are theirs
// unless they name a colleague; an admin must name the link worker.
func newReferral(me principal, req createReferralRequest) (models.NewReferral, error) {
	worker := me.ID
	if req.LinkWorkerID != nil {
		worker = *req.LinkWorkerID
	} else if me.IsAdmin() {
		return models.NewReferral{}, models.Invalid("link_worker_id", "An admin must say which link worker takes the referral.")
	}
	return models.NewReferral{
		Name: req.Name, Phone: req.Phone, Language: models.Lang(req.Language), LinkWorkerID: worker,
		ReferrerName: req.ReferrerName, ReferrerClinic: req.ReferrerClinic, Reason: req.Reason,
		ConsentContact: req.ConsentContact, ConsentData: req.ConsentData, ConsentResearch: req.ConsentResearch,
		CreatedByID: &me.ID, ReferralProfile: models.ReferralProfile{BirthYear: req.BirthYear, Sex: req.Sex,
			Municipality: req.Municipality, Email: req.Email, ReasonCategory: req.ReasonCategory}}, nil
}

// createReferral is the one way a referral is taken in, for the JSON API and the dashboard's
// form alike: the citizen and referral are created and the contact SMS queued (for the next
// moment the send window allows) in one transaction, and the step is audited.
func (h *handlers) createReferral(c *fiber.Ctx, req createReferralRequest) (*models.Citizen, *models.Referral, error) {
	n, err := newReferral(caller(c), req)
	if err != nil {
		return nil, nil, err
	}
	notBefore, err := h.nextSendTime(c.UserContext(), h.deps.Now())
	if err != nil {
		return nil, nil, err
	}
	citizen, ref, err := h.deps.Bot.Refer(c.UserContext(), n, notBefore)
	if err != nil {
		return nil, nil, err
	}
	h.audit(c, "create_referral", "citizen", citizen.ID)
	return citizen, ref, nil
}

// nextSendTime is when a first SMS may go out: now inside the send window, else when it next
// opens (a referral made at 22:00 is not texted before 09:00, nor one made on
// juleaftensdag before the next open day). The site's closed days count, as for the scheduler.
func (h *handlers) nextSendTime(ctx context.Context, now time.Time) (time.Time, error) {
	w, err := h.deps.Store.SiteSendWindow(ctx, h.sendWindow())
	if err != nil {
		return time.Time{}, err
	}
	return w.NextAllowed(now), nil
}

type referralTransitionRequest struct {
	Reason string `json:"reason"`
	Note   string `json:"note"`
}

// handleReferralTransition accepts, declines or closes a referral (the action is in the path).
func (h *handlers) handleReferralTransition(to models.ReferralStatus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req referralTransitionRequest
		if len(c.Body()) > 0 {
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
		}
		ref, citizen, err := h.transitionReferral(c, c.Params("id"), to, req)
		if err != nil {
			return err
		}
		return c.JSON(referralResponse{ID: ref.ID, CitizenID: ref.CitizenID, Status: string(ref.Status),
			CitizenStatus: string(citizen.Status), LinkWorkerID: citizen.LinkWorkerID, CreatedAt: ref.CreatedAt,
			CloseReason: string(ref.CloseReason), StatusNote: ref.StatusNote})
	}
}

// transitionReferral is the one way a referral is accepted, declined or closed, for the JSON API
// and the dashboard: scoped to the caller, validated by the store (a decline needs a reason, a
// close one of the fixed outcomes), audited. It returns the referral and its citizen after.
func (h *handlers) transitionReferral(c *fiber.Ctx, id string, to models.ReferralStatus, req referralTransitionRequest) (*models.Referral, *models.Citizen, error) {
	me := caller(c)
	ref, err := h.deps.Store.ReferralForStaff(c.UserContext(), id, me.ID, me.IsAdmin())
	if err != nil {
		return nil, nil, err
	}
	ref, err = h.deps.Store.TransitionReferral(c.UserContext(), ref, referralTransition(to, req), me.ID)
	if err != nil {
		return nil, nil, err
	}
	h.audit(c, "referral_"+string(to), "citizen", ref.CitizenID)
	citizen, err := h.deps.Store.CitizenByID(c.UserContext(), ref.CitizenID)
	if err != nil {
		return nil, nil, err
	}
	return ref, citizen, nil
}

// referralTransition reads a request as the store's decision. Only closing has a fixed list of
// reasons (the outcome); a decline's reason is free text kept as the note.
func referralTransition(to models.ReferralStatus, req referralTransitionRequest) models.ReferralTransition {
	if to == models.ReferralClosed {
		return models.ReferralTransition{To: to, Reason: models.CloseReason(req.Reason), Note: req.Note}
	}
	return models.ReferralTransition{To: to, Note: strings.TrimSpace(req.Reason + " " + req.Note)}
}
