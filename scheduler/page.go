package scheduler

import (
	"context"
	"slices"
	"time"

	"brobygger/models"
)

// pageWork is one page of citizens with the sends due for them that are not yet queued.
type pageWork struct {
	ids        []string
	citizens   map[string]*models.Citizen
	activities map[string]*models.ScheduledActivity
	sends      []dueSend
	// window is the site's send window for this pass, closed days included.
	window models.SendWindow
	// devices counts push devices of the page's app users (pushDevices; nil until asked).
	devices map[string]int
}

// dueSend is a planned send and whom it is for.
type dueSend struct {
	citizen *models.Citizen
	models.PlannedSend
}

// planPage computes each citizen's due sends with the same pure planner the API previews with,
// then drops those already queued (one lookup for the page).
func (s *Scheduler) planPage(ctx context.Context, now time.Time, page []models.Citizen, site models.CheckinPlan, win models.SendWindow) (*pageWork, error) {
	w := &pageWork{citizens: make(map[string]*models.Citizen, len(page)), activities: map[string]*models.ScheduledActivity{}, window: win}
	for i := range page {
		w.ids = append(w.ids, page[i].ID)
		w.citizens[page[i].ID] = &page[i]
	}
	acts, err := s.store.ActivitiesOf(ctx, w.ids)
	if err != nil {
		return nil, err
	}
	var planned []models.PlannedSend
	for i := range page {
		c := &page[i]
		for j := range acts[c.ID] {
			w.activities[acts[c.ID][j].ID] = &acts[c.ID][j]
		}
		for _, ps := range s.dueFor(c, site, acts[c.ID], win, now) {
			w.sends = append(w.sends, dueSend{c, ps})
			planned = append(planned, ps)
		}
	}
	progress, err := s.store.SendProgressOf(ctx, planned)
	if err != nil {
		return nil, err
	}
	kept := w.sends[:0]
	for _, d := range w.sends {
		if !progress.Created(d.PlannedSend) {
			kept = append(kept, d)
		}
	}
	w.sends = kept
	return w, nil
}

// dueFor is what the planner says is due for one citizen now, looking back as far as late work
// may still be caught up.
func (s *Scheduler) dueFor(c *models.Citizen, site models.CheckinPlan, acts []models.ScheduledActivity, win models.SendWindow, now time.Time) []models.PlannedSend {
	plan, _, err := c.PlanOr(site)
	if err != nil {
		s.log.Warn("citizen's own check-in plan is unreadable; using the site's", "citizen", c.ID, "error", err.Error())
	}
	in := models.ScheduleInput{Citizen: c, Plan: plan, Activities: acts, Window: win}
	sends := models.PlanSends(in, now.Add(-s.cfg.lookback()), now.Add(time.Nanosecond))
	return slices.DeleteFunc(sends, func(ps models.PlannedSend) bool { return !s.isDue(ps, now) })
}

// isDue says whether a planned send should be queued now. After downtime, check-ins and
// follow-ups still go out late within their catch-up window; a reminder only while its activity
// has not started.
func (s *Scheduler) isDue(ps models.PlannedSend, now time.Time) bool {
	if ps.DueAt.After(now) {
		return false
	}
	switch ps.Kind {
	case models.SendCheckin:
		return now.Sub(ps.DueAt) < s.cfg.CheckinCatchUp
	case models.SendReminder:
		return ps.ActivityStart.After(now)
	case models.SendFollowup:
		return now.Sub(ps.DueAt) < s.cfg.FollowupCatchUp
	}
	return true
}

// sendsOf returns the page's due sends of one kind.
func (w *pageWork) sendsOf(kind string) []dueSend {
	var out []dueSend
	for _, d := range w.sends {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

// windowOf is the citizen's own send window this pass.
func (w *pageWork) windowOf(c *models.Citizen) models.SendWindow {
	return w.window.WithQuietHours(c.Preferences.QuietStart, c.Preferences.QuietEnd)
}
