package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
	"brobygger/notify/webpushtest"
	"brobygger/scheduler"

	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"
)

// The fake Twilio account the SMS dispatcher of the push step sends through.
const (
	pushTestAccountSID = "AC0123456789abcdef0123456789abcdef"
	pushTestAuthToken  = "fa4e70ken0123456789abcdef012345"
	pushTestFrom       = "+4570701234"
)

// receiveNextReminderAsPush is the end of the browser test's "choose the app" step: the next
// reminder reaches the citizen as a push at the fake push service, and only there.
//
// Headless Chromium cannot reach a real push service, so the test plays the browser's part of the
// subscription: it registers a subscription whose endpoint is the webpushtest fake (with keys the
// fake decrypts with) through the real POST /v1/me/devices with the token the app keeps. Then the
// scheduler runs its passes on the test clock until the reminder of an activity is queued, the
// push dispatcher (serve's, here over the test store and pointed at the fake) sends it and the SMS
// dispatcher drains the outbox to a fake Twilio. The fake must hold exactly one push, decrypted to
// {"title","id"} and nothing else, and Twilio no SMS with the reminder. The exact payload is then
// handed to the app's service worker (DevTools' push path) and the notification it shows is opened
// as the service worker's click would: the app fetches GET /v1/me/notifications/{id} and shows the
// reminder, and the row is marked opened (which also cancels its fallback).
func receiveNextReminderAsPush(t *testing.T, e *apiEnv, ctx context.Context, axe, base string, registration serviceworker.RegistrationID, citizenID, phone string) {
	t.Helper()
	bg := context.Background()
	keys, err := notify.GenerateVAPIDKeys()
	if err != nil {
		t.Fatal(err)
	}
	fake := webpushtest.New()
	fake.VAPIDPublicKey = keys.Public
	t.Cleanup(fake.Close)
	twilio := twiliotest.NewServer(pushTestAccountSID, pushTestAuthToken)
	t.Cleanup(twilio.Close)

	// The browser's subscription, registered with the citizen's own token from the app.
	sub := fake.Subscribe()
	access := evalJS[string](t, ctx, `JSON.parse(localStorage.getItem('bb.tokens')).access`)
	res := e.client.Do(newJSONRequest("POST", "/v1/me/devices", map[string]any{"platform": "web", "subscription": map[string]any{
		"endpoint": sub.Endpoint, "expirationTime": nil, "keys": map[string]string{"p256dh": sub.P256dh, "auth": sub.Auth}}}, access))
	if res.Status != 201 {
		t.Fatalf("register the web subscription: %d %s", res.Status, res.Body)
	}

	// An activity tomorrow at 18:00 and no scheduled check-ins, so the reminder is the only thing due.
	if err := e.store.SetCitizenCheckinPlan(bg, citizenID, &models.CheckinPlan{}); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	tomorrow := e.clock.Now().In(loc).AddDate(0, 0, 1)
	storetest.Activity(t, e.store, citizenID, "Gåtur i parken", int((tomorrow.Weekday()+6)%7)+1, "18:00",
		models.Date{Year: tomorrow.Year(), Month: tomorrow.Month(), Day: tomorrow.Day()})
	reg, err := models.LoadInstruments()
	if err != nil {
		t.Fatal(err)
	}
	sched, err := scheduler.New(e.store, e.bot, reg, scheduler.DefaultConfig(loc))
	if err != nil {
		t.Fatal(err)
	}
	reminders := func() []models.OutboxItem {
		rows, err := e.store.ListOutbox(bg, models.OutboxFilter{CitizenID: citizenID})
		if err != nil {
			t.Fatal(err)
		}
		var out []models.OutboxItem
		for _, r := range rows {
			if r.Kind == models.KindReminder {
				out = append(out, r)
			}
		}
		return out
	}
	start := e.clock.Now()
	for at := start; len(reminders()) == 0; at = at.Add(15 * time.Minute) {
		if at.After(start.Add(48 * time.Hour)) {
			t.Fatal("the scheduler queued no reminder in two days")
		}
		e.clock.Set(at)
		if _, err := sched.RunDue(bg, at); err != nil {
			t.Fatalf("RunDue at %s: %v", at, err)
		}
	}
	rows := reminders()
	if len(rows) != 1 || rows[0].Channel != models.ChannelPush {
		t.Fatalf("reminder rows %+v, want one push", rows)
	}
	reminder := rows[0]

	// serve's push dispatcher, over the test store, pointed at nothing but the fake.
	sender := &notify.WebPushSender{Keys: keys, Subject: "mailto:drift@brobygger.example", Now: e.clock.Now}
	pushes := notify.NewPushDispatcher(e.store, sender, notify.PushConfig{Sleep: func(ctx context.Context, _ time.Duration) bool { return ctx.Err() == nil }}, nil)
	for n := 1; n > 0; {
		if n, err = pushes.DispatchOnce(bg); err != nil {
			t.Fatalf("push dispatch: %v", err)
		}
	}
	// And the SMS dispatcher, through the fake Twilio: everything due by SMS goes, but not the reminder.
	smsSender, err := notify.NewTwilioSender(notify.TwilioSenderConfig{AccountSID: pushTestAccountSID, AuthToken: pushTestAuthToken,
		From: pushTestFrom, APIURL: twilio.URL()})
	if err != nil {
		t.Fatal(err)
	}
	sms := notify.NewDispatcher(e.store, smsSender, notify.DispatcherConfig{Workers: 1, BatchSize: 50, Rand: func() float64 { return 0.5 }}, nil)
	for n := 1; n > 0; {
		if n, err = sms.DispatchOnce(bg); err != nil {
			t.Fatalf("SMS dispatch: %v", err)
		}
	}

	if rej := fake.Rejected(); len(rej) != 0 {
		t.Fatalf("the fake push service refused: %v", rej)
	}
	got := fake.Pushes()
	if len(got) != 1 || got[0].Endpoint != sub.Endpoint {
		t.Fatalf("the fake received %d pushes (%+v), want exactly one to the citizen's browser", len(got), got)
	}
	var fields map[string]any
	if err := json.Unmarshal(got[0].Payload, &fields); err != nil {
		t.Fatalf("push payload %q: %v", got[0].Payload, err)
	}
	if len(fields) != 2 || fields["title"] != "Du har en ny besked" || fields["id"] != reminder.ID {
		t.Fatalf("push payload %s, want only the title and the reminder's id %s", got[0].Payload, reminder.ID)
	}
	if strings.Contains(string(got[0].Payload), "Gåtur") {
		t.Errorf("the push payload carries the reminder's content: %s", got[0].Payload)
	}
	e164, _ := models.NormalizePhone(phone)
	if len(twilio.Messages()) == 0 {
		t.Error("the fake Twilio received no SMS at all: the SMS dispatcher did not run")
	}
	for _, m := range twilio.Messages() {
		if m.To == e164 && (m.Body == reminder.Body || strings.Contains(m.Body, "Gåtur")) {
			t.Errorf("the reminder went by SMS too: %+v", m)
		}
	}
	if rows := reminders(); len(rows) != 1 || rows[0].Status != models.OutboxSent || rows[0].Channel != models.ChannelPush {
		t.Fatalf("after dispatch the reminder rows are %+v, want one sent push", rows)
	}

	// The exact payload, through the browser's push path to the service worker. Delivered up to
	// three times: on a loaded machine the worker may still be starting when the first arrives; the
	// notification's tag (the id) makes a repeat replace it.
	shown := false
	for try := 0; try < 3 && !shown; try++ {
		deliverPush(t, ctx, base, registration, string(got[0].Payload))
		shown = awaitJS[bool](t, ctx, `new Promise(done => { const end = Date.now() + 15000; (function look() {
			navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => {
				if (ns.some(n => n.title === 'Du har en ny besked' && n.data.id === '`+reminder.ID+`')) done(true);
				else if (Date.now() > end) done(false); else setTimeout(look, 200); }); })(); })`)
	}
	if !shown {
		t.Fatal("the service worker did not show the reminder's push as a notification with its title and id")
	}
	run(t, ctx, "open the reminder's notification", chromedp.Navigate(base+"/app#/notification/"+reminder.ID),
		chromedp.Poll[chromedp.Void](`document.querySelector('main').innerText.includes('Gåtur i parken')`))
	checkAppScreen(t, ctx, axe, "app-notification")
	if opened, err := e.store.OutboxItemForCitizen(bg, citizenID, reminder.ID); err != nil || opened.OpenedAt == nil || opened.FallbackAt != nil {
		t.Errorf("the opened reminder: %+v %v, want opened and its fallback cancelled", opened, err)
	}
}
