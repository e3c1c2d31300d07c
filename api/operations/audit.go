package operations

import (
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// Audit records who read or changed a citizen's record. A failure to write the audit log is
// logged loudly but does not fail the request the person is waiting for.
func (h *Service) Audit(c *fiber.Ctx, action, objectType, objectID string) {
	me := Caller(c)
	var actor *string
	if me.ID != "" {
		actor = &me.ID
	}
	err := h.Store.Audit(c.UserContext(), models.AuditEntry{ActorID: actor, ActorRole: me.Role, Action: action,
		ObjectType: objectType, ObjectID: objectID, RequestID: RequestID(c)})
	if err != nil {
		h.Logger.Error("audit log write failed", "request_id", RequestID(c), "action", action, "error", err.Error())
	}
}

// AuditShown records which citizens a list page showed the caller: one entry per citizen (see
// models.Store.AuditShown for why), same action and request id.
func (h *Service) AuditShown(c *fiber.Ctx, action string, citizenIDs []string) {
	me := Caller(c)
	var actor *string
	if me.ID != "" {
		actor = &me.ID
	}
	err := h.Store.AuditShown(c.UserContext(), models.AuditEntry{ActorID: actor, ActorRole: me.Role, Action: action,
		RequestID: RequestID(c)}, citizenIDs)
	if err != nil {
		h.Logger.Error("audit log write failed", "request_id", RequestID(c), "action", action, "error", err.Error())
	}
}

// CitizenIDsOf picks the citizen ids out of a list page's items (items about no citizen, such as
// an unknown sender's flag, give "" and are skipped).
func CitizenIDsOf[T any](items []T, id func(*T) string) []string {
	out := make([]string, 0, len(items))
	for i := range items {
		if v := id(&items[i]); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func CaseloadRowID(r *models.CaseloadRow) string             { return r.ID }
func InboxItemCitizen(it *models.InboxItem) string           { return it.CitizenID }
func ReferralItemCitizen(it *models.ReferralListItem) string { return it.CitizenID }
func CitizenRefID(r *models.CitizenRef) string               { return r.ID }
func ReviewItemCitizen(it *models.ReviewItem) string {
	if it.CitizenID == nil {
		return ""
	}
	return *it.CitizenID
}
