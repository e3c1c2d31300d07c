package scheduler

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
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
	// CheckinsInApp counts check-ins left for the app (the citizen prefers it) this pass.
	CheckinsInApp               int
	Reminders                   int
	Followups, FollowupsWaiting int
	Nudges                      int
	// Fallbacks counts pushes not opened in time (or taken by no device) queued again by SMS or e-mail.
	Fallbacks int
	// FallbacksSkipped counts pushes whose fallback was due but could only have been an SMS to a
	// citizen who said STOP (which stops SMS only): nothing went, and the row says why.
	FallbacksSkipped int
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
	errs = append(errs, s.runPages(ctx, now.UTC(), &rep), s.fallBack(ctx, now.UTC(), &rep))
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
// One goroutine reads the next page while cfg.PageWorkers pages are planned and written at once,
// each in its own transaction: the database inserts one page while Go reads, plans and encodes
// another, which on a morning wave roughly halves the time of doing it in turn. Pages hold
// disjoint citizens, so they never contend for a row, and memory stays bounded by
// PageWorkers+1 pages whatever the number of citizens.
func (s *Scheduler) runPages(ctx context.Context, now time.Time, rep *Report) error {
	site, err := s.store.SiteCheckinPlan(ctx)
	if err != nil {
		return err
	}
	// The admin's closed days are read once a pass, so a change applies from the next pass.
	win, err := s.store.SiteSendWindow(ctx, s.cfg.Window)
	if err != nil {
		return err
	}
	budget, err := s.checkinBudget(ctx, now, win)
	if err != nil {
		return err
	}
	pages := make(chan []models.Citizen)
	var readErr error
	go func() {
		defer close(pages)
		readErr = recovered(func() error { return s.readPages(ctx, pages) })
	}()
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for range s.cfg.PageWorkers {
		wg.Go(func() {
			for page := range pages {
				var pr Report
				err := recovered(func() error { return s.runPage(ctx, now, page, site, win, budget, &pr) })
				mu.Lock()
				rep.add(pr)
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait() // the workers return once readPages has closed pages, so readErr is set
	return errors.Join(append(errs, readErr)...)
}

// recovered runs fn and turns a panic into its error. Pages run in goroutines of their own,
// out of reach of cron's recovery: a bug met on one page must fail that page, not end the
// process.
func recovered(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("scheduler: panic: %v\n%s", r, debug.Stack())
		}
	}()
	return fn()
}

// readPages sends the schedulable citizens (SMS, or push and e-mail after STOP) to pages a keyset page at a time, until they run out,
// ctx ends or a read fails.
func (s *Scheduler) readPages(ctx context.Context, pages chan<- []models.Citizen) error {
	for after := ""; ; {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := s.store.SchedulableCitizens(ctx, after, s.cfg.PageSize)
		if err != nil || len(page) == 0 {
			return err
		}
		select {
		case pages <- page:
		case <-ctx.Done():
			return ctx.Err()
		}
		after = page[len(page)-1].ID
	}
}

// runPage plans one page of citizens and queues what is due, kind by kind.
func (s *Scheduler) runPage(ctx context.Context, now time.Time, page []models.Citizen, site models.CheckinPlan, win models.SendWindow, budget *startBudget, rep *Report) error {
	w, err := s.planPage(ctx, now, page, site, win)
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

// add counts another page's work into r.
func (r *Report) add(o Report) {
	r.Expired += o.Expired
	r.Reprocessed += o.Reprocessed
	r.CheckinsCreated += o.CheckinsCreated
	r.CheckinsStarted += o.CheckinsStarted
	r.CheckinsWaiting += o.CheckinsWaiting
	r.CheckinsCancelled += o.CheckinsCancelled
	r.CheckinsInApp += o.CheckinsInApp
	r.Reminders += o.Reminders
	r.Followups += o.Followups
	r.FollowupsWaiting += o.FollowupsWaiting
	r.Nudges += o.Nudges
	r.Fallbacks += o.Fallbacks
	r.FallbacksSkipped += o.FallbacksSkipped
}
