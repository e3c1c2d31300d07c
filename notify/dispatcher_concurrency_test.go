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

		runUntil(t, 10*time.Second, func() bool { return len(srv.Messages()) == rows }, d)

		var at []time.Time
		for _, m := range srv.Messages() {
			at = append(at, m.ReceivedAt)
		}
		slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
		// A token bucket of burst 1 lets at most rate·w + 1 sends into any window of w.
		for i := range at {
			in := 0
			for j := i; j < len(at) && at[j].Sub(at[i]) < time.Second; j++ {
				in++
			}
			if in > perSecond+1 {
				t.Fatalf("%d sends in the second from %v; the limit is %d/s", in, at[i].Format(time.StampMilli), perSecond)
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
