package notify_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
)

func TestDispatcher_ThrottledIsRetriedWithBackoffNotBefore(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		c := storetest.Citizen(t, s, nil, models.LangDA)
		id := queue(t, s, c, models.KindCheckin, "Hvordan har du det?")
		cfg := testConfig()
		cfg.BaseBackoff, cfg.MaxBackoff, cfg.MaxAttempts = 5*time.Second, 20*time.Second, 10
		d, srv := newDispatcher(t, s, cfg)
		srv.FailNext(4, 429, models.TwilioThrottled, "Too Many Requests")

		// 5s doubling per try, capped at 20s; equal jitter at its midpoint (Rand 0.5) is 3/4 of it.
		for try, wait := range []time.Duration{3750 * time.Millisecond, 7500 * time.Millisecond, 15 * time.Second, 15 * time.Second} {
			dispatchOnce(t, d, 1)
			row := outboxRow(t, s, id)
			if row.Status != models.OutboxPending || row.Attempts != try+1 || row.ErrorCode != models.TwilioThrottled ||
				!row.NotBefore.Equal(clock.Now().Add(wait)) {
				t.Fatalf("after try %d: %+v, want pending until now+%v", try+1, row, wait)
			}
			clock.Advance(wait - time.Millisecond)
			dispatchOnce(t, d, 0) // not before its time
			clock.Advance(time.Millisecond)
		}
		dispatchOnce(t, d, 1)
		if row := outboxRow(t, s, id); row.Status != models.OutboxSent || len(srv.Messages()) != 1 {
			t.Fatalf("after the throttling: %+v, %d SMS at the fake", row, len(srv.Messages()))
		}
		if st := d.Stats(); st != (notify.DispatchStats{Sent: 1, Retried: 4}) {
			t.Errorf("stats %+v", st)
		}
	}, models.WithClock(clock.Now))
}

func TestDispatcher_NonJSONServerErrorIsRetried(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		c := storetest.Citizen(t, s, nil, models.LangDA)
		id := queue(t, s, c, models.KindReply, "Tak, vi har fået dit svar.")
		d, srv := newDispatcher(t, s, testConfig())
		srv.FailNext(1, 500, 0, "") // an HTML error page, not Twilio JSON

		dispatchOnce(t, d, 1)
		row := outboxRow(t, s, id)
		if row.Status != models.OutboxPending || !row.NotBefore.After(clock.Now()) || !strings.Contains(row.LastError, "500") {
			t.Fatalf("after the outage: %+v", row)
		}
		clock.Advance(time.Minute)
		dispatchOnce(t, d, 1)
		if row := outboxRow(t, s, id); row.Status != models.OutboxSent || row.ErrorCode != 0 || row.LastError != "" {
			t.Errorf("after the retry: %+v", row)
		}
	}, models.WithClock(clock.Now))
}

func TestDispatcher_FailsAfterMaxAttempts(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		c := storetest.Citizen(t, s, nil, models.LangDA)
		id := queue(t, s, c, models.KindCheckin, "Hvordan har du det?")
		cfg := testConfig()
		cfg.MaxAttempts = 3
		d, srv := newDispatcher(t, s, cfg)
		srv.FailFor(c.Phone, 503, 20503, "Service Unavailable")

		for range 3 {
			dispatchOnce(t, d, 1)
			clock.Advance(time.Hour) // past any backoff
		}
		dispatchOnce(t, d, 0)
		row := outboxRow(t, s, id)
		if row.Status != models.OutboxFailed || row.Attempts != 3 || row.ErrorCode != 20503 ||
			!strings.Contains(row.LastError, "gave up after 3 attempts") {
			t.Fatalf("outbox row %+v", row)
		}
		if srv.Requests() != 3 {
			t.Errorf("fake saw %d requests, want 3", srv.Requests())
		}
		if st := d.Stats(); st != (notify.DispatchStats{Retried: 2, Failed: 1}) {
			t.Errorf("stats %+v", st)
		}
	}, models.WithClock(clock.Now))
}

func TestDispatcher_OptedOutAtTwilioStopsEverySMS(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		c := storetest.Citizen(t, s, nil, models.LangDA)
		queued := []string{queue(t, s, c, models.KindCheckin, "Hvordan har du det?"),
			queue(t, s, c, models.KindReminder, "Husk strikkecafé i morgen."),
			queue(t, s, c, models.KindFollowup, "Hvordan gik det?")}
		cfg := testConfig()
		cfg.BatchSize = 1 // one refused send must settle the rest
		d, srv := newDispatcher(t, s, cfg)
		srv.FailFor(c.Phone, 400, models.TwilioOptedOut, "Attempt to send to unsubscribed recipient")

		dispatchOnce(t, d, 1)
		clock.Advance(24 * time.Hour)
		dispatchOnce(t, d, 0)

		var failed, suppressed int
		for _, id := range queued {
			switch row := outboxRow(t, s, id); {
			case row.Status == models.OutboxFailed && row.ErrorCode == models.TwilioOptedOut:
				failed++
			case row.Status == models.OutboxSuppressed:
				suppressed++
			default:
				t.Errorf("row %+v", row)
			}
		}
		got := citizen(t, s, c.ID)
		if failed != 1 || suppressed != 2 || srv.Requests() != 1 {
			t.Errorf("%d failed, %d suppressed, %d requests; want 1, 2, 1", failed, suppressed, srv.Requests())
		}
		if !got.OptedOut() || got.OptOutSource != models.OptOutByTwilio || got.Status != models.StatusOptedOut ||
			!slices.Contains(flagKinds(t, s, c.ID), models.FlagOptedOut) {
			t.Errorf("citizen %+v, flags %v", got, flagKinds(t, s, c.ID))
		}
		if st := d.Stats(); st != (notify.DispatchStats{Suppressed: 1}) {
			t.Errorf("stats %+v", st)
		}
	}, models.WithClock(clock.Now))
}

func TestDispatcher_InvalidNumberIsFlagged(t *testing.T) {
	clock := newClock()
	for _, code := range []int{models.TwilioInvalidNumber, models.TwilioNotMobile} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *models.Store) {
				c := storetest.Citizen(t, s, nil, models.LangDA)
				first := queue(t, s, c, models.KindContact, "Hej! Du er henvist til Brobygger.")
				second := queue(t, s, c, models.KindContactNudge, "Hej igen fra Brobygger.")
				cfg := testConfig()
				cfg.BatchSize = 1
				d, srv := newDispatcher(t, s, cfg)
				srv.FailFor(c.Phone, 400, code, "The 'To' number "+c.Phone+" is not a valid phone number.")

				dispatchOnce(t, d, 1)
				clock.Advance(time.Hour)
				dispatchOnce(t, d, 0)

				rows := []models.OutboxItem{outboxRow(t, s, first), outboxRow(t, s, second)}
				slices.SortFunc(rows, func(a, b models.OutboxItem) int { return strings.Compare(string(a.Status), string(b.Status)) })
				if rows[0].Status != models.OutboxFailed || rows[0].ErrorCode != code || rows[1].Status != models.OutboxSuppressed {
					t.Errorf("rows %+v", rows)
				}
				if got := citizen(t, s, c.ID); got.PhoneInvalidAt == nil || got.OptedOut() {
					t.Errorf("citizen %+v", got)
				}
				if kinds := flagKinds(t, s, c.ID); !slices.Contains(kinds, models.FlagInvalidNumber) {
					t.Errorf("flags %v, want invalid_number", kinds)
				}
				if srv.Requests() != 1 {
					t.Errorf("fake saw %d requests, want 1", srv.Requests())
				}
			}, models.WithClock(clock.Now))
		})
	}
}

func TestDispatcher_OtherRefusalsFailPermanently(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		c := storetest.Citizen(t, s, nil, models.LangDA)
		unreachable := queue(t, s, c, models.KindCheckin, "Hvordan har du det?")
		d, srv := newDispatcher(t, s, testConfig())
		srv.FailFor(c.Phone, 400, 21612, "The 'To' phone number is not currently reachable via SMS.")
		other := storetest.Citizen(t, s, nil, models.LangEN)
		tooLong := queue(t, s, other, models.KindStaffMessage, strings.Repeat("a", 1601)) // Twilio's 21617

		dispatchOnce(t, d, 2)
		clock.Advance(24 * time.Hour)
		dispatchOnce(t, d, 0)

		for id, code := range map[string]int{unreachable: 21612, tooLong: 21617} {
			if row := outboxRow(t, s, id); row.Status != models.OutboxFailed || row.ErrorCode != code || row.LastError == "" {
				t.Errorf("row %+v, want failed with %d and its message", row, code)
			}
		}
		if got := citizen(t, s, c.ID); got.OptedOut() || got.PhoneInvalidAt != nil {
			t.Errorf("a permanent failure changed the citizen: %+v", got)
		}
		if st := d.Stats(); st != (notify.DispatchStats{Failed: 2}) || srv.Requests() != 2 {
			t.Errorf("stats %+v, %d requests", st, srv.Requests())
		}
	}, models.WithClock(clock.Now))
}
