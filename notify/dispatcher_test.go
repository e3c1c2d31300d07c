package notify_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
)

func TestDispatcher_SendsAndRecordsTheMessage(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		c := storetest.Citizen(t, s, nil, models.LangDA)
		body := "Hej Åse! Du er henvist til Brobygger. Svar JA, hvis vi må skrive til dig."
		id := queue(t, s, c, models.KindContact, body)
		d, srv := newDispatcher(t, s, testConfig())

		dispatchOnce(t, d, 1)
		got := srv.Messages()
		if len(got) != 1 || got[0].To != c.Phone || got[0].From != sender || got[0].Body != body ||
			got[0].StatusCallback != statusCallback {
			t.Fatalf("fake recorded %+v", got)
		}
		row := outboxRow(t, s, id)
		if row.Status != models.OutboxSent || row.Attempts != 1 || row.Segments != 1 || row.MessageID == nil ||
			row.SentAt == nil || !row.SentAt.Equal(clock.Now()) || row.LeaseUntil != nil {
			t.Fatalf("outbox row %+v", row)
		}
		var msg models.Message
		if err := inspect(t, s).Where("id = ?", *row.MessageID).Take(&msg).Error; err != nil {
			t.Fatal(err)
		}
		if msg.TwilioSID == nil || *msg.TwilioSID != got[0].SID || msg.Segments != 1 || msg.Status != "queued" ||
			msg.Direction != models.Outbound || msg.OutboxID == nil || *msg.OutboxID != id {
			t.Errorf("message %+v", msg)
		}
		if citizen(t, s, c.ID).ContactedAt == nil {
			t.Error("the first contact SMS did not mark the citizen contacted")
		}
		if st := d.Stats(); st != (notify.DispatchStats{Sent: 1}) {
			t.Errorf("stats %+v", st)
		}
		dispatchOnce(t, d, 0) // a sent row never comes back
	}, models.WithClock(clock.Now))
}

func TestDispatcher_CrashBetweenClaimAndMarkSendsOnce(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		id := queue(t, s, c, models.KindReply, "Tak for dit svar.")
		// A dispatcher claims the row and dies before sending or marking it.
		if crashed, err := s.ClaimOutbox(ctx, 10, time.Minute); err != nil || len(crashed) != 1 {
			t.Fatalf("claim: %v %v", crashed, err)
		}
		d, srv := newDispatcher(t, s, testConfig())

		dispatchOnce(t, d, 0) // still leased to the dead dispatcher
		clock.Advance(time.Minute + time.Second)
		dispatchOnce(t, d, 1)
		clock.Advance(time.Hour)
		dispatchOnce(t, d, 0)

		if n := len(srv.Messages()); n != 1 {
			t.Fatalf("fake received %d SMS, want exactly 1", n)
		}
		if row := outboxRow(t, s, id); row.Status != models.OutboxSent || row.Attempts != 2 {
			t.Errorf("outbox row %+v", row)
		}
	}, models.WithClock(clock.Now))
}

func TestDispatcher_NeverSendsToACitizenWhoOptedOut(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		queued := []string{queue(t, s, c, models.KindCheckin, "Hvordan har du det?"),
			queue(t, s, c, models.KindReminder, "Husk strikkecafé i morgen.")}
		if err := s.MarkOptedOut(ctx, c.ID, models.OptOutBySMS); err != nil {
			t.Fatal(err)
		}
		// Queued after the opt-out, by someone who did not check: the claim must catch it.
		queued = append(queued, queue(t, s, c, models.KindFollowup, "Vil du fortælle, hvordan det gik?"))
		d, srv := newDispatcher(t, s, testConfig())

		dispatchOnce(t, d, 0)
		if n := srv.Requests(); n != 0 {
			t.Fatalf("fake received %d requests, want none", n)
		}
		for _, id := range queued {
			if row := outboxRow(t, s, id); row.Status != models.OutboxSuppressed {
				t.Errorf("row %s is %s, want suppressed", id, row.Status)
			}
		}
		// The one SMS an opted-out citizen still gets is the confirmation of their STOP.
		queue(t, s, c, models.KindOptOutConfirm, "Du er nu afmeldt. Skriv START for at tilmelde dig igen.")
		dispatchOnce(t, d, 1)
		if got := srv.Messages(); len(got) != 1 || got[0].To != c.Phone {
			t.Errorf("fake recorded %+v, want only the confirmation", got)
		}
	}, models.WithClock(clock.Now))
}

func TestDispatcher_RunStopsOnCancelAndHandsBackUnsentRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		cfg := testConfig()
		cfg.Workers = 2
		d, srv := newDispatcher(t, s, cfg)

		// Idle: Run returns promptly.
		if err := runFor(t, d, 50*time.Millisecond); !errors.Is(err, context.Canceled) {
			t.Fatalf("idle Run returned %v, want context.Canceled", err)
		}

		worker := storetest.LinkWorker(t, s, "Lise Brobygger")
		c := storetest.Citizen(t, s, worker, models.LangDA)
		for range 12 {
			queue(t, s, c, models.KindCheckin, "Hvordan har du det i dag?")
		}
		srv.SetLatency(200 * time.Millisecond)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- d.Run(ctx) }()
		waitFor(t, 5*time.Second, func() bool { return srv.Requests() >= 2 })
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Run returned %v, want context.Canceled", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return after cancel")
		}

		// Sends under way finished and were recorded; nothing is left leased.
		statuses := outboxStatuses(t, s)
		if statuses[models.OutboxSending] != 0 || statuses[models.OutboxSent] != len(srv.Messages()) ||
			statuses[models.OutboxSent]+statuses[models.OutboxPending] != 12 || statuses[models.OutboxSent] == 0 {
			t.Fatalf("after stop: %v with %d SMS at the fake", statuses, len(srv.Messages()))
		}
		var attempts []int
		if err := inspect(t, s).Model(&models.OutboxItem{}).Where("status = ?", models.OutboxPending).
			Pluck("attempts", &attempts).Error; err != nil {
			t.Fatal(err)
		}
		for _, n := range attempts {
			if n != 0 {
				t.Fatalf("a released row kept %d attempts, want 0", n)
			}
		}
	})
}

// runFor runs d for a while, cancels it and returns what Run returned.
func runFor(t *testing.T, d *notify.Dispatcher, dur time.Duration) error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stop := time.AfterFunc(dur, cancel)
	defer stop.Stop()
	// Run must return once ctx ends; a hang is what this catches, so the bound is generous enough
	// for a machine under heavy load.
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(dur + 30*time.Second):
		t.Fatalf("Run did not stop within 30 s of its context ending")
		return nil
	}
}

// waitFor polls cond until it holds, failing the test after timeout.
func waitFor(t testing.TB, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestDispatcher_NoNumberFailsWithoutTwilio: an SMS row for a citizen reached by e-mail only (no
// number) fails at once without a call to Twilio, and the citizen's (absent) number is not
// marked invalid, which would stop their e-mails too.
func TestDispatcher_NoNumberFailsWithoutTwilio(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		worker := storetest.LinkWorker(t, s, "Lise")
		addr := "else@example.dk"
		c, _, err := s.CreateReferral(context.Background(), models.NewReferral{Name: "Else Mail", Language: models.LangDA,
			LinkWorkerID: worker.ID, ConsentContact: true, ConsentData: true, ReferralProfile: models.ReferralProfile{Email: &addr}})
		if err != nil {
			t.Fatal(err)
		}
		id := queue(t, s, c, models.KindReply, "Tak for dit svar.")
		d, srv := newDispatcher(t, s, testConfig())
		dispatchOnce(t, d, 1)
		if got := srv.Messages(); len(got) != 0 {
			t.Fatalf("Twilio was asked: %+v", got)
		}
		if row := outboxRow(t, s, id); row.Status != models.OutboxFailed {
			t.Fatalf("row %+v", row)
		}
		if after := citizen(t, s, c.ID); after.PhoneInvalidAt != nil || after.OptedOut() {
			t.Fatalf("citizen after: %+v", after)
		}
	}, models.WithClock(clock.Now))
}
