package dashboard

import (
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// dashMedComAdminPath is the admin's MedCom page: messages in and out with their status (those
// waiting too long for an acknowledgement first) and the clinic register.
const dashMedComAdminPath = "/dashboard/admin/medcom"

type medcomAdminPage struct {
	dashPage
	Overdue  int64
	Messages []medcomMessageView
	Clinics  []clinicView
	NextHref string
	// NewClinic is the add form's input and sentence after a refused try.
	NewClinic clinicView
}

type medcomMessageView struct {
	ID, Direction, Status, Clinic, When, Topic, AckCode, AckReason, CitizenHref string
	Overdue                                                                     bool
}

type clinicView struct {
	ID, Name, SOR, GLN, Practitioners, Action string
	Error                                     string
}

// HandleMedComAdmin lists MedCom messages, newest first (?overdue=true: only those sent
// without acknowledgement past MEDCOM_ACK_TIMEOUT), and the clinic register with its forms.
func (h *Handlers) HandleMedComAdmin(c *fiber.Ctx) error {
	view, err := h.medcomAdminView(c)
	if err != nil {
		return err
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "medcom_admin", view)
}

// medcomAdminView loads what the admin's MedCom page shows (the read is audited).
func (h *Handlers) medcomAdminView(c *fiber.Ctx) (medcomAdminPage, error) {
	ctx := c.UserContext()
	loc := h.dash.locale(dashLang(c))
	view := medcomAdminPage{dashPage: h.page(c, "medcom_admin", "medcom.admin.title")}
	if done := c.Query("done"); done != "" {
		view.Notice = loc.tOr("medcom.done."+done, "")
	}
	var err error
	if view.Overdue, err = h.Store.MedComOverdueCount(ctx); err != nil {
		return view, err
	}
	q := models.MedComQuery{Overdue: c.Query("overdue") == "true", Cursor: c.Query("cursor"), Limit: 50}
	rows, next, err := h.Store.MedComMessages(ctx, q)
	if err != nil {
		return view, err
	}
	for _, m := range rows {
		view.Messages = append(view.Messages, medcomMessageView{ID: m.ID, Direction: loc.T("medcom.dir." + string(m.Direction)),
			Status: loc.tOr("medcom.msgstatus."+string(m.Status), string(m.Status)), Clinic: m.ClinicName, When: loc.When(m.CreatedAt),
			Topic: m.Topic, AckCode: m.AckCode, AckReason: m.AckReason, CitizenHref: citizenHref(m.CitizenID),
			Overdue: m.AckOverdueAt != nil && m.Status == models.MedComSent})
	}
	if next != "" {
		view.NextHref = dashMedComAdminPath + "?cursor=" + next
		if q.Overdue {
			view.NextHref += "&overdue=true"
		}
	}
	clinics, err := h.Store.Clinics(ctx)
	if err != nil {
		return view, err
	}
	for i := range clinics {
		cl := &clinics[i]
		view.Clinics = append(view.Clinics, clinicView{ID: cl.ID, Name: cl.Name, SOR: cl.SOR, GLN: cl.GLN,
			Practitioners: strings.Join(cl.PractitionerNames(), "\n"), Action: "/dashboard/admin/clinics/" + cl.ID})
	}
	h.Audit(c, "list_medcom_messages", "medcom_message", "")
	h.AuditShown(c, "list_medcom_messages", operations.CitizenIDsOf(rows, operations.MedcomRowCitizen))
	return view, nil
}

// clinicForm reads the clinic form: one practitioner per line.
func clinicForm(c *fiber.Ctx) models.ClinicInput {
	name, sor, gln := strings.TrimSpace(c.FormValue("name")), strings.TrimSpace(c.FormValue("sor")), strings.TrimSpace(c.FormValue("gln"))
	var names []string
	for _, line := range strings.Split(c.FormValue("practitioners"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			names = append(names, line)
		}
	}
	if names == nil {
		names = []string{}
	}
	return models.ClinicInput{Name: &name, SOR: &sor, GLN: &gln, Practitioners: &names}
}

// HandleCreateClinic adds a clinic from the admin page's form.
func (h *Handlers) HandleCreateClinic(c *fiber.Ctx) error {
	cl, err := h.Store.CreateClinic(c.UserContext(), clinicForm(c))
	if err != nil {
		return h.clinicFormError(c, "", err)
	}
	h.Audit(c, "create_clinic", "clinic", cl.ID)
	return c.Redirect(dashMedComAdminPath+"?done=clinic#clinics", fiber.StatusSeeOther)
}

// HandleUpdateClinic saves one clinic's form.
func (h *Handlers) HandleUpdateClinic(c *fiber.Ctx) error {
	cl, err := h.Store.ClinicByID(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if err := h.Store.UpdateClinic(c.UserContext(), cl, clinicForm(c)); err != nil {
		return h.clinicFormError(c, cl.ID, err)
	}
	h.Audit(c, "update_clinic", "clinic", cl.ID)
	return c.Redirect(dashMedComAdminPath+"?done=clinic#clinics", fiber.StatusSeeOther)
}
