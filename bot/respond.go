package bot

import (
	"brobygger/bot/distress"
	"brobygger/models"
	"brobygger/models/calendar"
)

// respond decides what an inbound message means. The order is the product's safety rules:
// STOP always wins, before anything else is read; every message is read by the distress detector,
// in every state (distress in a STOP or from an opted-out citizen is flagged, truthfully, as
// unanswered); an opted-out citizen gets silence (only an explicit START opts back in) but their
// words reach the link worker; distress is answered before any open questionnaire; HELP is
// answered anywhere; then the open conversation; then free text for the link worker.
func (e *Engine) respond(t *turn) error {
	kw := e.keywords.Classify(t.text)
	if kw == KeywordOptOut || e.consent.IsOptOut(t.text) {
		if err := e.handleOptOut(t); err != nil {
			return err
		}
		return e.flagIfHeard(t, e.distress.Assess(t.text))
	}
	heard, err := e.hear(t, kw)
	if err != nil {
		return err
	}
	if t.citizen.OptedOut() {
		if kw == KeywordOptIn || e.keywords.OptsInWhenOptedOut(t.text) || e.consent.IsOptIn(t.text) {
			return e.handleOptIn(t)
		}
		if kw == KeywordResearchStop {
			if err := e.withdrawResearch(t, false); err != nil {
				return err
			}
		}
		t.needsReply = true
		return e.flagIfHeard(t, heard)
	}
	// A single HELP / HJÆLP is Twilio's help keyword and is answered as such (the answer gives
	// 112); words of distress around it, or an emergency, are answered as distress.
	if kw == KeywordHelp && heard.Level < distress.Emergency {
		return e.replyHelp(t)
	}
	if heard.Flagged() {
		return e.answerDistress(t, heard)
	}
	if kw == KeywordResearchStop {
		return e.withdrawResearch(t, true)
	}
	return e.respondInConversation(t, kw)
}

// flagIfHeard flags distress in a message no SMS may answer.
func (e *Engine) flagIfHeard(t *turn, heard distress.Assessment) error {
	if !heard.Flagged() {
		return nil
	}
	return e.flagDistressWithoutSMS(t, heard)
}

// respondInConversation hands the message to the open conversation, or to the link worker.
func (e *Engine) respondInConversation(t *turn, kw Keyword) error {
	conv, err := t.openConversation()
	if err != nil {
		return err
	}
	if conv != nil {
		t.conversationID = &conv.ID
		switch conv.Kind {
		case models.ConvContact:
			return e.handleContactReply(t, conv, kw)
		case models.ConvCheckin:
			return e.handleCheckinAnswer(t, conv)
		case models.ConvFollowup:
			return e.handleFollowupAnswer(t, conv, kw)
		}
	}
	if kw == KeywordYes && t.citizen.ContactConfirmedAt == nil && t.citizen.DeclinedAt == nil {
		// The contact question expired, but a late JA still means yes.
		return e.confirmContact(t, nil)
	}
	if kw == KeywordOptIn {
		return nil // START from someone already subscribed: nothing to change, nothing to say.
	}
	return e.handleFreeText(t)
}

// handleOptOut opts the citizen out and confirms once; a repeated STOP gets silence.
func (e *Engine) handleOptOut(t *turn) error {
	if t.citizen.OptedOut() {
		return nil
	}
	if err := t.tx.MarkOptedOut(t.ctx, t.citizen.ID, models.OptOutBySMS); err != nil {
		return err
	}
	return e.replyText(t, models.KindOptOutConfirm, models.PrioritySafety, "optout_confirm")
}

// handleOptIn clears an opt-out and says so. A citizen referred while their number was opted
// out never got the contact question: it follows now.
func (e *Engine) handleOptIn(t *turn) error {
	inherited := t.citizen.OptOutSource == models.OptOutByEarlierStop
	if _, err := t.tx.MarkOptedIn(t.ctx, t.citizen.ID); err != nil {
		return err
	}
	t.citizen.OptedOutAt, t.citizen.OptOutSource = nil, ""
	if err := e.replyText(t, models.KindReply, models.PriorityReply, "optin_confirm"); err != nil {
		return err
	}
	if inherited && t.citizen.ContactConfirmedAt == nil && t.citizen.DeclinedAt == nil {
		// The contact question is not an answer to START: it waits for the send window, as a
		// referral's does.
		window, err := t.tx.SiteSendWindow(t.ctx, calendar.DefaultSendWindow(e.cfg.Location))
		if err != nil {
			return err
		}
		return e.StartContact(t.ctx, t.tx, t.citizen, window.NextAllowed(t.now))
	}
	return nil
}

// replyHelp says who we are, how to reach the link worker and how to stop. Without a phone
// number on file it points to writing back instead (never to 112 for ordinary help).
func (e *Engine) replyHelp(t *turn) error {
	if t.worker.Phone == "" {
		return e.replyText(t, models.KindReply, models.PriorityReply, "help_no_phone")
	}
	return e.replyText(t, models.KindReply, models.PriorityReply, "help")
}
