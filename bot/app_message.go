package bot

import (
	"context"
	"strings"
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
		t, err := e.newTurn(ctx, tx, citizen, nil, msg)
		if err != nil {
			return err
		}
		if err := e.respondInApp(t); err != nil {
			return err
		}
		return tx.MarkProcessed(ctx, msg.ID, true, nil)
	})
	return duplicate, err
}

// respondInApp flags the message for the link worker: as distress when the detector hears it,
// otherwise as free text (one flag a day).
func (e *Engine) respondInApp(t *turn) error {
	heard, err := e.hear(t, KeywordNone)
	if err != nil {
		return err
	}
	switch {
	case heard.Flagged() && t.citizen.OptedOut():
		return e.flagDistressWithoutSMS(t, heard)
	case heard.Flagged():
		return e.answerDistress(t, heard)
	}
	t.needsReply = true
	day := t.now.In(e.cfg.Location).Format("2006-01-02")
	return t.raiseFlag(models.NewFlag{CitizenID: &t.citizen.ID, Kind: models.FlagFreeText,
		Severity: models.SeverityNormal, RefID: &t.msg.ID, DedupeKey: "free_text:" + t.citizen.ID + ":" + day,
		Code: "free_text", Facts: models.FlagFacts{"excerpt": excerpt(t.text)}})
}
