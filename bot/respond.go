package bot

import (
	"time"

	"brobygger/bot/distress"
	"brobygger/models"
)

// decide is the conversation step: what an inbound message means, given everything the shell
// loaded for it, at now. It reads and writes nothing; the shell writes the decision.
func (r *rules) decide(in *inbound, now time.Time) (decision, error) {
	t := newTurn(in, now)
	var err error
	if in.citizen == nil {
		r.decideUnknownSender(t)
	} else {
		err = r.respond(t)
	}
	return *t.d, err
}

// respond decides what an inbound message means. The order is the product's safety rules:
// STOP always wins, before anything else is read; every message is read by the distress detector,
// in every state (distress in a STOP or from an opted-out citizen is flagged, truthfully, as
// unanswered); an opted-out citizen gets silence (only an explicit START opts back in) but their
// words reach the link worker; distress is answered before any open questionnaire; HELP is
// answered anywhere; then the open conversation; then free text for the link worker.
func (r *rules) respond(t *turn) error {
	kw := r.keywords.Classify(t.text)
	if kw == KeywordOptOut || r.consent.IsOptOut(t.text) {
		r.handleOptOut(t)
		r.flagIfHeard(t, r.distress.Assess(t.text))
		return nil
	}
	heard := r.hear(t, kw)
	if t.citizen.OptedOut() {
		if kw == KeywordOptIn || r.keywords.OptsInWhenOptedOut(t.text) || r.consent.IsOptIn(t.text) {
			r.handleOptIn(t)
			return nil
		}
		if kw == KeywordResearchStop {
			r.withdrawResearch(t, false)
		}
		t.d.needsReply = true
		r.flagIfHeard(t, heard)
		return nil
	}
	// A single HELP / HJÆLP is Twilio's help keyword and is answered as such (the answer gives
	// 112); words of distress around it, or an emergency, are answered as distress.
	if kw == KeywordHelp && heard.Level < distress.Emergency {
		r.replyHelp(t)
		return nil
	}
	if heard.Flagged() {
		r.answerDistress(t, heard)
		return nil
	}
	if kw == KeywordResearchStop {
		r.withdrawResearch(t, true)
		return nil
	}
	return r.respondInConversation(t, kw)
}

// flagIfHeard flags distress in a message no SMS may answer.
func (r *rules) flagIfHeard(t *turn, heard distress.Assessment) {
	if heard.Flagged() {
		r.flagDistressWithoutSMS(t, heard)
	}
}

// respondInConversation hands the message to the open conversation, or to the link worker.
func (r *rules) respondInConversation(t *turn, kw Keyword) error {
	if conv := t.in.conv; conv != nil {
		t.d.conversationID = &conv.ID
		switch conv.Kind {
		case models.ConvContact:
			r.handleContactReply(t, conv, kw)
			return nil
		case models.ConvCheckin:
			return r.handleCheckinAnswer(t, conv)
		case models.ConvFollowup:
			r.handleFollowupAnswer(t, conv, kw)
			return nil
		}
	}
	switch {
	case kw == KeywordYes && t.citizen.ContactConfirmedAt == nil && t.citizen.DeclinedAt == nil:
		// The contact question expired, but a late JA still means yes.
		r.confirmContact(t, nil)
	case kw == KeywordOptIn:
		// START from someone already subscribed: nothing to change, nothing to say.
	default:
		r.handleFreeText(t)
	}
	return nil
}

// handleOptOut opts the citizen out and confirms once; a repeated STOP gets silence.
func (r *rules) handleOptOut(t *turn) {
	if t.citizen.OptedOut() {
		return
	}
	t.d.citizen.optOut = true
	r.replyText(t, models.KindOptOutConfirm, models.PrioritySafety, "optout_confirm")
}

// handleOptIn clears an opt-out and says so. A citizen referred while their number was opted
// out never got the contact question: it follows now.
func (r *rules) handleOptIn(t *turn) {
	inherited := t.citizen.OptOutSource == models.OptOutByEarlierStop
	t.d.citizen.optIn = true
	cleared := *t.citizen
	cleared.OptedOutAt, cleared.OptOutSource = nil, ""
	t.citizen = &cleared
	r.replyText(t, models.KindReply, models.PriorityReply, "optin_confirm")
	if inherited && t.citizen.ContactConfirmedAt == nil && t.citizen.DeclinedAt == nil {
		// The contact question is not an answer to START: it waits for the send window, as a
		// referral's does.
		t.d.conv.start, t.d.conv.first = r.contactStart(t.citizen, t.worker, t.in.sendWindow.NextAllowed(t.now))
		t.d.refreshStatus = true
	}
}

// replyHelp says who we are, how to reach the link worker and how to stop. Without a phone
// number on file it points to writing back instead (never to 112 for ordinary help).
func (r *rules) replyHelp(t *turn) {
	if t.worker.Phone == "" {
		r.replyText(t, models.KindReply, models.PriorityReply, "help_no_phone")
		return
	}
	r.replyText(t, models.KindReply, models.PriorityReply, "help")
}
