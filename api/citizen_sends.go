package api

import (
	"context"
	"time"

	"brobygger/models"
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
	item, waits, err := h.sendMessage(c, req.Body, req.SendNow)
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

// sendMessage is the one path for the API and the dashboard: the SMS waits for the citizen's
// send window (the site's hours and closed days, narrowed by the citizen's quiet hours) unless
// the link worker chose to send now.
func (h *handlers) sendMessage(c *fiber.Ctx, body string, sendNow bool) (*models.OutboxItem, bool, error) {
	ct, err := h.staffCitizen(c, "send_message")
	if err != nil {
		return nil, false, err
	}
	now := h.deps.Now()
	at := now
	if !sendNow {
		if at, err = h.citizenSendTime(c.UserContext(), ct, now); err != nil {
			return nil, false, err
		}
	}
	item, err := h.deps.Bot.SendStaffMessage(c.UserContext(), ct, body, at)
	if err != nil {
		return nil, false, err
	}
	return item, at.After(now), nil
}

// citizenSendTime is now inside the citizen's send window, else when it next opens.
func (h *handlers) citizenSendTime(ctx context.Context, ct *models.Citizen, now time.Time) (time.Time, error) {
	w, err := h.citizenWindow(ctx, ct)
	if err != nil {
		return time.Time{}, err
	}
	return w.NextAllowed(now), nil
}

func (h *handlers) citizenWindow(ctx context.Context, ct *models.Citizen) (models.SendWindow, error) {
	w, err := h.deps.Store.SiteSendWindow(ctx, h.sendWindow())
	if err != nil {
		return w, err
	}
	return w.WithQuietHours(ct.QuietStart, ct.QuietEnd), nil
}

// handleCheckinNow sends the citizen a check-in of the chosen questionnaire outside the plan. It
// respects the send window, STOP and a pause like every scheduled SMS.
func (h *handlers) handleCheckinNow(c *fiber.Ctx) error {
	var req checkinNowRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ch, waits, err := h.checkinNow(c, req.Instrument)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(checkinNowResponse{ID: ch.ID, Instrument: ch.Instrument, Version: ch.Version,
		NotBefore: ch.DueAt, Waits: waits})
}

func (h *handlers) checkinNow(c *fiber.Ctx, instrument string) (*models.Checkin, bool, error) {
	ct, err := h.staffCitizen(c, "send_checkin")
	if err != nil {
		return nil, false, err
	}
	now := h.deps.Now()
	at, err := h.citizenSendTime(c.UserContext(), ct, now)
	if err != nil {
		return nil, false, err
	}
	ch, err := h.deps.Bot.CheckinNow(c.UserContext(), ct, instrument, at)
	if err != nil {
		return nil, false, err
	}
	return ch, at.After(now), nil
}
