package operations

import (
	"brobygger/models"
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// SendMessage is the one path for the API and the dashboard: the SMS waits for the citizen's
// send window (the site's hours and closed days, narrowed by the citizen's quiet hours) unless
// the link worker chose to send now.
func (h *Service) SendMessage(c *fiber.Ctx, body string, sendNow bool) (*models.OutboxItem, bool, error) {
	ct, err := h.StaffCitizen(c, "send_message")
	if err != nil {
		return nil, false, err
	}
	now := h.Now()
	at := now
	if !sendNow {
		if at, err = h.citizenSendTime(c.UserContext(), ct, now); err != nil {
			return nil, false, err
		}
	}
	item, err := h.Bot.SendStaffMessage(c.UserContext(), ct, body, at)
	if err != nil {
		return nil, false, err
	}
	return item, at.After(now), nil
}

func (h *Service) CitizenWindow(ctx context.Context, ct *models.Citizen) (models.SendWindow, error) {
	w, err := h.Store.SiteSendWindow(ctx, h.SiteWindow())
	if err != nil {
		return w, err
	}
	return w.WithQuietHours(ct.QuietStart, ct.QuietEnd), nil
}

func (h *Service) CheckinNow(c *fiber.Ctx, instrument string) (*models.Checkin, bool, error) {
	ct, err := h.StaffCitizen(c, "send_checkin")
	if err != nil {
		return nil, false, err
	}
	now := h.Now()
	at, err := h.citizenSendTime(c.UserContext(), ct, now)
	if err != nil {
		return nil, false, err
	}
	ch, err := h.Bot.CheckinNow(c.UserContext(), ct, instrument, at)
	if err != nil {
		return nil, false, err
	}
	return ch, at.After(now), nil
}

// citizenSendTime is now inside the citizen's send window, else when it next opens.
func (h *Service) citizenSendTime(ctx context.Context, ct *models.Citizen, now time.Time) (time.Time, error) {
	w, err := h.CitizenWindow(ctx, ct)
	if err != nil {
		return time.Time{}, err
	}
	return w.NextAllowed(now), nil
}
