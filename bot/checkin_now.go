package bot

import (
	"context"
	"time"

	"brobygger/models"
)

// CheckinNow opens a check-in of the instrument's latest version that a link worker asked for,
// outside the plan: its first SMS goes out at notBefore (the caller puts it inside the send
// window). Everything that stops scheduled SMS stops this one too (STOP, a pause, an invalid
// number, a closed course), and a citizen already in a conversation is ECONFLICT, as for the
// scheduler, so questionnaires never interleave.
func (e *Engine) CheckinNow(ctx context.Context, citizen *models.Citizen, instrument string, notBefore time.Time) (*models.Checkin, error) {
	inst, ok := e.instruments.Latest(instrument)
	if !ok {
		return nil, models.Invalid("instrument", "There is no questionnaire called %q.", instrument)
	}
	switch {
	case citizen.OptedOut():
		return nil, models.Errorf(models.ECONFLICT, "The citizen has opted out of SMS; no check-in can be sent.")
	case citizen.PausedAt != nil:
		return nil, models.Errorf(models.ECONFLICT, "Check-ins are paused for this citizen; resume them first.")
	case citizen.PhoneInvalidAt != nil:
		return nil, models.Errorf(models.ECONFLICT, "The citizen's number is invalid; no check-in can be sent.")
	case !citizen.ReceivesScheduled():
		return nil, models.Errorf(models.ECONFLICT, "The citizen's course is not open for check-ins.")
	case citizen.ContactConfirmedAt == nil:
		return nil, models.Errorf(models.ECONFLICT, "The citizen has not confirmed contact yet (replied JA).")
	}
	ch := &models.Checkin{ID: models.NewID(), CitizenID: citizen.ID, Instrument: inst.Key, Version: inst.Version,
		Status: models.CheckinPending, DueAt: notBefore}
	err := e.store.InTx(ctx, func(tx *models.Store) error {
		if _, err := tx.CreateCheckin(ctx, ch); err != nil {
			return err
		}
		return e.StartCheckin(ctx, tx, citizen, ch, notBefore)
	})
	if err != nil {
		return nil, err
	}
	return ch, nil
}
