package scheduler

import (
	"context"
	"slices"
	"time"

	"brobygger/bot"
	"brobygger/models"
)

// queueCheckins stores the page's newly due check-ins and starts each citizen's earliest due
// one, all in one transaction for the page. A new check-in that starts at once is created open,
// which spares a morning wave an UPDATE per citizen. A citizen with an open conversation keeps
// theirs and the check-in waits; one pending for longer than the catch-up window is cancelled.
func (s *Scheduler) queueCheckins(ctx context.Context, now time.Time, w *pageWork, budget *startBudget, rep *Report) error {
	return s.store.InTx(ctx, func(tx *models.Store) error {
		waiting, err := tx.DueCheckins(ctx, w.ids, now)
		if err != nil {
			return err
		}
		fresh := s.newCheckins(w)
		starts, stale := s.pickStarts(now, w, waiting, fresh, budget, rep)
		if err := tx.CancelCheckins(ctx, stale); err != nil {
			return err
		}
		rep.CheckinsCancelled += len(stale)
		created, err := tx.CreateCheckins(ctx, fresh)
		if err != nil {
			return err
		}
		rep.CheckinsCreated += len(created)
		if len(created) < len(fresh) {
			starts = withoutTaken(starts, created)
		}
		if _, err := s.pushCheckins(ctx, tx, now, w, fresh, created); err != nil {
			return err
		}
		if _, err := s.emailCheckins(ctx, tx, now, w, fresh, created); err != nil {
			return err
		}
		started, err := s.engine.StartCheckins(ctx, tx, starts)
		if err != nil {
			return err
		}
		rep.CheckinsStarted += len(started)
		rep.CheckinsWaiting += len(starts) - len(started)
		return nil
	})
}

// withoutTaken drops the starts of new check-ins that were not created: another scheduler
// created the same plan item first, and it is that scheduler's to start.
func withoutTaken(starts []bot.CheckinStart, created []string) []bot.CheckinStart {
	stored := make(map[string]bool, len(created))
	for _, id := range created {
		stored[id] = true
	}
	return slices.DeleteFunc(starts, func(st bot.CheckinStart) bool {
		return st.Checkin.Status == models.CheckinOpen && !stored[st.Checkin.ID]
	})
}

// newCheckins builds pending check-ins for the page's due plan items, in plan order. An item
// whose instrument is not loaded is skipped (and logged) rather than stall the citizen's plan.
func (s *Scheduler) newCheckins(w *pageWork) []models.Checkin {
	var rows []models.Checkin
	latest := map[string]*models.Instrument{} // Latest scans the registry; a wave asks 100,000 times
	for _, d := range w.sendsOf(models.SendCheckin) {
		inst, cached := latest[d.Instrument]
		if !cached {
			inst, _ = s.instruments.Latest(d.Instrument)
			latest[d.Instrument] = inst
		}
		if inst == nil {
			s.log.Warn("check-in plan names an instrument that is not loaded", "citizen", d.citizen.ID, "instrument", d.Instrument)
			continue
		}
		key := d.PlanKey
		rows = append(rows, models.Checkin{ID: models.NewID(), CitizenID: d.citizen.ID, Instrument: inst.Key,
			Version: inst.Version, Status: models.CheckinPending, PlanKey: &key, DueAt: d.DueAt})
	}
	return rows
}

// pickStarts chooses each citizen's check-in to start: the earliest waiting one, else their
// first new one (marked open, to be created so). It returns the starts within the budget and
// the waiting check-ins too old to send. A check-in left to the app stays pending, where the
// app shows it, until its fallback time.
func (s *Scheduler) pickStarts(now time.Time, w *pageWork, waiting, fresh []models.Checkin, budget *startBudget, rep *Report) ([]bot.CheckinStart, []string) {
	var starts []bot.CheckinStart
	var stale []string
	chosen := make(map[string]bool)
	pick := func(ch *models.Checkin) bool {
		if chosen[ch.CitizenID] {
			return false // one conversation at a time: the next check-in waits for this one
		}
		c := w.citizens[ch.CitizenID]
		if s.leftToApp(c, ch, now, w) {
			rep.CheckinsInApp++
			return false
		}
		chosen[ch.CitizenID] = true
		if !budget.take() {
			rep.CheckinsWaiting++
			return false
		}
		starts = append(starts, bot.CheckinStart{Citizen: c, Checkin: ch, NotBefore: w.windowOf(c).NextAllowed(now)})
		return true
	}
	for i := range waiting {
		if now.Sub(waiting[i].DueAt) >= s.cfg.CheckinCatchUp || !s.known(&waiting[i]) {
			stale = append(stale, waiting[i].ID)
			continue
		}
		pick(&waiting[i])
	}
	for i := range fresh {
		if pick(&fresh[i]) { // starts points at fresh[i], so it starts as created: open
			fresh[i].Status, fresh[i].Channel = models.CheckinOpen, "sms"
			fresh[i].OpenedAt = &now
		}
	}
	return starts, stale
}

// leftToApp reports whether a check-in still waits for an answer in the app: the citizen
// prefers the app and AppFallback has not passed since it was due (counted to the next time the
// citizen's send window allows, so a check-in due at 19:00 falls back at 09:00 the next day).
// A citizen who said STOP is never asked by SMS: STOP stops SMS only, so their check-in waits in
// the app until it is answered or its catch-up window closes (the planner gives such a citizen
// check-ins only when they prefer the app).
func (s *Scheduler) leftToApp(c *models.Citizen, ch *models.Checkin, now time.Time, w *pageWork) bool {
	if c.Phone == "" || c.OptedOut() {
		return true // reached by e-mail (invited by emailCheckins) or STOP said: answered in the app
	}
	if c.PreferredChannel != "app" || s.cfg.AppFallback <= 0 {
		return false
	}
	return now.Before(w.windowOf(c).NextAllowed(ch.DueAt.Add(s.cfg.AppFallback)))
}

// known reports whether the check-in's instrument version is loaded; one that is not (an
// operator's licensed file was removed) can never be sent.
func (s *Scheduler) known(ch *models.Checkin) bool {
	_, ok := s.instruments.Get(ch.Instrument, ch.Version)
	return ok
}
