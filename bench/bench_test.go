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

// TestBench_CIScaleRatios runs the benchmark at CI scale on each database and fails on a
// regression measured by ratio to the same run's baseline, never by absolute time: the machine
// may be slow, but the full path must stay within a factor of what the database itself allows.
func TestBench_CIScaleRatios(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark")
	}
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		rep, err := bench.Run(context.Background(), s, bench.Scales["ci"], bench.Options{Steps: bench.Steps}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		rep.Print(os.Stdout)
		// Floors well under what a quiet machine measures (inbound about 0.6–1.0, dispatch
		// 0.1–0.3), because CI runs every package at once on two cores: they catch an
		// order-of-magnitude regression (an N+1 query, a lost index, a lock held across a send,
		// inbound batching lost), not a few percent.
		limits := map[string]float64{
			"inbound SMS, full path":  0.2,  // share of the plain-SQL baseline
			"dispatch, no rate limit": 0.04, // share of raw twilio-go sends
		}
		for _, f := range rep.Figures {
			if min, ok := limits[f.Name]; ok && f.Ratio() < min {
				t.Errorf("%s: %.1f %s is %.2f × baseline %.1f, below %.2f", f.Name, f.Value, f.Unit, f.Ratio(), f.Baseline, min)
			}
			if f.Unit == "ms" && f.Baseline > 0 && f.Ratio() > 40 {
				t.Errorf("%s: %.2f ms is %.0f × the plain query's %.2f ms", f.Name, f.Value, f.Ratio(), f.Baseline)
			}
		}
	})
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
