package api_test

import (
	"brobygger/api/apitest"
	"context"
	"net/http"
	"strings"
	"testing"

	"brobygger/models"
)

// TestCitizenAPI_AnswerRetryIsIdempotent: an answer sent again with the same value (a retry, or
// a queued offline answer sent twice) changes nothing and is 200, also after the last answer
// finished the check-in; another value for an answered item is 409.
func TestCitizenAPI_AnswerRetryIsIdempotent(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		id := e.Refer(lw.AccessToken, "26100031")
		tok := e.CitizenLogin("26100031").AccessToken
		checkin := apitest.OpenCheckin(e, id, "who5")
		answer := func(item, value int) apitest.Response {
			return e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/checkins/"+checkin+"/answers",
				map[string]any{"answers": []map[string]int{{"item": item, "value": value}}}, tok))
		}
		for i := 0; i < 2; i++ {
			if res := answer(1, 4); res.Status != 200 || !strings.Contains(string(res.Body), `"status":"open"`) {
				t.Fatalf("answer 1, try %d: %d %s", i+1, res.Status, res.Body)
			}
		}
		if res := answer(1, 2); res.Status != 409 {
			t.Fatalf("another value for item 1: %d %s", res.Status, res.Body)
		}
		for item := 2; item <= 5; item++ {
			answer(item, 3)
		}
		again := answer(5, 3)
		if again.Status != 200 || !strings.Contains(string(again.Body), `"status":"completed"`) {
			t.Fatalf("last answer again: %d %s", again.Status, again.Body)
		}
		got, _ := e.Store.CheckinAnswers(context.Background(), checkin)
		ex, _ := e.Store.ExportCitizen(context.Background(), id)
		if len(got) != 5 || len(ex.Answers) != 5 {
			t.Fatalf("answers stored: %v (%d rows)", got, len(ex.Answers))
		}
	})
}

// TestCitizenAPI_WriteToLinkWorker: a message from the app reaches the link worker's inbox once
// per Idempotency-Key, raises the free-text flag, and is validated.
func TestCitizenAPI_WriteToLinkWorker(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		worker, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		id := e.Refer(lw.AccessToken, "26100041")
		tok := e.CitizenLogin("26100041").AccessToken
		write := func(key string, body any) apitest.Response {
			req := apitest.NewJSONRequest("POST", "/v1/me/messages", body, tok)
			if key != "" {
				req.Header.Set("Idempotency-Key", key)
			}
			return e.Client.DoInvalid(req)
		}
		for i := 0; i < 2; i++ {
			res := write("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", map[string]string{"body": "Kan vi tale om torsdagens gåtur?"})
			if res.Status != 202 || !strings.Contains(string(res.Body), "brobygger") {
				t.Fatalf("write, try %d: %d %s", i+1, res.Status, res.Body)
			}
		}
		for name, bad := range map[string]struct {
			key  string
			body any
		}{
			"empty":         {"", map[string]string{"body": "   "}},
			"too long":      {"", map[string]string{"body": strings.Repeat("a", 1001)}},
			"unknown field": {"", `{"body":"Hej","to":"someone"}`},
			"bad key":       {"no spaces allowed", map[string]string{"body": "Hej"}},
		} {
			if res := write(bad.key, bad.body); res.Status != 400 {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		inbox, err := e.Store.Inbox(context.Background(), models.InboxQuery{StaffID: worker.ID})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range inbox.Items {
			if strings.Contains(it.Body, "gåtur") {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("the link worker's inbox has the message %d times: %+v", n, inbox.Items)
		}
		flags, _ := e.Store.ListFlags(context.Background(), models.FlagFilter{CitizenID: id})
		if len(flags) != 1 || flags[0].Kind != models.FlagFreeText {
			t.Fatalf("flags: %+v", flags)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/messages", map[string]string{"body": "Hej"}, lw.AccessToken)); res.Status != http.StatusForbidden {
			t.Fatalf("staff token: %d", res.Status)
		}
	})
}

// TestCitizenAPI_WriteToLinkWorkerHeardForDistress: words of distress written in the app are
// heard like an SMS: a crisis flag for the link worker and the safety text by SMS.
func TestCitizenAPI_WriteToLinkWorkerHeardForDistress(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		id := e.Refer(lw.AccessToken, "26100051")
		tok := e.CitizenLogin("26100051").AccessToken
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/messages", map[string]string{"body": "Jeg orker ikke at leve mere"}, tok)); res.Status != 202 {
			t.Fatalf("write: %d %s", res.Status, res.Body)
		}
		flags, _ := e.Store.ListFlags(context.Background(), models.FlagFilter{CitizenID: id})
		if !hasFlag(flags, models.FlagCrisis) || hasFlag(flags, models.FlagFreeText) {
			t.Fatalf("flags: %+v", flags)
		}
		out, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{Phone: "+4526100051"})
		safety := 0
		for _, o := range out {
			if o.Kind == models.KindSafety {
				safety++
			}
		}
		if safety != 1 {
			t.Fatalf("%d safety SMS queued, want 1", safety)
		}
	})
}
