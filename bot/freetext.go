package bot

import (
	"brobygger/bot/distress"
	"brobygger/models"
	"brobygger/models/phone"
)

// handleFreeText passes a message that answers nothing to the link worker and tells the citizen,
// at most once a day, that it will be read.
func (r *rules) handleFreeText(t *turn) {
	t.d.needsReply = true
	r.flagFreeText(t)
	r.replyOncePerDay(t, "freetext_ack", "freetext_ack")
}

// flagFreeText puts the message in the link worker's review queue, one flag a day.
func (r *rules) flagFreeText(t *turn) {
	day := t.now.In(r.cfg.Location).Format("2006-01-02")
	t.raiseFlag(models.NewFlag{CitizenID: &t.citizen.ID, Kind: models.FlagFreeText,
		Severity: models.SeverityNormal, RefID: &t.msg.ID, DedupeKey: "free_text:" + t.citizen.ID + ":" + day,
		Code: "free_text", Facts: models.FlagFacts{"excerpt": excerpt(t.text)}})
}

// decideUnknownSender shows a message from a number we do not know, and answers it politely in
// both languages, at most once a day per number. STOP from a stranger is remembered for the
// number (a later referral of it sends nothing) and gets no answer; START forgets it; a number
// that said STOP gets no answer to anything else either, and neither does a sender that is not a
// phone number (a sender name or a short code cannot receive an SMS).
func (r *rules) decideUnknownSender(t *turn) {
	msg := t.msg
	day := t.now.In(r.cfg.Location).Format("2006-01-02")
	if heard := r.distress.Assess(msg.Body); heard.Flagged() {
		r.answerStrangerInDistress(t, heard)
		return
	}
	if !phone.CanReceiveSMS(msg.Phone) {
		// The message waits in the review queue, and nobody is asked to reply to it.
		t.raiseFlag(models.NewFlag{Kind: models.FlagUnknownSender, Severity: models.SeverityInfo,
			RefID: &msg.ID, DedupeKey: "unknown_sender:" + msg.Phone + ":" + day,
			Code: "unknown_sender_name", Facts: models.FlagFacts{"phone": msg.Phone, "excerpt": excerpt(msg.Body)}})
		return
	}
	kw := r.keywords.Classify(msg.Body)
	if kw == KeywordOptOut || r.consent.IsOptOut(msg.Body) {
		t.d.numberOptOut = msg.Phone
		return
	}
	optedOut := t.in.numberOptedOut
	if optedOut && (kw == KeywordOptIn || r.consent.IsOptIn(msg.Body)) {
		t.d.numberOptIn = msg.Phone
		return
	}
	t.raiseFlag(models.NewFlag{Kind: models.FlagUnknownSender, Severity: models.SeverityInfo,
		RefID: &msg.ID, DedupeKey: "unknown_sender:" + msg.Phone + ":" + day,
		Code: "unknown_sender", Facts: models.FlagFacts{"phone": msg.Phone, "excerpt": excerpt(msg.Body)}})
	t.d.needsReply = true
	if optedOut {
		return
	}
	t.enqueue(models.NewOutbound{Phone: msg.Phone, Kind: models.KindUnknownSender,
		Body: r.texts.Text("unknown_sender", models.LangDA, nil), Priority: models.PriorityReply, NotBefore: t.now,
		DedupeKey: "unknown_sender:" + msg.Phone + ":" + day})
}

// answerStrangerInDistress answers distress from a number no citizen has: the crisis numbers in
// both languages (unless the sender cannot receive SMS or said STOP), and a flag in the admin's
// queue with the number, urgent for an emergency, so a person can find out who it is.
func (r *rules) answerStrangerInDistress(t *turn, heard distress.Assessment) {
	msg := t.msg
	t.d.needsReply = true
	facts := heardFacts(msg.Body, heard)
	facts["phone"] = msg.Phone
	code := heard.Level.String() + "_unknown_sender"
	if t.in.numberOptedOut || !phone.CanReceiveSMS(msg.Phone) {
		code = "unknown_sender_distress_no_sms"
	} else {
		t.enqueue(models.NewOutbound{Phone: msg.Phone, Kind: models.KindSafety, Priority: models.PrioritySafety,
			Body: r.texts.Text("crisis_unknown", models.LangDA, map[string]string{"emergency": r.cfg.CrisisLines.Emergency,
				"crisis_line": r.cfg.CrisisLines.CrisisLine, "medical_line": r.cfg.CrisisLines.MedicalLine}),
			NotBefore: t.now, DedupeKey: "crisis_unknown:" + msg.Phone + ":" + t.now.In(r.cfg.Location).Format("2006-01-02T15")})
	}
	severity := models.SeverityHigh
	if heard.Level == distress.Emergency {
		severity = models.SeverityUrgent
	}
	t.raiseFlag(models.NewFlag{Kind: models.FlagCrisis, Severity: severity, RefID: &msg.ID,
		DedupeKey: "crisis:" + msg.ID, Code: code, Facts: facts})
}
