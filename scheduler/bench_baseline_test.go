package scheduler_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// BenchmarkCheckinWaveBaseline writes what a wave writes, one check-in, one conversation and one
// outbox row per citizen, as three set-based INSERT … SELECT statements: the database's own
// limit for this work, to compare BenchmarkCheckinWave against in the same run.
func BenchmarkCheckinWaveBaseline(b *testing.B) {
	for _, d := range storetest.Dialects() {
		for _, n := range waveSizes(b) {
			b.Run(fmt.Sprintf("%s/citizens=%d", d, n), func(b *testing.B) { benchmarkWaveBaseline(b, d, n) })
		}
	}
}

func benchmarkWaveBaseline(b *testing.B, d models.Dialect, n int) {
	for range b.N {
		b.StopTimer()
		h := newHarness(b, d, time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC))
		seedWave(b, h, n)
		db, err := h.s.SQLDB()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		tx, err := db.BeginTx(context.Background(), nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range waveBaselineSQL(d) {
			if _, err := tx.Exec(q); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "checkins/s")
}

func waveBaselineSQL(d models.Dialect) []string {
	id, now := "gen_random_uuid()", "now()"
	if d == models.SQLite {
		// A uuid-shaped random id; SQLite does not check the type.
		id = "lower(hex(randomblob(4))||'-'||hex(randomblob(2))||'-7'||substr(hex(randomblob(2)),2)||'-8'||substr(hex(randomblob(2)),2)||'-'||hex(randomblob(6)))"
		now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
	}
	return []string{
		fmt.Sprintf(`INSERT INTO checkins (id, citizen_id, instrument, version, status, plan_key, due_at, opened_at, channel, band, created_at)
			SELECT %s, id, 'who5', '1', 'open', 'base:' || id, %s, %s, 'sms', '', %s FROM citizens`, id, now, now, now),
		fmt.Sprintf(`INSERT INTO conversations (id, citizen_id, kind, state, checkin_id, step, reprompts, opened_at, expires_at)
			SELECT %s, citizen_id, 'checkin', 'open', id, 1, 0, %s, %s FROM checkins WHERE plan_key LIKE 'base:%%'`, id, now, now),
		fmt.Sprintf(`INSERT INTO outbox (id, citizen_id, phone, body, kind, dedupe_key, priority, status, not_before, attempts, last_error, error_code, segments, created_at)
			SELECT %s, c.id, c.phone, 'Vi vil gerne høre, hvordan du har det.', 'checkin', 'base:' || c.id, 10, 'pending', %s, 0, '', 0, 0, %s FROM citizens c`, id, now, now),
	}
}
