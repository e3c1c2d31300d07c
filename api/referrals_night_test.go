package api_test

import (
	"brobygger/api/apitest"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

// TestReferrals_ContactSMSWaitsForTheNextOpenMorning refers citizens at night, on a Sunday, over
// Christmas and across the DST change: the contact SMS is queued for 09:00 Copenhagen time on
// the next day SMS may go out, and a referral inside the window is queued for now.
func TestReferrals_ContactSMSWaitsForTheNextOpenMorning(t *testing.T) {
	cph, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		at, want time.Time
	}{
		{"Tuesday 22:00", time.Date(2026, 12, 8, 22, 0, 0, 0, cph), time.Date(2026, 12, 9, 9, 0, 0, 0, cph)},
		{"Saturday 22:00, over Sunday", time.Date(2026, 12, 5, 22, 0, 0, 0, cph), time.Date(2026, 12, 7, 9, 0, 0, 0, cph)},
		{"Wednesday 03:10", time.Date(2026, 12, 9, 3, 10, 0, 0, cph), time.Date(2026, 12, 9, 9, 0, 0, 0, cph)},
		{"Christmas Eve 22:00, over two holidays and a Sunday", time.Date(2026, 12, 24, 22, 0, 0, 0, cph), time.Date(2026, 12, 28, 9, 0, 0, 0, cph)},
		{"Saturday 27 March 2027, over Easter and into summer time", time.Date(2027, 3, 27, 21, 30, 0, 0, cph), time.Date(2027, 3, 30, 9, 0, 0, 0, cph)},
		{"Tuesday 10:15, inside the window", time.Date(2026, 12, 8, 10, 15, 0, 0, cph), time.Date(2026, 12, 8, 10, 15, 0, 0, cph)},
	}
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		for i, c := range cases {
			e.Clock.Set(c.at) // before signing in: a token from another day has expired
			_, lw := e.Staff(fmt.Sprintf("lw%d@example.dk", i), models.RoleLinkWorker)
			id := e.Refer(lw.AccessToken, fmt.Sprintf("+45 26 55 40 %02d", 10+i))
			out, err := e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: id})
			if err != nil || len(out) != 1 {
				t.Fatalf("%s: outbox %+v %v", c.name, out, err)
			}
			if !out[0].NotBefore.Equal(c.want) {
				t.Errorf("%s: contact SMS not before %s, want %s", c.name, out[0].NotBefore.In(cph), c.want)
			}
		}
	})
}

// TestReferrals_NumberThatSaidStopGetsNothing: a number that replied STOP as an unknown sender is
// referred: the citizen is created, nothing is queued, and the answer says why.
func TestReferrals_NumberThatSaidStopGetsNothing(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		apitest.SMS(e, "26554499", "Stop")
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Anna Jensen", "phone": "26 55 44 99",
			"consent_contact": true, "consent_data": true}, lw.AccessToken))
		var out struct {
			CitizenID     string `json:"citizen_id"`
			CitizenStatus string `json:"citizen_status"`
			ContactSMS    string `json:"contact_sms"`
		}
		res.JSON(t, &out)
		if res.Status != 201 || out.ContactSMS != "not_sent_opted_out" || out.CitizenStatus != "opted_out" {
			t.Fatalf("referral of an opted-out number: %d %s", res.Status, res.Body)
		}
		if queued, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: out.CitizenID}); len(queued) != 0 {
			t.Fatalf("SMS queued to a number that said STOP: %+v", queued)
		}
		fresh := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Bo", "phone": "26 55 44 98",
			"consent_contact": true, "consent_data": true}, lw.AccessToken))
		if fresh.Status != 201 || !strings.Contains(string(fresh.Body), `"contact_sms":"queued"`) {
			t.Fatalf("an ordinary referral: %d %s", fresh.Status, fresh.Body)
		}
	})
}
