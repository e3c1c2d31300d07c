package dashboard

import (
	"brobygger/api/operations"
	"net/url"
	"slices"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type auditPage struct {
	dashPage
	StaffID, CitizenID, From, To string
	Staff                        []workerOption
	Rows                         []auditRowView
	FirstHref, NextHref          string
}

type auditRowView struct {
	When, ActorName, ActorRole, Action, Object, ObjectHref, FilterHref string
}

// HandleAudit is the audit log for admins: a filter form (staff member, citizen, dates)
// and a read-only table, newest first, a page at a time.
func (h *Handlers) HandleAudit(c *fiber.Ctx) error {
	q, err := h.AuditQuery(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	page, err := h.Store.AuditLog(ctx, q)
	if err != nil {
		return err
	}
	var ids []string
	for _, r := range page.Rows {
		if r.ObjectType == "citizen" {
			ids = append(ids, r.ObjectID)
		}
	}
	names, err := h.Store.CitizenNames(ctx, ids)
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_audit_log", ids)
	staff, err := h.Store.ListStaff(ctx)
	if err != nil {
		return err
	}
	loc := h.dash.locale(dashLang(c))
	filters := url.Values{}
	for _, k := range []string{"staff_id", "citizen_id", "from", "to"} {
		if v := c.Query(k); v != "" {
			filters.Set(k, v)
		}
	}
	view := auditPage{dashPage: h.page(c, "audit", "audit.title"), StaffID: q.ActorID, CitizenID: q.CitizenID,
		From: c.Query("from"), To: c.Query("to")}
	staffNames := map[string]string{}
	for _, s := range staff {
		view.Staff = append(view.Staff, workerOption{ID: s.ID, Name: s.Name})
		staffNames[s.ID] = s.Name
	}
	for _, r := range page.Rows {
		view.Rows = append(view.Rows, h.auditRow(loc, r, names, staffNames))
	}
	if q.Cursor != "" {
		view.FirstHref = "/dashboard/admin/audit?" + filters.Encode()
	}
	if page.NextCursor != "" {
		next := url.Values{}
		for k, v := range filters {
			next[k] = v
		}
		next.Set("cursor", page.NextCursor)
		view.NextHref = "/dashboard/admin/audit?" + next.Encode()
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "admin_audit", view)
}

// auditRow writes one entry for people: the action and role in words, the object by name with
// links to it and to its own log.
func (h *Handlers) auditRow(loc locale, r models.AuditRow, citizenNames, staffNames map[string]string) auditRowView {
	row := auditRowView{When: loc.When(r.At), ActorName: r.ActorName, Action: r.Action, Object: r.ObjectType + " " + r.ObjectID}
	// Known actions read as words; one added later shows its code until it has words.
	if s, ok := h.dash.catalogue().Lookup("audit.action."+r.Action, loc.Lang()); ok {
		row.Action = s
	}
	if slices.Contains(auditActorRoles, r.ActorRole) {
		row.ActorRole = loc.T("role." + r.ActorRole)
	}
	if r.ActorName == "" {
		row.ActorName = loc.T("audit.actor_none")
	}
	switch r.ObjectType {
	case "staff":
		if n, ok := staffNames[r.ObjectID]; ok {
			row.Object, row.ObjectHref = n, dashStaffPath+"/"+r.ObjectID
		}
	case "citizen":
		row.Object = loc.T("audit.citizen_gone")
		if n, ok := citizenNames[r.ObjectID]; ok {
			row.Object, row.ObjectHref = n, "/dashboard/citizens/"+r.ObjectID
		}
		row.FilterHref = "/dashboard/admin/audit?" + url.Values{"citizen_id": {r.ObjectID}}.Encode()
	}
	return row
}

// auditActorRoles are the roles an audit entry's actor can have; each has a word (role.*).
var auditActorRoles = []string{string(models.RoleLinkWorker), string(models.RoleAdmin), operations.RoleCitizen}
