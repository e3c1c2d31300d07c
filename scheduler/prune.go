package scheduler

import (
	"context"
	"time"
)

// pruneSpec runs the nightly clean-up of sign-in attempt counters at 03:40 in the site's time
// zone (after the retention job, long before the morning's check-ins).
const pruneSpec = "40 3 * * *"

// attemptCounterRetention is how long an attempt counter is kept after its window began. The
// longest sign-in window is an hour (the per-account ceiling); a day leaves every window that
// can still count untouched, and a counter pruned early would only start again at 1.
const attemptCounterRetention = 24 * time.Hour

// pruneReport says what a prune run removed.
type pruneReport struct {
	Cutoff          time.Time `json:"cutoff"`
	AttemptCounters int64     `json:"attempt_counters"`
}

// runPrune deletes the sign-in attempt counters whose window began more than
// AttemptCounterRetention before now. It is idempotent (a second run finds nothing), so it is
// safe in a fail-over; cron runs it on the leader only (prunePass).
func (s *Scheduler) runPrune(ctx context.Context, now time.Time) (pruneReport, error) {
	rep := pruneReport{Cutoff: now.UTC().Add(-attemptCounterRetention)}
	n, err := s.store.PruneAttemptCounters(ctx, rep.Cutoff)
	rep.AttemptCounters = n
	return rep, err
}

// prunePass is the nightly prune job at the store's clock, run by the scheduler's leader only:
// the other replicas skip it, as they skip due passes.
func (s *Scheduler) prunePass(ctx context.Context) (pruneReport, bool) {
	lead, err := s.leader.Lead(ctx)
	if err != nil && ctx.Err() == nil {
		s.log.Error("scheduler leadership check failed; skipping the prune job", "error", err.Error())
	}
	if !lead {
		return pruneReport{}, false
	}
	rep, err := s.runPrune(ctx, s.store.Now())
	if err != nil {
		s.log.Error("prune of attempt counters failed", "error", err.Error())
		return rep, true
	}
	s.log.Info("pruned attempt counters", "report", rep)
	return rep, true
}
