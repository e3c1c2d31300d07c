package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

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

// handleCreateReferral creates the citizen and referral and queues the contact SMS.
func (h *handlers) handleCreateReferral(c *fiber.Ctx) error {
	var req operations.CreateReferralRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	citizen, ref, err := h.CreateReferral(c, req)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(referralResponse{ID: ref.ID, CitizenID: citizen.ID, Status: string(ref.Status),
		CitizenStatus: string(citizen.Status), LinkWorkerID: citizen.LinkWorkerID, CreatedAt: ref.CreatedAt,
		ContactSMS: operations.ContactSMSState(citizen)})
}

// handleReferralTransition accepts, declines or closes a referral (the action is in the path).
func (h *handlers) handleReferralTransition(to models.ReferralStatus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req operations.ReferralTransitionRequest
		if len(c.Body()) > 0 {
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
		}
		ref, citizen, err := h.TransitionReferral(c, c.Params("id"), to, req)
		if err != nil {
			return err
		}
		return c.JSON(referralResponse{ID: ref.ID, CitizenID: ref.CitizenID, Status: string(ref.Status),
			CitizenStatus: string(citizen.Status), LinkWorkerID: citizen.LinkWorkerID, CreatedAt: ref.CreatedAt,
			CloseReason: string(ref.CloseReason), StatusNote: ref.StatusNote})
	}
}
