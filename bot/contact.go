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
	_, err = tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindContact,
		Body: e.texts.Text("contact_intro", citizen.Language, t.vars()), Priority: models.PriorityReply,
		NotBefore: notBefore, DedupeKey: "contact:" + citizen.ID})
	if err != nil {
		return err
	}
	return tx.RefreshStatus(ctx, citizen.ID)
}

// NudgeContact sends the one reminder when the contact question has had no answer (the
// scheduler calls it after 48 h). It is queued once per citizen.
func (e *Engine) NudgeContact(ctx context.Context, tx *models.Store, citizen *models.Citizen, notBefore time.Time) (bool, error) {
	t, err := e.newTurn(ctx, tx, citizen, nil, nil)
	if err != nil {
		return false, err
	}
	return tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindContactNudge,
		Body: e.texts.Text("contact_nudge", citizen.Language, t.vars()), Priority: models.PriorityScheduled,
		NotBefore: notBefore, DedupeKey: models.ContactNudgeKey(citizen.ID)})
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
