package dashboard_test

import (
	"brobygger/api/apitest"
	"slices"
	"strings"
	"testing"
	"time"

	"brobygger/models"

	"github.com/chromedp/chromedp"
)

// TestDashboard_BrowserEndToEnd drives the real dashboard in headless Chromium over a real HTTP
// server and SQLite store: sign in through the form, read the caseload's status colours, open a
// citizen with a crisis flag, acknowledge it with a note, and check the score chart. It writes
// full-page screenshots for a person to look at.
func TestDashboard_BrowserEndToEnd(t *testing.T) {
	chromium := apitest.ChromiumPath(t)
	e := apitest.NewEnv(t, models.SQLite)
	anna := seedDashboard(e)
	base := apitest.ServeOnLoopback(t, e.Client.App)
	ctx := apitest.NewHeadlessChromium(t, chromium)
	axe := apitest.AxeSource(t)

	apitest.Run(t, ctx, "open the sign-in form", chromedp.Navigate(base+"/dashboard/login"), chromedp.WaitVisible(chromedp.CSS("#email")))
	checkPage(t, ctx, axe, "login")
	apitest.Run(t, ctx, "sign in",
		chromedp.SendKeys(chromedp.CSS("#email"), "lise@frivilligcenter.dk"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#caseload")))
	rags := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('#caseload tr.citizen')].map(r => r.dataset.rag)`)
	for _, want := range []string{"red", "amber", "green"} {
		if !slices.Contains(rags, want) {
			t.Errorf("caseload rows %v lack a %s one", rags, want)
		}
	}
	colours := apitest.EvalJS[[]string](t, ctx, `['red','amber','green'].map(c =>
		getComputedStyle(document.querySelector('#caseload tr[data-rag="'+c+'"] .dot')).backgroundColor)`)
	if len(colours) != 3 || colours[0] == colours[1] || colours[1] == colours[2] || colours[0] == colours[2] {
		t.Errorf("the status dots are not three colours (is the stylesheet loading?): %v", colours)
	}
	checkPage(t, ctx, axe, "caseload")

	apitest.Run(t, ctx, "review queue", chromedp.Navigate(base+"/dashboard/review"), chromedp.WaitVisible(chromedp.CSS("#review-queue")))
	checkPage(t, ctx, axe, "review")

	crisis := `#open-flags li[data-kind="crisis"]`
	countCrisis := `document.querySelectorAll('` + crisis + `').length`
	countCircles := `document.querySelectorAll('#score-chart circle').length`
	apitest.Run(t, ctx, "open the citizen",
		chromedp.Navigate(base+"/dashboard/caseload"),
		chromedp.Click(chromedp.CSS(`#caseload a[href="/dashboard/citizens/`+anna+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#score-chart")))
	if n := apitest.EvalJS[int](t, ctx, countCrisis); n != 1 {
		t.Fatalf("the citizen page shows %d open crisis flags, want 1", n)
	}
	if n := apitest.EvalJS[int](t, ctx, countCircles); n != 5 {
		t.Errorf("the chart has %d circles, want 5 (3 WHO-5 and 2 UCLA-3 check-ins)", n)
	}

	apitest.Run(t, ctx, "acknowledge the crisis flag",
		chromedp.SendKeys(chromedp.CSS(crisis+" textarea"), "Ringede til Anna. Hun har det bedre og har tid hos egen læge i morgen."),
		chromedp.Click(chromedp.CSS(crisis+" button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if n := apitest.EvalJS[int](t, ctx, countCrisis); n != 0 {
		t.Fatalf("after the acknowledgement %d crisis flags are still open", n)
	}
	if note := apitest.EvalJS[string](t, ctx, `document.querySelector('#timeline').innerText`); !strings.Contains(note, "Ringede til Anna") {
		t.Errorf("the note is not on the timeline: %q", note)
	}
	if n := apitest.EvalJS[int](t, ctx, countCircles); n != 5 {
		t.Errorf("after the acknowledgement the chart has %d circles", n)
	}
	if h := apitest.EvalJS[float64](t, ctx, `document.querySelector('#score-chart').getBoundingClientRect().height`); h < 150 {
		t.Errorf("the chart is only %.0f px high", h)
	}
	checkPage(t, ctx, axe, "citizen")
}

// seedDashboard gives one link worker three citizens in different states and returns the one
// with scores and a crisis flag: Anna (red), Bent (amber: not yet reached), Carla (green).
func seedDashboard(e *apitest.Env) (anna string) {
	e.T.Helper()
	_, tk := e.Staff("lise@frivilligcenter.dk", models.RoleLinkWorker)
	anna = apitest.ReferNamed(e, tk.AccessToken, "Anna Jensen", "26400001")
	apitest.ReferNamed(e, tk.AccessToken, "Bent Hansen", "26400002")
	carla := apitest.ReferNamed(e, tk.AccessToken, "Carla Nielsen", "26400003")
	apitest.SMS(e, "26400001", "JA")
	apitest.SMS(e, "26400003", "ja")
	for i, answers := range [][]int{{3, 2, 3, 3, 2}, {3, 3, 3, 3, 3}, {4, 3, 4, 3, 3}} {
		e.Clock.Advance(7 * 24 * time.Hour)
		scoreCheckin(e, anna, "26400001", "who5", answers...)
		if i > 0 {
			e.Clock.Advance(24 * time.Hour)
			scoreCheckin(e, anna, "26400001", "ucla3", 3-i, 2, 2)
		}
	}
	e.Clock.Advance(2 * 24 * time.Hour)
	apitest.SMS(e, "26400001", "Jeg orker ikke at leve mere")
	e.Clock.Advance(3 * time.Hour)
	_ = carla
	return anna
}
