package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"brobygger/api/apitest"
	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify/twiliotest"
)

// TestServe_KilledBetweenTwilioAndSettleTextsNoOneTwice kills the real serve process with
// SIGKILL the moment the fake Twilio has accepted the third of six contact SMS and before it
// answers 201: Twilio holds SMS the process never heard about. A process started after the
// claims' lease has run out asks Twilio (the Messages list, by To and DateSent>) about each of
// them and settles the ones Twilio has with their SID instead of sending them again. Every citizen
// gets exactly one SMS, on SQLite and on PostgreSQL.
func TestServe_KilledBetweenTwilioAndSettleTextsNoOneTwice(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			site := newE2ESiteAt(t, storetest.URL(t, d))
			// Saturday night: the six contact SMS wait for Monday 09:00, so they go out together.
			base, _, stop := site.start("2026-12-05T22:00:00+01:00")
			phones := site.referMany(base, 6)
			stop()

			// Twilio's clock is the site's (dates on Twilio's list are compared with the queue's).
			monday9, _ := time.Parse(time.RFC3339, "2026-12-07T09:00:00+01:00")
			site.fake.SetClock(offsetClock(monday9, time.Now))
			var accepted atomic.Int32
			var killed atomic.Bool
			stopper := make(chan func(), 1) // the running process's SIGKILL, once start returns
			site.fake.OnAccept(func(twiliotest.Message) {
				if accepted.Add(1) == 3 {
					stop := <-stopper
					stop() // SIGKILL before this request's 201 is written
					killed.Store(true)
				}
			})
			_, logs, stopCrashing := site.start("2026-12-07T09:00:00+01:00")
			stopper <- stopCrashing
			for deadline := time.Now().Add(30 * time.Second); !killed.Load(); {
				if time.Now().After(deadline) {
					t.Fatalf("the dispatcher never reached Twilio\n%s", logs)
				}
				time.Sleep(20 * time.Millisecond)
			}
			site.fake.OnAccept(nil)
			lost := site.unsettled()
			if lost == 0 {
				t.Fatalf("the kill left no SMS with an unknown outcome; the test proves nothing")
			}

			// Five minutes later by the site's clock: the dead process's two-minute leases are over.
			_, logs, _ = site.start("2026-12-07T09:05:00+01:00")
			site.waitAllSent(len(phones), logs)
			perPhone := map[string]int{}
			for _, m := range site.fake.Messages() {
				perPhone[m.To]++
			}
			dupes := 0
			for _, p := range phones {
				if perPhone[p] != 1 {
					t.Errorf("%s got %d SMS, want 1", p, perPhone[p])
				}
				dupes += max(perPhone[p]-1, 0)
			}
			t.Logf("killed with %d of %d SMS unsettled; %d sent twice after the restart", lost, len(phones), dupes)
			// The log is read from the process's output as it comes, so the line that says so may
			// arrive a moment after the database shows the rows settled.
			for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "found_at_carrier"); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Errorf("no SMS was recovered from Twilio's list\n%s", logs)
					break
				}
			}
		})
	}
}

// referMany logs the link worker in and refers n citizens; it returns their numbers in E.164.
func (s *e2eSite) referMany(base string, n int) []string {
	s.t.Helper()
	return s.referManyFrom(base, 0, n)
}

// referManyFrom refers n citizens numbered from first.
func (s *e2eSite) referManyFrom(base string, first, n int) []string {
	s.t.Helper()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	apitest.CallJSON(s.t, http.MethodPost, base+"/v1/auth/staff/login", "", `{"email":"lw@example.dk","password":"a long enough password"}`, 200, &tok)
	phones := make([]string, n)
	for i := range n {
		local := fmt.Sprintf("26%06d", 100000+first+i)
		phones[i] = "+45" + local
		body := fmt.Sprintf(`{"name":"Borger %d","phone":%q,"consent_contact":true,"consent_data":true}`, i, local)
		apitest.CallJSON(s.t, http.MethodPost, base+"/v1/referrals", tok.AccessToken, body, 201, nil)
	}
	return phones
}

// unsettled counts outbox rows left "sending" (claimed, outcome not recorded).
func (s *e2eSite) unsettled() int {
	s.t.Helper()
	return len(s.outboxWith(models.OutboxFilter{Statuses: []models.OutboxStatus{models.OutboxSending}}))
}

// waitAllSent waits (the test's patience, by the wall clock) until n outbox rows are sent and
// none is left to send.
func (s *e2eSite) waitAllSent(n int, logs fmt.Stringer) {
	s.t.Helper()
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		rows := s.outboxWith(models.OutboxFilter{})
		sent := 0
		for _, r := range rows {
			if r.Status == models.OutboxSent {
				sent++
			}
		}
		if sent == n && len(rows) == n {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%d of %d outbox rows sent (%d rows)\n%s", sent, n, len(rows), logs)
		}
	}
}

// outboxWith reads outbox rows straight from the site's database.
func (s *e2eSite) outboxWith(f models.OutboxFilter) []models.OutboxItem {
	s.t.Helper()
	store, err := models.Open(context.Background(), s.dbURL)
	if err != nil {
		s.t.Fatal(err)
	}
	defer store.Close()
	items, err := store.ListOutbox(context.Background(), f)
	if err != nil {
		s.t.Fatal(err)
	}
	return items
}
