package operations

import (
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

func MedcomRowCitizen(r *models.MedComMessageRow) string {
	if r.CitizenID == nil {
		return ""
	}
	return *r.CitizenID
}

// MedcomMessage loads the :id message the caller may see.
func (h *Service) MedcomMessage(c *fiber.Ctx) (*models.MedComMessage, error) {
	me := Caller(c)
	return h.Store.MedComMessageForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
}

func (h *Service) AuditMedComMessage(c *fiber.Ctx, action string, m *models.MedComMessage) {
	if m.CitizenID != nil {
		h.Audit(c, action, "citizen", *m.CitizenID)
		return
	}
	h.Audit(c, action, "medcom_message", m.ID)
}

func (h *Service) MedcomReferral(c *fiber.Ctx) (*models.MedComReferralRow, error) {
	return h.Store.MedComReferralByID(c.UserContext(), c.Params("id"))
}

type MedcomRegisterRequest struct {
	LinkWorkerID *string `json:"link_worker_id"`
	Phone        string  `json:"phone"`
	Language     string  `json:"language"`
}

// RegisterMedComReferral is shared by the JSON API and the dashboard.
func (h *Service) RegisterMedComReferral(c *fiber.Ctx, req MedcomRegisterRequest) (*models.Citizen, *models.Referral, error) {
	me := Caller(c)
	worker := me.ID
	if req.LinkWorkerID != nil && *req.LinkWorkerID != "" {
		worker = *req.LinkWorkerID
	} else if me.IsAdmin() {
		return nil, nil, models.Invalid("link_worker_id", "An admin must say which link worker takes the referral.")
	}
	r, err := h.MedcomReferral(c)
	if err != nil {
		return nil, nil, err
	}
	notBefore, err := h.nextSendTime(c.UserContext(), h.Now())
	if err != nil {
		return nil, nil, err
	}
	ctx := c.UserContext()
	var citizen *models.Citizen
	var ref *models.Referral
	err = h.Store.InTx(ctx, func(tx *models.Store) error {
		var err error
		citizen, ref, err = tx.RegisterMedComReferral(ctx, h.MedCom, r, models.RegisterMedCom{LinkWorkerID: worker, Phone: req.Phone,
			Language: models.Lang(req.Language), ActorID: me.ID})
		if err != nil {
			return err
		}
		if citizen.OptedOut() {
			return nil
		}
		return h.Bot.StartContact(ctx, tx, citizen, notBefore)
	})
	if err != nil {
		return nil, nil, err
	}
	if fresh, err := h.Store.CitizenByID(ctx, citizen.ID); err == nil {
		citizen = fresh
	}
	h.Audit(c, "create_referral", "citizen", citizen.ID)
	return citizen, ref, nil
}
