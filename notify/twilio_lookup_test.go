package notify_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

// TestTwilioSender_FindSentWindowAndQueued: the lookup before a resend finds an SMS Twilio
// accepted for the same number and body since the given time, whether it already went to the
// carrier (date_sent set) or still waits in Twilio's queue (no date_sent: Twilio's DateSent
// filter leaves it out, so a lookup by DateSent alone would resend it); it ignores the same text
// sent before that time, another text, and another number. The fake's clock is fake.
func TestTwilioSender_FindSentWindowAndQueued(t *testing.T) {
	srv := twiliotest.NewServer(accountSID, authToken)
	t.Cleanup(srv.Close)
	var mu sync.Mutex
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	srv.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	set := func(t time.Time) { mu.Lock(); defer mu.Unlock(); now = t }
	s := twilioSender(t, srv)
	ctx := context.Background()
	const sentTo, queuedTo, other = "+4520111111", "+4520222222", "+4520333333"
	srv.HoldInQueue(queuedTo)
	send := func(to, body string, at time.Time) {
		t.Helper()
		set(at)
		if _, err := s.Send(ctx, notify.OutgoingSMS{To: to, Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	since := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for _, to := range []string{sentTo, queuedTo} {
		send(to, "Husk strik i dag kl. 14.", since.Add(-time.Hour)) // the same text yesterday's way: before the window
		send(to, "Husk strik i dag kl. 14.", since.Add(2*time.Second))
		send(to, "Et andet SMS.", since.Add(3*time.Second))
	}
	send(other, "Husk strik i dag kl. 14.", since.Add(4*time.Second))
	set(since.Add(time.Minute))

	for _, to := range []string{sentTo, queuedTo} {
		found, err := s.FindSent(ctx, notify.OutgoingSMS{To: to, Body: "Husk strik i dag kl. 14."}, since)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 1 || found[0].SID == "" {
			t.Fatalf("to %s: found %+v, want the one SMS in the window", to, found)
		}
		want := "sent"
		if to == queuedTo {
			want = "queued"
		}
		if found[0].Status != want {
			t.Errorf("to %s: status %q, want %q", to, found[0].Status, want)
		}
	}
	found, err := s.FindSent(ctx, notify.OutgoingSMS{To: sentTo, Body: "Aldrig sendt."}, since)
	if err != nil || len(found) != 0 {
		t.Fatalf("an SMS never sent was found: %+v %v", found, err)
	}
}
