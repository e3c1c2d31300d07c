package bot

import (
	"context"
	"time"

	"brobygger/models"
)

// StartContact opens the contact conversation and queues the first SMS, which introduces the
// link worker and asks JA/NEJ. Call it in the referral's transaction; notBefore respects quiet
// hours (the caller computes it). Queuing twice for one citizen is a no-op.
func (e *Engine) StartContact(ctx context.Context, tx *models.Store, citizen *models.Citizen, notBefore time.Time) error {
	worker, err := linkWorker(ctx, tx, citizen)
	if err != nil {
		return err
	}
	d := decision{citizenID: citizen.ID, refreshStatus: true}
	d.conv.start, d.conv.first = e.contactStart(citizen, worker, notBefore)
	return e.writeAlone(ctx, tx, &d, tx.Now())
}

// contactStart is the contact conversation and its first SMS (nil when no channel reaches the
// citizen), for a referral and for START after an inherited STOP alike.
func (r *rules) contactStart(citizen *models.Citizen, worker *models.Staff, notBefore time.Time) (*models.Conversation, *models.NewOutbound) {
	conv := &models.Conversation{CitizenID: citizen.ID, Kind: models.ConvContact, ExpiresAt: notBefore.Add(r.cfg.ContactWindow)}
	ch := contactChannel(citizen, models.KindContact)
	if ch == "" {
		return conv, nil
	}
	return conv, &models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindContact,
		Body: r.texts.Text(contactTextKey("contact_intro", ch), citizen.Language, textVars(citizen, worker)), Priority: models.PriorityReply,
		NotBefore: notBefore, DedupeKey: "contact:" + citizen.ID, Channel: ch}
}

// contactChannel is how the contact question reaches the citizen: SMS when they have a number
// that may be texted, else e-mail (with a confirmation link instead of "reply JA"), else "".
func contactChannel(c *models.Citizen, kind string) string {
	f := models.FactsOf(c)
	f.Kind = kind
	return models.ChooseChannel(f)
}

// contactTextKey is the catalogue key of a contact text for the channel: the e-mail's asks the
// citizen to use the link, since replies to e-mail are not read.
func contactTextKey(key, channel string) string {
	if channel == models.ChannelEmail {
		return key + "_email"
	}
	return key
}

// NudgeContact sends the one reminder when the contact question has had no answer (the
// scheduler calls it after 48 h). It is queued once per citizen.
func (e *Engine) NudgeContact(ctx context.Context, tx *models.Store, citizen *models.Citizen, notBefore time.Time) (bool, error) {
	worker, err := linkWorker(ctx, tx, citizen)
	if err != nil {
		return false, err
	}
	ch := contactChannel(citizen, models.KindContactNudge)
	if ch == "" {
		return false, nil
	}
	return tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindContactNudge,
		Body: e.texts.Text(contactTextKey("contact_nudge", ch), citizen.Language, textVars(citizen, worker)), Priority: models.PriorityScheduled,
		NotBefore: notBefore, DedupeKey: models.ContactNudgeKey(citizen.ID), Channel: ch})
}

// ConfirmContactByLink is the contact e-mail's link followed and its button pressed: contact is
// confirmed exactly as by replying JA (timestamped, the contact question closed, the status
// refreshed, and the thank-you SMS to a citizen who has a number). The token works only while
// its contact question is open, so a second press finds it used (ENOTFOUND).
func (e *Engine) ConfirmContactByLink(ctx context.Context, token string) (*models.Citizen, error) {
	var citizenID string
	err := e.store.InTx(ctx, func(tx *models.Store) error {
		conv, err := tx.ContactLinkConversation(ctx, token)
		if err != nil {
			return err
		}
		c, err := tx.CitizenByID(ctx, conv.CitizenID)
		if err != nil {
			return err
		}
		if c.DeclinedAt != nil || c.ClosedAt != nil {
			return models.Errorf(models.ECONFLICT, "Contact cannot be confirmed any more; ask your link worker.")
		}
		citizenID = c.ID
		worker, err := linkWorker(ctx, tx, c)
		if err != nil {
			return err
		}
		now := tx.Now()
		t := newTurn(&inbound{citizen: c, worker: worker, conv: conv}, now)
		e.confirmContactByLink(t)
		return e.writeAlone(ctx, tx, t.d, now)
	})
	if err != nil {
		return nil, err
	}
	return e.store.CitizenByID(ctx, citizenID)
}

// confirmContactByLink is JA by the contact e-mail's link: as by SMS, except that contact
// confirmed before stays as it was, and the thank-you goes by SMS only (the page the citizen is
// looking at says thank you).
func (r *rules) confirmContactByLink(t *turn) {
	if t.citizen.ContactConfirmedAt == nil {
		now := t.now
		t.d.citizen.update.ContactConfirmedAt = &now
	}
	t.d.conv.close = t.in.conv
	t.d.refreshStatus = true
	if contactChannel(t.citizen, models.KindReply) == models.ChannelSMS {
		r.replyText(t, models.KindReply, models.PriorityReply, "contact_confirmed")
	}
}

// handleContactReply reads JA/NEJ. Anything else gets one clarifying re-prompt, then goes to the
// link worker's inbox; the question stays open so a later JA still counts.
func (r *rules) handleContactReply(t *turn, conv *models.Conversation, kw Keyword) {
	switch kw {
	case KeywordYes:
		r.confirmContact(t, conv)
		return
	case KeywordNo:
		r.declineContact(t, conv)
		return
	}
	r.repromptOnce(t, conv, "contact_reprompt")
}

// repromptOnce asks the conversation's question once more the first time a reply is not an
// answer to it; after that the text is free text for the link worker.
func (r *rules) repromptOnce(t *turn, conv *models.Conversation, text string) {
	if conv.Reprompts == 0 {
		changed := *conv
		changed.Reprompts++
		t.d.conv.update = &changed
		r.replyText(t, models.KindReply, models.PriorityReply, text)
		return
	}
	r.handleFreeText(t)
}

// confirmContact records JA: timestamped, visible to the link worker through status and timeline.
func (r *rules) confirmContact(t *turn, conv *models.Conversation) {
	now := t.now
	t.d.citizen.update.ContactConfirmedAt = &now
	t.d.conv.close = conv
	t.d.refreshStatus = true
	r.replyText(t, models.KindReply, models.PriorityReply, "contact_confirmed")
}

// declineContact records NEJ, stops everything scheduled and tells the link worker.
func (r *rules) declineContact(t *turn, conv *models.Conversation) {
	now := t.now
	t.d.citizen.update.DeclinedAt = &now
	t.d.conv.close = conv
	t.d.citizen.suppressQueued = "citizen declined contact"
	t.raiseFlag(models.NewFlag{CitizenID: &t.citizen.ID, Kind: models.FlagDeclined,
		Severity: models.SeverityNormal, RefID: &t.msg.ID, DedupeKey: "declined:" + t.citizen.ID,
		Code: "declined_contact", Facts: models.FlagFacts{"excerpt": excerpt(t.text)}})
	t.d.refreshStatus = true
	r.replyText(t, models.KindReply, models.PriorityReply, "contact_declined")
}
