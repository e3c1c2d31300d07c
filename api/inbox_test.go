package api_test

import (
	"brobygger/api/apitest"
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

type inboxJSON struct {
	Items []struct {
		MessageID      string  `json:"message_id"`
		CitizenID      string  `json:"citizen_id"`
		CitizenName    string  `json:"citizen_name"`
		Body           string  `json:"body"`
		CrisisOpen     bool    `json:"crisis_open"`
		CrisisSeverity *string `json:"crisis_severity"`
		CanSMS         bool    `json:"can_sms"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// inbox reads one page of GET /v1/inbox as token.
func inbox(e *apitest.Env, token, query string) inboxJSON {
	e.T.Helper()
	res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/inbox"+query, nil, token))
	if res.Status != 200 {
		e.T.Fatalf("inbox: %d %s", res.Status, res.Body)
	}
	var out inboxJSON
	res.JSON(e.T, &out)
	return out
}

func inboxBodies(in inboxJSON) []string {
	var out []string
	for _, it := range in.Items {
		out = append(out, it.Body)
	}
	return out
}

// TestInbox_ScopedNewestFirstWithSafetyCase: a link worker's inbox holds their own citizens'
// waiting free text, newest first, with the open safety case's severity; another worker's
// citizen never appears, the admin sees everyone's, and the cursor walks the same list a page
// at a time.
func TestInbox_ScopedNewestFirstWithSafetyCase(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		ca := apitest.ConfirmedCitizen(e, a.AccessToken, "26400001")
		cb := apitest.ConfirmedCitizen(e, b.AccessToken, "26400002")
		cc := apitest.ConfirmedCitizen(e, a.AccessToken, "26400003")
		if got := inbox(e, a.AccessToken, ""); len(got.Items) != 0 {
			t.Fatalf("JA waits for a reply: %+v", got)
		}
		for _, m := range []struct{ phone, body string }{
			{"26400001", "Kan du ringe til mig i morgen?"},
			{"26400003", "Hvornår er der gåtur igen?"},
			{"26400002", "Hej fra en anden borger"},
			{"26400003", "jeg orker ikke at leve mere"},
		} {
			apitest.SMS(e, m.phone, m.body)
			e.Clock.Advance(time.Minute)
		}
		mine := inbox(e, a.AccessToken, "")
		want := []string{"jeg orker ikke at leve mere", "Hvornår er der gåtur igen?", "Kan du ringe til mig i morgen?"}
		if strings.Join(inboxBodies(mine), "|") != strings.Join(want, "|") {
			t.Fatalf("worker A's inbox: %v, want %v", inboxBodies(mine), want)
		}
		for _, it := range mine.Items {
			if it.CitizenID == cb {
				t.Fatal("worker B's citizen is in A's inbox")
			}
			crisis := it.CitizenID == cc
			if it.CrisisOpen != crisis || (crisis && (it.CrisisSeverity == nil || *it.CrisisSeverity != "urgent")) || (!crisis && it.CrisisSeverity != nil) {
				t.Errorf("%s: crisis_open %v severity %v", it.Body, it.CrisisOpen, it.CrisisSeverity)
			}
			if it.CitizenName != "Anna Jensen" || !it.CanSMS {
				t.Errorf("%s: name %q can_sms %v", it.Body, it.CitizenName, it.CanSMS)
			}
		}
		if theirs := inbox(e, b.AccessToken, ""); len(theirs.Items) != 1 || theirs.Items[0].CitizenID != cb {
			t.Fatalf("worker B's inbox: %+v", theirs)
		}
		if all := inbox(e, admin.AccessToken, ""); len(all.Items) != 4 || all.Items[1].CitizenID != cb {
			t.Fatalf("the admin's inbox: %v", inboxBodies(all))
		}
		var walked []string
		for cursor, pages := "", 0; pages == 0 || cursor != ""; pages++ {
			q := "?limit=1"
			if cursor != "" {
				q += "&cursor=" + url.QueryEscape(cursor)
			}
			page := inbox(e, a.AccessToken, q)
			walked, cursor = append(walked, inboxBodies(page)...), page.NextCursor
			if pages > 5 {
				t.Fatal("the cursor does not end")
			}
		}
		if strings.Join(walked, "|") != strings.Join(want, "|") {
			t.Fatalf("paged walk: %v", walked)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/inbox?cursor=bm9wZQ", nil, a.AccessToken)); res.Status != 400 || res.ErrorCode(t) != "EINVALID" {
			t.Fatalf("bad cursor: %d %s", res.Status, res.Body)
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/inbox?limit=0", nil, a.AccessToken)); res.Status != 400 {
			t.Fatalf("limit 0: %d", res.Status)
		}
		_ = ca
	})
}

// TestInbox_HandledWithoutAnswer: marking one message handled takes only it out of the inbox,
// is audited, is 404 for another worker and 409 the second time; answering the citizen clears
// the rest of their waiting messages.
func TestInbox_HandledWithoutAnswer(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		ca := apitest.ConfirmedCitizen(e, a.AccessToken, "26400011")
		apitest.SMS(e, "26400011", "Tak for sidst")
		e.Clock.Advance(time.Minute)
		apitest.SMS(e, "26400011", "Kan vi mødes på torsdag?")
		before := inbox(e, a.AccessToken, "")
		if len(before.Items) != 2 {
			t.Fatalf("inbox: %v", inboxBodies(before))
		}
		thanks := before.Items[1].MessageID
		path := "/v1/inbox/" + thanks + "/handled"
		if res := e.Client.Do(apitest.NewJSONRequest("POST", path, nil, b.AccessToken)); res.Status != 404 || res.ErrorCode(t) != "ENOTFOUND" {
			t.Fatalf("worker B handled A's message: %d %s", res.Status, res.Body)
		}
		res := e.Client.Do(apitest.NewJSONRequest("POST", path, nil, a.AccessToken))
		if res.Status != 200 || !strings.Contains(string(res.Body), `"message_id":"`+thanks+`"`) {
			t.Fatalf("handled: %d %s", res.Status, res.Body)
		}
		if again := e.Client.Do(apitest.NewJSONRequest("POST", path, nil, a.AccessToken)); again.Status != 409 {
			t.Fatalf("handled twice: %d %s", again.Status, again.Body)
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/inbox/not-an-id/handled", nil, a.AccessToken)); res.Status != 404 {
			t.Fatalf("malformed id: %d", res.Status)
		}
		after := inbox(e, a.AccessToken, "")
		if len(after.Items) != 1 || after.Items[0].Body != "Kan vi mødes på torsdag?" {
			t.Fatalf("after handled: %v", inboxBodies(after))
		}
		trail, _ := e.Store.AuditTrail(context.Background(), ca, 50)
		audited := 0
		for _, entry := range trail {
			if entry.Action == "mark_message_handled" {
				audited++
			}
		}
		if audited != 1 {
			t.Fatalf("want one audited handled, got %d: %+v", audited, trail)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/inbox/"+after.Items[0].MessageID+"/handled", nil, admin.AccessToken)); res.Status != 200 {
			t.Fatalf("admin handled: %d %s", res.Status, res.Body)
		}
		apitest.SMS(e, "26400011", "Er du der?")
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+ca+"/messages", map[string]string{"body": "Ja, jeg ringer i eftermiddag."}, a.AccessToken)); res.Status != 202 {
			t.Fatalf("answer: %d %s", res.Status, res.Body)
		}
		if left := inbox(e, a.AccessToken, ""); len(left.Items) != 0 {
			t.Fatalf("answered messages still wait: %v", inboxBodies(left))
		}
	})
}

// TestInbox_OptedOutCitizenCannotBeAnswered: a citizen who wrote and then said STOP stays in the
// inbox with can_sms false, and the dashboard offers "handled" instead of an answer box.
func TestInbox_OptedOutCitizenCannotBeAnswered(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		id := apitest.ConfirmedCitizen(e, a.AccessToken, "26400021")
		apitest.SMS(e, "26400021", "Jeg vil hellere have et opkald end SMS'er")
		e.Clock.Advance(time.Minute)
		apitest.SMS(e, "26400021", "STOP")
		got := inbox(e, a.AccessToken, "")
		if len(got.Items) != 1 || got.Items[0].CanSMS {
			t.Fatalf("inbox after STOP: %+v", got)
		}
		br := apitest.Browser(e)
		br.MustLogin("a@example.dk")
		page := string(br.Get("/dashboard/inbox").Body)
		if strings.Contains(page, `action="/dashboard/citizens/`+id+`/messages"`) || !strings.Contains(page, "Ring i stedet") ||
			!strings.Contains(page, "/handled") {
			t.Fatalf("inbox page for an opted-out citizen: %s", page)
		}
	})
}
