package operations

import (
	"brobygger/models"
	"time"

	"github.com/gofiber/fiber/v2"
)

type CreatePrescriptionRequest struct {
	OfferID string `json:"offer_id"`
	// Weekday is ISO 1–7 for a weekly session, 0 for a one-off on OnceOn; required.
	Weekday   *int    `json:"weekday"`
	OnceOn    *string `json:"once_on"`
	StartTime string  `json:"start_time"`
	EndTime   string  `json:"end_time"`
	StartsOn  *string `json:"starts_on"`
	EndsOn    *string `json:"ends_on"`
	Note      string  `json:"note"`
}

// Prescribe is the one path for the API and the dashboard's prescription builder.
func (h *Service) Prescribe(c *fiber.Ctx, req CreatePrescriptionRequest) (*models.PrescriptionRow, error) {
	me := Caller(c)
	citizen, err := h.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	p, err := req.model(citizen.ID, me.ID, h.today())
	if err != nil {
		return nil, err
	}
	row, err := h.Store.PrescribeOffer(c.UserContext(), &p)
	if err != nil {
		return nil, err
	}
	h.Audit(c, "create_prescription", "citizen", citizen.ID)
	return row, nil
}

func (h *Service) EndPrescription(c *fiber.Ctx) error {
	me := Caller(c)
	citizen, err := h.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return err
	}
	if err := h.Store.EndPrescription(c.UserContext(), citizen.ID, c.Params("pid"), h.today()); err != nil {
		return err
	}
	h.Audit(c, "end_prescription", "citizen", citizen.ID)
	return nil
}

// model reads the request's dates; starts_on defaults to today. The store validates the rest.
func (r CreatePrescriptionRequest) model(citizenID, staffID string, today time.Time) (models.Prescription, error) {
	if r.Weekday == nil {
		return models.Prescription{}, models.Invalid("weekday", "The weekday is required: 1 (Monday) to 7 (Sunday), or 0 for a one-off session.")
	}
	p := models.Prescription{CitizenID: citizenID, OfferID: r.OfferID, Weekday: *r.Weekday, StartTime: r.StartTime,
		EndTime: r.EndTime, StartsOn: today, Note: r.Note, CreatedByID: &staffID}
	var err error
	if r.StartsOn != nil {
		var d *time.Time
		if d, err = ParseDate("starts_on", r.StartsOn); err != nil {
			return p, err
		}
		p.StartsOn = *d
	}
	if p.OnceOn, err = ParseDate("once_on", r.OnceOn); err != nil {
		return p, err
	}
	if p.EndsOn, err = ParseDate("ends_on", r.EndsOn); err != nil {
		return p, err
	}
	return p, nil
}
