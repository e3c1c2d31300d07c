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
	ct, err := h.PauseCitizen(c, req.Reason)
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
	ct, err := h.ResumeCitizen(c, req.Reason)
	if err != nil {
		return err
	}
	return c.JSON(pauseStateOf(ct))
}
