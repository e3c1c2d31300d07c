package dashboard

import (
	"net/url"
	"strconv"

	"brobygger/models/report"

	"github.com/gofiber/fiber/v2"
)

// reportPage is the commissioner's report on the dashboard: a period form, then one section per
// theme, each with its charts and the tables of their figures (with a CSV link each).
type reportPage struct {
	dashPage
	From, To  string
	Period    string
	Referrals string
	Sections  []reportSection
}

type reportSection struct {
	ID, Title, Note string
	Charts          []barChart
	Tables          []reportTableView
}

type reportTableView struct {
	ID, Caption, CSVHref string
	Header               []string
	Rows                 [][]string
}

// HandleReport renders the report for admins (audited like the JSON).
func (h *Handlers) HandleReport(c *fiber.Ctx) error {
	r, p, err := h.CommissionerReport(c)
	if err != nil {
		return err
	}
	h.Audit(c, "commissioner_report", "report", p.FromDate+".."+p.ToDate)
	loc := h.dash.locale(dashLang(c))
	v := reportPage{dashPage: h.page(c, "report", "report.title"), From: p.FromDate, To: p.ToDate,
		Period: loc.Day(p.From) + " – " + loc.Day(p.To.AddDate(0, 0, -1)), Referrals: cellOrHidden(r.Referrals)}
	tables, raw := map[string]reportTableView{}, map[string]report.Table{}
	for _, t := range r.Tables() {
		tables[t.Name], raw[t.Name] = reportTable(loc, t, p.FromDate, p.ToDate), t
	}
	chart := func(name, table string, label, value int) barChart {
		return tableChart(loc, name, raw[table], label, value)
	}
	v.Sections = []reportSection{
		{ID: "months", Title: loc.T("report.months.title"), Charts: []barChart{chart("months", "referrals_by_month", 0, 1)}, Tables: []reportTableView{tables["referrals_by_month"]}},
		{ID: "clinics", Title: loc.T("report.clinics.title"), Charts: []barChart{chart("clinics", "referrals_by_clinic", 0, 1)}, Tables: []reportTableView{tables["referrals_by_clinic"]}},
		{ID: "path", Title: loc.T("report.path.title"), Note: loc.T("report.path.note"), Charts: []barChart{chart("path", "path", 0, 1)},
			Tables: []reportTableView{tables["path"], tables["path_times"]}},
		{ID: "age", Title: loc.T("report.age.title"), Note: loc.T("report.age.note"), Charts: []barChart{chart("age", "age", 0, 1)}, Tables: []reportTableView{tables["age"]}},
		{ID: "offers", Title: loc.T("report.offers.title"), Charts: []barChart{chart("offers", "offers", 1, 2)}, Tables: []reportTableView{tables["offers"]}},
		{ID: "outcomes", Title: loc.T("report.outcomes.title"), Note: loc.T("report.outcomes.note"),
			Charts: []barChart{outcomeChart(loc, r, "who5", 100), outcomeChart(loc, r, "ucla3", 9)}, Tables: []reportTableView{tables["outcomes"]}},
		{ID: "endings", Title: loc.T("report.endings.title"), Note: loc.T("report.endings.note"), Charts: []barChart{chart("endings", "endings", 1, 2)},
			Tables: []reportTableView{tables["endings"]}},
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "admin_report", v)
}

// reportTable is a report table for people: headers and codes in words, decimals with the
// language's mark, the share as a percentage; the offer's id and the suppressed flag are left to
// the CSV (the "<5" and "x" say it on the page).
func reportTable(loc locale, t report.Table, from, to string) reportTableView {
	v := reportTableView{ID: "table-" + t.Name, Caption: loc.T("report.table." + t.Name),
		CSVHref: "/v1/admin/report.csv?" + url.Values{"table": {t.Name}, "from": {from}, "to": {to}}.Encode()}
	var keep []int
	for i, col := range t.Header {
		if col == "offer_id" || col == "suppressed" {
			continue
		}
		keep = append(keep, i)
		v.Header = append(v.Header, loc.T("report.col."+col))
	}
	for _, row := range t.Rows {
		var out []string
		for _, i := range keep {
			out = append(out, reportCell(loc, t.Header[i], row[0], row[i]))
		}
		v.Rows = append(v.Rows, out)
	}
	return v
}

// cellOrHidden writes the cohort's size; hidden, it is itself below five.
func cellOrHidden(n *int) string {
	if n == nil {
		return report.Hidden
	}
	return strconv.Itoa(*n)
}
