package dashboard

import (
	"brobygger/api/operations"
	"net/url"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// dashCaseloadPageSize is how many citizens one caseload page lists.
const dashCaseloadPageSize = 25

// dashSorts are the caseload's sort orders (models.CaseloadQuery.Sort); the first is the default.
var dashSorts = []string{operations.DefaultCaseloadSort, "created", "name", "last_contact"}

type caseloadPage struct {
	dashPage
	Admin         bool
	Status        string
	Search        string
	Counts        []statusCount
	Total         int
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

// statusCount is one figure above the list: how many of the caseload are in a status, linking to
// the filter.
type statusCount struct {
	Label, Href string
	N           int
	Current     bool
}

type caseloadRowView struct {
	Href, Name, StatusLabel, RAG string
	// Need is the need rank's name and NeedLabel its words, shown for a flag that waits.
	Need, NeedLabel              string
	Paused                       bool
	OpenFlags, UrgentFlags       int
	LastReply, LastSent, Created string
}

// HandleCaseload lists the caller's citizens (an admin's: everyone's) with their status
// colour, filtered by ?status= and sorted by ?sort=, a page at a time via ?cursor=.
func (h *Handlers) HandleCaseload(c *fiber.Ctx) error {
	me := operations.Caller(c)
	q, err := h.CaseloadQuery(c, c.Query("sort"), dashCaseloadPageSize)
	if err != nil {
		return err
	}
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
	page, err := h.Store.Caseload(c.UserContext(), q)
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_caseload", operations.CitizenIDsOf(page.Rows, operations.CaseloadRowID))
	counts, err := h.Store.CaseloadCounts(c.UserContext(), q.WorkerID)
	if err != nil {
		return err
	}
	loc := h.dash.locale(dashLang(c))
	view := caseloadPage{dashPage: h.page(c, "caseload", "caseload.title"), Admin: me.IsAdmin(), Status: status,
		Search: q.Search, StatusOptions: options(statusValues(), status, "status.", loc), SortOptions: options(dashSorts, q.Sort, "caseload.sort.", loc)}
	view.Counts, view.Total = statusCounts(counts, status, loc)
	for _, r := range page.Rows {
		row := caseloadRowView{Href: "/dashboard/citizens/" + r.ID, Name: r.Name, RAG: operations.RagOf(r),
			StatusLabel: loc.T("status." + string(r.Status)), Paused: r.PausedAt != nil, OpenFlags: r.OpenFlags,
			UrgentFlags: r.UrgentFlags, LastReply: loc.whenOrNever(r.LastInboundAt), LastSent: loc.whenOrNever(r.LastOutboundAt),
			Created: loc.When(r.CreatedAt), Need: r.NeedRank.String()}
		if r.NeedRank <= models.NeedOverdueFlag {
			row.NeedLabel = loc.T("caseload.need." + row.Need)
		}
		view.Rows = append(view.Rows, row)
	}
	sortParam := q.Sort
	if sortParam == operations.DefaultCaseloadSort {
		sortParam = ""
	}
	filter := url.Values{"status": {status}, "sort": {sortParam}, "q": {q.Search}}
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

// statusCounts are the figures above the list, in path order, leaving out statuses nobody is in;
// each links to its filter (the current one back to all).
func statusCounts(counts map[models.CitizenStatus]int, current string, loc locale) ([]statusCount, int) {
	var out []statusCount
	total := 0
	for _, st := range operations.CitizenStatuses {
		n := counts[st]
		total += n
		if n == 0 {
			continue
		}
		href := dashHomePath + "?" + url.Values{"status": {string(st)}}.Encode()
		if string(st) == current {
			href = dashHomePath
		}
		out = append(out, statusCount{Label: loc.T("status." + string(st)), N: n, Href: href, Current: string(st) == current})
	}
	return out, total
}

func knownStatus(s string) bool {
	for _, st := range operations.CitizenStatuses {
		if string(st) == s {
			return true
		}
	}
	return false
}

func statusValues() []string {
	out := make([]string, len(operations.CitizenStatuses))
	for i, st := range operations.CitizenStatuses {
		out[i] = string(st)
	}
	return out
}

// options builds a select's options with words from the catalogue (prefix + value).
func options(values []string, selected, prefix string, loc locale) []selectOption {
	out := make([]selectOption, 0, len(values))
	for _, v := range values {
		out = append(out, selectOption{Value: v, Label: loc.T(prefix + v), Selected: v == selected})
	}
	return out
}
