package bot

import (
	"context"
	"sort"

	"brobygger/models"
)

// AppAnswer is one item answered in the app.
type AppAnswer struct {
	Item  int
	Value int
}

// AnswerCheckinInApp stores answers given in the app, validated against the instrument. The
// SMS conversation for the check-in stops and its opening SMS, if still queued, is cancelled
// (answered in the app means closed for SMS); once every
// item has an answer the check-in is scored by the same rule, with the same safety flags, as over
// SMS. A check-in already finished (over SMS or in the app) is ECONFLICT.
//
// An answer is identified by (check-in, item), which makes the call idempotent: an item sent
// again with the value already stored is left as it is (an app retrying after a lost response,
// or sending a queued offline answer twice, changes nothing and gets the check-in back, also
// once it is finished); another value for an answered item is ECONFLICT.
func (e *Engine) AnswerCheckinInApp(ctx context.Context, citizenID, checkinID string, answers []AppAnswer) (*models.Checkin, error) {
	var out *models.Checkin
	err := e.store.InTx(ctx, func(tx *models.Store) error {
		checkin, err := tx.CheckinForCitizen(ctx, checkinID, citizenID)
		if err != nil {
			return err
		}
		inst, ok := e.instruments.Get(checkin.Instrument, checkin.Version)
		if !ok {
			return models.Errorf(models.EINTERNAL, "The check-in's instrument is not loaded.")
		}
		if err := validateAppAnswers(inst, answers); err != nil {
			return err
		}
		fresh, err := unstoredAnswers(ctx, tx, checkin.ID, answers)
		if err != nil || len(fresh) == 0 {
			out = checkin
			return err
		}
		if checkin.Status != models.CheckinOpen && checkin.Status != models.CheckinPending {
			return models.Errorf(models.ECONFLICT, "This check-in is already finished.")
		}
		if err := e.storeAppAnswers(ctx, tx, checkin, fresh); err != nil {
			return err
		}
		if err := e.finishIfComplete(ctx, tx, checkin, inst); err != nil {
			return err
		}
		out, err = tx.CheckinByID(ctx, checkin.ID)
		return err
	})
	return out, err
}

// unstoredAnswers drops the answers already stored with the same value (a retry) and refuses
// a different value for an item already answered.
func unstoredAnswers(ctx context.Context, tx *models.Store, checkinID string, answers []AppAnswer) ([]AppAnswer, error) {
	stored, err := tx.CheckinAnswers(ctx, checkinID)
	if err != nil {
		return nil, err
	}
	fresh := make([]AppAnswer, 0, len(answers))
	for _, a := range answers {
		v, done := stored[a.Item]
		switch {
		case !done:
			fresh = append(fresh, a)
		case v != a.Value:
			return nil, models.Errorf(models.ECONFLICT, "Item %d of this check-in is already answered with another value.", a.Item)
		}
	}
	return fresh, nil
}

func validateAppAnswers(inst *models.Instrument, answers []AppAnswer) error {
	if len(answers) == 0 {
		return models.Invalid("answers", "Give at least one answer.")
	}
	seen := map[int]bool{}
	for _, a := range answers {
		if a.Item < 1 || a.Item > len(inst.Items) {
			return models.Invalid("answers", "Item %d does not exist in %s.", a.Item, inst.Name)
		}
		if seen[a.Item] {
			return models.Invalid("answers", "Item %d is answered twice.", a.Item)
		}
		seen[a.Item] = true
		if !onScale(inst, a.Value) {
			return models.Invalid("answers", "%d is not an answer to item %d of %s.", a.Value, a.Item, inst.Name)
		}
	}
	return nil
}

func onScale(inst *models.Instrument, v int) bool {
	for _, opt := range inst.Scale {
		if opt.Value == v {
			return true
		}
	}
	return false
}

func (e *Engine) storeAppAnswers(ctx context.Context, tx *models.Store, checkin *models.Checkin, answers []AppAnswer) error {
	if err := tx.EndConversationForCheckin(ctx, checkin.ID); err != nil {
		return err
	}
	if err := tx.SuppressCheckinSMS(ctx, checkin.ID); err != nil {
		return err
	}
	if checkin.Status == models.CheckinPending {
		if err := tx.OpenCheckin(ctx, checkin.ID, "app"); err != nil {
			return err
		}
	}
	sort.Slice(answers, func(i, j int) bool { return answers[i].Item < answers[j].Item })
	for _, a := range answers {
		v := a.Value
		if err := tx.SaveAnswer(ctx, &models.Answer{CheckinID: checkin.ID, Item: a.Item, Value: &v, Channel: "app"}); err != nil {
			return err
		}
	}
	return nil
}

func (e *Engine) finishIfComplete(ctx context.Context, tx *models.Store, checkin *models.Checkin, inst *models.Instrument) error {
	got, err := tx.CheckinAnswers(ctx, checkin.ID)
	if err != nil || len(got) < len(inst.Items) {
		return err
	}
	previous, err := tx.PreviousScore(ctx, checkin.CitizenID, checkin.Instrument, checkin.ID)
	if err != nil {
		return err
	}
	d := decision{citizenID: checkin.CitizenID, refreshStatus: true}
	if err := scoreCheckin(&d, inst, checkin, got, previous); err != nil {
		return err
	}
	return e.writeAlone(ctx, tx, &d, tx.Now())
}

// ConfirmContactInApp is the app's version of replying JA: contact is confirmed and the open
// contact question closes. No SMS is sent; the citizen is looking at the app.
func (e *Engine) ConfirmContactInApp(ctx context.Context, citizenID string) (*models.Citizen, error) {
	err := e.store.InTx(ctx, func(tx *models.Store) error {
		c, err := tx.CitizenByID(ctx, citizenID)
		if err != nil || c.ContactConfirmedAt != nil {
			return err
		}
		if c.DeclinedAt != nil || c.OptedOut() {
			return models.Errorf(models.ECONFLICT, "Contact cannot be confirmed after declining or opting out; write START or ask your link worker.")
		}
		now := tx.Now()
		if err := tx.UpdateCitizen(ctx, citizenID, models.CitizenUpdate{ContactConfirmedAt: &now}); err != nil {
			return err
		}
		conv, err := tx.OpenConversation(ctx, citizenID)
		if err != nil {
			return err
		}
		if conv != nil && conv.Kind == models.ConvContact {
			if err := tx.CloseConversation(ctx, conv, models.ConvClosed); err != nil {
				return err
			}
		}
		return tx.RefreshStatus(ctx, citizenID)
	})
	if err != nil {
		return nil, err
	}
	return e.store.CitizenByID(ctx, citizenID)
}

// Instruments exposes the loaded instruments (the app shows their items).
func (e *Engine) Instruments() *models.InstrumentRegistry { return e.instruments }
