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

// defaultCaseloadSort is how the caseload opens: who needs the link worker first.
const defaultCaseloadSort = "need"

// handleCaseload lists the caller's citizens (an admin sees everyone, or one worker's with
// ?link_worker_id=). Filters: ?status=a,b, ?q= (name or phone); sort: ?sort=need (default)
// |created|name|last_contact; ?cursor, ?limit.
func (h *handlers) handleCaseload(c *fiber.Ctx) error {
	me := caller(c)
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	q, err := h.caseloadQuery(c, c.Query("sort"), limit)
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
	h.auditShown(c, "view_caseload", citizenIDsOf(page.Rows, caseloadRowID))
	counts, err := h.deps.Store.CaseloadCounts(c.UserContext(), q.WorkerID)
	if err != nil {
		return err
	}
	out := caseloadResponse{Items: make([]caseloadItem, 0, len(page.Rows)), NextCursor: page.NextCursor,
		Counts: make(map[string]int, len(dashStatuses))}
	for _, st := range dashStatuses {
		out.Counts[string(st)] = counts[st]
	}
	for _, r := range page.Rows {
		out.Items = append(out.Items, caseloadItem{CitizenID: r.ID, Name: r.Name, Status: string(r.Status), RAG: ragOf(r),
			Need: r.NeedRank.String(), LinkWorkerID: r.LinkWorkerID, Paused: r.PausedAt != nil, OpenFlags: r.OpenFlags,
			UrgentFlags: r.UrgentFlags, LastInboundAt: r.LastInboundAt, LastOutboundAt: r.LastOutboundAt, CreatedAt: r.CreatedAt})
	}
	return c.JSON(out)
}

// caseloadQuery is the part of a caseload query the JSON and dashboard pages share: the
// caller's scope, the sort (need unless asked), the search and the site's working days.
func (h *handlers) caseloadQuery(c *fiber.Ctx, sort string, limit int) (models.CaseloadQuery, error) {
	me := caller(c)
	if sort == "" {
		sort = defaultCaseloadSort
	}
	w, err := h.deps.Store.SiteSendWindow(c.UserContext(), h.sendWindow())
	if err != nil {
		return models.CaseloadQuery{}, err
	}
	return models.CaseloadQuery{WorkerID: me.ID, Sort: sort, Cursor: c.Query("cursor"), Limit: limit,
		Search: c.Query("q"), Window: w}, nil
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
