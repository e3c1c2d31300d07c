package notify_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

// BenchmarkDispatch measures how fast the dispatcher drains a queued wave end to end on each
// database: claim, send through twilio-go to the fake Twilio on loopback, settle in batches.
// There is no rate limit, so this is the ceiling the pacing works under.
func BenchmarkDispatch(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(string(dialect), func(b *testing.B) { benchmarkDispatch(b, dialect) })
	}
}

func benchmarkDispatch(b *testing.B, dialect models.Dialect) {
	s := storetest.Open(b, dialect)
	queueWave(b, s, b.N)
	srv := twiliotest.NewServer(accountSID, authToken)
	b.Cleanup(srv.Close)
	d := notify.NewDispatcher(s, twilioSender(b, srv), notify.DispatcherConfig{StatusCallbackURL: statusCallback},
		slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	var running sync.WaitGroup

	b.ResetTimer()
	running.Go(func() { d.Run(ctx) })
	for d.Stats().Sent < int64(b.N) {
		time.Sleep(time.Millisecond)
	}
	b.StopTimer()
	cancel()
	running.Wait()

	if st := d.Stats(); st.Sent != int64(b.N) || len(srv.Messages()) != b.N {
		b.Fatalf("stats %+v, fake received %d; want %d sent once each", st, len(srv.Messages()), b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sends/s")
}
