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
func (r *rules) handleCheckinAnswer(t *turn, conv *models.Conversation) error {
	checkin, inst, err := r.openCheckin(t, conv)
	if err != nil {
		return err
	}
	item := inst.Items[conv.Step-1]
	value, ok := inst.ParseAnswer(t.text, t.citizen.Language)
	changed := *conv
	if !ok && conv.Reprompts == 0 {
		changed.Reprompts++
		if looksLikeWords(t.text) {
			t.d.needsReply = true
		}
		t.d.conv.update = &changed
		r.replyText(t, models.KindReply, models.PriorityReply, "checkin_reprompt", "prompt", item.SMSPrompt.In(t.citizen.Language))
		return nil
	}
	answer := &models.Answer{CheckinID: checkin.ID, Item: item.Number, RawText: truncateRunes(t.text, 200), Channel: "sms"}
	if ok {
		answer.Value = &value
	} else if looksLikeWords(t.text) {
		t.d.needsReply = true
	}
	t.d.answer = answer
	return r.advanceCheckin(t, &changed, checkin, inst, !ok)
}

func (r *rules) advanceCheckin(t *turn, conv *models.Conversation, checkin *models.Checkin, inst *models.Instrument, skipped bool) error {
	conv.Step++
	conv.Reprompts = 0
	if conv.Step > len(inst.Items) {
		return r.finishCheckin(t, conv, checkin, inst)
	}
	t.d.conv.update = conv
	prompt := inst.Items[conv.Step-1].SMSPrompt.In(t.citizen.Language)
	if skipped {
		r.replyText(t, models.KindReply, models.PriorityReply, "checkin_skipped", "prompt", prompt)
		return nil
	}
	t.reply(models.KindReply, models.PriorityReply, prompt)
	return nil
}

// finishCheckin scores by the instrument's published rule (the answers so far and this one),
// raises review flags for worrying scores, closes the conversation and thanks the citizen.
func (r *rules) finishCheckin(t *turn, conv *models.Conversation, checkin *models.Checkin, inst *models.Instrument) error {
	answers := make(map[int]int, len(t.in.answers)+1)
	for item, v := range t.in.answers {
		answers[item] = v
	}
	if a := t.d.answer; a != nil && a.Value != nil {
		answers[a.Item] = *a.Value
	}
	if err := scoreCheckin(t.d, inst, checkin, answers, t.in.previous); err != nil {
		return err
	}
	t.d.conv.close = conv
	t.d.refreshStatus = true
	r.replyText(t, models.KindReply, models.PriorityReply, "checkin_thanks")
	return nil
}

// openCheckin is the check-in conversation's check-in (loaded by the shell) and its instrument.
func (r *rules) openCheckin(t *turn, conv *models.Conversation) (*models.Checkin, *models.Instrument, error) {
	checkin := t.in.checkin
	if conv.CheckinID == nil || checkin == nil || checkin.ID != *conv.CheckinID {
		return nil, nil, fmt.Errorf("check-in conversation %s has no check-in", conv.ID)
	}
	inst, ok := r.instruments.Get(checkin.Instrument, checkin.Version)
	if !ok || conv.Step < 1 || conv.Step > len(inst.Items) {
		return nil, nil, fmt.Errorf("check-in %s: instrument %s v%s step %d not found", checkin.ID, checkin.Instrument, checkin.Version, conv.Step)
	}
	return checkin, inst, nil
}

// scoresOnThisAnswer says whether a message in this check-in conversation may finish it (it is
// on its last item), so the shell reads the answers so far and the previous score with it.
func (r *rules) scoresOnThisAnswer(conv *models.Conversation, checkin *models.Checkin) bool {
	inst, ok := r.instruments.Get(checkin.Instrument, checkin.Version)
	return ok && conv.Step == len(inst.Items)
}
