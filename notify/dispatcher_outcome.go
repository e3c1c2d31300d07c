package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"brobygger/models"
)

// settleTimeout bounds the sending and recording of one row after shutdown began.
const settleTimeout = 30 * time.Second

// settle records what became of one send: sent, to be retried, or failed for good, with what a
// failure means for the citizen (opted out, number invalid).
func (d *Dispatcher) settle(ctx context.Context, item models.OutboxItem, sent models.SentSMS, sendErr error) {
	if sendErr == nil {
		markSent := func(ctx context.Context) error { return d.store.MarkSent(ctx, item, sent) }
		d.record(ctx, item, "sent", nil, markSent, &d.counts.sent,
			slog.Int("segments", sent.Segments), slog.String("status", sent.Status))
		return
	}
	failure := ClassifyTwilioError(sendErr)
	switch failure.Kind {
	case FailureOptedOut:
		d.record(ctx, item, "opted_out", failure, d.failAnd(item, failure, optOut), &d.counts.suppressed)
	case FailureInvalidNumber:
		invalid := d.failAnd(item, failure, markInvalid(failure.Code))
		d.record(ctx, item, "invalid_number", failure, invalid, &d.counts.suppressed)
	case FailurePermanent:
		d.record(ctx, item, "failed", failure, d.failAnd(item, failure, nil), &d.counts.failed)
	default:
		d.retryOrFail(ctx, item, failure)
	}
}

// retryOrFail puts a row back for a later try, or fails it once it has had MaxAttempts tries.
func (d *Dispatcher) retryOrFail(ctx context.Context, item models.OutboxItem, failure *SendError) {
	if item.Attempts >= d.cfg.MaxAttempts {
		gaveUp := *failure
		gaveUp.Message = fmt.Sprintf("gave up after %d attempts: %s", item.Attempts, failure.Message)
		d.record(ctx, item, "failed", &gaveUp, d.failAnd(item, &gaveUp, nil), &d.counts.failed)
		return
	}
	// The store's clock, not the wall clock: not_before is compared with it when claiming.
	retryAt := d.store.Now().Add(d.retryDelay(item.Attempts))
	d.record(ctx, item, "retry", failure, func(ctx context.Context) error {
		return d.store.MarkRetry(ctx, item.ID, retryAt, failure.Code, failure.Message)
	}, &d.counts.retried, slog.Time("retry_at", retryAt))
}

// citizenOutcome is what a refused send changes about the citizen, in the same transaction.
type citizenOutcome func(ctx context.Context, tx *models.Store, citizenID string) error

// optOut mirrors a Twilio-side opt-out: the citizen replied STOP to our sender at some point.
func optOut(ctx context.Context, tx *models.Store, citizenID string) error {
	return tx.MarkOptedOut(ctx, citizenID, models.OptOutByTwilio)
}

// markInvalid records that the citizen's number cannot receive SMS, with Twilio's code.
func markInvalid(code int) citizenOutcome {
	return func(ctx context.Context, tx *models.Store, citizenID string) error {
		return tx.MarkPhoneInvalid(ctx, citizenID, code)
	}
}

// failAnd returns the write that fails the row and applies then (if any) to its citizen, together:
// a row failed as opted out without the opt-out recorded would let the next SMS try again.
func (d *Dispatcher) failAnd(item models.OutboxItem, failure *SendError,
	then citizenOutcome) func(context.Context) error {
	return func(ctx context.Context) error {
		return d.store.InTx(ctx, func(tx *models.Store) error {
			if err := tx.MarkFailed(ctx, item.ID, failure.Code, failure.Message); err != nil {
				return err
			}
			if then == nil || item.CitizenID == nil {
				return nil
			}
			return then(ctx, tx, *item.CitizenID)
		})
	}
}
