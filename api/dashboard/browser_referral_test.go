package dashboard_test

import (
	"brobygger/api/apitest"
	"strings"
	"testing"
	"time"

	"brobygger/models"

	"github.com/chromedp/chromedp"
)

// TestDashboard_BrowserReferralIntake: in headless Chromium a new link worker sees how citizens
// arrive, fills in the referral form wrongly (the words appear beside the fields) and then
// rightly, declines a referral after ticking "Ja, jeg er sikker", and finds the urgent citizen on
// top of the caseload and by phone search. Screenshots at desktop width and 390 px.
func TestDashboard_BrowserReferralIntake(t *testing.T) {
	chromium := apitest.ChromiumPath(t)
	e := apitest.NewEnv(t, models.SQLite)
	_, tk := e.Staff("lise@frivilligcenter.dk", models.RoleLinkWorker)
	base := apitest.ServeOnLoopback(t, e.Client.App)
	ctx := apitest.NewHeadlessChromium(t, chromium)
	shoot := func(name string) {
		t.Helper()
		apitest.Screenshot(t, ctx, name+".png")
		apitest.Run(t, ctx, "phone width", chromedp.EmulateViewport(390, 844))
		apitest.Screenshot(t, ctx, name+"-390.png")
		if w := apitest.EvalJS[float64](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %.0f px wide at a 390 px viewport", name, w)
		}
		apitest.Run(t, ctx, "desktop width", chromedp.EmulateViewport(1280, 900))
	}

	apitest.Run(t, ctx, "sign in", chromedp.Navigate(base+"/dashboard/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), "lise@frivilligcenter.dk"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#empty-caseload")))
	shoot("caseload-empty")

	apitest.Run(t, ctx, "open the referral form", chromedp.Click(chromedp.CSS("#empty-caseload a.button")),
		chromedp.WaitVisible(chromedp.CSS("#r-name")))
	apitest.Run(t, ctx, "send it half filled in",
		chromedp.SendKeys(chromedp.CSS("#r-phone"), "12"),
		chromedp.Click(chromedp.CSS("form.referral-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#form-errors")))
	if errs := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('.field-error')].map(e => e.id)`); strings.Join(errs, ",") != "e-name,e-phone,e-consent" {
		t.Errorf("the field errors shown: %v", errs)
	}
	shoot("referral-form-errors")
	apitest.Run(t, ctx, "fill it in",
		chromedp.SendKeys(chromedp.CSS("#r-name"), "Søren Ørsted"),
		chromedp.SetValue(chromedp.CSS("#r-phone"), "+45 26 80 00 01"),
		chromedp.SendKeys(chromedp.CSS("#r-referrer"), "Dr. Berg"),
		chromedp.SendKeys(chromedp.CSS("#r-clinic"), "Lægehuset Nørrebro"),
		chromedp.SendKeys(chromedp.CSS("#r-reason"), "Ensom efter flytning"),
		chromedp.Click(chromedp.CSS(`input[name=consent_contact]`)),
		chromedp.Click(chromedp.CSS(`input[name=consent_data]`)),
		chromedp.Click(chromedp.CSS("form.referral-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if n := apitest.EvalJS[int](t, ctx, `document.querySelectorAll('li.referral').length`); n != 1 {
		t.Fatalf("the list shows %d referrals after the form", n)
	}
	shoot("referrals")

	apitest.Run(t, ctx, "decline it, sure",
		chromedp.Click(chromedp.CSS("li.referral details.step summary")),
		chromedp.SendKeys(chromedp.CSS("li.referral textarea[name=reason]"), "Ønsker ikke forløb"),
		chromedp.Click(chromedp.CSS("li.referral details.step input[name=confirm]")),
		chromedp.Click(chromedp.CSS("li.referral details.step button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#no-referrals")))

	urgent := apitest.ReferNamed(e, tk.AccessToken, "Anna Jensen", "26800002")
	apitest.ReferNamed(e, tk.AccessToken, "Bent Hansen", "26800003")
	apitest.Raise(e, urgent, models.SeverityUrgent)
	e.Clock.Advance(time.Minute)
	apitest.Run(t, ctx, "caseload by need", chromedp.Navigate(base+"/dashboard/caseload"), chromedp.WaitVisible(chromedp.CSS("#caseload")))
	if first := apitest.EvalJS[string](t, ctx, `document.querySelector('#caseload tr.citizen a').getAttribute('href')`); first != "/dashboard/citizens/"+urgent {
		t.Errorf("the first row is %s, not the urgent citizen", first)
	}
	shoot("caseload-need")
	apitest.Run(t, ctx, "search by phone",
		chromedp.SendKeys(chromedp.CSS("#f-q"), "26 80 00 03"),
		chromedp.Click(chromedp.CSS("form.filters button[type=submit]")),
		// The search box's value attribute comes from the server: only the new page has it.
		chromedp.WaitVisible(chromedp.CSS(`#f-q[value="26 80 00 03"]`)))
	if names := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('#caseload tr.citizen a')].map(a => a.innerText)`); len(names) != 1 || names[0] != "Bent Hansen" {
		t.Errorf("search by phone found %v", names)
	}
}
