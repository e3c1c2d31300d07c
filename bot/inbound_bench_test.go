package bot_test

import (
	"context"
	"fmt"
	"sync"
	"syscall"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
)

// processCPU is the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkHandleInbound_Batch measures the inbound path below HTTP: rounds of 32 SMS handed to
// HandleInbound at once (so they share batches, as concurrent webhooks do), from 32 of 20,000
// seeded citizens, with the inbound benchmark's five texts (HELP, a digit, free text, JA, a
// question). One op is one message. On SQLite and, with TEST_DATABASE_URL, PostgreSQL:
//
//	go test ./bot -run '^$' -bench HandleInbound_Batch -benchmem
func BenchmarkHandleInbound_Batch(b *testing.B) {
	bodies := []string{"hjælp", "4", "Tak for i dag, det var dejligt at komme ud", "ja", "Hvornår er næste gang?"}
	const citizens, round = 20_000, 32
	for _, d := range storetest.Dialects() {
		b.Run(string(d), func(b *testing.B) {
			now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			s := storetest.Open(b, d, models.WithClock(func() time.Time { return now }))
			reg, _ := models.LoadInstruments()
			e, err := bot.New(s, reg, bot.DefaultConfig())
			if err != nil {
				b.Fatal(err)
			}
			worker := storetest.LinkWorker(b, s, "Lise Brobygger")
			storetest.SeedConfirmedCitizens(b, s, worker.ID, citizens, now.Add(-24*time.Hour))
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := processCPU()
			for sent := 0; sent < b.N; sent += round {
				var wg sync.WaitGroup
				for i := sent; i < min(sent+round, b.N); i++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						in := models.InboundSMS{SID: fmt.Sprintf("SM%032x", i), From: fmt.Sprintf("+453%07d", (i*7919)%citizens),
							Body: bodies[i%len(bodies)], Segments: 1}
						if o, err := e.HandleInbound(ctx, in); err != nil || o != bot.OutcomeProcessed {
							b.Errorf("message %d: %v %v", i, o, err)
						}
					}()
				}
				wg.Wait()
			}
			// CPU time as well as wall time: on a shared, loaded machine the wall time mostly
			// measures the neighbours; the process's CPU time per message much less so.
			b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
