package notify

import (
	"context"
	"sync"
	"time"

	"brobygger/models"
)

// maxClaimBackoff caps the pause between failing claims while the database is away.
const maxClaimBackoff = 30 * time.Second

// Run dispatches until ctx is cancelled. It keeps the workers busy: while they send one batch it
// claims the next, and it pauses PollInterval only when nothing was due. On cancellation, sends
// already under way finish, every outcome waiting to be written is written, rows claimed but not
// started are handed back, and Run returns ctx.Err().
func (d *Dispatcher) Run(ctx context.Context) error {
	jobs := make(chan models.OutboxItem, d.jobBuffer())
	settle := d.startSettler(ctx)
	var workers sync.WaitGroup
	d.startWorkers(ctx, &workers, jobs, settle, d.cfg.Workers)
	err := d.feed(ctx, jobs)
	d.release(ctx, waiting(jobs))
	close(jobs)
	workers.Wait()
	settle.close()
	return err
}

// jobBuffer is how many claimed rows may wait for a worker. Unpaced, a batch's worth lets the
// next claim run while the workers send, instead of leaving them idle during it. Paced, a claim
// is short next to a batch's sends, and a buffer would only make a safety reply claimed meanwhile
// wait behind one more batch (and keep rows longer under their lease than withDefaults allows).
func (d *Dispatcher) jobBuffer() int {
	if d.pacer != nil {
		return 0
	}
	return d.cfg.BatchSize
}

// waiting takes the rows still buffered in jobs.
func waiting(jobs chan models.OutboxItem) []models.OutboxItem {
	var left []models.OutboxItem
	for {
		select {
		case item := <-jobs:
			left = append(left, item)
		default:
			return left
		}
	}
}

// DispatchOnce claims one batch, sends it and waits until every row is settled. It returns how
// many rows it claimed. Tests and benchmarks use it to drive the dispatcher step by step.
func (d *Dispatcher) DispatchOnce(ctx context.Context) (int, error) {
	items, err := d.store.ClaimOutbox(ctx, d.cfg.BatchSize, d.cfg.Lease)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	jobs := make(chan models.OutboxItem)
	settle := d.startSettler(ctx)
	var workers sync.WaitGroup
	d.startWorkers(ctx, &workers, jobs, settle, min(d.cfg.Workers, len(items)))
	err = d.hand(ctx, items, jobs)
	close(jobs)
	workers.Wait()
	settle.close()
	return len(items), err
}

// feed claims due rows and hands them to the workers until ctx is cancelled.
func (d *Dispatcher) feed(ctx context.Context, jobs chan<- models.OutboxItem) error {
	failPause := d.cfg.PollInterval
	for {
		items, err := d.store.ClaimOutbox(ctx, d.cfg.BatchSize, d.cfg.Lease)
		wait := d.cfg.PollInterval
		switch {
		case ctx.Err() != nil:
			d.release(ctx, items)
			return ctx.Err()
		case err != nil:
			d.log.ErrorContext(ctx, "outbox claim failed", "error", err, "retry_in", failPause)
			wait, failPause = failPause, min(failPause*2, max(maxClaimBackoff, d.cfg.PollInterval))
		case len(items) == 0:
			failPause = d.cfg.PollInterval
		default:
			failPause = d.cfg.PollInterval
			if err := d.hand(ctx, items, jobs); err != nil {
				return err
			}
			continue // claim the next batch while the workers send this one
		}
		if !sleep(ctx, wait) {
			return ctx.Err()
		}
	}
}

// hand gives the rows to the workers one by one. If ctx ends first, the rows not yet taken are
// released so they do not wait out their lease.
func (d *Dispatcher) hand(ctx context.Context, items []models.OutboxItem, jobs chan<- models.OutboxItem) error {
	for i, item := range items {
		select {
		case jobs <- item:
		case <-ctx.Done():
			d.release(ctx, items[i:])
			return ctx.Err()
		}
	}
	return nil
}

// startWorkers starts n workers that dispatch rows from jobs until it is closed.
func (d *Dispatcher) startWorkers(ctx context.Context, wg *sync.WaitGroup, jobs <-chan models.OutboxItem,
	settle *settler, n int) {
	for range n {
		wg.Go(func() {
			for item := range jobs {
				d.dispatch(ctx, item, settle)
			}
		})
	}
}

// dispatch waits for the row's turn under the rate limit, sends it and hands the outcome to the
// settler. Once the send starts it runs to the end on a context that cancellation does not
// reach: an SMS that may have gone out must be recorded, or its lease would run out and it would
// be sent again.
//
// A row whose last send had an unknown outcome is first looked up at the carrier (recoverLost).
func (d *Dispatcher) dispatch(ctx context.Context, item models.OutboxItem, settle *settler) {
	sms := OutgoingSMS{To: item.Phone, Body: item.Body, StatusCallback: d.cfg.StatusCallbackURL}
	sender := "default"
	if picker, ok := d.sender.(senderPicker); ok {
		sender = picker.senderFor(item.Phone)
		sms.From = sender
	}
	if item.Phone == "" {
		// A citizen reached by e-mail only has no number: the row fails here, and never reaches
		// Twilio, whose "invalid number" would mark the citizen's (absent) number invalid.
		settle.add(d.failed(item, "failed", &SendError{Kind: FailurePermanent, Message: "no phone number"},
			models.RecipientUnchanged, &d.counts.failed))
		return
	}
	if o, done := d.recoverLost(ctx, item, sms); done {
		settle.add(o)
		return
	}
	if err := d.waitTurn(ctx, sender); err != nil {
		d.release(ctx, []models.OutboxItem{item})
		return
	}
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	sent, err := d.sender.Send(sendCtx, sms)
	settle.add(d.outcomeOf(item, sent, err))
}

// waitTurn blocks until the sender's rate lets one more SMS go, or ctx ends.
func (d *Dispatcher) waitTurn(ctx context.Context, sender string) error {
	if d.pacer == nil {
		return ctx.Err()
	}
	return d.pacer.wait(ctx, sender)
}

// release hands claimed, unsent rows back to the queue; failing that, their lease brings them
// back later, so the error is only logged.
func (d *Dispatcher) release(ctx context.Context, items []models.OutboxItem) {
	if len(items) == 0 {
		return
	}
	ids := make([]string, len(items))
	for i, item := range items {
		ids[i] = item.ID
	}
	releaseCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	if err := d.store.ReleaseOutbox(releaseCtx, ids); err != nil {
		d.log.ErrorContext(ctx, "outbox release failed; rows return when their lease ends", "rows", len(ids), "error", err)
	}
}

// sleep waits for d or until ctx ends; it reports whether the full time passed.
func sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
