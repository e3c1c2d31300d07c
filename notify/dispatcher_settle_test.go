package notify_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

// holdOutcomes is a configuration whose outcomes are written only when a batch of 64 is full or
// the dispatcher stops, so a test can look at the rows while their outcomes still wait.
func holdOutcomes() notify.DispatcherConfig {
	cfg := testConfig()
	cfg.BatchSize, cfg.SettleInterval = 64, time.Hour
	return cfg
}

func TestDispatcher_StopWritesTheOutcomesStillWaiting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		const rows = 5
		queueWave(t, s, rows)
		d, srv := newDispatcher(t, s, holdOutcomes())
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- d.Run(ctx) }()

		waitFor(t, 5*time.Second, func() bool { return len(srv.Messages()) == rows })
		if st := outboxStatuses(t, s); st[models.OutboxSending] != rows {
			t.Fatalf("outbox %v while the outcomes wait, want all %d still sending", st, rows)
		}
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("Run returned %v", err)
		}
		if st := outboxStatuses(t, s); st[models.OutboxSent] != rows {
			t.Errorf("outbox %v after stopping, want all %d sent", st, rows)
		}
		if st := d.Stats(); st.Sent != rows {
			t.Errorf("stats %+v", st)
		}
	})
}

// A dispatcher that dies between sending and writing the outcome leaves the row sending under its
// lease. When the lease ends the row is claimed again with its outcome unknown: the dispatcher
// finds the SMS in Twilio's message list and settles the row with its SID instead of sending it
// again. (The real-process version, killed with SIGKILL, is cmd/brobygger's crash test.)
func TestDispatcher_LostOutcomeIsFoundAtTwilioNotSentAgain(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(string(dialect), func(t *testing.T) {
			clock := newClock()
			url := storetest.URL(t, dialect)
			s, dying := openStore(t, url, clock), openStore(t, url, clock)
			c := storetest.Citizen(t, s, nil, models.LangDA)
			id := queue(t, s, c, models.KindCheckin, "Hvordan har du det?")
			srv := twiliotest.NewServer(accountSID, authToken)
			t.Cleanup(srv.Close)
			var logged bytes.Buffer
			lost := notify.NewDispatcher(dying, twilioSender(t, srv), holdOutcomes(), slog.New(slog.NewJSONHandler(&logged, nil)))

			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- lost.Run(ctx) }()
			waitFor(t, 5*time.Second, func() bool { return len(srv.Messages()) == 1 })
			_ = dying.Close() // the database is gone for this dispatcher before it writes the outcome
			cancel()
			<-done
			if !strings.Contains(logged.String(), "sms outcome not recorded") {
				t.Errorf("the lost outcome was not logged:\n%s", logged.String())
			}
			if row := outboxRow(t, s, id); row.Status != models.OutboxSending || row.Attempts != 1 {
				t.Fatalf("row after the lost outcome %+v, want sending under the dead claim", row)
			}

			d := notify.NewDispatcher(s, twilioSender(t, srv), testConfig(), slog.New(slog.DiscardHandler))
			dispatchOnce(t, d, 0) // the dead dispatcher's lease still holds
			clock.Advance(2*time.Minute + time.Second)
			dispatchOnce(t, d, 1)
			if row := outboxRow(t, s, id); row.Status != models.OutboxSent || row.Attempts != 2 {
				t.Errorf("row after the lease %+v, want settled on the second attempt", row)
			}
			if n := len(srv.Messages()); n != 1 {
				t.Errorf("fake received %d SMS, want only the one whose outcome was lost", n)
			}
			if st := d.Stats(); st.Recovered != 1 || st.Sent != 1 {
				t.Errorf("stats %+v, want the SMS recovered from Twilio", st)
			}
		})
	}
}

func TestDispatcher_SettlesEveryKindOfOutcomeInOneBatch(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		worker := storetest.LinkWorker(t, s, "Lise Brobygger")
		codes := map[string]int{"sent": 0, "throttled": models.TwilioThrottled, "refused": 21612,
			"opted out": models.TwilioOptedOut, "invalid": models.TwilioInvalidNumber}
		ids, citizens := map[string]string{}, map[string]*models.Citizen{}
		d, srv := newDispatcher(t, s, holdOutcomes())
		for name, code := range codes {
			citizens[name] = storetest.Citizen(t, s, worker, models.LangDA)
			ids[name] = queue(t, s, citizens[name], models.KindCheckin, "Hvordan har du det, "+name+"?")
			if code != 0 {
				srv.FailFor(citizens[name].Phone, 400, code, "refused")
			}
		}

		dispatchOnce(t, d, len(codes))

		want := map[string]models.OutboxStatus{"sent": models.OutboxSent, "throttled": models.OutboxPending,
			"refused": models.OutboxFailed, "opted out": models.OutboxFailed, "invalid": models.OutboxFailed}
		for name, status := range want {
			if row := outboxRow(t, s, ids[name]); row.Status != status || row.ErrorCode != codes[name] || row.LeaseUntil != nil {
				t.Errorf("%s: row %+v, want %s with code %d", name, row, status, codes[name])
			}
		}
		if got := citizen(t, s, citizens["opted out"].ID); !got.OptedOut() {
			t.Errorf("opted-out citizen %+v", got)
		}
		if got := citizen(t, s, citizens["invalid"].ID); got.PhoneInvalidAt == nil {
			t.Errorf("citizen with an invalid number %+v", got)
		}
		if got := citizen(t, s, citizens["sent"].ID); got.LastOutboundAt == nil || !got.LastOutboundAt.Equal(clock.Now()) {
			t.Errorf("citizen sent to %+v", got)
		}
		if st := d.Stats(); st != (notify.DispatchStats{Sent: 1, Retried: 1, Failed: 1, Suppressed: 2}) {
			t.Errorf("stats %+v", st)
		}
	}, models.WithClock(clock.Now))
}

// openStore opens and migrates the database at url with the test's clock.
func openStore(t *testing.T, url string, clock *fakeClock) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), url, models.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
