package operations

import (
	"brobygger/models"
	"brobygger/models/report"
	"time"

	"github.com/gofiber/fiber/v2"
)

// AuditQuery reads the audit log's filters, shared by the API and the dashboard: staff_id,
// citizen_id, action, from and to (dates in the site's time zone, both inclusive), cursor and limit.
func (h *Service) AuditQuery(c *fiber.Ctx) (models.AuditQuery, error) {
	limit, err := PageLimit(c)
	if err != nil {
		return models.AuditQuery{}, err
	}
	q := models.AuditQuery{ActorID: c.Query("staff_id"), CitizenID: c.Query("citizen_id"), Action: c.Query("action"), Cursor: c.Query("cursor"), Limit: limit}
	if q.From, err = h.localDay("from", c.Query("from"), 0); err != nil {
		return q, err
	}
	if q.To, err = h.localDay("to", c.Query("to"), 1); err != nil {
		return q, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return q, models.Invalid("to", "The end date must not be before the start date.")
	}
	return q, nil
}

// DeletionRequestPage reads ?state (pending, the default, or all), cursor and limit, shared by the
// API and the dashboard, and audits the citizens shown.
func (h *Service) DeletionRequestPage(c *fiber.Ctx) (models.DeletionRequestPage, error) {
	limit, err := PageLimit(c)
	if err != nil {
		return models.DeletionRequestPage{}, err
	}
	state := c.Query("state", "pending")
	if state != "pending" && state != "all" {
		return models.DeletionRequestPage{}, models.Invalid("state", "The state must be pending or all.")
	}
	page, err := h.Store.DeletionRequests(c.UserContext(), state == "pending", c.Query("cursor"), limit)
	if err != nil {
		return page, err
	}
	ids := make([]string, len(page.Items))
	for i, it := range page.Items {
		ids[i] = it.CitizenID
	}
	h.AuditShown(c, "list_deletion_requests", ids)
	return page, nil
}

// EraseOnRequest carries out the deletion request of the citizen id (admins only): the store
// erases and writes the audit entry in one transaction.
func (h *Service) EraseOnRequest(c *fiber.Ctx, id string) (time.Time, error) {
	if !models.ValidID(id) {
		return time.Time{}, models.NotFound("deletion request")
	}
	me := Caller(c)
	return h.Store.EraseCitizen(c.UserContext(), models.Erasure{CitizenID: id, ActorID: &me.ID, ActorRole: me.Role,
		RequestID: RequestID(c), Reason: models.ActionEraseOnRequest, RequireRequest: true})
}

// CommissionerReport reads ?from= and ?to= and builds the suppressed report, shared by the JSON,
// the CSV and the dashboard page.
func (h *Service) CommissionerReport(c *fiber.Ctx) (report.Report, models.ReportPeriod, error) {
	p, err := models.ParseReportPeriod(c.Query("from"), c.Query("to"), h.Now(), h.LocalZone())
	if err != nil {
		return report.Report{}, p, err
	}
	f, err := h.Store.ReportFigures(c.UserContext(), p)
	if err != nil {
		return report.Report{}, p, err
	}
	return report.Build(f, p.FromDate, p.ToDate, h.Now()), p, nil
}

type NewStaffRequest struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	Phone string `json:"phone"`
}
