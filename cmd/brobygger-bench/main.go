// Command brobygger-bench measures Brobygger at national scale against an empty (or, with
// --seeded, a seeded) database and prints every figure beside its same-run baseline.
//
//	DATABASE_URL=sqlite:/tmp/bench.db go run ./cmd/brobygger-bench --scale small
//
// It is its own binary, not a subcommand of brobygger, because it links the fake Twilio
// (notify/twiliotest) that the dispatch step sends to and the inbound step signs with: test
// fakes never ship in the production binary. It may import bench and models.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"brobygger/bench"
	"brobygger/models"
)

const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError is an input mistake: it prints as one line and exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errHelpShown says -h was answered: exit 0.
var errHelpShown = errors.New("help shown")

const synopsis = `usage: DATABASE_URL=… brobygger-bench --scale ci|small|full [flags]

Seeds an empty, migrated database at the scale (ci: 500 citizens, small: 20,000,
full: 1,000,000) and measures the caseload page, inbound SMS, the dispatcher and the
server's footprint, each beside a baseline measured in the same run.
DATABASE_URL is required: the run writes that many citizens into it.

flags:
`

const example = `
examples:
  DATABASE_URL=sqlite:/tmp/bench.db go run ./cmd/brobygger-bench --scale small
  createdb -h 127.0.0.1 -U postgres bench1
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench1 go run ./cmd/brobygger-bench --scale small --only inbound
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run parses the flags, runs the benchmark and turns its error into an exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	err := benchmark(ctx, args, getenv, stdout)
	var ue usageError
	switch {
	case err == nil, errors.Is(err, errHelpShown):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "brobygger-bench: "+err.Error())
		return exitUsage
	}
	fmt.Fprintln(stderr, "brobygger-bench: "+err.Error())
	return exitError
}

// settings are the parsed flags.
type settings struct {
	scale      bench.Scale
	opts       bench.Options
	footprint  bool
	cpuProfile string
	serveBin   string
}

// parseArgs reads the flags; without --scale it prints the usage and is a usage error, so a bare
// run never starts seeding 20,000 citizens by surprise.
func parseArgs(args []string, out io.Writer) (settings, error) {
	fs := flag.NewFlagSet("brobygger-bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	scale := fs.String("scale", "", "ci, small or full (1,000,000 citizens); required")
	citizens := fs.Int("citizens", 0, "override the scale's number of citizens")
	only := fs.String("only", "", "measure only these steps, comma-separated: caseload, inbound, dispatch, footprint, wave (wave runs only when named)")
	waveSMS := fs.Int("wave-sms", 2000, "the wave step's number of SMS, sent from 1 and then 10 numbers at 10/s each")
	seeded := fs.Bool("seeded", false, "measure a database seeded before (brobygger seed) instead of an empty one")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measured steps to this file (go tool pprof)")
	serveBin := fs.String("serve-binary", "", "the brobygger binary whose footprint is measured (default: built with go build)")
	var s settings
	help := func() {
		fmt.Fprint(out, synopsis)
		fs.SetOutput(out)
		fs.PrintDefaults()
		fmt.Fprint(out, example)
	}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		help()
		return s, errHelpShown
	} else if err != nil {
		return s, usageError{err.Error() + "; run brobygger-bench -h"}
	}
	if *scale == "" {
		help()
		return s, usageError{"--scale is required (ci, small or full)"}
	}
	sc, ok := bench.Scales[*scale]
	if !ok {
		return s, usageError{"--scale must be ci, small or full"}
	}
	if *citizens > 0 {
		sc.Citizens = *citizens
	}
	opts, withFootprint, err := benchOptions(*only, *seeded)
	if err != nil {
		return s, err
	}
	opts.WaveSMS = *waveSMS
	return settings{scale: sc, opts: opts, footprint: withFootprint, cpuProfile: *cpuProfile, serveBin: *serveBin}, nil
}

// benchmark runs the suite against DATABASE_URL, which must be an empty database (or, with
// --seeded, one seeded before). --only narrows it to some steps, so the national-scale caseload
// can be measured alone.
func benchmark(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	s, err := parseArgs(args, stdout)
	if err != nil {
		return err
	}
	dbURL := getenv("DATABASE_URL")
	if dbURL == "" {
		return usageError{"DATABASE_URL is required: an empty database the benchmark may fill (sqlite:PATH or postgres://…)"}
	}
	store, err := openMigrated(ctx, dbURL)
	if err != nil {
		return err
	}
	defer store.Close()
	var footprint []bench.Figure
	if s.footprint {
		if footprint, err = measureFootprint(ctx, dbURL, s.serveBin); err != nil {
			return err
		}
	}
	if s.cpuProfile != "" {
		f, err := os.Create(s.cpuProfile)
		if err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		defer f.Close()
		s.opts.CPUProfile = f
	}
	rep, err := bench.Run(ctx, store, s.scale, s.opts, stdout)
	if err != nil {
		return err
	}
	rep.Figures = append(rep.Figures, footprint...)
	rep.Print(stdout)
	return nil
}

// openMigrated opens the database and brings its schema up to date.
func openMigrated(ctx context.Context, dbURL string) (*models.Store, error) {
	store, err := models.Open(ctx, dbURL)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if _, err := store.Migrate(ctx); err != nil {
		_ = store.Close()
		return nil, err
	}
	return store, nil
}

// benchOptions reads --only and --seeded; footprint is measured here, the other steps by bench.Run.
func benchOptions(only string, seeded bool) (bench.Options, bool, error) {
	opts := bench.Options{Steps: bench.Steps, Seeded: seeded}
	if only == "" {
		return opts, true, nil
	}
	opts.Steps = nil
	footprint := false
	for _, step := range strings.Split(only, ",") {
		switch step = strings.TrimSpace(step); {
		case step == "footprint":
			footprint = true
		case slices.Contains(bench.Steps, step), slices.Contains(bench.OptInSteps, step):
			opts.Steps = append(opts.Steps, step)
		default:
			return opts, false, usageError{"--only takes caseload, inbound, dispatch, wave and footprint, not " + strconv.Quote(step)}
		}
	}
	return opts, footprint, nil
}
