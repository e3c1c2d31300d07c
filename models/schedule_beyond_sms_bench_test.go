package models_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/seed"
	"brobygger/models/storetest"
)

// BenchmarkStore_SchedulableCitizens streams every schedulable citizen in the scheduler's pages
// of 5,000 over the seeded population (SCHEDULABLE_BENCH_CITIZENS, default 100,000), every
// citizen who said STOP made an app user so the second half of the read has rows, on SQLite and,
// with TEST_DATABASE_URL, PostgreSQL. "sms_only" is the read as it was before STOP was split
// from the other channels (one range read along idx_citizens_schedulable), measured in the
// same run as the baseline:
//
//	go test ./models/ -run '^$' -bench SchedulableCitizens -benchtime 5x
func BenchmarkStore_SchedulableCitizens(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("SCHEDULABLE_BENCH_CITIZENS")); err == nil && v > 0 {
		n = v
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for _, d := range storetest.Dialects() {
		b.Run(string(d), func(b *testing.B) {
			s := storetest.Open(b, d, models.WithClock(func() time.Time { return now }))
			ctx := context.Background()
			if _, err := seed.Run(ctx, s, seed.Options{Citizens: n, Seed: 7, Password: "a seed password long enough"}); err != nil {
				b.Fatal(err)
			}
			if err := s.GormDB().Exec("UPDATE citizens SET preferred_channel = 'app' WHERE opted_out_at IS NOT NULL").Error; err != nil {
				b.Fatal(err)
			}
			if err := s.Analyze(ctx); err != nil {
				b.Fatal(err)
			}
			stream := func(b *testing.B, read func(context.Context, string, int) ([]models.Citizen, error)) {
				rows, stopped := 0, 0
				for after := ""; ; {
					page, err := read(ctx, after, 5000)
					if err != nil {
						b.Fatal(err)
					}
					if len(page) == 0 {
						break
					}
					for _, c := range page {
						if c.OptedOut() {
							stopped++
						}
					}
					rows += len(page)
					after = page[len(page)-1].ID
				}
				b.ReportMetric(float64(rows), "citizens")
				b.ReportMetric(float64(stopped), "after_stop")
			}
			b.Run("two_reads", func(b *testing.B) {
				for b.Loop() {
					stream(b, s.SchedulableCitizens)
				}
			})
			b.Run("sms_only", func(b *testing.B) {
				for b.Loop() {
					stream(b, s.SchedulableSMSOnly)
				}
			})
		})
	}
}
