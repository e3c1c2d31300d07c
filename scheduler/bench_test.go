package scheduler_test

import (
	"fmt"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// BenchmarkCheckinWave measures one pass over n citizens who all confirmed contact before 09:00
// on the same Monday, with a one-item plan: the pass creates n check-ins and starts them all (a
// conversation and an outbox row each). Seeding is not timed. It runs on SQLite, and on
// PostgreSQL too when TEST_DATABASE_URL is set; BROBYGGER_WAVE_CITIZENS picks the sizes (see
// waveSizes). Besides the time it reports the process's peak resident memory during the pass.
func BenchmarkCheckinWave(b *testing.B) {
	for _, d := range storetest.Dialects() {
		for _, n := range waveSizes(b) {
			b.Run(fmt.Sprintf("%s/citizens=%d", d, n), func(b *testing.B) { benchmarkWave(b, d, n) })
		}
	}
}

func benchmarkWave(b *testing.B, d models.Dialect, n int) {
	var peak float64
	for range b.N {
		b.StopTimer()
		h := newHarness(b, d, time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC))
		if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5"}}}); err != nil {
			b.Fatal(err)
		}
		seedWave(b, h, n)
		nine := h.local(2026, 3, 2, 9, 0)
		h.clock.set(nine)
		rss := startPeakRSS(b)
		b.StartTimer()
		rep, err := h.sched.RunDue(h.ctx, nine)
		b.StopTimer()
		peak = max(peak, rss.peakMB())
		if err != nil || rep.CheckinsCreated != n || rep.CheckinsStarted != n {
			b.Fatalf("wave of %d: %+v, %v", n, rep, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "checkins/s")
	if peak > 0 {
		b.ReportMetric(peak, "peak-RSS-MB")
	}
}

// seedWave gives the harness a link worker with n citizens who confirmed contact at 07:00.
func seedWave(b *testing.B, h *harness, n int) {
	b.Helper()
	worker := storetest.LinkWorker(b, h.s, "Lise Brobygger")
	t0 := time.Now()
	storetest.SeedConfirmedCitizens(b, h.s, worker.ID, n, h.local(2026, 3, 2, 7, 0))
	b.Logf("seeded %d citizens in %s", n, time.Since(t0).Round(time.Millisecond))
}
