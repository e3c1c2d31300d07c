package dashboard_test

import (
	"brobygger/api/apitest"
	"strings"
	"testing"

	"brobygger/models"

	"github.com/chromedp/chromedp"
)

// TestDashboard_BrowserCitizenTools: in headless Chromium the SMS composer counts as the server
// does (an en dash makes 137 characters three segments and is named), the tools' forms work at
// 390 px without sideways scrolling, and screenshots of the citizen page at desktop and mobile
// width are written for a person to look at.
func TestDashboard_BrowserCitizenTools(t *testing.T) {
	chromium := apitest.ChromiumPath(t)
	e := apitest.NewEnv(t, models.SQLite)
	_, tk := e.Staff("lise@frivilligcenter.dk", models.RoleLinkWorker)
	anna := apitest.ConfirmedCitizen(e, tk.AccessToken, "26520001")
	apitest.CreateOffer(e, tk.AccessToken, apitest.KnittingClub())
	base := apitest.ServeOnLoopback(t, e.Client.App)
	ctx := apitest.NewHeadlessChromium(t, chromium)
	apitest.Run(t, ctx, "sign in", chromedp.Navigate(base+"/dashboard/login"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "lise@frivilligcenter.dk"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#caseload")))

	page := base + "/dashboard/citizens/" + anna
	apitest.Run(t, ctx, "open the citizen with an offer search", chromedp.Navigate(page+"?q=strik#prescriptions"), chromedp.WaitVisible(chromedp.CSS("#prescribe-form")))
	text := "Hej Anna – tak for i dag. Vi ses på torsdag kl. 10 i Kulturhuset, hvor strikkeklubben mødes. Ring gerne, hvis du får brug for det. Kh Ida"
	apitest.Run(t, ctx, "write an SMS", chromedp.SendKeys(chromedp.CSS("#message-body"), text))
	if got := apitest.EvalJS[string](t, ctx, `document.querySelector('#message-count').textContent`); got != "137 tegn · SMS-dele: 3" {
		t.Errorf("live count: %q", got)
	}
	warn := apitest.EvalJS[string](t, ctx, `document.querySelector('#message-ucs2').hidden ? '' : document.querySelector('#message-ucs2').textContent`)
	if !strings.Contains(warn, "«–» (tankestreg)") {
		t.Errorf("no UCS-2 warning naming the en dash: %q", warn)
	}
	apitest.Screenshot(t, ctx, "citizen-tools.png")

	apitest.Run(t, ctx, "mobile width", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)), chromedp.Navigate(page+"?q=strik"),
		chromedp.WaitVisible(chromedp.CSS("#prescribe-form")))
	if w := apitest.EvalJS[float64](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the citizen page is %.0f px wide at 390 px", w)
	}
	if over := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('.card')].filter(c => c.getBoundingClientRect().right > 390)
		.map(c => c.id || c.className)`); len(over) > 0 {
		t.Errorf("cards reach past the right edge at 390 px: %v", over)
	}
	narrow := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('#pause-reason, #note-body, #message-body, #p-start, #checkin-instrument')]
		.filter(el => el.getBoundingClientRect().width < 120).map(el => el.id)`)
	if len(narrow) > 0 {
		t.Errorf("inputs narrower than 120 px at 390 px: %v", narrow)
	}
	unlabelled := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('main input:not([type=hidden]), main textarea, main select')]
		.filter(el => !(el.id && document.querySelector('label[for="'+el.id+'"]'))).map(el => el.name)`)
	if len(unlabelled) > 0 {
		t.Errorf("inputs without a label: %v", unlabelled)
	}
	apitest.Screenshot(t, ctx, "citizen-tools-390.png")
}
