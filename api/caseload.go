package api

import (
	"strings"
	"time"

	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

type caseloadItem struct {
	CitizenID      string     `json:"citizen_id"`
	Name           string     `json:"name"`
	Status         string     `json:"status"`
	RAG            string     `json:"rag"`
	LinkWorkerID   string     `json:"link_worker_id"`
	Paused         bool       `json:"paused"`
	OpenFlags      int        `json:"open_flags"`
	UrgentFlags    int        `json:"urgent_flags"`
	LastInboundAt  *time.Time `json:"last_inbound_at"`
	LastOutboundAt *time.Time `json:"last_outbound_at"`
	CreatedAt      time.Time  `json:"created_at"`
}

type caseloadResponse struct {
	Items      []caseloadItem `json:"items"`
	NextCursor string         `json:"next_cursor,omitempty"`
}

// handleCaseload lists the caller's citizens (an admin sees everyone, or one worker's with
// ?link_worker_id=). Filters: ?status=a,b; sort: ?sort=created|name|last_contact; ?cursor, ?limit.
func (h *handlers) handleCaseload(c *fiber.Ctx) error {
	me := caller(c)
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	q := models.CaseloadQuery{WorkerID: me.ID, Sort: c.Query("sort"), Cursor: c.Query("cursor"), Limit: limit}
	if me.IsAdmin() {
		q.WorkerID = c.Query("link_worker_id")
	}
	for _, st := range strings.Split(c.Query("status"), ",") {
		if st != "" {
			q.Statuses = append(q.Statuses, models.CitizenStatus(st))
		}
	}
	page, err := h.deps.Store.Caseload(c.UserContext(), q)
	if err != nil {
		return err
	}
	out := caseloadResponse{Items: make([]caseloadItem, 0, len(page.Rows)), NextCursor: page.NextCursor}
	for _, r := range page.Rows {
		out.Items = append(out.Items, caseloadItem{CitizenID: r.ID, Name: r.Name, Status: string(r.Status), RAG: ragOf(r),
			LinkWorkerID: r.LinkWorkerID, Paused: r.PausedAt != nil, OpenFlags: r.OpenFlags, UrgentFlags: r.UrgentFlags,
			LastInboundAt: r.LastInboundAt, LastOutboundAt: r.LastOutboundAt, CreatedAt: r.CreatedAt})
	}
	return c.JSON(out)
}

// ragOf colours a citizen for the link worker: red needs action now, amber needs attention.
func ragOf(r models.CaseloadRow) string {
	switch {
	case r.UrgentFlags > 0 || r.PausedAt != nil || r.Status == models.StatusUnreachable:
		return "red"
	case r.OpenFlags > 0 || r.Status == models.StatusDrifting || r.Status == models.StatusContacted || r.Status == models.StatusAwaitingContact:
		return "amber"
	}
	return "green"
}
