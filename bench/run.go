package bench

import (
	"context"
	"fmt"
	"io"
	"runtime/pprof"
	"slices"
	"time"

	"brobygger/models"
	"brobygger/models/seed"
)

// Scale sizes a run.
type Scale struct {
	Name            string
	Citizens        int
	Messages        int // average SMS per seeded citizen
	Inbound         int
	Concurrency     int
	CaseloadQueries int
	Dispatch        int
	RateCheck       int
}

// Scales: "ci" runs in seconds for regression checks by ratio, "small" in about a minute on a
// laptop, "full" is the national target (1,000,000 citizens, 10,000,000 messages).
var Scales = map[string]Scale{
	"ci":    {Name: "ci", Citizens: 500, Messages: 10, Inbound: 1000, Concurrency: 64, CaseloadQueries: 40, Dispatch: 600},
	"small": {Name: "small", Citizens: 20000, Messages: 10, Inbound: 10000, Concurrency: 64, CaseloadQueries: 300, Dispatch: 5000, RateCheck: 300},
	"full":  {Name: "full", Citizens: 1000000, Messages: 10, Inbound: 40000, Concurrency: 64, CaseloadQueries: 1000, Dispatch: 20000, RateCheck: 500},
}

// Steps are the measured parts of a run, in the order they run.
var Steps = []string{"caseload", "inbound", "dispatch"}

// OptInSteps run only when named (--only): the wave step paces real seconds (WaveSMS / 10 s and
// a tenth of that again).
var OptInSteps = []string{"wave"}

// Options say what a run measures.
type Options struct {
	// Steps names the steps to measure (some of Steps).
	Steps []string
	// Seeded measures a database seeded before (brobygger seed) instead of seeding an empty
	// one, so a slow step at national scale can be measured again without seeding again.
	Seeded bool
	// CPUProfile, if set, receives a pprof CPU profile of the measured steps (not the seed). The
	// load generator, the server and the dispatcher all run in this process; the database not.
	CPUProfile io.Writer
	// WaveSMS is the size of the wave step's scaled-down wave (default 2,000).
	WaveSMS int
}

// Run seeds an empty database at the given scale and measures every figure against its baseline.
func Run(ctx context.Context, store *models.Store, sc Scale, opts Options, progress io.Writer) (Report, error) {
	rep := Report{Dialect: string(store.Dialect()), Scale: sc.Name}
	if err := fill(ctx, store, sc, opts, progress); err != nil {
		return rep, err
	}
	phones, err := store.SamplePhones(ctx, 5000)
	if err != nil {
		return rep, err
	}
	if opts.CPUProfile != nil {
		if err := pprof.StartCPUProfile(opts.CPUProfile); err != nil {
			return rep, fmt.Errorf("bench: cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	steps := []struct {
		name string
		run  func() ([]Figure, error)
	}{
		{"caseload", func() ([]Figure, error) { return caseload(ctx, store, sc.CaseloadQueries) }},
		{"inbound", func() ([]Figure, error) {
			return inbound(ctx, store, phones, inboundConfig{Messages: sc.Inbound, Concurrency: sc.Concurrency})
		}},
		{"dispatch", func() ([]Figure, error) { return dispatch(ctx, store, phones, sc.Dispatch, sc.RateCheck) }},
		{"wave", func() ([]Figure, error) { return wave(ctx, store, phones, opts.WaveSMS) }},
	}
	for _, st := range steps {
		if !slices.Contains(opts.Steps, st.name) {
			continue
		}
		t := time.Now()
		figs, err := st.run()
		if err != nil {
			return rep, fmt.Errorf("bench %s: %w", st.name, err)
		}
		fmt.Fprintf(progress, "%s measured in %s\n", st.name, time.Since(t).Round(time.Millisecond))
		rep.Figures = append(rep.Figures, figs...)
	}
	return rep, nil
}

// fill fills an empty database at the scale, or with opts.Seeded checks that it holds data.
func fill(ctx context.Context, store *models.Store, sc Scale, opts Options, progress io.Writer) error {
	n, err := store.CountCitizens(ctx)
	switch {
	case err != nil:
		return fmt.Errorf("bench: count citizens: %w", err)
	case opts.Seeded && n == 0:
		return fmt.Errorf("bench: --seeded, but the database holds no citizens")
	case opts.Seeded:
		fmt.Fprintf(progress, "measuring the %d citizens already seeded\n", n)
		return nil
	case n > 0:
		return fmt.Errorf("bench: needs an empty, migrated database (found %d citizens)", n)
	}
	t0 := time.Now()
	res, err := seed.Run(ctx, store, seed.Options{Citizens: sc.Citizens, MessagesPerCitizen: sc.Messages, Seed: 2026,
		Password: "bench password 1234", ChunkSize: 2000})
	if err != nil {
		return err
	}
	fmt.Fprintf(progress, "seeded %d citizens and %d messages in %s\n", res.Citizens, res.Messages, time.Since(t0).Round(time.Millisecond))
	return nil
}
