package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"brobygger/models"
)

// lookupSkew is how far before the row was queued the carrier's list is read, so a carrier
// clock a little behind ours cannot hide the lost SMS.
const lookupSkew = 5 * time.Minute

// recoverLost settles a row whose last send had an unknown outcome (its lease ran out while it
// was being sent) by asking the carrier whether it took the SMS. It reports done with the
// outcome when the SMS was found (sent, with the carrier's SID) or the carrier could not be
// asked (retry later: resending blind could text the citizen twice); not done means the carrier
// has no such SMS and it should be sent.
func (d *Dispatcher) recoverLost(ctx context.Context, item models.OutboxItem, sms OutgoingSMS) (outcome, bool) {
	finder, ok := d.sender.(sentFinder)
	if !ok || !item.OutcomeUnknown {
		return outcome{}, false
	}
	found, err := finder.FindSent(ctx, sms, item.CreatedAt.Add(-lookupSkew))
	if err != nil {
		return d.retryOrFail(item, ClassifyTwilioError(fmt.Errorf("look up a send with unknown outcome: %w", err))), true
	}
	sids := make([]string, len(found))
	for i, f := range found {
		sids[i] = f.SID
	}
	known, err := d.store.KnownTwilioSIDs(ctx, sids)
	if err != nil {
		return d.retryOrFail(item, ClassifyTwilioError(err)), true
	}
	for _, f := range found {
		// A match already on the timeline is another row's SMS with the same text.
		if !known[f.SID] {
			d.counts.recovered.Add(1)
			o := d.outcomeOf(item, f, nil)
			o.attrs = append(o.attrs, slog.Bool("found_at_carrier", true))
			return o, true
		}
	}
	return outcome{}, false
}
