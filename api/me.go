package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type preferencesResponse struct {
	RemindersEnabled    bool   `json:"reminders_enabled"`
	ReminderLeadMinutes int    `json:"reminder_lead_minutes"`
	QuietStart          string `json:"quiet_start"`
	QuietEnd            string `json:"quiet_end"`
	PreferredChannel    string `json:"preferred_channel"`
}

type meResponse struct {
	ID                  string              `json:"id"`
	Name                string              `json:"name"`
	Email               *string             `json:"email"`
	Language            string              `json:"language"`
	Status              string              `json:"status"`
	LinkWorkerFirstName string              `json:"link_worker_first_name"`
	ContactConfirmedAt  *time.Time          `json:"contact_confirmed_at"`
	OptedOut            bool                `json:"opted_out"`
	Preferences         preferencesResponse `json:"preferences"`
}

// handleMe returns the signed-in citizen's own profile.
func (h *handlers) handleMe(c *fiber.Ctx) error {
	citizen, err := h.deps.Store.CitizenByID(c.UserContext(), operations.Caller(c).ID)
	if err != nil {
		return err
	}
	worker, err := h.deps.Store.StaffByID(c.UserContext(), citizen.LinkWorkerID)
	first := ""
	if err == nil {
		first = worker.FirstName()
	}
	return c.JSON(meResponse{ID: citizen.ID, Name: citizen.Name, Email: citizen.Email, Language: string(citizen.Language), Status: string(citizen.Status),
		LinkWorkerFirstName: first, ContactConfirmedAt: citizen.ContactConfirmedAt, OptedOut: citizen.OptedOut(),
		Preferences: preferencesOf(citizen.Preferences)})
}

func preferencesOf(p models.Preferences) preferencesResponse {
	return preferencesResponse{RemindersEnabled: p.RemindersEnabled, ReminderLeadMinutes: p.ReminderLeadMinutes,
		QuietStart: p.QuietStart, QuietEnd: p.QuietEnd, PreferredChannel: p.PreferredChannel}
}
