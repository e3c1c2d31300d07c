package api

import (
	"brobygger/api/operations"
	"slices"
	"strings"
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// referralListItem is a referral with who it is about, for the list of received referrals.
type referralListItem struct {
	ID             string    `json:"id"`
	CitizenID      string    `json:"citizen_id"`
	CitizenName    string    `json:"citizen_name"`
	Phone          string    `json:"phone"`
	Status         string    `json:"status"`
	CloseReason    string    `json:"close_reason,omitempty"`
	StatusNote     string    `json:"status_note,omitempty"`
	CitizenStatus  string    `json:"citizen_status"`
	LinkWorkerID   string    `json:"link_worker_id"`
	ReferrerName   string    `json:"referrer_name"`
	ReferrerClinic string    `json:"referrer_clinic"`
	Reason         string    `json:"reason"`
	CreatedAt      time.Time `json:"created_at"`
}

// handleListReferrals lists the caller's referrals newest first (an admin's: every site's),
// ?status=received,accepted by default, up to ?limit.
func (h *handlers) handleListReferrals(c *fiber.Ctx) error {
	me := operations.Caller(c)
	limit, err := operations.PageLimit(c)
	if err != nil {
		return err
	}
	q := models.ReferralListQuery{StaffID: me.ID, Admin: me.IsAdmin(), Limit: limit}
	statuses := c.Query("status", "received,accepted")
	for _, st := range strings.Split(statuses, ",") {
		if !slices.Contains(operations.ReferralStatuses, models.ReferralStatus(st)) {
			return models.Invalid("status", "The status must be received, accepted, declined or closed.")
		}
		q.Statuses = append(q.Statuses, models.ReferralStatus(st))
	}
	items, err := h.deps.Store.Referrals(c.UserContext(), q)
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_referrals", operations.CitizenIDsOf(items, operations.ReferralItemCitizen))
	out := struct {
		Items []referralListItem `json:"items"`
	}{Items: make([]referralListItem, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, referralListItem{ID: it.ID, CitizenID: it.CitizenID, CitizenName: it.CitizenName,
			Phone: it.CitizenPhone, Status: string(it.Status), CloseReason: string(it.CloseReason), StatusNote: it.StatusNote,
			CitizenStatus: string(it.CitizenStatus), LinkWorkerID: it.LinkWorkerID, ReferrerName: it.ReferrerName,
			ReferrerClinic: it.ReferrerClinic, Reason: it.Reason, CreatedAt: it.CreatedAt})
	}
	return c.JSON(out)
}
