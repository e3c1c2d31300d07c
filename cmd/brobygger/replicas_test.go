package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify/twiliotest"
)

// TestServe_TwoReplicasOneBehaviour runs two serve processes on one PostgreSQL database with one
// fake Twilio at SMS_RATE_PER_SECOND=4: referrals go to both, every citizen answers JA through a
// signed webhook to either replica. No citizen gets an SMS twice, no wall-clock second at the fake
// holds more than 4 arrivals (plus one delayed by a busy machine), and every inbound SMS is
// stored once. SQLite is one process per database file, so there is nothing to test there.
func TestServe_TwoReplicasOneBehaviour(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		t.Skip("two replicas share a PostgreSQL database: set TEST_DATABASE_URL (.ci/run does)")
	}
	const rate, citizens = 4, 12
	site := newE2ESiteAt(t, storetest.URL(t, models.Postgres), fmt.Sprintf("SMS_RATE_PER_SECOND=%d", rate))
	a, logsA, _ := site.start("2026-12-08T10:00:00+01:00")
	b, logsB, _ := site.start("2026-12-08T10:00:00+01:00")
	logs := multiLog{logsA, logsB}
	phones := append(site.referMany(a, citizens/2), site.referManyFrom(b, citizens/2, citizens/2)...)
	site.waitForMessages(citizens, logs)
	for i, p := range phones {
		base := []string{a, b}[i%2]
		ja := twiliotest.InboundSMSParams(e2eSID, fmt.Sprintf("SM%032d", i), p, "+4570701234", "JA")
		req, _ := http.NewRequest(http.MethodPost, base+"/webhooks/twilio/sms", strings.NewReader(ja.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", twiliotest.Signature(e2eToken, "https://sms.example.dk/webhooks/twilio/sms", ja))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("inbound webhook: %d", res.StatusCode)
		}
	}
	msgs := site.waitForMessages(2*citizens, logs)
	perPhone, perSecond := map[string]int{}, map[int64]int{}
	for _, m := range msgs {
		perPhone[m.To]++
		perSecond[m.ReceivedAt.Unix()]++
	}
	busiest := 0
	for _, n := range perSecond {
		busiest = max(busiest, n)
	}
	for _, p := range phones {
		if perPhone[p] != 2 {
			t.Errorf("%s got %d SMS, want the contact SMS and the answer to JA", p, perPhone[p])
		}
	}
	t.Logf("two replicas: %d SMS, busiest second at the fake %d (rate %d)", len(msgs), busiest, rate)
	// Turns are taken at the rate (spaced 5 % wider), but an SMS delayed on its way to the fake by
	// a busy machine can land in the next second beside the one on time, so one over the rate is
	// tolerated. Two replicas that did not share the rate would send about twice it (8 here).
	if busiest > rate+1 {
		t.Errorf("busiest second at the fake held %d SMS, over the rate %d (+1 for a late arrival)", busiest, rate)
	}
	inbound := 0
	for _, p := range phones {
		for _, r := range site.messagesTo(p) {
			if r.Direction == models.Inbound {
				inbound++
			}
		}
	}
	if inbound != citizens {
		t.Errorf("%d inbound SMS stored, want %d (each once)", inbound, citizens)
	}
}

// multiLog shows both replicas' logs when a wait fails.
type multiLog [2]fmt.Stringer

func (m multiLog) String() string { return m[0].String() + "\n---\n" + m[1].String() }

// messagesTo reads the timeline's messages with the number straight from the site's database.
func (s *e2eSite) messagesTo(phone string) []models.Message {
	s.t.Helper()
	store, err := models.Open(context.Background(), s.dbURL)
	if err != nil {
		s.t.Fatal(err)
	}
	defer store.Close()
	msgs, err := store.ListMessages(context.Background(), models.MessageFilter{Phone: phone})
	if err != nil {
		s.t.Fatal(err)
	}
	return msgs
}
