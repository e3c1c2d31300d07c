package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

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
	me := operations.Caller(c)
	citizen, err := h.deps.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return err
	}
	rows, err := h.deps.Store.PrescriptionsForCitizen(c.UserContext(), citizen.ID)
	if err != nil {
		return err
	}
	h.Audit(c, "list_prescriptions", "citizen", citizen.ID)
	out := prescriptionListResponse{Items: make([]prescriptionResponse, 0, len(rows))}
	for i := range rows {
		out.Items = append(out.Items, prescriptionResponseOf(&rows[i]))
	}
	return c.JSON(out)
}

// handleCreatePrescription prescribes an active offer to one of the caller's citizens; the
// citizen's derived status is refreshed in the same transaction.
func (h *handlers) handleCreatePrescription(c *fiber.Ctx) error {
	var req operations.CreatePrescriptionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	row, err := h.Prescribe(c, req)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(prescriptionResponseOf(row))
}

// handleEndPrescription ends a prescription as of today; it stays in the citizen's history and
// its queued reminders are cancelled.
func (h *handlers) handleEndPrescription(c *fiber.Ctx) error {
	if err := h.EndPrescription(c); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func prescriptionResponseOf(r *models.PrescriptionRow) prescriptionResponse {
	return prescriptionResponse{ID: r.ID, CitizenID: r.CitizenID, OfferID: r.OfferID, OfferTitle: r.OfferTitle,
		OfferOrganisation: r.OfferOrganisation, OfferActive: r.OfferActive, Weekday: r.Weekday, OnceOn: operations.FormatDate(r.OnceOn),
		StartTime: r.StartTime, EndTime: r.EndTime, StartsOn: r.StartsOn.UTC().Format(operations.DateLayout), EndsOn: operations.FormatDate(r.EndsOn),
		Note: r.Note, Active: r.Active, CreatedAt: r.CreatedAt}
}
