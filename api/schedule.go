package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type scheduleItem struct {
	Kind       string    `json:"kind"`
	Instrument string    `json:"instrument"`
	DueAt      time.Time `json:"due_at"`
}

type scheduleResponse struct {
	Items []scheduleItem `json:"items"`
}

// maxScheduleDays bounds the preview: a year covers the longest plan (9 months).
const maxScheduleDays = 366

// handleSchedule previews what the scheduler will send the citizen: check-ins, reminders,
// follow-ups and the contact nudge, each at the time it will go (after quiet hours, Sundays and
// holidays). It is computed by the same planner the scheduler enqueues from. ?days= sets the
// horizon (default 90).
func (h *handlers) handleSchedule(c *fiber.Ctx) error {
	days := c.QueryInt("days", 90)
	if days < 1 || days > maxScheduleDays {
		return models.Invalid("days", "days must be between 1 and %d.", maxScheduleDays)
	}
	ct, err := h.StaffCitizen(c, "read_schedule")
	if err != nil {
		return err
	}
	now := h.deps.Now().UTC()
	sends, err := h.deps.Store.UpcomingSends(c.UserContext(), ct.ID, now, now.AddDate(0, 0, days), h.SiteWindow())
	if err != nil {
		return err
	}
	return c.JSON(scheduleOf(sends))
}

// handleMySchedule shows the citizen their own upcoming reminders, follow-ups and check-ins,
// from the same planner as the link worker's preview.
func (h *handlers) handleMySchedule(c *fiber.Ctx) error {
	days := c.QueryInt("days", 30)
	if days < 1 || days > maxScheduleDays {
		return models.Invalid("days", "days must be between 1 and %d.", maxScheduleDays)
	}
	now := h.deps.Now().UTC()
	sends, err := h.deps.Store.UpcomingSends(c.UserContext(), operations.Caller(c).ID, now, now.AddDate(0, 0, days), h.SiteWindow())
	if err != nil {
		return err
	}
	return c.JSON(scheduleOf(sends))
}

func scheduleOf(sends []models.PlannedSend) scheduleResponse {
	out := scheduleResponse{Items: make([]scheduleItem, 0, len(sends))}
	for _, s := range sends {
		out.Items = append(out.Items, scheduleItem{Kind: s.Kind, Instrument: s.Instrument, DueAt: s.DueAt.UTC()})
	}
	return out
}
