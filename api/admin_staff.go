package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// staffView is a staff account as the admin's list shows it; never the password hash.
type staffView struct {
	ID                 string     `json:"id"`
	Name               string     `json:"name"`
	Email              string     `json:"email"`
	Role               string     `json:"role"`
	Phone              string     `json:"phone"`
	Active             bool       `json:"active"`
	MustChangePassword bool       `json:"must_change_password"`
	LastLoginAt        *time.Time `json:"last_login_at"`
	CaseloadSize       int        `json:"caseload_size"`
	CreatedAt          time.Time  `json:"created_at"`
}

func newStaffView(st models.Staff, caseload int) staffView {
	return staffView{ID: st.ID, Name: st.Name, Email: st.Email, Role: string(st.Role), Phone: st.Phone, Active: st.Active,
		MustChangePassword: st.MustChangePassword, LastLoginAt: st.LastLoginAt, CaseloadSize: caseload, CreatedAt: st.CreatedAt}
}

type staffListResponse struct {
	Items []staffView `json:"items"`
}

// handleListStaff lists every staff account with its caseload size (admins only).
func (h *handlers) handleListStaff(c *fiber.Ctx) error {
	list, err := h.deps.Store.ListStaff(c.UserContext())
	if err != nil {
		return err
	}
	out := staffListResponse{Items: make([]staffView, 0, len(list))}
	for _, l := range list {
		out.Items = append(out.Items, newStaffView(l.Staff, l.CaseloadSize))
	}
	return c.JSON(out)
}

// oneTimePasswordResponse shows a one-time password exactly once, in this response body: it is
// never in a URL, never logged, and only its hash is stored.
type oneTimePasswordResponse struct {
	Staff           staffView `json:"staff"`
	OneTimePassword string    `json:"one_time_password"`
}

// handleCreateStaff adds a link worker or admin with a one-time password they must change at
// their first sign-in (admins only; audited).
func (h *handlers) handleCreateStaff(c *fiber.Ctx) error {
	var req operations.NewStaffRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	st, pw, err := h.deps.Store.InviteStaff(c.UserContext(), models.NewStaff{Email: req.Email, Name: req.Name,
		Role: models.StaffRole(req.Role), Phone: req.Phone})
	if err != nil {
		return err
	}
	h.Audit(c, "create_staff", "staff", st.ID)
	return c.Status(fiber.StatusCreated).JSON(oneTimePasswordResponse{Staff: newStaffView(*st, 0), OneTimePassword: pw})
}

type citizenRefView struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
}

type deactivatedResponse struct {
	Staff staffView `json:"staff"`
	// Citizens are the person's citizens, for the admin to reassign (POST /v1/citizens/{id}/reassign).
	Citizens []citizenRefView `json:"citizens"`
}

// handleDeactivateStaff closes an account and signs the person out everywhere at once; the
// answer lists their citizens for reassignment (admins only; audited).
func (h *handlers) handleDeactivateStaff(c *fiber.Ctx) error {
	ctx := c.UserContext()
	st, err := h.deps.Store.DeactivateStaff(ctx, c.Params("id"), operations.Caller(c).ID)
	if err != nil {
		return err
	}
	h.Audit(c, "deactivate_staff", "staff", st.ID)
	citizens, err := h.deps.Store.CitizensOfWorker(ctx, st.ID)
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_staff_citizens", operations.CitizenIDsOf(citizens, operations.CitizenRefID))
	out := deactivatedResponse{Staff: newStaffView(*st, len(citizens)), Citizens: make([]citizenRefView, 0, len(citizens))}
	for _, ct := range citizens {
		out.Citizens = append(out.Citizens, citizenRefView{ID: ct.ID, Name: ct.Name, Status: string(ct.Status)})
	}
	return c.JSON(out)
}

// handleResetStaffPassword gives an active account a new one-time password, shown once, and
// ends every session of it (admins only; audited).
func (h *handlers) handleResetStaffPassword(c *fiber.Ctx) error {
	ctx := c.UserContext()
	st, pw, err := h.deps.Store.ResetStaffPassword(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	h.Audit(c, "reset_password", "staff", st.ID)
	citizens, err := h.deps.Store.CitizensOfWorker(ctx, st.ID)
	if err != nil {
		return err
	}
	return c.JSON(oneTimePasswordResponse{Staff: newStaffView(*st, len(citizens)), OneTimePassword: pw})
}
