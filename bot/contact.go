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
	t, err := e.newTurn(ctx, tx, citizen, nil, nil)
	if err != nil {
		return err
	}
	conv := &models.Conversation{CitizenID: citizen.ID, Kind: models.ConvContact, ExpiresAt: notBefore.Add(e.cfg.ContactWindow)}
	if err := tx.StartConversation(ctx, conv); err != nil {
		return err
	}
	if ch := contactChannel(citizen, models.KindContact); ch != "" {
		_, err = tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindContact,
			Body: e.texts.Text(contactTextKey("contact_intro", ch), citizen.Language, t.vars()), Priority: models.PriorityReply,
			NotBefore: notBefore, DedupeKey: "contact:" + citizen.ID, Channel: ch})
		if err != nil {
			return err
		}
	}
	return tx.RefreshStatus(ctx, citizen.ID)
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
	t, err := e.newTurn(ctx, tx, citizen, nil, nil)
	if err != nil {
		return false, err
	}
	ch := contactChannel(citizen, models.KindContactNudge)
	if ch == "" {
		return false, nil
	}
	return tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindContactNudge,
		Body: e.texts.Text(contactTextKey("contact_nudge", ch), citizen.Language, t.vars()), Priority: models.PriorityScheduled,
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
		t, err := e.newTurn(ctx, tx, c, nil, nil)
		if err != nil {
			return err
		}
		if c.ContactConfirmedAt == nil {
			if err := tx.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{ContactConfirmedAt: &t.now}); err != nil {
				return err
			}
		}
		if err := tx.CloseConversation(ctx, conv, models.ConvClosed); err != nil {
			return err
		}
		if err := tx.RefreshStatus(ctx, c.ID); err != nil {
			return err
		}
		if contactChannel(c, models.KindReply) != models.ChannelSMS {
			return nil // the page the citizen is looking at says thank you
		}
		return e.replyText(t, models.KindReply, models.PriorityReply, "contact_confirmed")
	})
	if err != nil {
		return nil, err
	}
	return e.store.CitizenByID(ctx, citizenID)
}

// handleContactReply reads JA/NEJ. Anything else gets one clarifying re-prompt, then goes to the
// link worker's inbox; the question stays open so a later JA still counts.
func (e *Engine) handleContactReply(t *turn, conv *models.Conversation, kw Keyword) error {
	switch kw {
	case KeywordYes:
		return e.confirmContact(t, conv)
	case KeywordNo:
		return e.declineContact(t, conv)
	}
	if conv.Reprompts == 0 {
		conv.Reprompts++
		if err := t.tx.UpdateConversation(t.ctx, conv); err != nil {
			return err
		}
		return e.replyText(t, models.KindReply, models.PriorityReply, "contact_reprompt")
	}
	return e.handleFreeText(t)
}

// confirmContact records JA: timestamped, visible to the link worker through status and timeline.
func (e *Engine) confirmContact(t *turn, conv *models.Conversation) error {
	if err := t.tx.UpdateCitizen(t.ctx, t.citizen.ID, models.CitizenUpdate{ContactConfirmedAt: &t.now}); err != nil {
		return err
	}
	if conv != nil {
		if err := t.tx.CloseConversation(t.ctx, conv, models.ConvClosed); err != nil {
			return err
		}
	}
	if err := t.tx.RefreshStatus(t.ctx, t.citizen.ID); err != nil {
		return err
	}
	return e.replyText(t, models.KindReply, models.PriorityReply, "contact_confirmed")
}

// declineContact records NEJ, stops everything scheduled and tells the link worker.
func (e *Engine) declineContact(t *turn, conv *models.Conversation) error {
	if err := t.tx.UpdateCitizen(t.ctx, t.citizen.ID, models.CitizenUpdate{DeclinedAt: &t.now}); err != nil {
		return err
	}
	if err := t.tx.CloseConversation(t.ctx, conv, models.ConvClosed); err != nil {
		return err
	}
	if err := t.tx.SuppressQueued(t.ctx, t.citizen.ID, "citizen declined contact"); err != nil {
		return err
	}
	if err := t.raiseFlag(models.NewFlag{CitizenID: &t.citizen.ID, Kind: models.FlagDeclined,
		Severity: models.SeverityNormal, RefID: &t.msg.ID, DedupeKey: "declined:" + t.citizen.ID,
		Code: "declined_contact", Facts: models.FlagFacts{"excerpt": excerpt(t.text)}}); err != nil {
		return err
	}
	if err := t.tx.RefreshStatus(t.ctx, t.citizen.ID); err != nil {
		return err
	}
	return e.replyText(t, models.KindReply, models.PriorityReply, "contact_declined")
}
