package scheduler

import (
	"context"
	"errors"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/calendar"
)

// errAlreadyAsked rolls back a follow-up that another pass asked between our lookup and now.
var errAlreadyAsked = errors.New("follow-up already asked")

// startFollowups asks "did you go?" for each due session, one transaction each. A citizen with an
// open conversation is asked on a later pass. The outbox key stops a second SMS; the count of
// conversations for the session stops a second conversation when two schedulers race.
func (s *Scheduler) startFollowups(ctx context.Context, now time.Time, w *pageWork, rep *Report) error {
	var errs []error
	for _, d := range w.sendsOf(models.SendFollowup) {
		act, ok := w.activities[d.PrescriptionID]
		if !ok || d.citizen.Phone == "" {
			continue // "did you go?" is an SMS conversation: a citizen without a number is not asked
		}
		day := calendar.DateIn(d.ActivityStart, s.cfg.Window.Location).UTCMidnight()
		notBefore := w.windowOf(d.citizen).NextAllowed(now)
		err := s.store.InTx(ctx, func(tx *models.Store) error {
			if err := s.engine.StartFollowup(ctx, tx, d.citizen, act.ID, day, act.Title, notBefore); err != nil {
				return err
			}
			n, err := tx.CountFollowupConversations(ctx, d.citizen.ID, act.ID, day)
			if err == nil && n > 1 {
				err = errAlreadyAsked
			}
			return err
		})
		switch {
		case err == nil:
			rep.Followups++
		case errors.Is(err, bot.ErrBusy):
			rep.FollowupsWaiting++
		case !errors.Is(err, errAlreadyAsked):
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// nudgeContacts sends the one reminder to citizens who have not answered the contact SMS.
func (s *Scheduler) nudgeContacts(ctx context.Context, now time.Time, w *pageWork, rep *Report) error {
	var errs []error
	for _, d := range w.sendsOf(models.SendContactNudge) {
		queued, err := s.engine.NudgeContact(ctx, s.store, d.citizen, w.windowOf(d.citizen).NextAllowed(now))
		if err != nil {
			errs = append(errs, err)
		}
		if queued {
			rep.Nudges++
		}
	}
	return errors.Join(errs...)
}
