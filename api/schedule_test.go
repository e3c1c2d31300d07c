package api_test

import (
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
	eachAPI(t, func(t *testing.T, e *apiEnv) {
		_, a := e.staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.staff("b@example.dk", models.RoleLinkWorker)
		id := e.refer(a.AccessToken, "26300001")
		e.dispatchAll()
		var before scheduleBody
		e.client.Do(newJSONRequest("GET", "/v1/citizens/"+id+"/schedule", nil, a.AccessToken)).JSON(t, &before)
		if len(before.Items) != 1 || before.Items[0].Kind != "contact_nudge" {
			t.Fatalf("before confirmation: %+v", before.Items)
		}
		e.sms("26300001", "JA")
		res := e.client.Do(newJSONRequest("GET", "/v1/citizens/"+id+"/schedule?days=100", nil, a.AccessToken))
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
		if r := e.client.Do(newJSONRequest("GET", "/v1/citizens/"+id+"/schedule", nil, b.AccessToken)); r.Status != 404 {
			t.Fatalf("worker B previewed A's citizen: %d", r.Status)
		}
		if r := e.client.DoInvalid(newJSONRequest("GET", "/v1/citizens/"+id+"/schedule?days=0", nil, a.AccessToken)); r.Status != 400 {
			t.Fatalf("days=0: %d", r.Status)
		}
	})
}

// dispatchAll settles everything queued as sent, as the dispatcher would after Twilio accepted it.
func (e *apiEnv) dispatchAll() {
	e.t.Helper()
	ctx := context.Background()
	items, err := e.store.ClaimOutbox(ctx, 1000, time.Minute)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, it := range items {
		if err := e.store.MarkSent(ctx, it, models.SentSMS{Status: "sent", Segments: 1}); err != nil {
			e.t.Fatal(err)
		}
	}
}

func TestSchedule_CitizenSeesTheirOwnUpcomingSends(t *testing.T) {
	eachAPI(t, func(t *testing.T, e *apiEnv) {
		_, lw := e.staff("lw@example.dk", models.RoleLinkWorker)
		e.refer(lw.AccessToken, "26300002")
		e.sms("26300002", "JA")
		tok := e.citizenLogin("26300002").AccessToken
		var mine scheduleBody
		res := e.client.Do(newJSONRequest("GET", "/v1/me/schedule?days=20", nil, tok))
		res.JSON(t, &mine)
		if res.Status != 200 || len(mine.Items) == 0 || mine.Items[0].Kind != "checkin" {
			t.Fatalf("citizen schedule: %d %s", res.Status, res.Body)
		}
		if r := e.client.Do(newJSONRequest("GET", "/v1/me/schedule", nil, lw.AccessToken)); r.Status != 403 {
			t.Fatalf("staff on the citizen schedule: %d", r.Status)
		}
	})
}
