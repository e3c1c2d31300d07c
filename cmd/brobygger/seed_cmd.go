package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"brobygger/models/seed"
)

// demoPassword is the demo's well-known password: the data is synthetic, never use it for real.
const demoPassword = "brobygger-demo-1234"

// cmdSeed writes synthetic data: a large deterministic population for benchmarks, or with
// --demo a small populated dashboard for a newcomer.
func cmdSeed(ctx context.Context, args []string, getenv env, stdout io.Writer) error {
	fs := newFlags("seed")
	citizens := fs.Int("citizens", 1000, "how many citizens")
	messages := fs.Int("messages", 10, "average SMS per citizen")
	seedNumber := fs.Uint64("seed", 1, "random seed; the same seed gives the same data")
	demo := fs.Bool("demo", false, "a small demo caseload with a known login")
	password := fs.String("password", demoPassword, "password of every seeded staff account")
	if err := parseFlags(fs, args, seedHelp, stdout); err != nil {
		return err
	}
	if *citizens < 1 || *citizens > 10_000_000 || *messages < 1 || *messages > 100 {
		return usageError{"seed: --citizens must be 1–10000000 and --messages 1–100"}
	}
	cfg, store, _, err := openConfigured(ctx, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	opts := seed.Options{Citizens: *citizens, MessagesPerCitizen: *messages, Seed: *seedNumber, Password: *password, Location: cfg.Location}
	if *demo {
		opts.Citizens, opts.FirstWorkerEmail = 40, "demo@brobygger.dk"
	}
	start := time.Now()
	last := start
	opts.Progress = func(done int) {
		if time.Since(last) > 5*time.Second {
			fmt.Fprintf(stdout, "  %d citizens (%.0f/s)\n", done, float64(done)/time.Since(start).Seconds())
			last = time.Now()
		}
	}
	res, err := seed.Run(ctx, store, opts)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if res.AlreadySeeded {
		fmt.Fprintf(stdout, "the demo is already in %s; nothing changed\n", cfg.Database.Where)
		fmt.Fprintf(stdout, "log in at %s/dashboard as %s (password as when it was seeded; the default is %q)\n", cfg.PublicBaseURL, res.FirstWorkerEmail, demoPassword)
		return nil
	}
	fmt.Fprintf(stdout, "seeded %d staff, %d offers, %d citizens, %d messages, %d check-ins, %d flags in %s into %s\n",
		res.Staff, res.Offers, res.Citizens, res.Messages, res.Checkins, res.Flags, time.Since(start).Round(time.Millisecond), cfg.Database.Where)
	fmt.Fprintf(stdout, "log in at %s/dashboard as %s with password %q\n", cfg.PublicBaseURL, res.FirstWorkerEmail, *password)
	return nil
}
