package api

import (
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// clinicItem is a clinic in the register.
type clinicItem struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	SOR           string    `json:"sor"`
	GLN           string    `json:"gln"`
	Practitioners []string  `json:"practitioners"`
	UpdatedAt     time.Time `json:"updated_at"`
}

func clinicOf(c *models.Clinic) clinicItem {
	return clinicItem{ID: c.ID, Name: c.Name, SOR: c.SOR, GLN: c.GLN, Practitioners: c.PractitionerNames(), UpdatedAt: c.UpdatedAt}
}

// clinicRequest is an admin's clinic, whole (POST) or in part (PATCH).
type clinicRequest struct {
	Name          *string   `json:"name"`
	SOR           *string   `json:"sor"`
	GLN           *string   `json:"gln"`
	Practitioners *[]string `json:"practitioners"`
}

func (r clinicRequest) input() models.ClinicInput {
	return models.ClinicInput{Name: r.Name, SOR: r.SOR, GLN: r.GLN, Practitioners: r.Practitioners}
}

// handleListClinics lists the clinic register (admins only).
func (h *handlers) handleListClinics(c *fiber.Ctx) error {
	clinics, err := h.deps.Store.Clinics(c.UserContext())
	if err != nil {
		return err
	}
	out := make([]clinicItem, 0, len(clinics))
	for i := range clinics {
		out = append(out, clinicOf(&clinics[i]))
	}
	return c.JSON(fiber.Map{"items": out})
}

// handleCreateClinic adds a clinic by hand.
func (h *handlers) handleCreateClinic(c *fiber.Ctx) error {
	var req clinicRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cl, err := h.deps.Store.CreateClinic(c.UserContext(), req.input())
	if err != nil {
		return err
	}
	h.Audit(c, "create_clinic", "clinic", cl.ID)
	return c.Status(fiber.StatusCreated).JSON(clinicOf(cl))
}

// handleUpdateClinic corrects a clinic: the fields given change.
func (h *handlers) handleUpdateClinic(c *fiber.Ctx) error {
	var req clinicRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cl, err := h.deps.Store.ClinicByID(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if err := h.deps.Store.UpdateClinic(c.UserContext(), cl, req.input()); err != nil {
		return err
	}
	h.Audit(c, "update_clinic", "clinic", cl.ID)
	return c.JSON(clinicOf(cl))
}
