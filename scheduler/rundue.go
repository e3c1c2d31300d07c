package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"brobygger/models"
)

// Report counts what a pass did.
type Report struct {
	Expired     int
	Reprocessed int
	// CheckinsCreated counts new pending check-ins; CheckinsStarted those whose first SMS was
	// queued; CheckinsWaiting those held back (citizen busy, or the day's send capacity used up).
	CheckinsCreated, CheckinsStarted, CheckinsWaiting, CheckinsCancelled int
	Reminders                                                            int
	Followups, FollowupsWaiting                                          int
	Nudges                                                               int
}

// expiryBatch is how many conversations or inbound messages one call settles.
const expiryBatch = 500

// RunDue does one pass at now: it expires conversations, retries stale inbound SMS, and queues
// whatever is due for every citizen who may get scheduled SMS, streaming them a page at a time.
// Running it twice, or on two replicas at once, queues nothing twice. The parts are independent:
// one failing does not stop the others, and the error reports every failure. now is normally
// the store's clock (Run passes Store.Now); expiry always uses the store's clock.
func (s *Scheduler) RunDue(ctx context.Context, now time.Time) (Report, error) {
	var rep Report
	errs := []error{s.expire(ctx, &rep), s.reprocess(ctx, &rep)}
	errs = append(errs, s.runPages(ctx, now.UTC(), &rep))
	return rep, errors.Join(errs...)
}

// expire closes conversations whose window passed (a check-in left unfinished, an unanswered
// contact question, which makes the citizen unreachable), so their citizens are free again.
func (s *Scheduler) expire(ctx context.Context, rep *Report) error {
	for {
		n, err := s.engine.ExpireConversations(ctx, expiryBatch)
		rep.Expired += n
		if err != nil {
			return fmt.Errorf("expire conversations: %w", err)
		}
		if n < expiryBatch {
			return nil
		}
	}
}

// reprocess retries inbound SMS that were stored but whose bot step failed.
func (s *Scheduler) reprocess(ctx context.Context, rep *Report) error {
	for {
		n, err := s.engine.ReprocessPending(ctx, expiryBatch)
		rep.Reprocessed += n
		if err != nil {
			return fmt.Errorf("reprocess inbound sms: %w", err)
		}
		if n < expiryBatch {
			return nil
		}
	}
}

// runPages streams the citizens who may get scheduled SMS in id order and queues their due work.
func (s *Scheduler) runPages(ctx context.Context, now time.Time, rep *Report) error {
	site, err := s.store.SiteCheckinPlan(ctx)
	if err != nil {
		return err
	}
	budget, err := s.checkinBudget(ctx, now)
	if err != nil {
		return err
	}
	var errs []error
	for after := ""; ; {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, err)...)
		}
		page, err := s.store.SchedulableCitizens(ctx, after, s.cfg.PageSize)
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		if len(page) == 0 {
			return errors.Join(errs...)
		}
		errs = append(errs, s.runPage(ctx, now, page, site, &budget, rep))
		after = page[len(page)-1].ID
	}
}

// runPage plans one page of citizens and queues what is due, kind by kind.
func (s *Scheduler) runPage(ctx context.Context, now time.Time, page []models.Citizen, site models.CheckinPlan, budget *int, rep *Report) error {
	w, err := s.planPage(ctx, now, page, site)
	if err != nil {
		return err
	}
	return errors.Join(
		s.queueCheckins(ctx, now, w, budget, rep),
		s.queueReminders(ctx, now, w, rep),
		s.startFollowups(ctx, now, w, rep),
		s.nudgeContacts(ctx, now, w, rep),
	)
}
