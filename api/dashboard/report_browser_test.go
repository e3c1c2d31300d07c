package dashboard_test

import (
	"brobygger/api/apitest"
	"fmt"
	"strings"
	"testing"

	"brobygger/models"

	"github.com/chromedp/chromedp"
)

// TestDashboard_BrowserReport opens the commissioner's report in headless Chromium: every chart
// is an image with a name, the page passes axe-core, and at 390 px only the tables scroll.
func TestDashboard_BrowserReport(t *testing.T) {
	chromium := apitest.ChromiumPath(t)
	e := apitest.NewEnv(t, models.SQLite)
	e.Staff("admin@frivilligcenter.dk", models.RoleAdmin)
	_, lw := e.Staff("lone@frivilligcenter.dk", models.RoleLinkWorker)
	for i := range 9 {
		clinic, born := "Lægehuset Vesterbro", 1950
		if i >= 6 {
			clinic, born = "Lægehuset Amager", 1991
		}
		apitest.ReferFrom(e, lw.AccessToken, fmt.Sprintf("264300%02d", i), clinic, born)
	}
	base := apitest.ServeOnLoopback(t, e.Client.App)
	ctx := apitest.NewHeadlessChromium(t, chromium)
	axe := apitest.AxeSource(t)

	apitest.Run(t, ctx, "sign in as the admin",
		chromedp.Navigate(base+"/dashboard/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@frivilligcenter.dk"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#caseload, .empty")))
	apitest.Run(t, ctx, "open the report", chromedp.Navigate(base+"/dashboard/admin/report"), chromedp.WaitVisible(chromedp.CSS("#chart-months")))
	if n := apitest.EvalJS[int](t, ctx, `[...document.querySelectorAll('svg.bar-chart[role=img]')].filter(s => s.querySelector('title') && s.querySelector('desc')).length`); n != 8 {
		t.Errorf("%d named charts, want 8", n)
	}
	if text := apitest.EvalJS[string](t, ctx, `document.querySelector('#table-referrals_by_clinic').innerText`); !strings.Contains(text, "Lægehuset Vesterbro") || !strings.Contains(text, "<5") {
		t.Errorf("clinic table: %q", text)
	}
	checkPage(t, ctx, axe, "admin-report")
}
