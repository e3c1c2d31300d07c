package bot

import (
	"context"

	"brobygger/bot/distress"
	"brobygger/models"
	"brobygger/models/phone"
)

// handleFreeText passes a message that answers nothing to the link worker and tells the citizen,
// at most once a day, that it will be read.
func (e *Engine) handleFreeText(t *turn) error {
	t.needsReply = true
	day := t.now.In(e.cfg.Location).Format("2006-01-02")
	if err := t.raiseFlag(models.NewFlag{CitizenID: &t.citizen.ID, Kind: models.FlagFreeText,
		Severity: models.SeverityNormal, RefID: &t.msg.ID, DedupeKey: "free_text:" + t.citizen.ID + ":" + day,
		Code: "free_text", Facts: models.FlagFacts{"excerpt": excerpt(t.text)}}); err != nil {
		return err
	}
	return e.replyOncePerDay(t, "freetext_ack", "freetext_ack")
}

// handleUnknownSender stores and shows a message from a number we do not know, and answers it
// politely in both languages, at most once a day per number. STOP from a stranger is remembered
// for the number (a later referral of it sends nothing) and gets no answer; START forgets it; a
// number that said STOP gets no answer to anything else either, and neither does a sender that
// is not a phone number (a sender name or a short code cannot receive an SMS).
// Like every step, it only sets the message's NeedsReply; the caller stores it.
func (e *Engine) handleUnknownSender(ctx context.Context, tx *models.Store, msg *models.Message, pending *models.PendingWrites) error {
	now := tx.Now()
	day := now.In(e.cfg.Location).Format("2006-01-02")
	if heard := e.distress.Assess(msg.Body); heard.Flagged() {
		return e.answerStrangerInDistress(ctx, tx, msg, pending, heard)
	}
	if !phone.CanReceiveSMS(msg.Phone) {
		// The message waits in the review queue, and nobody is asked to reply to it.
		pending.RaiseFlag(models.NewFlag{Kind: models.FlagUnknownSender, Severity: models.SeverityInfo,
			RefID: &msg.ID, DedupeKey: "unknown_sender:" + msg.Phone + ":" + day,
			Code: "unknown_sender_name", Facts: models.FlagFacts{"phone": msg.Phone, "excerpt": excerpt(msg.Body)}}, now)
		return nil
	}
	kw := e.keywords.Classify(msg.Body)
	if kw == KeywordOptOut || e.consent.IsOptOut(msg.Body) {
		return tx.MarkPhoneOptedOut(ctx, msg.Phone, models.OptOutBySMS)
	}
	optedOut, err := tx.PhoneOptedOut(ctx, msg.Phone)
	if err != nil {
		return err
	}
	if optedOut != nil && (kw == KeywordOptIn || e.consent.IsOptIn(msg.Body)) {
		return tx.MarkPhoneOptedIn(ctx, msg.Phone)
	}
	pending.RaiseFlag(models.NewFlag{Kind: models.FlagUnknownSender, Severity: models.SeverityInfo,
		RefID: &msg.ID, DedupeKey: "unknown_sender:" + msg.Phone + ":" + day,
		Code: "unknown_sender", Facts: models.FlagFacts{"phone": msg.Phone, "excerpt": excerpt(msg.Body)}}, now)
	msg.NeedsReply = true
	if optedOut != nil {
		return nil
	}
	pending.Enqueue(models.NewOutbound{Phone: msg.Phone, Kind: models.KindUnknownSender,
		Body: e.texts.Text("unknown_sender", models.LangDA, nil), Priority: models.PriorityReply, NotBefore: now,
		DedupeKey: "unknown_sender:" + msg.Phone + ":" + day}, now)
	return nil
}

// answerStrangerInDistress answers distress from a number no citizen has: the crisis numbers in
// both languages (unless the sender cannot receive SMS or said STOP), and a flag in the admin's
// queue with the number, urgent for an emergency, so a person can find out who it is.
func (e *Engine) answerStrangerInDistress(ctx context.Context, tx *models.Store, msg *models.Message, pending *models.PendingWrites, heard distress.Assessment) error {
	msg.NeedsReply = true
	now := tx.Now()
	facts := heardFacts(msg.Body, heard)
	facts["phone"] = msg.Phone
	code := heard.Level.String() + "_unknown_sender"
	optedOut, err := tx.PhoneOptedOut(ctx, msg.Phone)
	if err != nil {
		return err
	}
	if optedOut != nil || !phone.CanReceiveSMS(msg.Phone) {
		code = "unknown_sender_distress_no_sms"
	} else {
		pending.Enqueue(models.NewOutbound{Phone: msg.Phone, Kind: models.KindSafety, Priority: models.PrioritySafety,
			Body: e.texts.Text("crisis_unknown", models.LangDA, map[string]string{"emergency": e.cfg.CrisisLines.Emergency,
				"crisis_line": e.cfg.CrisisLines.CrisisLine, "medical_line": e.cfg.CrisisLines.MedicalLine}),
			NotBefore: now, DedupeKey: "crisis_unknown:" + msg.Phone + ":" + now.In(e.cfg.Location).Format("2006-01-02T15")}, now)
	}
	severity := models.SeverityHigh
	if heard.Level == distress.Emergency {
		severity = models.SeverityUrgent
	}
	pending.RaiseFlag(models.NewFlag{Kind: models.FlagCrisis, Severity: severity, RefID: &msg.ID,
		DedupeKey: "crisis:" + msg.ID, Code: code, Facts: facts}, now)
	return nil
}
