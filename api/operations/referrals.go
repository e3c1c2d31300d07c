package operations

import (
	"brobygger/models"
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

type CreateReferralRequest struct {
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

// ContactSMSState is what happened to a new referral's first SMS.
func ContactSMSState(c *models.Citizen) string {
	switch {
	case c.OptedOut():
		return "not_sent_opted_out"
	case c.Phone == "":
		return "queued_email"
	}
	return "queued"
}

// NewReferral turns a request into the store's referral. A link worker's referrals are theirs
// unless they name a colleague; an admin must name the link worker.
func NewReferral(me Principal, req CreateReferralRequest) (models.NewReferral, error) {
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

// CreateReferral is the one way a referral is taken in, for the JSON API and the dashboard's
// form alike: the citizen and referral are created and the contact SMS queued (for the next
// moment the send window allows) in one transaction, and the step is audited.
func (h *Service) CreateReferral(c *fiber.Ctx, req CreateReferralRequest) (*models.Citizen, *models.Referral, error) {
	n, err := NewReferral(Caller(c), req)
	if err != nil {
		return nil, nil, err
	}
	notBefore, err := h.nextSendTime(c.UserContext(), h.Now())
	if err != nil {
		return nil, nil, err
	}
	citizen, ref, err := h.Bot.Refer(c.UserContext(), n, notBefore)
	if err != nil {
		return nil, nil, err
	}
	h.Audit(c, "create_referral", "citizen", citizen.ID)
	return citizen, ref, nil
}

type ReferralTransitionRequest struct {
	Reason string `json:"reason"`
	Note   string `json:"note"`
}

// TransitionReferral is the one way a referral is accepted, declined or closed, for the JSON API
// and the dashboard: scoped to the caller, validated by the store (a decline needs a reason, a
// close one of the fixed outcomes), audited. It returns the referral and its citizen after.
func (h *Service) TransitionReferral(c *fiber.Ctx, id string, to models.ReferralStatus, req ReferralTransitionRequest) (*models.Referral, *models.Citizen, error) {
	me := Caller(c)
	ref, err := h.Store.ReferralForStaff(c.UserContext(), id, me.ID, me.IsAdmin())
	if err != nil {
		return nil, nil, err
	}
	ref, err = h.Store.TransitionReferral(c.UserContext(), ref, ReferralTransition(to, req), me.ID)
	if err != nil {
		return nil, nil, err
	}
	h.Audit(c, "referral_"+string(to), "citizen", ref.CitizenID)
	citizen, err := h.Store.CitizenByID(c.UserContext(), ref.CitizenID)
	if err != nil {
		return nil, nil, err
	}
	return ref, citizen, nil
}

// ReferralTransition reads a request as the store's decision. Only closing has a fixed list of
// reasons (the outcome); a decline's reason is free text kept as the note.
func ReferralTransition(to models.ReferralStatus, req ReferralTransitionRequest) models.ReferralTransition {
	if to == models.ReferralClosed {
		return models.ReferralTransition{To: to, Reason: models.CloseReason(req.Reason), Note: req.Note}
	}
	return models.ReferralTransition{To: to, Note: strings.TrimSpace(req.Reason + " " + req.Note)}
}

// nextSendTime is when a first SMS may go out: now inside the send window, else when it next
// opens (a referral made at 22:00 is not texted before 09:00, nor one made on
// juleaftensdag before the next open day). The site's closed days count, as for the scheduler.
func (h *Service) nextSendTime(ctx context.Context, now time.Time) (time.Time, error) {
	w, err := h.Store.SiteSendWindow(ctx, h.SiteWindow())
	if err != nil {
		return time.Time{}, err
	}
	return w.NextAllowed(now), nil
}
