package bot

import (
	"context"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
)

// StartFollowup asks "did you go to <activity>?" for one occurrence of a prescription.
func (e *Engine) StartFollowup(ctx context.Context, tx *models.Store, citizen *models.Citizen, prescriptionID string, occurrenceOn time.Time, activity string, notBefore time.Time) error {
	worker, err := linkWorker(ctx, tx, citizen)
	if err != nil {
		return err
	}
	conv := &models.Conversation{CitizenID: citizen.ID, Kind: models.ConvFollowup, PrescriptionID: &prescriptionID,
		OccurrenceOn: &occurrenceOn, ExpiresAt: notBefore.Add(e.cfg.FollowupWindow)}
	if err := tx.StartConversation(ctx, conv); err != nil {
		if models.IsCode(err, models.ECONFLICT) {
			return ErrBusy
		}
		return err
	}
	_, err = tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindFollowup,
		Body: e.texts.Text("followup_question", citizen.Language, textVars(citizen, worker, "activity", activity)), Priority: models.PriorityScheduled,
		NotBefore: notBefore, DedupeKey: models.FollowupKey(prescriptionID, calendar.StoredDate(occurrenceOn, e.cfg.Location))})
	return err
}

// followupAnswers maps the reply digits to attendance.
var followupAnswers = map[string]string{"1": models.AttendedYes, "2": models.AttendedNo, "3": models.AttendedLater}

// handleFollowupAnswer stores attendance. JA/NEJ count as 1/2; anything else is re-prompted once
// and then passed to the link worker.
func (r *rules) handleFollowupAnswer(t *turn, conv *models.Conversation, kw Keyword) {
	answer, ok := followupAnswers[foldWord(t.text)]
	switch kw {
	case KeywordYes:
		answer, ok = models.AttendedYes, true
	case KeywordNo:
		answer, ok = models.AttendedNo, true
	}
	if !ok {
		r.repromptOnce(t, conv, "followup_reprompt")
		return
	}
	if conv.PrescriptionID != nil && conv.OccurrenceOn != nil {
		t.d.attendance = &attendanceAnswer{prescriptionID: *conv.PrescriptionID, on: *conv.OccurrenceOn, answer: answer}
	}
	t.d.conv.close = conv
	t.d.refreshStatus = true
	r.replyText(t, models.KindReply, models.PriorityReply, "followup_"+answer)
}
