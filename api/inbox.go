package api

import (
	"brobygger/api/operations"
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// inboxItem is one citizen's free-text SMS waiting for the link worker.
type inboxItem struct {
	MessageID   string    `json:"message_id"`
	CitizenID   string    `json:"citizen_id"`
	CitizenName string    `json:"citizen_name"`
	Body        string    `json:"body"`
	ReceivedAt  time.Time `json:"received_at"`
	// CrisisOpen says the citizen has an unacknowledged safety flag; CrisisSeverity is its
	// severity (the highest if several), null when there is none.
	CrisisOpen     bool    `json:"crisis_open"`
	CrisisSeverity *string `json:"crisis_severity"`
	// CanSMS is false when the citizen opted out or the number is invalid: phone them instead.
	CanSMS bool `json:"can_sms"`
}

type inboxResponse struct {
	Items      []inboxItem `json:"items"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

// handleInbox lists the free text waiting for a reply, newest first: a link worker's own
// citizens', or everyone's for an admin. ?limit (1-500, default 50) and ?cursor page it.
func (h *handlers) handleInbox(c *fiber.Ctx) error {
	me := operations.Caller(c)
	limit, err := operations.PageLimit(c)
	if err != nil {
		return err
	}
	q := models.InboxQuery{StaffID: me.ID, Admin: me.IsAdmin(), Cursor: c.Query("cursor"), Limit: limit}
	page, err := h.deps.Store.Inbox(c.UserContext(), q)
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_inbox", operations.CitizenIDsOf(page.Items, operations.InboxItemCitizen))
	out := inboxResponse{Items: make([]inboxItem, 0, len(page.Items)), NextCursor: page.NextCursor}
	for i := range page.Items {
		out.Items = append(out.Items, inboxItemOf(&page.Items[i]))
	}
	return c.JSON(out)
}

// handleInboxHandled marks one waiting message as handled without answering it.
func (h *handlers) handleInboxHandled(c *fiber.Ctx) error {
	item, err := h.MarkHandled(c)
	if err != nil {
		return err
	}
	return c.JSON(inboxItemOf(item))
}

func inboxItemOf(it *models.InboxItem) inboxItem {
	out := inboxItem{MessageID: it.MessageID, CitizenID: it.CitizenID, CitizenName: it.CitizenName, Body: it.Body,
		ReceivedAt: it.ReceivedAt, CrisisOpen: it.CrisisSeverity > 0, CanSMS: it.CanSMS}
	if it.CrisisSeverity > 0 {
		sev := operations.SeverityNames[it.CrisisSeverity]
		out.CrisisSeverity = &sev
	}
	return out
}
