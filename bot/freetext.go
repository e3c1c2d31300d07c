package bot

import (
	"fmt"
	"time"

	"brobygger/models"
)

// handleFreeText passes a message that answers nothing to the link worker and tells the citizen,
// at most once a day, that it will be read.
func (e *Engine) handleFreeText(t *turn) error {
	t.needsReply = true
	day := t.now.In(e.cfg.Location).Format("2006-01-02")
	if err := t.raiseFlag(models.NewFlag{CitizenID: &t.citizen.ID, Kind: models.FlagFreeText,
		Severity: models.SeverityNormal, RefID: &t.msg.ID, DedupeKey: "free_text:" + t.citizen.ID + ":" + day,
		Reason: fmt.Sprintf("The citizen wrote a message that needs a reply: %q", excerpt(t.text))}); err != nil {
		return err
	}
	return e.replyOncePerDay(t, "freetext_ack", "freetext_ack")
}

// handleUnknownSender stores and shows a message from a number we do not know, and answers it
// politely in both languages, at most once a day per number. STOP from a stranger gets no answer,
// and neither does a sender that is not a phone number.
// Like every step, it only sets the message's NeedsReply; the caller stores it.
func (e *Engine) handleUnknownSender(now time.Time, msg *models.Message, pending *models.PendingWrites) {
	if e.keywords.Classify(msg.Body) == KeywordOptOut {
		return
	}
	day := now.In(e.cfg.Location).Format("2006-01-02")
	if !models.CanReceiveSMS(msg.Phone) {
		// An alphanumeric sender ID or a short code cannot receive an SMS: the message waits
		// in the review queue, and nobody is asked to reply to it.
		pending.RaiseFlag(models.NewFlag{Kind: models.FlagUnknownSender, Severity: models.SeverityInfo,
			RefID: &msg.ID, DedupeKey: "unknown_sender:" + msg.Phone + ":" + day,
			Reason: fmt.Sprintf("An SMS came from %q, a sender name or short code that cannot receive replies: %q", msg.Phone, excerpt(msg.Body))}, now)
		return
	}
	pending.RaiseFlag(models.NewFlag{Kind: models.FlagUnknownSender, Severity: models.SeverityInfo,
		RefID: &msg.ID, DedupeKey: "unknown_sender:" + msg.Phone + ":" + day,
		Reason: fmt.Sprintf("An SMS came from a number no citizen has (%s): %q", msg.Phone, excerpt(msg.Body))}, now)
	pending.Enqueue(models.NewOutbound{Phone: msg.Phone, Kind: models.KindUnknownSender,
		Body: e.texts.Text("unknown_sender", models.LangDA, nil), Priority: models.PriorityReply, NotBefore: now,
		DedupeKey: "unknown_sender:" + msg.Phone + ":" + day}, now)
	msg.NeedsReply = true
}
