package api

import (
	"time"

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

// handleAuditLog lists the audit log newest first, filtered and keyset-paginated (admins only;
// read-only: there is no route that changes the log).
func (h *handlers) handleAuditLog(c *fiber.Ctx) error {
	q, err := h.AuditQuery(c)
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
