package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"brobygger/api/apitest"
	"brobygger/models"
	"brobygger/notify/twiliotest"
	"brobygger/notify/webpushtest"
)

// appWidth and appHeight are the phone the citizen app is tested on.
const appWidth, appHeight = 390, 844

// TestCitizenApp_BrowserPushThroughServe runs `brobygger serve` (API, scheduler, SMS and push
// dispatchers in one process) against the fake Twilio and the fake push service, on its own
// clock (Tuesday 8 December 2026, 10:00 in Copenhagen), and drives the citizen app in headless
// Chromium at 390 px: the citizen signs in with the code the fake Twilio received, answers a
// WHO-5 check-in to the end, the link worker's citizen page shows the score, the citizen
// chooses the app (the app subscribes and registers the subscription), and the link worker
// agrees an activity at 14:00 today, whose reminder time (09:30) has passed, so the reminder is
// due at once by the server's clock. The scheduler's next pass queues it as a push, and the fake
// push service receives it, with no health data in the payload. axe-core finds no serious or
// critical violation on any screen. The time from due to the push reaching the fake is logged.
//
// Headless Chromium has no push service of its own, so the page's PushManager is the one stand-in:
// subscribe returns a subscription the fake push service issued (endpoint and keys), after
// checking it was asked with the server's VAPID key. Everything after that is the app's own code
// (POST /v1/me/devices) and the server's (scheduler, push dispatcher, webpush-go encryption).
func TestCitizenApp_BrowserPushThroughServe(t *testing.T) {
	chromium := apitest.ChromiumPath(t)
	site := newE2ESite(t)
	push := webpushtest.New()
	t.Cleanup(push.Close)
	var arrivals struct {
		sync.Mutex
		at []time.Time
	}
	push.OnPush = func(webpushtest.Push) {
		arrivals.Lock()
		arrivals.at = append(arrivals.at, time.Now())
		arrivals.Unlock()
	}
	site.extraEnv = append(site.extraEnv, "PUSH_ALLOW_LOOPBACK=1")
	site.addStaff("admin@example.dk", "Anne Admin", "admin")
	base, logs, _ := site.start("2026-12-08T10:00:00+01:00")
	admin := site.staffToken(base, "admin@example.dk")
	// Only the check-in the link worker sends: the default plan's baseline would be asked too.
	apitest.CallJSON(t, "PUT", base+"/v1/admin/checkin-plan", admin, `{"items":[],"weekly_pulse":false}`, 200, nil)
	var offer struct{ ID string }
	apitest.CallJSON(t, "POST", base+"/v1/offers", admin, `{"organisation":"Frivilligcenter","title":"Strikkeklub","address_line":"Vesterbrogade 10","city":"København V"}`, 201, &offer)

	anna := site.refer(base)
	site.waitForMessages(1, logs)
	site.inboundSMS(base, "+4526123456", "JA", logs)
	site.waitForMessages(2, logs)
	worker := site.staffToken(base, "lw@example.dk")
	var checkin struct{ ID string }
	apitest.CallJSON(t, "POST", base+"/v1/citizens/"+anna+"/checkins", worker, `{"instrument":"who5"}`, 202, &checkin)

	var vapid struct {
		PublicKey string `json:"public_key"`
	}
	apitest.CallJSON(t, "GET", base+"/v1/push/vapid-public-key", "", "", 200, &vapid)
	push.VAPIDPublicKey = vapid.PublicKey // the fake refuses a push signed with any other key
	sub := push.Subscribe()
	ctx := apitest.NewHeadlessChromium(t, chromium)
	grantAppNotifications(t, ctx, base)
	standInPushService(t, ctx, sub)
	axe := apitest.AxeSource(t)

	apitest.Run(t, ctx, "open the app on a phone", chromedp.EmulateViewport(appWidth, appHeight, chromedp.EmulateMobile),
		chromedp.Navigate(base+"/app"), chromedp.WaitVisible(chromedp.CSS("#phone")))
	checkAppA11y(t, ctx, axe, "sign-in")
	before := len(site.fake.Messages())
	apitest.Run(t, ctx, "ask for a code", chromedp.SendKeys(chromedp.CSS("#phone"), "26 12 34 56"),
		chromedp.Click(chromedp.CSS("#phone-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#code")))
	checkAppA11y(t, ctx, axe, "code")
	code := regexp.MustCompile(`\b\d{4,8}\b`).FindString(site.waitForMessages(before+1, logs)[before].Body)
	apitest.Run(t, ctx, "sign in with the code from the SMS", chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.Click(chromedp.CSS("#code-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`a[data-checkin="`+checkin.ID+`"]`)))
	checkAppA11y(t, ctx, axe, "home")

	apitest.Run(t, ctx, "open the WHO-5", chromedp.Click(chromedp.CSS(`a[data-checkin="`+checkin.ID+`"]`)), chromedp.WaitVisible(chromedp.CSS("#question")))
	for n := 1; n <= 5; n++ {
		want := "Spørgsmål " + string(rune('0'+n)) + " af 5"
		apitest.Run(t, ctx, want, chromedp.Poll[chromedp.Void](`document.querySelector('#progress')?.textContent === '`+want+`'`),
			chromedp.WaitVisible(chromedp.CSS(`.options[data-ready] button.answer[data-value="3"]`)))
		if n == 1 {
			checkAppA11y(t, ctx, axe, "checkin-question")
		}
		apitest.Run(t, ctx, "answer "+want, chromedp.Click(chromedp.CSS(`button.answer[data-value="3"]`)))
	}
	apitest.Run(t, ctx, "the check-in is done", chromedp.WaitVisible(chromedp.CSS("#done")))
	checkAppA11y(t, ctx, axe, "checkin-done")

	apitest.Run(t, ctx, "the link worker signs in", chromedp.Navigate(base+"/dashboard/login"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "lw@example.dk"), chromedp.SendKeys(chromedp.CSS("#password"), "a long enough password"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("form.logout")))
	apitest.Run(t, ctx, "the citizen page", chromedp.Navigate(base+"/dashboard/citizens/"+anna), chromedp.WaitVisible(chromedp.CSS("#timeline")))
	if tl := apitest.EvalJS[string](t, ctx, `document.querySelector('#timeline').innerText`); !strings.Contains(tl, "60") {
		t.Fatalf("the WHO-5 score 60 is not on the link worker's citizen page: %q", tl)
	}

	apitest.Run(t, ctx, "settings", chromedp.Navigate(base+"/app#/settings"), chromedp.WaitVisible(chromedp.CSS("#settings-form")))
	checkAppA11y(t, ctx, axe, "settings")
	apitest.Run(t, ctx, "choose the app", chromedp.Click(chromedp.CSS(`label[for="preferred_channel-app"]`)),
		chromedp.Click(chromedp.CSS("#settings-form button[type=submit]")),
		chromedp.Poll[chromedp.Void](`[...document.querySelectorAll('#settings-status .notice')].some(n => n.textContent.includes('slået til'))`))
	if key := apitest.EvalJS[string](t, ctx, `window.__pushAskedWith || ''`); key != vapid.PublicKey {
		t.Fatalf("the app subscribed with application server key %q, want the server's %q", key, vapid.PublicKey)
	}
	checkAppA11y(t, ctx, axe, "settings-push-on")

	// The link worker agrees the knitting club at 14:00 today: its reminder time (09:30) has
	// passed, so the reminder is due now, by the server's clock.
	var p struct {
		CreatedAt time.Time `json:"created_at"`
	}
	apitest.CallJSON(t, "POST", base+"/v1/citizens/"+anna+"/prescriptions", worker,
		`{"offer_id":"`+offer.ID+`","weekday":2,"start_time":"14:00","end_time":"16:00","starts_on":"2026-12-08"}`, 201, &p)
	dueWall := time.Now()
	pushed := waitForPush(t, push, logs)
	arrivals.Lock()
	arrivedWall := arrivals.at[0]
	arrivals.Unlock()

	var payload map[string]any
	if err := json.Unmarshal(pushed.Payload, &payload); err != nil {
		t.Fatalf("push payload %q: %v", pushed.Payload, err)
	}
	id, _ := payload["id"].(string)
	if len(payload) != 2 || payload["title"] != "Du har en ny besked" || id == "" || pushed.Endpoint != sub.Endpoint {
		t.Fatalf("push %+v with payload %s, want only a title and an id, to the app's subscription", pushed, pushed.Payload)
	}
	// The id is a random UUID (it may hold "60" by chance), so health words are looked for in
	// the payload without it.
	withoutID := strings.ReplaceAll(string(pushed.Payload), id, "")
	for _, health := range []string{"Strikkeklub", "14:00", "who5", "WHO", "60", "score", "Anna"} {
		if strings.Contains(withoutID, health) {
			t.Errorf("the push payload carries %q: %s", health, pushed.Payload)
		}
	}
	var row *models.OutboxItem
	for _, r := range site.outbox(anna) {
		if r.ID == id {
			row = &r
		}
	}
	if row == nil || row.Kind != models.KindReminder || row.Channel != models.ChannelPush {
		t.Fatalf("the push's id %s is not the reminder's push row: %+v", id, row)
	}
	// The server's clock runs at the wall clock's speed from its start, so the server's times and
	// the test's stopwatch measure the same spans. Most of the wait is for the scheduler's next
	// pass (cron, once a minute); the rest is the push dispatcher.
	t.Logf("reminder due at %s (server clock), queued by the scheduler's pass %s later; due → at the fake push service: %s (test stopwatch, from the prescription's answer to the fake's receipt)",
		p.CreatedAt.Format(time.RFC3339Nano), row.CreatedAt.Sub(p.CreatedAt).Round(time.Millisecond), arrivedWall.Sub(dueWall).Round(time.Millisecond))
	if row.SentAt != nil {
		t.Logf("server clock: due → sent %s, queued → sent %s (sent_at is recorded once the fake accepted)",
			row.SentAt.Sub(p.CreatedAt).Round(time.Millisecond), row.SentAt.Sub(row.CreatedAt).Round(time.Millisecond))
	}

	// STOP by SMS stops SMS only: the app says so, and the next reminder still comes as a push.
	sentAfterCheckin := len(site.fake.Messages())
	site.inboundSMS(base, "+4526123456", "STOP", logs)
	apitest.Run(t, ctx, "the app says STOP stopped SMS only", chromedp.Navigate(base+"/app#/home"), chromedp.WaitVisible(chromedp.CSS("#sms-stopped")))
	if note := apitest.EvalJS[string](t, ctx, `document.querySelector('#sms-stopped').textContent`); !strings.Contains(note, "STOP stopper kun SMS") {
		t.Errorf("the app's STOP note: %q", note)
	}
	checkAppA11y(t, ctx, axe, "home-after-stop")
	// STOP is answered once by SMS (the confirmation); after that nothing more may go.
	stopReply := site.waitForMessages(sentAfterCheckin+1, logs)[sentAfterCheckin]
	if !strings.Contains(stopReply.Body, "ikke flere SMS") || !strings.Contains(stopReply.Body, "appen") {
		t.Errorf("the answer to STOP does not say it stops SMS only: %q", stopReply.Body)
	}
	sentSMS := len(site.fake.Messages())
	apitest.CallJSON(t, "POST", base+"/v1/citizens/"+anna+"/prescriptions", worker,
		`{"offer_id":"`+offer.ID+`","weekday":2,"start_time":"15:00","end_time":"16:00","starts_on":"2026-12-08"}`, 201, nil)
	for deadline := time.Now().Add(150 * time.Second); len(push.Pushes()) < 2 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	if n := len(push.Pushes()); n != 2 {
		t.Fatalf("after STOP the fake push service holds %d pushes, want the second reminder too\n%s", n, logs)
	}
	for _, m := range site.fake.Messages()[sentSMS:] {
		t.Errorf("an SMS reached Twilio after STOP: %q", m.Body)
	}
	for _, r := range site.outbox(anna) {
		if r.Channel == models.ChannelSMS && (r.Kind == models.KindReminder || r.Kind == models.KindCheckin) && r.Status != models.OutboxSuppressed && r.CreatedAt.After(p.CreatedAt) {
			t.Errorf("a scheduled SMS after the app was chosen: %+v", r)
		}
	}

}

// waitForPush waits (the test's patience: the scheduler passes once a minute) for the first push
// at the fake.
func waitForPush(t *testing.T, push *webpushtest.Server, logs *bytes.Buffer) webpushtest.Push {
	t.Helper()
	for deadline := time.Now().Add(150 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if ps := push.Pushes(); len(ps) > 0 {
			return ps[0]
		}
	}
	t.Fatalf("no push reached the fake push service (rejected: %v)\n%s", push.Rejected(), logs)
	return webpushtest.Push{}
}

// standInPushService makes the page's PushManager hand out the fake push service's subscription,
// as a browser's push service would, and remembers the application server key it was asked with.
func standInPushService(t *testing.T, ctx context.Context, sub models.WebSubscription) {
	t.Helper()
	js, _ := json.Marshal(map[string]any{"endpoint": sub.Endpoint, "keys": map[string]string{"p256dh": sub.P256dh, "auth": sub.Auth}})
	src := `(() => {
  if (!window.PushManager) return;
  const sub = ` + string(js) + `;
  const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - s.length % 4) % 4)), (c) => c.charCodeAt(0)).buffer;
  const b64url = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  let current = null;
  PushManager.prototype.subscribe = async function (opts) {
    window.__pushAskedWith = b64url(opts.applicationServerKey);
    current = { endpoint: sub.endpoint, expirationTime: null, options: opts, getKey: (k) => bytes(sub.keys[k]),
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }), unsubscribe: async () => { current = null; return true; } };
    return current;
  };
  PushManager.prototype.getSubscription = async function () { return current; };
})();`
	apitest.Run(t, ctx, "stand in for the push service", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

// addStaff adds a staff member with the site's one password.
func (s *e2eSite) addStaff(email, name, role string) {
	s.t.Helper()
	add := exec.Command(s.bin, "staff", "add", "--email", email, "--name", name, "--role", role, "--phone", "33123457")
	add.Env, add.Stdin = s.env("", ""), strings.NewReader("a long enough password\n")
	if out, err := add.CombinedOutput(); err != nil {
		s.t.Fatalf("staff add %s: %v %s", email, err, out)
	}
}

// staffToken signs a staff member in through the JSON API.
func (s *e2eSite) staffToken(base, email string) string {
	s.t.Helper()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	apitest.CallJSON(s.t, http.MethodPost, base+"/v1/auth/staff/login", "", `{"email":"`+email+`","password":"a long enough password"}`, 200, &tok)
	return tok.AccessToken
}

// inboundSMS posts the citizen's SMS to the webhook, signed as Twilio signs it.
func (s *e2eSite) inboundSMS(base, from, body string, logs *bytes.Buffer) {
	s.t.Helper()
	params := twiliotest.InboundSMSParams(e2eSID, "", from, "+4570701234", body)
	req, _ := http.NewRequest(http.MethodPost, base+"/webhooks/twilio/sms", strings.NewReader(params.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", twiliotest.Signature(e2eToken, "https://sms.example.dk/webhooks/twilio/sms", params))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		s.t.Fatalf("inbound webhook %q: %d\n%s", body, res.StatusCode, logs)
	}
}

// grantAppNotifications lets the app's origin show notifications, as a citizen who says yes would.
func grantAppNotifications(t *testing.T, ctx context.Context, origin string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := cdp.Call(ctx, chromedp.FromContext(ctx).Browser, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: "notifications"}, Setting: browser.PermissionSettingGranted, Origin: origin})
		return err
	}))
	if err != nil {
		t.Fatalf("grant notifications: %v", err)
	}
}

// checkAppA11y fails on any serious or critical axe-core violation on the screen, and on a
// screen wider than the phone.
func checkAppA11y(t *testing.T, ctx context.Context, axe, screen string) {
	t.Helper()
	if w := apitest.EvalJS[float64](t, ctx, `document.documentElement.scrollWidth`); w > appWidth+1 {
		t.Errorf("%s: the screen is %.0f px wide at %d px", screen, w, appWidth)
	}
	if axe == "" {
		return
	}
	for _, v := range apitest.AxeViolations(t, ctx, axe) {
		t.Errorf("%s: accessibility: %s", screen, v)
	}
}
