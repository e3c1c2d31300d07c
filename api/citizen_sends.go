package api

import (
	"time"

	"brobygger/models/sms"

	"github.com/gofiber/fiber/v2"
)

type staffMessageRequest struct {
	Body string `json:"body"`
	// SendNow sends at once even outside the send window (a deliberate choice); by default an
	// SMS written at night waits until the window opens.
	SendNow bool `json:"send_now"`
}

// sendResponse says what was queued, when it goes out and what it costs.
type sendResponse struct {
	Status         string    `json:"status"`
	ID             string    `json:"id"`
	NotBefore      time.Time `json:"not_before"`
	Waits          bool      `json:"waits"`
	Segments       int       `json:"segments"`
	Encoding       string    `json:"encoding"`
	UCS2Characters []string  `json:"ucs2_characters"`
}

type checkinNowRequest struct {
	Instrument string `json:"instrument"`
}

type checkinNowResponse struct {
	ID         string    `json:"id"`
	Instrument string    `json:"instrument"`
	Version    string    `json:"version"`
	NotBefore  time.Time `json:"not_before"`
	Waits      bool      `json:"waits"`
}

// handleSendMessage queues the link worker's own SMS to the citizen.
func (h *handlers) handleSendMessage(c *fiber.Ctx) error {
	var req staffMessageRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	item, waits, err := h.SendMessage(c, req.Body, req.SendNow)
	if err != nil {
		return err
	}
	status := "The SMS is queued and goes out now."
	if waits {
		status = "The send window is closed; the SMS waits until it opens."
	}
	seg := sms.CountSegments(item.Body)
	ucs2 := sms.UCS2Characters(item.Body)
	if ucs2 == nil {
		ucs2 = []string{}
	}
	return c.Status(fiber.StatusAccepted).JSON(sendResponse{Status: status, ID: item.ID, NotBefore: item.NotBefore, Waits: waits,
		Segments: seg.Count, Encoding: string(seg.Encoding), UCS2Characters: ucs2})
}

// handleCheckinNow sends the citizen a check-in of the chosen questionnaire outside the plan. It
// respects the send window, STOP and a pause like every scheduled SMS.
func (h *handlers) handleCheckinNow(c *fiber.Ctx) error {
	var req checkinNowRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ch, waits, err := h.CheckinNow(c, req.Instrument)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(checkinNowResponse{ID: ch.ID, Instrument: ch.Instrument, Version: ch.Version,
		NotBefore: ch.DueAt, Waits: waits})
}
