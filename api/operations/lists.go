package operations

import (
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// DefaultCaseloadSort is how the caseload opens: who needs the link worker first.
const DefaultCaseloadSort = "need"

// CaseloadQuery is the part of a caseload query the JSON and dashboard pages share: the
// Caller's scope, the sort (need unless asked), the search and the site's working days.
func (h *Service) CaseloadQuery(c *fiber.Ctx, sort string, limit int) (models.CaseloadQuery, error) {
	me := Caller(c)
	if sort == "" {
		sort = DefaultCaseloadSort
	}
	w, err := h.Store.SiteSendWindow(c.UserContext(), h.SiteWindow())
	if err != nil {
		return models.CaseloadQuery{}, err
	}
	return models.CaseloadQuery{WorkerID: me.ID, Sort: sort, Cursor: c.Query("cursor"), Limit: limit,
		Search: c.Query("q"), Window: w}, nil
}

// RagOf colours a citizen for the link worker: red needs action now, amber needs attention.
func RagOf(r models.CaseloadRow) string {
	switch {
	case r.UrgentFlags > 0 || r.PausedAt != nil || r.Status == models.StatusUnreachable:
		return "red"
	case r.OpenFlags > 0 || r.Status == models.StatusDrifting || r.Status == models.StatusContacted || r.Status == models.StatusAwaitingContact:
		return "amber"
	}
	return "green"
}

var SeverityNames = map[models.Severity]string{models.SeverityInfo: "info", models.SeverityNormal: "normal",
	models.SeverityHigh: "high", models.SeverityUrgent: "urgent"}

// MarkHandled clears the message in the path, scoped to the caller, and audits it.
func (h *Service) MarkHandled(c *fiber.Ctx) (*models.InboxItem, error) {
	me := Caller(c)
	item, err := h.Store.MarkMessageHandled(c.UserContext(), c.Params("message_id"), me.ID, me.IsAdmin())
	if err != nil {
		return nil, err
	}
	h.Audit(c, "mark_message_handled", "citizen", item.CitizenID)
	return item, nil
}

// NoCitizenLabel is the dashboard text key shown in place of a citizen's name on a flag about no
// citizen: a staff account for the sign-in ceiling, an unknown sender otherwise.
func NoCitizenLabel(kind models.FlagKind) string {
	if kind == models.FlagSigninCeiling {
		return "review.staff_account"
	}
	return "review.unknown_sender"
}

// CitizenStatuses are the engagement statuses in the order of a citizen's path (the filter's options).
var CitizenStatuses = []models.CitizenStatus{models.StatusReferred, models.StatusAwaitingContact, models.StatusContacted,
	models.StatusConfirmed, models.StatusEngaged, models.StatusDrifting, models.StatusUnreachable, models.StatusDeclined,
	models.StatusOptedOut, models.StatusCompleted}

// ReferralStatuses are the statuses ?status= may name.
var ReferralStatuses = []models.ReferralStatus{models.ReferralReceived, models.ReferralAccepted, models.ReferralDeclined, models.ReferralClosed}
