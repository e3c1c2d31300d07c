package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type prescriptionView struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	Organisation string     `json:"organisation"`
	Description  string     `json:"description"`
	Weekday      int        `json:"weekday"`
	OnceOn       *time.Time `json:"once_on"`
	StartTime    string     `json:"start_time"`
	EndTime      string     `json:"end_time"`
	Place        string     `json:"place"`
	ContactName  string     `json:"contact_name"`
	ContactPhone string     `json:"contact_phone"`
	ContactEmail string     `json:"contact_email"`
}

type prescriptionList struct {
	Items []prescriptionView `json:"items"`
}

// handleMyPrescriptions lists the citizen's activities with place, time and contact.
func (h *handlers) handleMyPrescriptions(c *fiber.Ctx) error {
	ps, err := h.deps.Store.CitizenPrescriptions(c.UserContext(), operations.Caller(c).ID)
	if err != nil {
		return err
	}
	out := prescriptionList{Items: []prescriptionView{}}
	for _, p := range ps {
		place := p.Offer.AddressLine
		if p.Offer.City != "" {
			place += ", " + p.Offer.PostalCode + " " + p.Offer.City
		}
		out.Items = append(out.Items, prescriptionView{ID: p.ID, Title: p.Offer.Title, Organisation: p.Offer.Organisation,
			Description: p.Offer.Description, Weekday: p.Weekday, OnceOn: p.OnceOn, StartTime: p.StartTime, EndTime: p.EndTime,
			Place: place, ContactName: p.Offer.ContactName, ContactPhone: p.Offer.ContactPhone, ContactEmail: p.Offer.ContactEmail})
	}
	return c.JSON(out)
}

// handleConfirmContact is the app's "JA": the citizen agrees to be contacted.
func (h *handlers) handleConfirmContact(c *fiber.Ctx) error {
	if _, err := h.deps.Bot.ConfirmContactInApp(c.UserContext(), operations.Caller(c).ID); err != nil {
		return err
	}
	return h.handleMe(c)
}

type preferencesRequest struct {
	Language            string `json:"language"`
	RemindersEnabled    bool   `json:"reminders_enabled"`
	ReminderLeadMinutes int    `json:"reminder_lead_minutes"`
	QuietStart          string `json:"quiet_start"`
	QuietEnd            string `json:"quiet_end"`
	PreferredChannel    string `json:"preferred_channel"`
}

// handleUpdatePreferences replaces the citizen's preferences (language, reminders, quiet hours,
// channel) and answers with the profile.
func (h *handlers) handleUpdatePreferences(c *fiber.Ctx) error {
	var req preferencesRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	prefs := models.Preferences{RemindersEnabled: req.RemindersEnabled, ReminderLeadMinutes: req.ReminderLeadMinutes,
		QuietStart: req.QuietStart, QuietEnd: req.QuietEnd, PreferredChannel: req.PreferredChannel}
	if err := h.deps.Store.UpdatePreferences(c.UserContext(), operations.Caller(c).ID, models.Lang(req.Language), prefs); err != nil {
		return err
	}
	return h.handleMe(c)
}

type deletionResponse struct {
	RequestedAt time.Time `json:"requested_at"`
	Message     string    `json:"message"`
}

// handleDeletionRequest records the wish to have data deleted, for the link worker to action.
func (h *handlers) handleDeletionRequest(c *fiber.Ctx) error {
	at, err := h.deps.Store.RequestDeletion(c.UserContext(), operations.Caller(c).ID)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(deletionResponse{RequestedAt: at,
		Message: h.citizenText(c, "deletion_recorded")})
}
