package dashboard_test

import (
	"brobygger/api/apitest"
	"net/url"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

// TestDashboard_InboxAnswerAndHandled: the inbox page lists a worker's waiting texts with an
// answer box and a "handled" button, marks a citizen with an open safety case, shows another
// worker the empty state; "handled" and an answer each return to the inbox (303) and take the
// message out of it, and another worker's "handled" is a 404 page.
func TestDashboard_InboxAnswerAndHandled(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		e.Staff("b@example.dk", models.RoleLinkWorker)
		id := apitest.ConfirmedCitizen(e, at.AccessToken, "26400101")
		apitest.SMS(e, "26400101", "Kan du ringe til mig i morgen?")
		waiting := apitest.WaitingMessages(e, id)
		if len(waiting) != 1 {
			t.Fatalf("waiting: %v", waiting)
		}
		a, b := apitest.Browser(e), apitest.Browser(e)
		a.MustLogin("a@example.dk")
		b.MustLogin("b@example.dk")

		page := a.Get("/dashboard/inbox")
		body := string(page.Body)
		for _, want := range []string{"Kan du ringe til mig i morgen?", "Anna Jensen", `href="/dashboard/inbox" aria-current="page"`,
			`action="/dashboard/citizens/` + id + `/messages"`, `name="from" value="inbox"`, `for="answer-` + waiting[0] + `"`,
			`action="/dashboard/inbox/` + waiting[0] + `/handled"`, "Klaret uden svar"} {
			if !strings.Contains(body, want) {
				t.Errorf("inbox page lacks %q", want)
			}
		}
		if page.Status != 200 || strings.Contains(body, "sev-urgent") {
			t.Fatalf("inbox: %d %s", page.Status, body)
		}
		empty := b.Get("/dashboard/inbox")
		if !strings.Contains(string(empty.Body), `id="inbox-empty"`) || !strings.Contains(string(empty.Body), "Når en borger skriver til dig") ||
			strings.Contains(string(empty.Body), "ringe til mig") {
			t.Fatalf("worker B's inbox: %s", empty.Body)
		}
		handled := "/dashboard/inbox/" + waiting[0] + "/handled"
		if res := b.Post(handled, url.Values{"csrf": {b.CSRF(empty)}}, true); res.Status != 404 {
			t.Fatalf("B handled A's message: %d", res.Status)
		}
		if res := a.Post(handled, url.Values{}, false); res.Status != 403 {
			t.Fatalf("handled without a form token: %d", res.Status)
		}
		done := a.Post(handled, url.Values{"csrf": {a.CSRF(page)}}, true)
		if done.Status != 303 || done.Header.Get("Location") != "/dashboard/inbox?handled=1" {
			t.Fatalf("handled: %d %s", done.Status, done.Header.Get("Location"))
		}
		after := a.Get("/dashboard/inbox?handled=1")
		if !strings.Contains(string(after.Body), "Beskeden er markeret som klaret.") || !strings.Contains(string(after.Body), `id="inbox-empty"`) {
			t.Fatalf("after handled: %s", after.Body)
		}

		e.Clock.Advance(time.Minute)
		apitest.SMS(e, "26400101", "jeg orker ikke at leve mere")
		page = a.Get("/dashboard/inbox")
		if !strings.Contains(string(page.Body), `class="flag inbox-item sev-urgent"`) || !strings.Contains(string(page.Body), "Mulig nødsituation") {
			t.Fatalf("the safety case does not stand out: %s", page.Body)
		}
		sent := a.Post("/dashboard/citizens/"+id+"/messages", url.Values{"csrf": {a.CSRF(page)}, "from": {"inbox"}, "body": {"Jeg ringer til dig nu."}}, true)
		if sent.Status != 303 || sent.Header.Get("Location") != "/dashboard/inbox?sent=1" {
			t.Fatalf("answer from the inbox: %d %s", sent.Status, sent.Header.Get("Location"))
		}
		if left := apitest.WaitingMessages(e, id); len(left) != 0 {
			t.Fatalf("the answered message still waits: %v", left)
		}
		if res := a.Get("/dashboard/inbox?sent=1"); !strings.Contains(string(res.Body), "SMS&#39;en er sat i kø.") {
			t.Fatalf("after answer: %s", res.Body)
		}
	})
}
