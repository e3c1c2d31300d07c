package operations

import (
	"brobygger/models"
	"time"

	"github.com/gofiber/fiber/v2"
)

// MaxNotesListed is how many notes the list returns; a course has far fewer.
const MaxNotesListed = 500

// AddNote is the one path for the API and the dashboard.
func (h *Service) AddNote(c *fiber.Ctx, body string, occurred *time.Time, corrects string) (*models.CaseNoteRow, error) {
	me := Caller(c)
	ct, err := h.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	row, err := h.Store.AddCaseNote(c.UserContext(), models.NewCaseNote{CitizenID: ct.ID, AuthorID: me.ID, Body: body,
		OccurredOn: occurred, CorrectsID: corrects}, h.today())
	if err != nil {
		return nil, err
	}
	h.Audit(c, "add_note", "citizen", ct.ID)
	return row, nil
}

// PauseCitizen and ResumeCitizen are the one path for the API and the dashboard: the caller's
// own citizen (or any, for an admin), the store's transaction, the audit line.
func (h *Service) PauseCitizen(c *fiber.Ctx, reason string) (*models.Citizen, error) {
	me := Caller(c)
	ct, err := h.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	if ct, err = h.Store.PauseCitizen(c.UserContext(), ct.ID, me.ID, reason); err != nil {
		return nil, err
	}
	h.Audit(c, "pause_citizen", "citizen", ct.ID)
	return ct, nil
}

func (h *Service) ResumeCitizen(c *fiber.Ctx, reason string) (*models.Citizen, error) {
	me := Caller(c)
	ct, err := h.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	if ct, err = h.Store.ResumeCitizen(c.UserContext(), ct.ID, me.ID, reason); err != nil {
		return nil, err
	}
	h.Audit(c, "resume_citizen", "citizen", ct.ID)
	return ct, nil
}

// StaffCitizen loads the citizen in the path if the caller may see them, and audits the read.
func (h *Service) StaffCitizen(c *fiber.Ctx, action string) (*models.Citizen, error) {
	me := Caller(c)
	citizen, err := h.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	h.Audit(c, action, "citizen", citizen.ID)
	return citizen, nil
}

// SetCitizenEmail is the one way a link worker sets or removes a citizen's e-mail address, for
// the JSON API and the dashboard: scoped to the caller (another worker's citizen is not found),
// validated and stored by the store, audited.
func (h *Service) SetCitizenEmail(c *fiber.Ctx, email *string) (*models.Citizen, error) {
	me := Caller(c)
	ct, err := h.Store.CitizenForStaff(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	ct, err = h.Store.SetCitizenEmail(c.UserContext(), ct.ID, email)
	if err != nil {
		return nil, err
	}
	h.Audit(c, "set_citizen_email", "citizen", ct.ID)
	return ct, nil
}
