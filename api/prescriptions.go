package api

import (
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type createPrescriptionRequest struct {
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

type prescriptionResponse struct {
	ID                string    `json:"id"`
	CitizenID         string    `json:"citizen_id"`
	OfferID           string    `json:"offer_id"`
	OfferTitle        string    `json:"offer_title"`
	OfferOrganisation string    `json:"offer_organisation"`
	OfferActive       bool      `json:"offer_active"`
	Weekday           int       `json:"weekday"`
	OnceOn            *string   `json:"once_on"`
	StartTime         string    `json:"start_time"`
	EndTime           string    `json:"end_time"`
	StartsOn          string    `json:"starts_on"`
	EndsOn            *string   `json:"ends_on"`
	Note              string    `json:"note"`
	Active            bool      `json:"active"`
	CreatedAt         time.Time `json:"created_at"`
}

type prescriptionListResponse struct {
	Items []prescriptionResponse `json:"items"`
}

// handleListPrescriptions lists a citizen's prescriptions, running and ended. A link worker
// sees only their own citizens; anyone else's is 404.
func (h *handlers) handleListPrescriptions(c *fiber.Ctx) error {
	me := caller(c)
	citizen, err := h.deps.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return err
	}
	rows, err := h.deps.Store.PrescriptionsForCitizen(c.UserContext(), citizen.ID)
	if err != nil {
		return err
	}
	h.audit(c, "list_prescriptions", "citizen", citizen.ID)
	out := prescriptionListResponse{Items: make([]prescriptionResponse, 0, len(rows))}
	for i := range rows {
		out.Items = append(out.Items, prescriptionResponseOf(&rows[i]))
	}
	return c.JSON(out)
}

// handleCreatePrescription prescribes an active offer to one of the caller's citizens; the
// citizen's derived status is refreshed in the same transaction.
func (h *handlers) handleCreatePrescription(c *fiber.Ctx) error {
	var req createPrescriptionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	row, err := h.prescribe(c, req)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(prescriptionResponseOf(row))
}

// prescribe is the one path for the API and the dashboard's prescription builder.
func (h *handlers) prescribe(c *fiber.Ctx, req createPrescriptionRequest) (*models.PrescriptionRow, error) {
	me := caller(c)
	citizen, err := h.deps.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	p, err := req.model(citizen.ID, me.ID, h.today())
	if err != nil {
		return nil, err
	}
	row, err := h.deps.Store.PrescribeOffer(c.UserContext(), &p)
	if err != nil {
		return nil, err
	}
	h.audit(c, "create_prescription", "citizen", citizen.ID)
	return row, nil
}

// handleEndPrescription ends a prescription as of today; it stays in the citizen's history and
// its queued reminders are cancelled.
func (h *handlers) handleEndPrescription(c *fiber.Ctx) error {
	if err := h.endPrescription(c); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *handlers) endPrescription(c *fiber.Ctx) error {
	me := caller(c)
	citizen, err := h.deps.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return err
	}
	if err := h.deps.Store.EndPrescription(c.UserContext(), citizen.ID, c.Params("pid"), h.today()); err != nil {
		return err
	}
	h.audit(c, "end_prescription", "citizen", citizen.ID)
	return nil
}

// model reads the request's dates; starts_on defaults to today. The store validates the rest.
func (r createPrescriptionRequest) model(citizenID, staffID string, today time.Time) (models.Prescription, error) {
	if r.Weekday == nil {
		return models.Prescription{}, models.Invalid("weekday", "The weekday is required: 1 (Monday) to 7 (Sunday), or 0 for a one-off session.")
	}
	p := models.Prescription{CitizenID: citizenID, OfferID: r.OfferID, Weekday: *r.Weekday, StartTime: r.StartTime,
		EndTime: r.EndTime, StartsOn: today, Note: r.Note, CreatedByID: &staffID}
	var err error
	if r.StartsOn != nil {
		var d *time.Time
		if d, err = parseDate("starts_on", r.StartsOn); err != nil {
			return p, err
		}
		p.StartsOn = *d
	}
	if p.OnceOn, err = parseDate("once_on", r.OnceOn); err != nil {
		return p, err
	}
	if p.EndsOn, err = parseDate("ends_on", r.EndsOn); err != nil {
		return p, err
	}
	return p, nil
}

func prescriptionResponseOf(r *models.PrescriptionRow) prescriptionResponse {
	return prescriptionResponse{ID: r.ID, CitizenID: r.CitizenID, OfferID: r.OfferID, OfferTitle: r.OfferTitle,
		OfferOrganisation: r.OfferOrganisation, OfferActive: r.OfferActive, Weekday: r.Weekday, OnceOn: formatDate(r.OnceOn),
		StartTime: r.StartTime, EndTime: r.EndTime, StartsOn: r.StartsOn.UTC().Format(dateLayout), EndsOn: formatDate(r.EndsOn),
		Note: r.Note, Active: r.Active, CreatedAt: r.CreatedAt}
}
