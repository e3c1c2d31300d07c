package api

import (
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type pauseRequest struct {
	Reason string `json:"reason"`
}

// pauseStateResponse is whether the citizen's scheduled SMS are paused, since when, by whom
// (null for the automatic pause after an emergency) and why.
type pauseStateResponse struct {
	CitizenID   string     `json:"citizen_id"`
	Paused      bool       `json:"paused"`
	PausedAt    *time.Time `json:"paused_at"`
	PausedByID  *string    `json:"paused_by_id"`
	PauseReason *string    `json:"pause_reason"`
}

func pauseStateOf(ct *models.Citizen) pauseStateResponse {
	return pauseStateResponse{CitizenID: ct.ID, Paused: ct.PausedAt != nil, PausedAt: ct.PausedAt, PausedByID: ct.PausedByID,
		PauseReason: ct.PauseReason}
}

// handlePauseCitizen pauses the citizen's check-ins, reminders and follow-ups with a reason.
func (h *handlers) handlePauseCitizen(c *fiber.Ctx) error {
	var req pauseRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ct, err := h.pauseCitizen(c, req.Reason)
	if err != nil {
		return err
	}
	return c.JSON(pauseStateOf(ct))
}

// handleResumeCitizen lifts a pause; the body and its reason are optional.
func (h *handlers) handleResumeCitizen(c *fiber.Ctx) error {
	var req pauseRequest
	if len(c.Body()) > 0 {
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
	}
	ct, err := h.resumeCitizen(c, req.Reason)
	if err != nil {
		return err
	}
	return c.JSON(pauseStateOf(ct))
}

// pauseCitizen and resumeCitizen are the one path for the API and the dashboard: the caller's
// own citizen (or any, for an admin), the store's transaction, the audit line.
func (h *handlers) pauseCitizen(c *fiber.Ctx, reason string) (*models.Citizen, error) {
	me := caller(c)
	ct, err := h.deps.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	if ct, err = h.deps.Store.PauseCitizen(c.UserContext(), ct.ID, me.ID, reason); err != nil {
		return nil, err
	}
	h.audit(c, "pause_citizen", "citizen", ct.ID)
	return ct, nil
}

func (h *handlers) resumeCitizen(c *fiber.Ctx, reason string) (*models.Citizen, error) {
	me := caller(c)
	ct, err := h.deps.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	if ct, err = h.deps.Store.ResumeCitizen(c.UserContext(), ct.ID, me.ID, reason); err != nil {
		return nil, err
	}
	h.audit(c, "resume_citizen", "citizen", ct.ID)
	return ct, nil
}
