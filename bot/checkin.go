package bot

import (
	"context"
	"fmt"
	"time"

	"brobygger/models"
)

// ErrBusy means the citizen already has an open conversation; a new check-in waits (the
// scheduler tries again later), so questionnaires never interleave.
var ErrBusy = models.Errorf(models.ECONFLICT, "The citizen already has an open conversation.")

// StartCheckin opens a pending check-in over SMS: the intro and the first item go out at
// notBefore, and the check-in expires CheckinWindow after that.
func (e *Engine) StartCheckin(ctx context.Context, tx *models.Store, citizen *models.Citizen, checkin *models.Checkin, notBefore time.Time) error {
	inst, ok := e.instruments.Get(checkin.Instrument, checkin.Version)
	if !ok {
		return fmt.Errorf("start check-in: unknown instrument %s v%s", checkin.Instrument, checkin.Version)
	}
	conv := &models.Conversation{CitizenID: citizen.ID, Kind: models.ConvCheckin, CheckinID: &checkin.ID, Step: 1,
		ExpiresAt: notBefore.Add(e.cfg.CheckinWindow)}
	if err := tx.StartConversation(ctx, conv); err != nil {
		if models.IsCode(err, models.ECONFLICT) {
			return ErrBusy
		}
		return err
	}
	if err := tx.OpenCheckin(ctx, checkin.ID, "sms"); err != nil {
		return err
	}
	_, err := tx.Enqueue(ctx, firstCheckinSMS(inst, citizen, checkin, notBefore))
	return err
}

// firstCheckinSMS is the check-in's opening SMS: the instrument's intro and its first item.
func firstCheckinSMS(inst *models.Instrument, citizen *models.Citizen, checkin *models.Checkin, notBefore time.Time) models.NewOutbound {
	body := inst.SMSIntro.In(citizen.Language) + "\n\n" + inst.Items[0].SMSPrompt.In(citizen.Language)
	return models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindCheckin,
		Body: body, Priority: models.PriorityScheduled, NotBefore: notBefore, DedupeKey: models.FirstCheckinSMSKey(checkin.ID)}
}

// handleCheckinAnswer stores a valid answer and asks the next item. An invalid answer gets one
// re-prompt repeating the options; a second leaves the item unanswered and moves on.
func (e *Engine) handleCheckinAnswer(t *turn, conv *models.Conversation) error {
	checkin, inst, err := e.loadCheckin(t, conv)
	if err != nil {
		return err
	}
	item := inst.Items[conv.Step-1]
	value, ok := inst.ParseAnswer(t.text, t.citizen.Language)
	if !ok && conv.Reprompts == 0 {
		conv.Reprompts++
		if looksLikeWords(t.text) {
			t.needsReply = true
		}
		if err := t.tx.UpdateConversation(t.ctx, conv); err != nil {
			return err
		}
		return e.replyText(t, models.KindReply, models.PriorityReply, "checkin_reprompt", "prompt", item.SMSPrompt.In(t.citizen.Language))
	}
	answer := &models.Answer{CheckinID: checkin.ID, Item: item.Number, RawText: truncateRunes(t.text, 200), Channel: "sms"}
	if ok {
		answer.Value = &value
	} else if looksLikeWords(t.text) {
		t.needsReply = true
	}
	if err := t.tx.SaveAnswer(t.ctx, answer); err != nil {
		return err
	}
	return e.advanceCheckin(t, conv, checkin, inst, !ok)
}

func (e *Engine) advanceCheckin(t *turn, conv *models.Conversation, checkin *models.Checkin, inst *models.Instrument, skipped bool) error {
	conv.Step++
	conv.Reprompts = 0
	if conv.Step > len(inst.Items) {
		return e.finishCheckin(t, conv, checkin, inst)
	}
	if err := t.tx.UpdateConversation(t.ctx, conv); err != nil {
		return err
	}
	prompt := inst.Items[conv.Step-1].SMSPrompt.In(t.citizen.Language)
	if skipped {
		return e.replyText(t, models.KindReply, models.PriorityReply, "checkin_skipped", "prompt", prompt)
	}
	return e.reply(t, models.KindReply, models.PriorityReply, prompt)
}

// finishCheckin scores by the instrument's published rule, stores it, raises review flags for
// worrying scores and thanks the citizen.
func (e *Engine) finishCheckin(t *turn, conv *models.Conversation, checkin *models.Checkin, inst *models.Instrument) error {
	if err := scoreCheckin(t.ctx, t.tx, inst, checkin); err != nil {
		return err
	}
	if err := t.tx.CloseConversation(t.ctx, conv, models.ConvClosed); err != nil {
		return err
	}
	if err := t.tx.RefreshStatus(t.ctx, t.citizen.ID); err != nil {
		return err
	}
	return e.replyText(t, models.KindReply, models.PriorityReply, "checkin_thanks")
}

func (e *Engine) loadCheckin(t *turn, conv *models.Conversation) (*models.Checkin, *models.Instrument, error) {
	if conv.CheckinID == nil {
		return nil, nil, fmt.Errorf("check-in conversation %s has no check-in", conv.ID)
	}
	checkin, err := t.tx.CheckinByID(t.ctx, *conv.CheckinID)
	if err != nil {
		return nil, nil, err
	}
	inst, ok := e.instruments.Get(checkin.Instrument, checkin.Version)
	if !ok || conv.Step < 1 || conv.Step > len(inst.Items) {
		return nil, nil, fmt.Errorf("check-in %s: instrument %s v%s step %d not found", checkin.ID, checkin.Instrument, checkin.Version, conv.Step)
	}
	return checkin, inst, nil
}
