package notify

import (
	"context"
	"log/slog"
	"time"

	"brobygger/models/sms"
)

// storeWriteTries is how often a batch of outcomes is tried. An SMS that went out but is not
// marked sent is sent again when its lease ends, so a short database hiccup deserves another try.
const storeWriteTries = 3

// record counts and logs one outcome once its batch was written (settled says whether its row
// was still ours to settle) or given up on (err). Logs carry the outbox id, the outcome and
// Twilio's code, never the body and only the last two digits of the number: production logs
// must hold no health data and no one's phone number.
func (d *Dispatcher) record(ctx context.Context, o outcome, settled bool, err error) {
	item := o.write.Item
	attrs := []slog.Attr{slog.String("outbox_id", item.ID), slog.String("outcome", o.name),
		slog.String("sms_kind", item.Kind), slog.Int("attempt", item.Attempts), slog.String("to", maskPhone(item.Phone))}
	if f := o.failure; f != nil {
		attrs = append(attrs, slog.Int("code", f.Code), slog.Int("http_status", f.HTTPStatus),
			slog.Int("segments", sms.CountSegments(item.Body).Count), slog.String("error", scrubNumbers(f.Message)))
	}
	attrs = append(attrs, o.attrs...)
	switch {
	case err != nil:
		attrs = append(attrs, slog.String("store_error", err.Error()))
		d.log.LogAttrs(ctx, slog.LevelError, "sms outcome not recorded; the row returns when its lease ends", attrs...)
	case !settled:
		// Our lease ran out and another dispatcher claimed the row: its outcome counts, not ours.
		d.log.LogAttrs(ctx, slog.LevelWarn, "sms outcome left out: the row was claimed again after our lease ran out", attrs...)
	default:
		o.counter.Add(1)
		d.log.LogAttrs(ctx, outcomeLevel(o.name), "sms "+o.name, attrs...)
	}
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
