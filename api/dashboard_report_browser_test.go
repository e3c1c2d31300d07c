package api_test

import (
	"fmt"
	"strings"
	"testing"

	"brobygger/models"

	"github.com/chromedp/chromedp"
)

// TestDashboard_BrowserReport opens the commissioner's report in headless Chromium: every chart
// is an image with a name, the page passes axe-core, and at 390 px only the tables scroll.
func TestDashboard_BrowserReport(t *testing.T) {
	chromium := chromiumPath(t)
	e := newAPIEnv(t, models.SQLite)
	e.staff("admin@frivilligcenter.dk", models.RoleAdmin)
	_, lw := e.staff("lone@frivilligcenter.dk", models.RoleLinkWorker)
	for i := range 9 {
		clinic, born := "Lægehuset Vesterbro", 1950
		if i >= 6 {
			clinic, born = "Lægehuset Amager", 1991
		}
		e.referFrom(lw.AccessToken, fmt.Sprintf("264300%02d", i), clinic, born)
	}
	base := serveOnLoopback(t, e.client.app)
	ctx := newHeadlessChromium(t, chromium)
	axe := axeSource(t)

	run(t, ctx, "sign in as the admin",
		chromedp.Navigate(base+"/dashboard/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@frivilligcenter.dk"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#caseload, .empty")))
	run(t, ctx, "open the report", chromedp.Navigate(base+"/dashboard/admin/report"), chromedp.WaitVisible(chromedp.CSS("#chart-months")))
	if n := evalJS[int](t, ctx, `[...document.querySelectorAll('svg.bar-chart[role=img]')].filter(s => s.querySelector('title') && s.querySelector('desc')).length`); n != 8 {
		t.Errorf("%d named charts, want 8", n)
	}
	if text := evalJS[string](t, ctx, `document.querySelector('#table-referrals_by_clinic').innerText`); !strings.Contains(text, "Lægehuset Vesterbro") || !strings.Contains(text, "<5") {
		t.Errorf("clinic table: %q", text)
	}
	checkPage(t, ctx, axe, "admin-report")
}
