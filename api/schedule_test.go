package api_test

import (
	"brobygger/api/apitest"
	"context"
	"testing"
	"time"

	"brobygger/models"
)

type scheduleBody struct {
	Items []struct {
		Kind       string    `json:"kind"`
		Instrument string    `json:"instrument"`
		DueAt      time.Time `json:"due_at"`
	} `json:"items"`
}

func TestSchedule_PreviewsWhatTheSchedulerWillSend(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		id := e.Refer(a.AccessToken, "26300001")
		dispatchAll(e)
		var before scheduleBody
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/schedule", nil, a.AccessToken)).JSON(t, &before)
		if len(before.Items) != 1 || before.Items[0].Kind != "contact_nudge" {
			t.Fatalf("before confirmation: %+v", before.Items)
		}
		apitest.SMS(e, "26300001", "JA")
		res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/schedule?days=100", nil, a.AccessToken))
		var after scheduleBody
		res.JSON(t, &after)
		instruments := map[string]int{}
		cph, _ := time.LoadLocation("Europe/Copenhagen")
		for _, it := range after.Items {
			if it.Kind == "checkin" {
				instruments[it.Instrument]++
			}
			local := it.DueAt.In(cph)
			if local.Hour() < 9 || local.Hour() >= 20 || local.Weekday() == time.Sunday {
				t.Errorf("%s %s due outside the send window: %s", it.Kind, it.Instrument, local)
			}
		}
		if instruments["who5"] < 3 || instruments["ucla3"] < 3 || instruments["participation"] != 1 {
			t.Fatalf("100-day plan: %v (%s)", instruments, res.Body)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/schedule", nil, b.AccessToken)); r.Status != 404 {
			t.Fatalf("worker B previewed A's citizen: %d", r.Status)
		}
		if r := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/schedule?days=0", nil, a.AccessToken)); r.Status != 400 {
			t.Fatalf("days=0: %d", r.Status)
		}
	})
}

// dispatchAll settles everything queued as sent, as the dispatcher would after Twilio accepted it.
func dispatchAll(e *apitest.Env) {
	e.T.Helper()
	ctx := context.Background()
	items, err := e.Store.ClaimOutbox(ctx, 1000, time.Minute)
	if err != nil {
		e.T.Fatal(err)
	}
	for _, it := range items {
		if err := e.Store.MarkSent(ctx, it, models.SentSMS{Status: "sent", Segments: 1}); err != nil {
			e.T.Fatal(err)
		}
	}
}

func TestSchedule_CitizenSeesTheirOwnUpcomingSends(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		e.Refer(lw.AccessToken, "26300002")
		apitest.SMS(e, "26300002", "JA")
		tok := e.CitizenLogin("26300002").AccessToken
		var mine scheduleBody
		res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/schedule?days=20", nil, tok))
		res.JSON(t, &mine)
		if res.Status != 200 || len(mine.Items) == 0 || mine.Items[0].Kind != "checkin" {
			t.Fatalf("citizen schedule: %d %s", res.Status, res.Body)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/schedule", nil, lw.AccessToken)); r.Status != 403 {
			t.Fatalf("staff on the citizen schedule: %d", r.Status)
		}
	})
}
