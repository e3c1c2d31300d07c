package dashboard_test

import (
	"brobygger/api/apitest"
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
)

// citizenPage loads the citizen's page and fails unless it is 200.
func citizenPage(t *testing.T, b *apitest.DashBrowser, id, query string) (apitest.Response, string) {
	t.Helper()
	res := b.Get("/dashboard/citizens/" + id + query)
	if res.Status != 200 {
		t.Fatalf("citizen page: %d %s", res.Status, res.Body)
	}
	return res, string(res.Body)
}

func wantRedirect(t *testing.T, res apitest.Response, location string) {
	t.Helper()
	if res.Status != 303 || res.Header.Get("Location") != location {
		t.Fatalf("want 303 to %s, got %d %q %s", location, res.Status, res.Header.Get("Location"), res.Body)
	}
}

// TestDashboard_PauseResumeAndNotes: the pause form needs a reason (a Danish sentence next to
// the form, nothing saved), pauses with it and redirects to the page, which says who paused and
// why; resume lifts it. A case note is saved with its date and shown in the notes and the
// timeline; an empty one is refused with the typed date kept. Another worker gets 404 for every
// form and nothing is written.
func TestDashboard_PauseResumeAndNotes(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		e.Staff("b@example.dk", models.RoleLinkWorker)
		id := apitest.ConfirmedCitizen(e, at.AccessToken, "26510001")
		a, b := apitest.Browser(e), apitest.Browser(e)
		a.MustLogin("a@example.dk")
		b.MustLogin("b@example.dk")
		page, body := citizenPage(t, a, id, "")
		for _, want := range []string{`action="/dashboard/citizens/` + id + `/pause"`, `for="pause-reason"`, `for="note-body"`, `for="note-date"`,
			`for="checkin-instrument"`, `for="offer-q"`, `for="message-send-now"`, `src="/dashboard/assets/sms-count.js"`} {
			if !strings.Contains(body, want) {
				t.Errorf("citizen page lacks %s", want)
			}
		}
		csrf := a.CSRF(page)
		base := "/dashboard/citizens/" + id

		refused := a.Post(base+"/pause", url.Values{"csrf": {csrf}, "reason": {" "}}, false)
		if refused.Status != 400 || !strings.Contains(string(refused.Body), "Skriv hvorfor der holdes pause") {
			t.Fatalf("pause without reason: %d %s", refused.Status, refused.Body)
		}
		if c, _ := e.Store.CitizenByID(context.Background(), id); c.PausedAt != nil {
			t.Fatal("a refused pause paused the citizen")
		}
		for _, path := range []string{"/pause", "/resume", "/notes", "/checkins", "/prescriptions"} {
			res := b.Post(base+path, url.Values{"csrf": {b.CSRF(b.Get("/dashboard/caseload"))}, "reason": {"x"}, "body": {"x"},
				"instrument": {"who5"}, "offer_id": {id}, "weekday": {"1"}, "start_time": {"10:00"}, "end_time": {"11:00"}}, true)
			if res.Status != 404 {
				t.Errorf("worker B posted %s on A's citizen: %d", path, res.Status)
			}
		}

		wantRedirect(t, a.Post(base+"/pause", url.Values{"csrf": {csrf}, "reason": {"Indlagt på hospitalet"}}, true), base+"?done=paused#pause")
		_, body = citizenPage(t, a, id, "?done=paused")
		for _, want := range []string{"Check-ins er sat på pause.", "På pause siden", "Indlagt på hospitalet", `action="` + base + `/resume"`, "Pause i check-ins"} {
			if !strings.Contains(body, want) {
				t.Errorf("paused page lacks %q", want)
			}
		}
		again := a.Post(base+"/pause", url.Values{"csrf": {csrf}, "reason": {"igen"}}, true)
		if again.Status != 409 || !strings.Contains(string(again.Body), "Check-ins er allerede på pause.") {
			t.Fatalf("second pause: %d", again.Status)
		}
		wantRedirect(t, a.Post(base+"/resume", url.Values{"csrf": {csrf}}, true), base+"?done=resumed#pause")

		empty := a.Post(base+"/notes", url.Values{"csrf": {csrf}, "body": {""}, "occurred_on": {"2026-11-20"}}, false)
		if empty.Status != 400 || !strings.Contains(string(empty.Body), "Skriv notatet") || !strings.Contains(string(empty.Body), `value="2026-11-20"`) {
			t.Fatalf("empty note: %d %s", empty.Status, empty.Body)
		}
		wantRedirect(t, a.Post(base+"/notes", url.Values{"csrf": {csrf}, "body": {"Ringede til Anna, hun vil gerne prøve strikkeklubben."},
			"occurred_on": {"2026-11-20"}}, true), base+"?done=noted#notes")
		_, body = citizenPage(t, a, id, "?done=noted")
		if !strings.Contains(body, "Notatet er gemt.") || strings.Count(body, "hun vil gerne prøve strikkeklubben") != 2 || !strings.Contains(body, "Staff a@example.dk") {
			t.Fatalf("the note is not on the page (notes and timeline): %s", body)
		}
		if notes, _ := e.Store.CaseNotes(context.Background(), id, 10); len(notes) != 1 {
			t.Fatalf("want 1 note, got %d", len(notes))
		}
	})
}

// TestDashboard_PrescriptionBuilder: the builder searches the offer directory with a GET form,
// lists the hits with their sessions, prescribes the chosen offer with the fields of
// NewPrescription and shows it; a one-off without its date is refused in Danish; ending the
// activity cancels its queued reminder.
func TestDashboard_PrescriptionBuilder(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		id := apitest.ConfirmedCitizen(e, at.AccessToken, "26510002")
		offer := apitest.CreateOffer(e, at.AccessToken, apitest.KnittingClub())
		a := apitest.Browser(e)
		a.MustLogin("a@example.dk")
		base := "/dashboard/citizens/" + id
		_, body := citizenPage(t, a, id, "?q=intet+som+dette")
		if !strings.Contains(body, "Ingen aktive tilbud passer til søgningen.") {
			t.Fatal("a search without hits says nothing")
		}
		page, body := citizenPage(t, a, id, "?q=strik")
		if !strings.Contains(body, `value="`+offer.ID+`"`) || !strings.Contains(body, "Torsdag 10:00–12:00") {
			t.Fatalf("the search lists no offer: %s", body)
		}
		csrf := a.CSRF(page)
		refused := a.Post(base+"/prescriptions", url.Values{"csrf": {csrf}, "q": {"strik"}, "offer_id": {offer.ID}, "weekday": {"0"},
			"start_time": {"10:00"}, "end_time": {"12:00"}}, true)
		if refused.Status != 400 || !strings.Contains(string(refused.Body), "Datoen for en enkelt gang skal udfyldes") ||
			!strings.Contains(string(refused.Body), `value="`+offer.ID+`" checked`) {
			t.Fatalf("one-off without date: %d %s", refused.Status, refused.Body)
		}
		wantRedirect(t, a.Post(base+"/prescriptions", url.Values{"csrf": {csrf}, "q": {"strik"}, "offer_id": {offer.ID}, "weekday": {"4"},
			"start_time": {"10:00"}, "end_time": {"12:00"}, "starts_on": {""}, "ends_on": {""}, "note": {"Hanne tager imod"}}, true),
			base+"?done=prescribed#prescriptions")
		list := apitest.Prescriptions(e, at.AccessToken, id)
		if len(list) != 1 || list[0].Weekday != 4 || !list[0].Active {
			t.Fatalf("prescriptions: %+v", list)
		}
		_, body = citizenPage(t, a, id, "?done=prescribed")
		end := base + "/prescriptions/" + list[0].ID + "/end"
		if !strings.Contains(body, "Aktiviteten er tilføjet.") || !strings.Contains(body, `action="`+end+`"`) {
			t.Fatalf("the activity is not listed with its end button: %s", body)
		}
		key := models.ReminderKey(list[0].ID, calendar.NewDate(2026, 11, 26))
		if _, err := e.Store.Enqueue(context.Background(), models.NewOutbound{CitizenID: &id, Phone: "+4526510002", Body: "Påmindelse",
			Kind: models.KindReminder, DedupeKey: key, NotBefore: e.Clock.Now().Add(24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		wantRedirect(t, a.Post(end, url.Values{"csrf": {csrf}}, true), base+"?done=ended#prescriptions")
		rows, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: id})
		for _, r := range rows {
			if r.Kind == models.KindReminder && r.Status != models.OutboxSuppressed {
				t.Fatalf("the ended activity's reminder is %s", r.Status)
			}
		}
		if list = apitest.Prescriptions(e, at.AccessToken, id); list[0].Active {
			t.Fatal("the prescription still runs")
		}
	})
}

var sentInfo = regexp.MustCompile(`(?s)<div class="sent-info".*?</div>`)

// TestDashboard_ComposerAtNight: at 23:13 the page warns that the SMS waits for the morning and
// offers "send now"; the SMS then waits until 09:00 and the confirmation counts 137 characters,
// 3 segments and names the en dash. With "send now" it goes at once. The counter script is
// served from the dashboard's own assets.
func TestDashboard_ComposerAtNight(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		id := apitest.ConfirmedCitizen(e, at.AccessToken, "26510003")
		cph, _ := time.LoadLocation("Europe/Copenhagen")
		e.Clock.Set(time.Date(2026, 11, 24, 23, 13, 0, 0, cph))
		a := apitest.Browser(e)
		a.MustLogin("a@example.dk")
		page, body := citizenPage(t, a, id, "")
		if !strings.Contains(body, "Sendevinduet er lukket. SMS&#39;en venter til") || !strings.Contains(body, "Send nu alligevel") {
			t.Fatalf("no night-time warning: %s", body)
		}
		if !strings.Contains(body, "Sendevinduet er lukket: spørgeskemaet sendes") {
			t.Error("the check-in form does not say it waits")
		}
		text := "Hej Anna – tak for i dag. Vi ses på torsdag kl. 10 i Kulturhuset, hvor strikkeklubben mødes. Ring gerne, hvis du får brug for det. Kh Ida"
		res := a.Post("/dashboard/citizens/"+id+"/messages", url.Values{"csrf": {a.CSRF(page)}, "body": {text}}, true)
		loc := res.Header.Get("Location")
		if res.Status != 303 || !strings.HasPrefix(loc, "/dashboard/citizens/"+id+"?sent=") {
			t.Fatalf("send: %d %s", res.Status, loc)
		}
		_, body = citizenPage(t, a, id, strings.TrimPrefix(strings.TrimSuffix(loc, "#messages"), "/dashboard/citizens/"+id))
		info := sentInfo.FindString(body)
		for _, want := range []string{"sendes 25.11.2026 kl. 09.00", "137 tegn", "SMS-dele: 3", "«–» (tankestreg)"} {
			if !strings.Contains(info, want) {
				t.Errorf("confirmation lacks %q: %s", want, info)
			}
		}
		res = a.Post("/dashboard/citizens/"+id+"/messages", url.Values{"csrf": {a.CSRF(page)}, "body": {"Ring til mig"}, "send_now": {"1"}}, true)
		_, body = citizenPage(t, a, id, strings.TrimPrefix(strings.TrimSuffix(res.Header.Get("Location"), "#messages"), "/dashboard/citizens/"+id))
		if info := sentInfo.FindString(body); !strings.Contains(info, "sendes nu") || !strings.Contains(info, "SMS-dele: 1") {
			t.Fatalf("send now: %s", info)
		}
		js := a.Get("/dashboard/assets/sms-count.js")
		if js.Status != 200 || !strings.Contains(string(js.Body), "message-body") {
			t.Fatalf("counter script: %d", js.Status)
		}
	})
}

// TestDashboard_CheckinNow: the form sends the chosen questionnaire and says so; a second one
// while the first is open is refused in Danish.
func TestDashboard_CheckinNow(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		id := apitest.ConfirmedCitizen(e, at.AccessToken, "26510004")
		a := apitest.Browser(e)
		a.MustLogin("a@example.dk")
		page, _ := citizenPage(t, a, id, "")
		base := "/dashboard/citizens/" + id
		wantRedirect(t, a.Post(base+"/checkins", url.Values{"csrf": {a.CSRF(page)}, "instrument": {"who5"}}, true), base+"?done=checkin_now#checkin")
		busy := a.Post(base+"/checkins", url.Values{"csrf": {a.CSRF(page)}, "instrument": {"who5"}}, true)
		if busy.Status != 409 || !strings.Contains(string(busy.Body), "midt i et andet spørgeskema") {
			t.Fatalf("second check-in: %d %s", busy.Status, busy.Body)
		}
	})
}
