package api

import (
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// audit records who read or changed a citizen's record. A failure to write the audit log is
// logged loudly but does not fail the request the person is waiting for.
func (h *handlers) audit(c *fiber.Ctx, action, objectType, objectID string) {
	me := caller(c)
	var actor *string
	if me.ID != "" {
		actor = &me.ID
	}
	err := h.deps.Store.Audit(c.UserContext(), models.AuditEntry{ActorID: actor, ActorRole: me.Role, Action: action,
		ObjectType: objectType, ObjectID: objectID, RequestID: requestID(c)})
	if err != nil {
		h.deps.Logger.Error("audit log write failed", "request_id", requestID(c), "action", action, "error", err.Error())
	}
}

// auditShown records which citizens a list page showed the caller: one entry per citizen (see
// models.Store.AuditShown for why), same action and request id.
func (h *handlers) auditShown(c *fiber.Ctx, action string, citizenIDs []string) {
	me := caller(c)
	var actor *string
	if me.ID != "" {
		actor = &me.ID
	}
	err := h.deps.Store.AuditShown(c.UserContext(), models.AuditEntry{ActorID: actor, ActorRole: me.Role, Action: action,
		RequestID: requestID(c)}, citizenIDs)
	if err != nil {
		h.deps.Logger.Error("audit log write failed", "request_id", requestID(c), "action", action, "error", err.Error())
	}
}

// citizenIDsOf picks the citizen ids out of a list page's items (items about no citizen, such as
// an unknown sender's flag, give "" and are skipped).
func citizenIDsOf[T any](items []T, id func(*T) string) []string {
	out := make([]string, 0, len(items))
	for i := range items {
		if v := id(&items[i]); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func caseloadRowID(r *models.CaseloadRow) string             { return r.ID }
func inboxItemCitizen(it *models.InboxItem) string           { return it.CitizenID }
func referralItemCitizen(it *models.ReferralListItem) string { return it.CitizenID }
func citizenRefID(r *models.CitizenRef) string               { return r.ID }
func reviewItemCitizen(it *models.ReviewItem) string {
	if it.CitizenID == nil {
		return ""
	}
	return *it.CitizenID
}
