package api

import (
	"brobygger/api/operations"
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
	Need           string     `json:"need"`
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
	// Counts is the number of open citizens in each status on the whole caseload (every
	// status, zeros too), whatever the filter, search or page.
	Counts map[string]int `json:"counts"`
}

// handleCaseload lists the caller's citizens (an admin sees everyone, or one worker's with
// ?link_worker_id=). Filters: ?status=a,b, ?q= (name or phone); sort: ?sort=need (default)
// |created|name|last_contact; ?cursor, ?limit.
func (h *handlers) handleCaseload(c *fiber.Ctx) error {
	me := operations.Caller(c)
	limit, err := operations.PageLimit(c)
	if err != nil {
		return err
	}
	q, err := h.CaseloadQuery(c, c.Query("sort"), limit)
	if err != nil {
		return err
	}
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
	h.AuditShown(c, "view_caseload", operations.CitizenIDsOf(page.Rows, operations.CaseloadRowID))
	counts, err := h.deps.Store.CaseloadCounts(c.UserContext(), q.WorkerID)
	if err != nil {
		return err
	}
	out := caseloadResponse{Items: make([]caseloadItem, 0, len(page.Rows)), NextCursor: page.NextCursor,
		Counts: make(map[string]int, len(operations.CitizenStatuses))}
	for _, st := range operations.CitizenStatuses {
		out.Counts[string(st)] = counts[st]
	}
	for _, r := range page.Rows {
		out.Items = append(out.Items, caseloadItem{CitizenID: r.ID, Name: r.Name, Status: string(r.Status), RAG: operations.RagOf(r),
			Need: r.NeedRank.String(), LinkWorkerID: r.LinkWorkerID, Paused: r.PausedAt != nil, OpenFlags: r.OpenFlags,
			UrgentFlags: r.UrgentFlags, LastInboundAt: r.LastInboundAt, LastOutboundAt: r.LastOutboundAt, CreatedAt: r.CreatedAt})
	}
	return c.JSON(out)
}
