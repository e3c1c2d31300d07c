package bench_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"brobygger/bench"
	"brobygger/models"
	"brobygger/models/storetest"
)

// gateRuns is how many times the gate measures; it judges each figure by its best run, so one run
// slowed by a busy neighbour does not fail it.
const gateRuns = 3

// TestBench_CIScaleRatios is an opt-in regression gate (BROBYGGER_BENCH_GATE=1): it runs the
// benchmark at CI scale on each database and fails on a regression measured by ratio to the same
// run's baseline, never by absolute time. Timed figures do not belong in a plain `go test ./...`,
// which runs every package at once on whatever the machine has left: a loaded machine measured
// 0.11–0.19 here against a quiet machine's 0.6–1.0.
func TestBench_CIScaleRatios(t *testing.T) {
	if os.Getenv("BROBYGGER_BENCH_GATE") != "1" {
		t.Skip("timed: set BROBYGGER_BENCH_GATE=1 to run the benchmark's ratio gate")
	}
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		best := map[string]bench.Figure{}
		for run := 0; run < gateRuns; run++ {
			// The first run seeds the empty database; the others measure it again.
			rep, err := bench.Run(context.Background(), s, bench.Scales["ci"], bench.Options{Steps: bench.Steps, Seeded: run > 0}, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			rep.Print(os.Stdout)
			for _, f := range rep.Figures {
				if b, ok := best[f.Name]; !ok || better(f, b) {
					best[f.Name] = f
				}
			}
		}
		checkGate(t, best)
	})
}

// better says whether f's ratio to its baseline is better than b's.
func better(f, b bench.Figure) bool {
	if f.HigherIsBetter {
		return f.Ratio() > b.Ratio()
	}
	return f.Ratio() < b.Ratio()
}

// checkGate holds the best figures to floors well under what a quiet machine measures (inbound
// about 0.6–1.0, dispatch 0.1–0.3): they catch an order-of-magnitude regression (an N+1 query,
// a lost index, a lock held across a send, inbound batching lost), not a few percent.
func checkGate(t *testing.T, best map[string]bench.Figure) {
	t.Helper()
	limits := map[string]float64{
		"inbound SMS, full path":  0.2,  // share of the plain-SQL baseline
		"dispatch, no rate limit": 0.04, // share of raw twilio-go sends
	}
	for _, f := range best {
		if min, ok := limits[f.Name]; ok && f.Ratio() < min {
			t.Errorf("%s: best of %d runs %.1f %s is %.2f × baseline %.1f, below %.2f", f.Name, gateRuns, f.Value, f.Unit, f.Ratio(), f.Baseline, min)
		}
		if f.Unit == "ms" && f.Baseline > 0 && f.Ratio() > 40 {
			t.Errorf("%s: best of %d runs %.2f ms is %.0f × the plain query's %.2f ms", f.Name, gateRuns, f.Value, f.Ratio(), f.Baseline)
		}
	}
}

// --cpuprofile: the measured steps are profiled (pprof writes a gzip-compressed protobuf).
func TestBench_CPUProfile(t *testing.T) {
	s := storetest.Open(t, models.SQLite)
	var prof bytes.Buffer
	sc := bench.Scale{Name: "tiny", Citizens: 40, Messages: 2, CaseloadQueries: 5}
	if _, err := bench.Run(context.Background(), s, sc, bench.Options{Steps: []string{"caseload"}, CPUProfile: &prof}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if b := prof.Bytes(); len(b) < 20 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("profile is %d bytes, not a gzip-compressed pprof profile", len(b))
	}
}
