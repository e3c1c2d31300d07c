package dashboard

import (
	"brobygger/api/operations"
	"errors"
	"fmt"
	"strconv"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

const dashStaffPath = "/dashboard/admin/staff"

// RequireAdmin admits admins only; a link worker gets the 403 page.
func (h *Handlers) RequireAdmin(c *fiber.Ctx) error {
	if !operations.Caller(c).IsAdmin() {
		return models.Errorf(models.EFORBIDDEN, "Only an admin can do this.")
	}
	return c.Next()
}

type staffListPage struct {
	dashPage
	Rows []staffRowView
	// Form is the add form's values after a failed try, so nothing typed is lost.
	Form      operations.NewStaffRequest
	FormError string
}

type staffRowView struct {
	Name, Email, RoleLabel, LastLogin, Href string
	Active, MustChange                      bool
	CaseloadSize                            int
}

// HandleStaff lists the staff with the form to add a link worker or admin.
func (h *Handlers) HandleStaff(c *fiber.Ctx) error {
	view, err := h.staffListView(c)
	if err != nil {
		return err
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "admin_staff", view)
}

func (h *Handlers) staffListView(c *fiber.Ctx) (staffListPage, error) {
	list, err := h.Store.ListStaff(c.UserContext())
	if err != nil {
		return staffListPage{}, err
	}
	loc := h.dash.locale(dashLang(c))
	view := staffListPage{dashPage: h.page(c, "staff", "staff.title"), Form: operations.NewStaffRequest{Role: string(models.RoleLinkWorker)}}
	for _, l := range list {
		row := staffRowView{Name: l.Name, Email: l.Email, RoleLabel: loc.T("role." + string(l.Role)), LastLogin: loc.T("common.never"),
			Href: dashStaffPath + "/" + l.ID, Active: l.Active, MustChange: l.MustChangePassword, CaseloadSize: l.CaseloadSize}
		if l.LastLoginAt != nil {
			row.LastLogin = loc.When(*l.LastLoginAt)
		}
		view.Rows = append(view.Rows, row)
	}
	return view, nil
}

// HandleCreateStaff adds a staff member and goes to their page, which shows the one-time
// password once. Invalid input shows the list and form again with the reason, nothing saved.
func (h *Handlers) HandleCreateStaff(c *fiber.Ctx) error {
	req := operations.NewStaffRequest{Email: c.FormValue("email"), Name: c.FormValue("name"), Role: c.FormValue("role"), Phone: c.FormValue("phone")}
	st, pw, err := h.Store.InviteStaff(c.UserContext(), models.NewStaff{Email: req.Email, Name: req.Name,
		Role: models.StaffRole(req.Role), Phone: req.Phone})
	if code := models.ErrorCode(err); code == models.EINVALID || code == models.ECONFLICT {
		view, verr := h.staffListView(c)
		if verr != nil {
			return verr
		}
		view.Form, view.FormError = req, h.staffFormError(c, err)
		return h.dash.render(c, h.statusOf(code), dashLang(c), "admin_staff", view)
	}
	if err != nil {
		return err
	}
	h.Audit(c, "create_staff", "staff", st.ID)
	if err := h.setOneTimeFlash(c, st.ID, pw); err != nil {
		return err
	}
	return c.Redirect(dashStaffPath+"/"+st.ID+"?created=1", fiber.StatusSeeOther)
}

// staffFormError says in the reader's language which field to fix.
func (h *Handlers) staffFormError(c *fiber.Ctx, err error) string {
	loc := h.dash.locale(dashLang(c))
	if models.IsCode(err, models.ECONFLICT) {
		return loc.T("staff.error.taken")
	}
	var e *models.Error
	if errors.As(err, &e) {
		switch e.Field {
		case "email", "name", "role", "phone":
			return loc.T("staff.error." + e.Field)
		}
	}
	return loc.T("error.400.text")
}

type staffMemberPage struct {
	dashPage
	ID, Name, Email, RoleLabel, LastLogin, Phone  string
	Active, MustChange, IsSelf                    bool
	OneTimePassword                               string
	Citizens                                      []citizenReassignView
	Workers                                       []workerOption
	DeactivateAction, ResetAction, ReassignAction string
}

type citizenReassignView struct {
	ID, Name, StatusLabel, Href string
}

type workerOption struct {
	ID, Name string
}

// HandleStaffMember is one staff member's page: their details, the one-time password right
// after it was made (once), reset and deactivate, and their citizens with the one-step
// reassignment form.
func (h *Handlers) HandleStaffMember(c *fiber.Ctx) error {
	ctx := c.UserContext()
	st, citizens, err := h.staffAndCitizensInPath(c)
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_staff_citizens", operations.CitizenIDsOf(citizens, operations.CitizenRefID))
	all, err := h.Store.ListStaff(ctx)
	if err != nil {
		return err
	}
	loc := h.dash.locale(dashLang(c))
	base := dashStaffPath + "/" + st.ID
	view := staffMemberPage{dashPage: h.page(c, "staff", "staff.member.title"), ID: st.ID, Name: st.Name, Email: st.Email,
		RoleLabel: loc.T("role." + string(st.Role)), LastLogin: loc.T("common.never"), Phone: st.Phone, Active: st.Active,
		MustChange: st.MustChangePassword, IsSelf: st.ID == operations.Caller(c).ID, OneTimePassword: h.takeOneTimeFlash(c, st.ID),
		DeactivateAction: base + "/deactivate", ResetAction: base + "/reset-password", ReassignAction: base + "/reassign"}
	if st.LastLoginAt != nil {
		view.LastLogin = loc.When(*st.LastLoginAt)
	}
	for _, ct := range citizens {
		view.Citizens = append(view.Citizens, citizenReassignView{ID: ct.ID, Name: ct.Name,
			StatusLabel: loc.T("status." + string(ct.Status)), Href: "/dashboard/citizens/" + ct.ID})
	}
	for _, w := range all {
		if w.Active && w.Role == models.RoleLinkWorker && w.ID != st.ID {
			view.Workers = append(view.Workers, workerOption{ID: w.ID, Name: w.Name})
		}
	}
	view.Notice = h.staffNotice(c, loc)
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "admin_staff_member", view)
}

// staffNotice confirms what the last form did.
func (h *Handlers) staffNotice(c *fiber.Ctx, loc locale) string {
	switch {
	case c.Query("created") != "":
		return loc.T("staff.notice.created")
	case c.Query("reset") != "":
		return loc.T("staff.notice.reset")
	case c.Query("deactivated") != "":
		return loc.T("staff.notice.deactivated")
	case c.Query("reassigned") != "":
		n, _ := strconv.Atoi(c.Query("reassigned"))
		return fmt.Sprintf(loc.T("staff.notice.reassigned"), n)
	}
	return ""
}

// staffAndCitizensInPath loads the staff member named in the path, active or not, and the citizens
// assigned to them.
func (h *Handlers) staffAndCitizensInPath(c *fiber.Ctx) (*models.Staff, []models.CitizenRef, error) {
	if !models.ValidID(c.Params("id")) {
		return nil, nil, models.NotFound("staff member")
	}
	st, err := h.Store.StaffMember(c.UserContext(), c.Params("id"))
	if err != nil {
		return nil, nil, err
	}
	citizens, err := h.Store.CitizensOfWorker(c.UserContext(), st.ID)
	if err != nil {
		return nil, nil, err
	}
	return st, citizens, nil
}

// requireConfirmed refuses a form whose "I am sure" box is not ticked: deactivation and a
// password reset cannot be undone.
func requireConfirmed(c *fiber.Ctx) error {
	if c.FormValue("confirm") != "yes" {
		return models.Invalid("confirm", "Tick the box to confirm; this cannot be undone.")
	}
	return nil
}

// HandleDeactivateStaff deactivates a staff member (signed out everywhere at once) and shows
// their page, where their citizens wait for reassignment.
func (h *Handlers) HandleDeactivateStaff(c *fiber.Ctx) error {
	if err := requireConfirmed(c); err != nil {
		return err
	}
	st, err := h.Store.DeactivateStaff(c.UserContext(), c.Params("id"), operations.Caller(c).ID)
	if err != nil {
		return err
	}
	h.Audit(c, "deactivate_staff", "staff", st.ID)
	return c.Redirect(dashStaffPath+"/"+st.ID+"?deactivated=1#citizens", fiber.StatusSeeOther)
}

// HandleResetStaffPassword gives the person a new one-time password, shown once on their page.
func (h *Handlers) HandleResetStaffPassword(c *fiber.Ctx) error {
	if err := requireConfirmed(c); err != nil {
		return err
	}
	st, pw, err := h.Store.ResetStaffPassword(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	h.Audit(c, "reset_password", "staff", st.ID)
	if err := h.setOneTimeFlash(c, st.ID, pw); err != nil {
		return err
	}
	return c.Redirect(dashStaffPath+"/"+st.ID+"?reset=1", fiber.StatusSeeOther)
}

// HandleReassignCitizens moves the person's citizens in one step: link_worker_id for all,
// link_worker_id_<citizen id> for one. All move or none do; each move is audited like
// POST /v1/citizens/{id}/reassign.
func (h *Handlers) HandleReassignCitizens(c *fiber.Ctx) error {
	ctx := c.UserContext()
	st, citizens, err := h.staffAndCitizensInPath(c)
	if err != nil {
		return err
	}
	per := map[string]string{}
	for _, ct := range citizens {
		if to := c.FormValue("link_worker_id_" + ct.ID); to != "" {
			per[ct.ID] = to
		}
	}
	moved, err := h.Store.ReassignAll(ctx, st.ID, c.FormValue("link_worker_id"), per)
	if err != nil {
		return err
	}
	for _, id := range moved {
		h.Audit(c, "reassign", "citizen", id)
	}
	return c.Redirect(fmt.Sprintf("%s/%s?reassigned=%d#citizens", dashStaffPath, st.ID, len(moved)), fiber.StatusSeeOther)
}
