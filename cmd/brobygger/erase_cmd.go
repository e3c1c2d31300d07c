package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"brobygger/models"
	"brobygger/scheduler"
)

// cmdErase runs the retention job now: with --dry-run it only reports how many citizens' data a
// run would erase; with --retention it erases them (each audited as the system's act). The
// nightly scheduler does the same at 03:15; this is for the operator who wants to see first.
func cmdErase(ctx context.Context, args []string, getenv env, stdout io.Writer) error {
	fs := newFlags("erase")
	dryRun := fs.Bool("dry-run", false, "report what the retention job would erase now, change nothing")
	retention := fs.Bool("retention", false, "erase every citizen whose case was closed longer ago than the retention period")
	if err := parseFlags(fs, args, eraseHelp, stdout); err != nil {
		return err
	}
	if *dryRun == *retention {
		return usageError{"erase needs exactly one of --dry-run or --retention; run brobygger erase -h"}
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	store, _, err := openMigrated(ctx, cfg, models.WithClock(cfg.Clock))
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := scheduler.RunRetention(ctx, store, store.Now(), *dryRun)
	if err != nil {
		return err
	}
	out, _ := json.Marshal(rep)
	fmt.Fprintln(stdout, string(out))
	return nil
}
