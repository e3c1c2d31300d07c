package notify_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

// queueWave puts n SMS with distinct bodies in the outbox, spread over a few citizens.
func queueWave(t testing.TB, s *models.Store, n int) {
	t.Helper()
	worker := storetest.LinkWorker(t, s, "Lise Brobygger")
	citizens := make([]*models.Citizen, 5)
	for i := range citizens {
		citizens[i] = storetest.Citizen(t, s, worker, models.LangDA)
	}
	wave := make([]models.NewOutbound, n)
	for i := range wave {
		c := citizens[i%len(citizens)]
		wave[i] = models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Kind: models.KindCheckin,
			Priority: models.PriorityScheduled, Body: fmt.Sprintf("Check-in %d: Hvordan har du det i dag?", i)}
	}
	if queued, err := s.EnqueueBatch(context.Background(), wave); err != nil || queued != int64(n) {
		t.Fatalf("enqueue wave: %d %v", queued, err)
	}
}

// runUntil runs the dispatchers until done holds, then stops them and waits for them to return.
func runUntil(t *testing.T, timeout time.Duration, done func() bool, dispatchers ...*notify.Dispatcher) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var running sync.WaitGroup
	for _, d := range dispatchers {
		running.Go(func() { d.Run(ctx) })
	}
	defer running.Wait()
	defer cancel()
	waitFor(t, timeout, done)
}

func TestDispatcher_RateLimitHoldsAcrossWorkers(t *testing.T) {
	const rows, perSecond = 60, 20
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		t.Parallel() // each dialect has its own limiter and fake; together they take ~3s, not ~6s
		queueWave(t, s, rows)
		cfg := testConfig()
		cfg.Workers, cfg.BatchSize, cfg.RatePerSecond = 6, 64, perSecond
		d, srv := newDispatcher(t, s, cfg)

		start := time.Now() // monotonic: only durations are compared below
		runUntil(t, 30*time.Second, func() bool { return len(srv.Messages()) == rows }, d)

		var at []time.Duration
		for _, m := range srv.Messages() {
			at = append(at, m.ReceivedAt.Sub(start))
		}
		slices.Sort(at)
		// A token bucket of burst 1 hands out its k-th token no sooner than k/rate after the start,
		// and a send reaches the fake after its token. A busy machine can only delay sends, so this
		// lower bound holds on any machine, and a burst larger than 1 or a second limiter breaks it.
		for k, got := range at {
			if earliest := time.Duration(k) * time.Second / perSecond; got < earliest-5*time.Millisecond {
				t.Fatalf("send %d reached Twilio %v after the start, before the %v that %d/s allows", k+1, got, earliest, perSecond)
			}
		}
	})
}

func TestDispatcher_ConcurrentDispatchersSendEachRowOnce(t *testing.T) {
	const rows = 200
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		queueWave(t, s, rows)
		srv := twiliotest.NewServer(accountSID, authToken)
		t.Cleanup(srv.Close)
		cfg := testConfig()
		cfg.BatchSize = 8 // small batches so the two dispatchers' claims interleave
		first := notify.NewDispatcher(s, twilioSender(t, srv), cfg, slog.New(slog.DiscardHandler))
		second := notify.NewDispatcher(s, twilioSender(t, srv), cfg, slog.New(slog.DiscardHandler))

		runUntil(t, 30*time.Second, func() bool { return first.Stats().Sent+second.Stats().Sent >= rows }, first, second)

		bodies := map[string]int{}
		for _, m := range srv.Messages() {
			bodies[m.Body]++
		}
		if len(srv.Messages()) != rows || len(bodies) != rows {
			t.Fatalf("fake received %d SMS with %d distinct bodies, want %d each", len(srv.Messages()), len(bodies), rows)
		}
		if st := outboxStatuses(t, s); st[models.OutboxSent] != rows {
			t.Errorf("outbox %v, want %d sent", st, rows)
		}
		var messages int64
		if err := inspect(t, s).Model(&models.Message{}).Distinct("outbox_id").Count(&messages).Error; err != nil || messages != rows {
			t.Errorf("%d messages with distinct outbox rows (%v), want %d", messages, err, rows)
		}
		t.Logf("first sent %d, second sent %d", first.Stats().Sent, second.Stats().Sent)
	})
}
