package notify

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"brobygger/models"
)

// storeWriteTries is how often an outcome write is tried. An SMS that went out but is not marked
// sent is sent again when its lease ends, so a short database hiccup deserves another try.
const storeWriteTries = 3

// record writes an outcome, counts it and logs it. Logs carry the outbox id, the outcome and
// Twilio's code, never the body and only the last two digits of the number: production logs
// must hold no health data and no one's phone number.
func (d *Dispatcher) record(ctx context.Context, item models.OutboxItem, outcome string, failure *SendError,
	write func(context.Context) error, counter *atomic.Int64, extra ...slog.Attr) {
	attrs := []slog.Attr{slog.String("outbox_id", item.ID), slog.String("outcome", outcome),
		slog.String("sms_kind", item.Kind), slog.Int("attempt", item.Attempts), slog.String("to", maskPhone(item.Phone))}
	if failure != nil {
		attrs = append(attrs, slog.Int("code", failure.Code), slog.Int("http_status", failure.HTTPStatus),
			slog.Int("segments", models.CountSegments(item.Body).Count), slog.String("error", scrubNumbers(failure.Message)))
	}
	attrs = append(attrs, extra...)
	if err := d.writeWithRetry(ctx, write); err != nil {
		attrs = append(attrs, slog.String("store_error", err.Error()))
		d.log.LogAttrs(ctx, slog.LevelError, "sms outcome not recorded; the row returns when its lease ends", attrs...)
		return
	}
	counter.Add(1)
	d.log.LogAttrs(ctx, outcomeLevel(outcome), "sms "+outcome, attrs...)
}

// writeWithRetry runs write up to storeWriteTries times with a short, growing pause.
func (d *Dispatcher) writeWithRetry(ctx context.Context, write func(context.Context) error) error {
	var err error
	for try := 1; try <= storeWriteTries; try++ {
		if err = write(ctx); err == nil || ctx.Err() != nil {
			return err
		}
		if try < storeWriteTries && !sleep(ctx, time.Duration(try)*100*time.Millisecond) {
			return err
		}
	}
	return err
}

// outcomeLevel logs the normal outcomes at Info and those someone may need to look at at Warn.
func outcomeLevel(outcome string) slog.Level {
	switch outcome {
	case "sent", "opted_out":
		return slog.LevelInfo
	}
	return slog.LevelWarn
}
