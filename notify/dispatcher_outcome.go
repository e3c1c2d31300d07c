package notify

import (
	"fmt"
	"log/slog"
	"sync/atomic"

	"brobygger/models"
)

// outcome is what became of one send, on its way to the store with others.
type outcome struct {
	write models.OutboxOutcome
	// name is the log's word for it: sent, retry, failed, opted_out, invalid_number.
	name    string
	failure *SendError
	// counter is the statistic it adds to once written.
	counter *atomic.Int64
	attrs   []slog.Attr
}

// outcomeOf decides what a send means: sent, to be retried, or failed for good, with what a
// failure means for the citizen (opted out, number invalid).
func (d *Dispatcher) outcomeOf(item models.OutboxItem, sent models.SentSMS, sendErr error) outcome {
	if sendErr == nil {
		return outcome{write: models.OutboxOutcome{Item: item, Status: models.OutboxSent, Sent: sent},
			name: "sent", counter: &d.counts.sent,
			attrs: []slog.Attr{slog.Int("segments", sent.Segments), slog.String("status", sent.Status)}}
	}
	failure := ClassifyTwilioError(sendErr)
	switch failure.Kind {
	case FailureOptedOut:
		return d.failed(item, "opted_out", failure, models.RecipientOptedOut, &d.counts.suppressed)
	case FailureInvalidNumber:
		return d.failed(item, "invalid_number", failure, models.RecipientPhoneInvalid, &d.counts.suppressed)
	case FailurePermanent:
		return d.failed(item, "failed", failure, models.RecipientUnchanged, &d.counts.failed)
	}
	return d.retryOrFail(item, failure)
}

// retryOrFail puts a row back for a later try, or fails it once it has had MaxAttempts tries.
func (d *Dispatcher) retryOrFail(item models.OutboxItem, failure *SendError) outcome {
	if item.Attempts >= d.cfg.MaxAttempts {
		gaveUp := *failure
		gaveUp.Message = fmt.Sprintf("gave up after %d attempts: %s", item.Attempts, failure.Message)
		return d.failed(item, "failed", &gaveUp, models.RecipientUnchanged, &d.counts.failed)
	}
	// The store's clock, not the wall clock: not_before is compared with it when claiming.
	retryAt := d.store.Now().Add(d.retryDelay(item.Attempts))
	return outcome{write: models.OutboxOutcome{Item: item, Status: models.OutboxPending, RetryAt: retryAt,
		ErrorCode: failure.Code, Reason: failure.Message},
		name: "retry", failure: failure, counter: &d.counts.retried, attrs: []slog.Attr{slog.Time("retry_at", retryAt)}}
}

// failed settles a row for good. The finding about the citizen is written with it: a row failed
// as opted out without the opt-out recorded would let the next SMS try again.
func (d *Dispatcher) failed(item models.OutboxItem, name string, failure *SendError,
	finding models.RecipientFinding, counter *atomic.Int64) outcome {
	return outcome{write: models.OutboxOutcome{Item: item, Status: models.OutboxFailed, ErrorCode: failure.Code,
		Reason: failure.Message, Recipient: finding}, name: name, failure: failure, counter: counter}
}
