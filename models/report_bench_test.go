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

// BenchmarkStore_ReportFigures measures the commissioner's report over the seeded population
// (REPORT_BENCH_CITIZENS, default 20,000; the seed spreads referrals over about two years) for
// the default period of twelve months, on SQLite and, with TEST_DATABASE_URL, PostgreSQL:
//
//	go test ./models/ -run '^$' -bench ReportFigures -benchtime 5x
func BenchmarkStore_ReportFigures(b *testing.B) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("REPORT_BENCH_CITIZENS")); err == nil && v > 0 {
		n = v
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for _, d := range storetest.Dialects() {
		b.Run(string(d), func(b *testing.B) {
			s := storetest.Open(b, d, models.WithClock(func() time.Time { return now }))
			ctx := context.Background()
			if _, err := seed.Run(ctx, s, seed.Options{Citizens: n, Seed: 7, Password: "a seed password long enough", MessagesPerCitizen: 4}); err != nil {
				b.Fatal(err)
			}
			loc, _ := time.LoadLocation("Europe/Copenhagen")
			p, err := models.ParseReportPeriod("", "", now, loc)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				f, err := s.ReportFigures(ctx, p)
				if err != nil {
					b.Fatal(err)
				}
				if f.Referred == 0 {
					b.Fatal("no referrals in the period")
				}
			}
		})
	}
}
