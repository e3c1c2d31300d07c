package dashboard_test

import (
	"brobygger/api/apitest"
	"strings"
	"testing"

	"brobygger/models"

	"github.com/chromedp/chromedp"
)

// TestDashboard_BrowserAdmin drives the admin pages in headless Chromium: add a link worker (the
// one-time password appears once), deactivate a worker with citizens and move them all in one
// form, read the audit log; then every admin page at 390 px must fit the screen without
// sideways scrolling. It writes screenshots at desktop width and at 390 px.
func TestDashboard_BrowserAdmin(t *testing.T) {
	chromium := apitest.ChromiumPath(t)
	e := apitest.NewEnv(t, models.SQLite)
	e.Staff("admin@frivilligcenter.dk", models.RoleAdmin)
	leaving, lt := e.Staff("lone@frivilligcenter.dk", models.RoleLinkWorker)
	e.Staff("bo@frivilligcenter.dk", models.RoleLinkWorker)
	apitest.ReferNamed(e, lt.AccessToken, "Anna Jensen", "26410001")
	apitest.ReferNamed(e, lt.AccessToken, "Bent Hansen", "26410002")
	base := apitest.ServeOnLoopback(t, e.Client.App)
	ctx := apitest.NewHeadlessChromium(t, chromium)
	axe := apitest.AxeSource(t)

	apitest.Run(t, ctx, "sign in as the admin",
		chromedp.Navigate(base+"/dashboard/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@frivilligcenter.dk"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#caseload, .empty")))
	apitest.Run(t, ctx, "open the staff list", chromedp.Navigate(base+"/dashboard/admin/staff"), chromedp.WaitVisible(chromedp.CSS("#staff")))
	checkPage(t, ctx, axe, "admin-staff")
	apitest.Run(t, ctx, "add a link worker",
		chromedp.SendKeys(chromedp.CSS("#s-name"), "Nina Nielsen"),
		chromedp.SendKeys(chromedp.CSS("#s-email"), "nina@frivilligcenter.dk"),
		chromedp.Click(chromedp.CSS("#add button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#one-time-password")))
	if pw := apitest.EvalJS[string](t, ctx, `document.querySelector('#one-time-password code').innerText`); len(pw) != 16 || strings.Contains(apitest.EvalJS[string](t, ctx, `location.href`), pw) {
		t.Fatalf("one-time password %q (or it is in the URL)", pw)
	}
	checkPage(t, ctx, axe, "admin-staff-created")

	apitest.Run(t, ctx, "deactivate Lone",
		chromedp.Navigate(base+"/dashboard/admin/staff/"+leaving.ID),
		chromedp.Click(chromedp.CSS("#deactivate-confirm")),
		chromedp.Click(chromedp.CSS("#deactivate button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if notice := apitest.EvalJS[string](t, ctx, `document.querySelector('.notice').innerText`); !strings.Contains(notice, "deaktiveret") {
		t.Fatalf("after deactivating: %q", notice)
	}
	if n := apitest.EvalJS[int](t, ctx, `document.querySelectorAll('#citizens-to-move tr.citizen').length`); n != 2 {
		t.Fatalf("%d citizens listed for reassignment, want 2", n)
	}
	checkPage(t, ctx, axe, "admin-staff-deactivated")
	apitest.Run(t, ctx, "move both citizens to Bo in one step",
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#to-all'); s.selectedIndex = 1; })()`),
		chromedp.Click(chromedp.CSS("#citizens button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#no-citizens")))

	apitest.Run(t, ctx, "open the audit log", chromedp.Navigate(base+"/dashboard/admin/audit"), chromedp.WaitVisible(chromedp.CSS("#audit")))
	if text := apitest.EvalJS[string](t, ctx, `document.querySelector('#audit').innerText`); !strings.Contains(text, "Deaktiverede medarbejder") ||
		!strings.Contains(text, "Flyttede til en anden brobygger") {
		t.Errorf("the audit log lacks the deactivation or the moves: %s", text)
	}
	checkPage(t, ctx, axe, "admin-audit")
	apitest.Run(t, ctx, "the password page", chromedp.Navigate(base+"/dashboard/password"), chromedp.WaitVisible(chromedp.CSS("#pw-current")))
	checkPage(t, ctx, axe, "password")
}
