package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"brobygger/models"
)

// retentionSpec runs the retention job once a night, at 03:15 in the site's time zone (after
// midnight's work, before the morning's check-ins).
const retentionSpec = "15 3 * * *"

// RetentionReport says what a retention run found and did. In a dry run Erased stays 0 and Due
// is what a real run would erase now.
type RetentionReport struct {
	Months int       `json:"months"`
	Cutoff time.Time `json:"cutoff"`
	DryRun bool      `json:"dry_run"`
	Due    int       `json:"due"`
	Erased int       `json:"erased"`
	// Blocked counts citizens left for later because an urgent flag is still open.
	Blocked int `json:"blocked"`
}

// RunRetention erases every citizen whose case was closed more than the retention setting's
// months before now, each in its own transaction and audited as the system's act. With dryRun
// it only counts. now comes from outside (the store's clock in production, a fake in tests).
func (s *Scheduler) RunRetention(ctx context.Context, now time.Time, dryRun bool) (RetentionReport, error) {
	return RunRetention(ctx, s.store, now, dryRun)
}

// RunRetention is the retention job without a scheduler, for the CLI's `brobygger erase`.
func RunRetention(ctx context.Context, store *models.Store, now time.Time, dryRun bool) (RetentionReport, error) {
	months, err := store.RetentionMonths(ctx)
	if err != nil {
		return RetentionReport{}, err
	}
	rep := RetentionReport{Months: months, Cutoff: now.UTC().AddDate(0, -months, 0), DryRun: dryRun}
	// Only ids are read (about 40 bytes a citizen), so even a large backlog fits in memory; each
	// citizen is then erased in its own short transaction.
	ids, err := store.RetentionDue(ctx, rep.Cutoff)
	if err != nil || dryRun {
		rep.Due = len(ids)
		return rep, err
	}
	for _, id := range ids {
		if err := eraseForRetention(ctx, store, id, &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// eraseForRetention erases one citizen, counting a citizen held back by an urgent flag as
// blocked rather than failing the whole run.
func eraseForRetention(ctx context.Context, store *models.Store, id string, rep *RetentionReport) error {
	rep.Due++
	_, err := store.EraseCitizen(ctx, models.Erasure{CitizenID: id, ActorRole: "system",
		Reason: models.ActionEraseByRetention, RequestID: "retention"})
	var merr *models.Error
	switch {
	case err == nil:
		rep.Erased++
	case errors.As(err, &merr) && merr.Code == models.ECONFLICT:
		rep.Blocked++
	default:
		return fmt.Errorf("retention: %w", err)
	}
	return nil
}

// retentionPass is the nightly retention job, run by the scheduler's leader only (the other
// replicas skip it, as they skip the prune job and due passes: the job is idempotent, but each
// replica would read every due citizen for nothing): first a dry run whose counts are logged (so
// the log always says what was about to happen), then the erasure, at the store's clock. ran is
// false on a follower.
func (s *Scheduler) retentionPass(ctx context.Context) (rep RetentionReport, ran bool) {
	lead, err := s.leader.Lead(ctx)
	if err != nil && ctx.Err() == nil {
		s.log.Error("scheduler leadership check failed; skipping the retention job", "error", err.Error())
	}
	if !lead {
		return rep, false
	}
	now := s.store.Now()
	plan, err := s.RunRetention(ctx, now, true)
	if err != nil {
		s.log.Error("retention dry run failed", "error", err.Error())
		return plan, true
	}
	s.log.Info("retention dry run", "report", plan)
	if plan.Due == 0 {
		return plan, true
	}
	rep, err = s.RunRetention(ctx, now, false)
	if err != nil {
		s.log.Error("retention run failed", "error", err.Error(), "report", rep)
		return rep, true
	}
	s.log.Info("retention run", "report", rep)
	return rep, true
}
