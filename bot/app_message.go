package bot

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"brobygger/models"
)

// maxAppMessageRunes bounds a message written in the app (a few SMS' worth).
const maxAppMessageRunes = 1000

// WriteInApp stores a message the citizen wrote to their link worker in the app. It lands in
// the link worker's inbox like free text by SMS (needs a reply, a free-text flag once a day)
// and is read by the distress detector like every SMS: distress is answered and flagged the same
// way (the safety text also goes by SMS, unless the citizen said STOP). No SMS acknowledgement is
// sent: the app says it arrived. key makes the call idempotent: the same key again stores
// nothing and reports duplicate.
func (e *Engine) WriteInApp(ctx context.Context, citizenID, key, body string) (duplicate bool, err error) {
	body = strings.TrimSpace(body)
	if body == "" || utf8.RuneCountInString(body) > maxAppMessageRunes {
		return false, models.Invalid("body", "Write between 1 and %d characters.", maxAppMessageRunes)
	}
	err = e.store.InTx(ctx, func(tx *models.Store) error {
		citizen, err := tx.CitizenByID(ctx, citizenID)
		if err != nil {
			return err
		}
		msg, dup, err := tx.RecordInboundFor(ctx, models.InboundSMS{SID: "app:" + key, From: citizen.Phone, Body: body}, citizen, true)
		if err != nil || dup {
			duplicate = dup
			return err
		}
		now := tx.Now()
		in, err := e.loadInbound(ctx, tx, msg, citizen, nil, hasLetter, now)
		if err != nil {
			return err
		}
		d := e.decideInApp(in, now)
		if err := e.writeAlone(ctx, tx, &d, now); err != nil {
			return err
		}
		return tx.MarkProcessed(ctx, msg.ID, true, nil)
	})
	return duplicate, err
}

// decideInApp flags the message for the link worker: as distress when the detector hears it,
// otherwise as free text (one flag a day). Like decide, it reads and writes nothing.
func (r *rules) decideInApp(in *inbound, now time.Time) decision {
	t := newTurn(in, now)
	heard := r.hear(t, KeywordNone)
	switch {
	case heard.Flagged() && t.citizen.OptedOut():
		r.flagDistressWithoutSMS(t, heard)
	case heard.Flagged():
		r.answerDistress(t, heard)
	default:
		t.d.needsReply = true
		r.flagFreeText(t)
	}
	return *t.d
}
