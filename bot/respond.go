package bot

import "brobygger/models"

// respond decides what an inbound message means. The order is the product's safety rules:
// STOP always wins; an opted-out citizen gets silence (only START/JA/YES opt back in); HELP is
// answered anywhere; crisis wording beats any open questionnaire; then the open conversation;
// then free text for the link worker.
func (e *Engine) respond(t *turn) error {
	kw := e.keywords.Classify(t.text)
	if kw == KeywordOptOut {
		return e.handleOptOut(t)
	}
	if t.citizen.OptedOut() {
		if kw == KeywordOptIn || e.keywords.OptsInWhenOptedOut(t.text) {
			return e.handleOptIn(t)
		}
		return e.handleWhileOptedOut(t)
	}
	if kw == KeywordHelp {
		return e.replyHelp(t)
	}
	if e.crisis.Matches(t.text) {
		return e.handleCrisis(t)
	}
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
		return e.StartContact(t.ctx, t.tx, t.citizen, t.now)
	}
	return nil
}

// handleWhileOptedOut sends nothing: the citizen said STOP. Their words still reach the link
// worker, and crisis wording still raises the urgent flag (a person may phone them).
func (e *Engine) handleWhileOptedOut(t *turn) error {
	t.needsReply = true
	if e.crisis.Matches(t.text) {
		return e.raiseCrisis(t)
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
