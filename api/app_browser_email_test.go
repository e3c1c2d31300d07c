package api_test

import (
	"brobygger/api/apitest"
	"context"
	"strings"
	"testing"

	"brobygger/models"

	"github.com/chromedp/chromedp"
)

// TestCitizenApp_BrowserEmail: in headless Chromium at phone width, a citizen referred by e-mail
// alone confirms contact on the e-mail link's page (the page alone changes nothing; the button
// does), then signs in to the app with their e-mail address and a code from the e-mail. Each
// screen passes axe-core.
func TestCitizenApp_BrowserEmail(t *testing.T) {
	chromium := apitest.ChromiumPath(t)
	e := apitest.NewEnv(t, models.SQLite)
	_, lw := e.Staff("lise@frivilligcenter.dk", models.RoleLinkWorker)
	id := emailCitizen(e, lw.AccessToken, "else@example.dk")
	conv, err := e.Store.OpenConversation(context.Background(), id)
	if err != nil || conv == nil {
		t.Fatalf("contact question: %v", err)
	}
	token, err := e.Store.ContactLinkToken(context.Background(), conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	base := apitest.ServeOnLoopback(t, e.Client.App)
	ctx := apitest.NewHeadlessChromium(t, chromium)
	axe := apitest.AxeSource(t)

	apitest.Run(t, ctx, "follow the e-mail's link", chromedp.EmulateViewport(apitest.MobileWidth, apitest.MobileHeight, chromedp.EmulateMobile),
		chromedp.Navigate(base+"/app/contact/"+token), chromedp.WaitVisible(chromedp.CSS("form button[type=submit]")))
	checkAppScreen(t, ctx, axe, "app-contact-link")
	if c, _ := e.Store.CitizenByID(context.Background(), id); c.ContactConfirmedAt != nil {
		t.Fatal("opening the link confirmed contact")
	}
	apitest.Run(t, ctx, "press yes", chromedp.Click(chromedp.CSS("form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`main[data-state="done"]`)))
	checkAppScreen(t, ctx, axe, "app-contact-confirmed")
	if c, _ := e.Store.CitizenByID(context.Background(), id); c.ContactConfirmedAt == nil {
		t.Fatal("the button did not confirm contact")
	}

	apitest.Run(t, ctx, "open the app", chromedp.Navigate(base+"/app"), chromedp.WaitVisible(chromedp.CSS("#switch-signin")))
	apitest.Run(t, ctx, "choose e-mail", chromedp.Click(chromedp.CSS("#switch-signin")), chromedp.WaitVisible(chromedp.CSS("#email")))
	checkAppScreen(t, ctx, axe, "app-signin-email")
	apitest.Run(t, ctx, "ask for a code by e-mail", chromedp.SendKeys(chromedp.CSS("#email"), "Else@Example.dk"),
		chromedp.Click(chromedp.CSS("#email-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#code")))
	if intro := apitest.EvalJS[string](t, ctx, `document.querySelector('main').innerText`); !strings.Contains(intro, "på e-mail til Else@Example.dk") {
		t.Errorf("the code screen: %q", intro)
	}
	apitest.Run(t, ctx, "sign in with the code", chromedp.SendKeys(chromedp.CSS("#code"), emailCode(e, id)),
		chromedp.Click(chromedp.CSS("#code-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#worker-name")))
	checkAppScreen(t, ctx, axe, "app-home-email")

	apitest.Run(t, ctx, "settings", chromedp.Navigate(base+"/app#/settings"), chromedp.WaitVisible(chromedp.CSS("#my-email")))
	checkAppScreen(t, ctx, axe, "app-settings-email")
	apitest.Run(t, ctx, "change the e-mail", chromedp.Evaluate[chromedp.Void](`(() => { document.querySelector('#my-email').value = ''; })()`),
		chromedp.SendKeys(chromedp.CSS("#my-email"), "else.ny@example.dk"),
		chromedp.Click(chromedp.CSS("#email-settings-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#email-status .notice")))
	if c, _ := e.Store.CitizenByID(context.Background(), id); c.Email == nil || *c.Email != "else.ny@example.dk" {
		t.Fatalf("after the settings: %v", c.Email)
	}
	apitest.Run(t, ctx, "the only way to reach cannot be removed", chromedp.Evaluate[chromedp.Void](`(() => { document.querySelector('#my-email').value = ''; })()`),
		chromedp.Click(chromedp.CSS("#email-settings-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#email-status .notice.error")))
}
