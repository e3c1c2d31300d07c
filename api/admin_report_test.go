package api_test

import (
	"brobygger/api/apitest"
	"context"
	"fmt"
	"strings"
	"testing"

	"brobygger/models"
)

// TestAPI_CommissionerReport: the report counts the period's referrals, hides a clinic of two and
// the smallest other clinic with it (the total would give it away), is the same in the CSV, and
// is for admins only, audited.
func TestAPI_CommissionerReport(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		for i := range 13 {
			clinic, born := "Lægehuset A", 1950
			switch {
			case i >= 11:
				clinic, born = "Lægehuset B", 1990
			case i >= 6:
				clinic, born = "Lægehuset C", 1990
			}
			apitest.ReferFrom(e, lw.AccessToken, fmt.Sprintf("264100%02d", i), clinic, born)
		}
		for _, path := range []string{"/v1/admin/report", "/v1/admin/report.csv?table=path"} {
			if r := e.Client.Do(apitest.NewJSONRequest("GET", path, nil, lw.AccessToken)); r.Status != 403 {
				t.Fatalf("a link worker got %s: %d", path, r.Status)
			}
		}

		r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/report", nil, admin.AccessToken))
		var rep struct {
			From, To  string
			Referrals *int
			ByMonth   []struct {
				Month     string
				Referrals *int
			} `json:"referrals_by_month"`
			ByClinic []struct {
				Clinic     string
				Referrals  *int
				Suppressed bool
			} `json:"referrals_by_clinic"`
			Age struct {
				Share *float64 `json:"share_60_plus"`
			}
			Path []struct {
				Step     string
				Citizens *int
			}
		}
		r.JSON(t, &rep)
		if r.Status != 200 || rep.From != "2025-12-01" || rep.To != "2026-11-23" || rep.Referrals == nil || *rep.Referrals != 13 {
			t.Fatalf("report: %d %s", r.Status, r.Body)
		}
		if len(rep.ByMonth) != 12 || rep.ByMonth[11].Month != "2026-11" || *rep.ByMonth[11].Referrals != 13 || *rep.ByMonth[0].Referrals != 0 {
			t.Errorf("months = %+v", rep.ByMonth)
		}
		got := ""
		for _, c := range rep.ByClinic {
			got += fmt.Sprintf("%s=%v/%v ", c.Clinic, c.Referrals != nil, c.Suppressed)
		}
		if got != "Lægehuset A=true/false Lægehuset C=false/true Lægehuset B=false/true " {
			t.Errorf("clinics = %s", got)
		}
		if rep.Age.Share == nil || *rep.Age.Share != 0.462 || *rep.Path[0].Citizens != 13 || *rep.Path[1].Citizens != 0 {
			t.Errorf("age share %v, path %s", *rep.Age.Share, r.Body)
		}

		r = e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/report.csv?table=referrals_by_clinic", nil, admin.AccessToken))
		if want := "clinic,referrals,suppressed\nLægehuset A,6,false\nLægehuset C,x,true\nLægehuset B,<5,true\n"; r.Status != 200 || string(r.Body) != want ||
			!strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
			t.Errorf("clinics csv: %d %q", r.Status, r.Body)
		}
		if r := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/admin/report.csv?table=names", nil, admin.AccessToken)); r.Status != 400 {
			t.Errorf("unknown table: %d", r.Status)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/report?from=2026-11-24&to=2026-11-01", nil, admin.AccessToken)); r.Status != 400 {
			t.Errorf("to before from: %d", r.Status)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/report?from=2026-11-24&to=2026-11-30", nil, admin.AccessToken)); r.Status != 200 ||
			!strings.Contains(string(r.Body), `"referrals":0`) {
			t.Errorf("an empty period: %d %s", r.Status, r.Body)
		}
		trail, err := e.Store.AuditTrail(context.Background(), "2025-12-01..2026-11-23", 10)
		if err != nil || len(trail) != 1 || trail[0].Action != "commissioner_report" {
			t.Errorf("audit of the report = %+v %v", trail, err)
		}
		if trail, _ := e.Store.AuditTrail(context.Background(), "referrals_by_clinic:2025-12-01..2026-11-23", 10); len(trail) != 1 {
			t.Errorf("audit of the csv = %+v", trail)
		}
	})
}

// TestDashboardAdmin_ReportPage: the page draws each chart with a title and description, the
// tables beside them with CSV links, hidden figures as "<5" and "x"; a link worker gets 403.
func TestDashboardAdmin_ReportPage(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("admin@example.dk", models.RoleAdmin)
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		for i := range 7 {
			clinic := "Lægehuset A"
			if i >= 5 {
				clinic = "Lægehuset B"
			}
			apitest.ReferFrom(e, lw.AccessToken, fmt.Sprintf("264200%02d", i), clinic, 1950)
		}
		w := apitest.Browser(e)
		w.MustLogin("lw@example.dk")
		if res := w.Get("/dashboard/admin/report"); res.Status != 403 {
			t.Fatalf("a link worker got the report page: %d", res.Status)
		}
		b := apitest.Browser(e)
		b.MustLogin("admin@example.dk")
		page := b.Get("/dashboard/admin/report?from=2026-11-01&to=2026-11-30")
		body := string(page.Body)
		if page.Status != 200 {
			t.Fatalf("report page: %d %s", page.Status, body)
		}
		for _, want := range []string{`aria-current="page">Rapport<`, `<title id="chart-months-title">Henvisninger pr. måned</title>`,
			`aria-labelledby="chart-clinics-title chart-clinics-desc"`, `id="chart-who5"`, `id="chart-ucla3"`, `id="table-path_times"`,
			`<th scope="row">Lægehuset B</th><td>&lt;5</td>`, `<th scope="row">Lægehuset A</th><td>x</td>`, `<strong id="report-referrals">7</strong>`,
			`href="/v1/admin/report.csv?from=2026-11-01&amp;table=endings&amp;to=2026-11-30"`, `<th scope="row">60 år og derover</th><td>7</td>`} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
		if res := b.Get("/dashboard/admin/report?from=nope"); res.Status != 400 {
			t.Errorf("a bad date: %d", res.Status)
		}
	})
}
