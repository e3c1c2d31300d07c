package api

import (
	"net/url"

	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

// dashCaseloadPageSize is how many citizens one caseload page lists.
const dashCaseloadPageSize = 25

// dashStatuses are the engagement statuses in the order of a citizen's path (the filter's options).
var dashStatuses = []models.CitizenStatus{models.StatusReferred, models.StatusAwaitingContact, models.StatusContacted,
	models.StatusConfirmed, models.StatusEngaged, models.StatusDrifting, models.StatusUnreachable, models.StatusDeclined,
	models.StatusOptedOut, models.StatusCompleted}

// dashSorts are the caseload's sort orders (models.CaseloadQuery.Sort).
var dashSorts = []string{"created", "name", "last_contact"}

type caseloadPage struct {
	dashPage
	Admin         bool
	Status        string
	StatusOptions []selectOption
	SortOptions   []selectOption
	Rows          []caseloadRowView
	NextHref      string
	FirstHref     string
}

type selectOption struct {
	Value, Label string
	Selected     bool
}

type caseloadRowView struct {
	Href, Name, StatusLabel, RAG string
	Paused                       bool
	OpenFlags, UrgentFlags       int
	LastReply, LastSent, Created string
}

// handleDashCaseload lists the caller's citizens (an admin's: everyone's) with their status
// colour, filtered by ?status= and sorted by ?sort=, a page at a time via ?cursor=.
func (h *handlers) handleDashCaseload(c *fiber.Ctx) error {
	me := caller(c)
	q := models.CaseloadQuery{WorkerID: me.ID, Sort: c.Query("sort"), Cursor: c.Query("cursor"), Limit: dashCaseloadPageSize}
	if me.IsAdmin() {
		q.WorkerID = ""
	}
	status := c.Query("status")
	if status != "" {
		if !knownStatus(status) {
			return models.Invalid("status", "There is no status called %q.", status)
		}
		q.Statuses = []models.CitizenStatus{models.CitizenStatus(status)}
	}
	page, err := h.deps.Store.Caseload(c.UserContext(), q)
	if err != nil {
		return err
	}
	sort := q.Sort
	if sort == "" {
		sort = dashSorts[0]
	}
	loc := h.dash.locale(dashLang(c))
	view := caseloadPage{dashPage: h.page(c, "caseload", "caseload.title"), Admin: me.IsAdmin(), Status: status,
		StatusOptions: options(statusValues(), status, "status.", loc), SortOptions: options(dashSorts, sort, "caseload.sort.", loc)}
	for _, r := range page.Rows {
		view.Rows = append(view.Rows, caseloadRowView{Href: "/dashboard/citizens/" + r.ID, Name: r.Name, RAG: ragOf(r),
			StatusLabel: loc.T("status." + string(r.Status)), Paused: r.PausedAt != nil, OpenFlags: r.OpenFlags,
			UrgentFlags: r.UrgentFlags, LastReply: loc.WhenOrNever(r.LastInboundAt), LastSent: loc.WhenOrNever(r.LastOutboundAt),
			Created: loc.When(r.CreatedAt)})
	}
	filter := url.Values{"status": {status}, "sort": {q.Sort}}
	if page.NextCursor != "" {
		view.NextHref = caseloadHref(filter, page.NextCursor)
	}
	if q.Cursor != "" {
		view.FirstHref = caseloadHref(filter, "")
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "caseload", view)
}

// caseloadHref keeps the filter and sort when paging; empty values are left out of the link.
func caseloadHref(filter url.Values, cursor string) string {
	v := url.Values{}
	for k, vals := range filter {
		if vals[0] != "" {
			v.Set(k, vals[0])
		}
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return dashHomePath
	}
	return dashHomePath + "?" + v.Encode()
}

func knownStatus(s string) bool {
	for _, st := range dashStatuses {
		if string(st) == s {
			return true
		}
	}
	return false
}

func statusValues() []string {
	out := make([]string, len(dashStatuses))
	for i, st := range dashStatuses {
		out[i] = string(st)
	}
	return out
}

// options builds a select's options with words from the catalogue (prefix + value).
func options(values []string, selected, prefix string, loc dashLocale) []selectOption {
	out := make([]selectOption, 0, len(values))
	for _, v := range values {
		out = append(out, selectOption{Value: v, Label: loc.T(prefix + v), Selected: v == selected})
	}
	return out
}
