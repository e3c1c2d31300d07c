package api

import (
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// auditItem is one audit entry: who (actor) did what (action) to which object, when.
type auditItem struct {
	ID         string    `json:"id"`
	At         time.Time `json:"at"`
	ActorID    *string   `json:"actor_id"`
	ActorName  string    `json:"actor_name"`
	ActorRole  string    `json:"actor_role"`
	Action     string    `json:"action"`
	ObjectType string    `json:"object_type"`
	ObjectID   string    `json:"object_id"`
	RequestID  string    `json:"request_id"`
}

type auditResponse struct {
	Items      []auditItem `json:"items"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

// auditQuery reads the audit log's filters, shared by the API and the dashboard: staff_id,
// citizen_id, action, from and to (dates in the site's time zone, both inclusive), cursor and limit.
func (h *handlers) auditQuery(c *fiber.Ctx) (models.AuditQuery, error) {
	limit, err := pageLimit(c)
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

// localDay is the start of the day s (YYYY-MM-DD) plus addDays, in the site's time zone; "" is
// the zero time (no bound).
func (h *handlers) localDay(field, s string, addDays int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	loc := h.deps.Location
	if loc == nil {
		loc = time.UTC
	}
	d, err := time.ParseInLocation(dateLayout, s, loc)
	if err != nil || d.Year() < 2000 || d.Year() > 9000 {
		return time.Time{}, models.Invalid(field, "The %s date must be written YYYY-MM-DD.", field)
	}
	return d.AddDate(0, 0, addDays), nil
}

// handleAuditLog lists the audit log newest first, filtered and keyset-paginated (admins only;
// read-only: there is no route that changes the log).
func (h *handlers) handleAuditLog(c *fiber.Ctx) error {
	q, err := h.auditQuery(c)
	if err != nil {
		return err
	}
	page, err := h.deps.Store.AuditLog(c.UserContext(), q)
	if err != nil {
		return err
	}
	out := auditResponse{Items: make([]auditItem, 0, len(page.Rows)), NextCursor: page.NextCursor}
	for _, r := range page.Rows {
		out.Items = append(out.Items, auditItem{ID: r.ID, At: r.At, ActorID: r.ActorID, ActorName: r.ActorName, ActorRole: r.ActorRole,
			Action: r.Action, ObjectType: r.ObjectType, ObjectID: r.ObjectID, RequestID: r.RequestID})
	}
	return c.JSON(out)
}
