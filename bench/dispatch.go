package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"brobygger/models"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

const (
	fakeSID   = "AC0123456789abcdef0123456789abcdef"
	fakeToken = "authtoken0123456789"
)

// dispatch measures the outbox dispatcher sending through twilio-go to the fake Twilio on
// loopback with no rate limit, against the same sends made straight with twilio-go (no
// database): the carrier client's limit. Then it checks the rate limit holds at 100/s.
func dispatch(ctx context.Context, store *models.Store, phones []string, n, rateCheck int) ([]Figure, error) {
	fake := twiliotest.NewServer(fakeSID, fakeToken)
	defer fake.Close()
	sender, err := notify.NewTwilioSender(notify.TwilioSenderConfig{AccountSID: fakeSID, AuthToken: fakeToken, From: "+4570701234", APIURL: fake.URL()})
	if err != nil {
		return nil, err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := flush(ctx, store, sender, quiet); err != nil {
		return nil, err
	}
	unlimited, err := drain(ctx, store, sender, phones, n, 0, quiet)
	if err != nil {
		return nil, err
	}
	base := rawSends(ctx, sender, phones, n, 8)
	figs := []Figure{{Name: "dispatch, no rate limit", Unit: "sends/s", Value: unlimited, Baseline: base, HigherIsBetter: true, Target: "≥ 2000/s"}}
	if rateCheck > 0 {
		before := len(fake.Messages())
		achieved, err := drain(ctx, store, sender, phones, rateCheck, 100, quiet)
		if err != nil {
			return nil, err
		}
		peak := peakPerSecond(fake.Messages()[before:])
		figs = append(figs, Figure{Name: "dispatch at SMS_RATE_PER_SECOND=100", Unit: "sends/s", Value: achieved, Baseline: 100,
			Target: "within 5 % of 100, never above", Note: fmt.Sprintf("(busiest 1 s window: %d)", peak)})
	}
	return figs, nil
}

// drain queues n SMS and runs a dispatcher, as serve does, until every one is sent and recorded;
// it returns sends per second.
func drain(ctx context.Context, store *models.Store, sender notify.Sender, phones []string, n int, rate float64, log *slog.Logger) (float64, error) {
	items := make([]models.NewOutbound, n)
	for i := range items {
		items[i] = models.NewOutbound{Phone: phones[i%len(phones)], Body: "Hej! Husk strikkecaféen i dag kl. 14:00.", Kind: models.KindReminder, Priority: models.PriorityReminder}
	}
	if _, err := store.EnqueueBatch(ctx, items); err != nil {
		return 0, err
	}
	d := notify.NewDispatcher(store, sender, notify.DispatcherConfig{RatePerSecond: rate, PollInterval: 10 * time.Millisecond, BatchSize: 256, Workers: 16}, log)
	runCtx, stop := context.WithCancel(ctx)
	stopped := make(chan error, 1)
	start := time.Now()
	go func() { stopped <- d.Run(runCtx) }()
	defer func() { stop(); <-stopped }()
	for d.Stats().Sent < int64(n) {
		if time.Since(start) > 5*time.Minute {
			return 0, fmt.Errorf("dispatch stalled at %d of %d", d.Stats().Sent, n)
		}
		time.Sleep(time.Millisecond)
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// flush sends whatever earlier phases queued (the inbound phase's replies), unmeasured, so the
// figures below count only their own rows.
func flush(ctx context.Context, store *models.Store, sender notify.Sender, log *slog.Logger) error {
	d := notify.NewDispatcher(store, sender, notify.DispatcherConfig{BatchSize: 512, Workers: 16}, log)
	for {
		n, err := d.DispatchOnce(ctx)
		if err != nil || n == 0 {
			return err
		}
	}
}

// rawSends is the baseline: the same sends with no outbox, no database.
func rawSends(ctx context.Context, sender notify.Sender, phones []string, n, workers int) float64 {
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				_, _ = sender.Send(ctx, notify.OutgoingSMS{To: phones[i%len(phones)], Body: "Hej! Husk strikkecaféen i dag kl. 14:00."})
			}
		}()
	}
	wg.Wait()
	return float64(n) / time.Since(start).Seconds()
}

// peakPerSecond is the most sends any sliding one-second window saw.
func peakPerSecond(msgs []twiliotest.Message) int {
	times := make([]time.Time, len(msgs))
	for i, m := range msgs {
		times[i] = m.ReceivedAt
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	peak, lo := 0, 0
	for hi := range times {
		for times[hi].Sub(times[lo]) >= time.Second {
			lo++
		}
		peak = max(peak, hi-lo+1)
	}
	return peak
}
