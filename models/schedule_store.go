package models

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// schedulable is the SQL twin of Citizen.ReceivesScheduled; it matches the partial index
// idx_citizens_schedulable word for word, so the planner can use it.
const schedulable = `closed_at IS NULL AND completed_at IS NULL AND opted_out_at IS NULL AND declined_at IS NULL
	AND unreachable_at IS NULL AND phone_invalid_at IS NULL AND paused_at IS NULL AND deletion_requested_at IS NULL`

// schedulableBeyondSMS is the SQL twin of Citizen.receivesScheduledBeyondSMS (STOP said, but
// reachable by push or e-mail); it matches the partial index idx_citizens_schedulable_beyond_sms
// (migration 00025) word for word. The two sets are disjoint (opted_out_at NULL or not).
const schedulableBeyondSMS = `closed_at IS NULL AND completed_at IS NULL AND opted_out_at IS NOT NULL AND declined_at IS NULL
      AND unreachable_at IS NULL AND phone_invalid_at IS NULL AND paused_at IS NULL AND deletion_requested_at IS NULL
      AND (preferred_channel = 'app' OR (email IS NOT NULL AND email <> ''))`

// scheduleColumns are the citizen columns scheduling reads, and where each goes in a Citizen. The
// others are either NULL for every schedulable citizen (the stop columns but opted_out_at, which
// tells SMS apart from the other channels) or not needed.
func scheduleColumns(c *Citizen) (names []string, dest []any) {
	cols := []struct {
		name string
		dest any
	}{
		{"id", &c.ID}, {"name", &c.Name}, {"phone", &c.Phone}, {"email", &c.Email}, {"language", &c.Language},
		{"link_worker_id", &c.LinkWorkerID}, {"status", &c.Status}, {"contacted_at", &c.ContactedAt},
		{"contact_confirmed_at", &c.ContactConfirmedAt}, {"last_inbound_at", &c.LastInboundAt},
		{"reminders_enabled", &c.RemindersEnabled}, {"reminder_lead_minutes", &c.ReminderLeadMinutes},
		{"quiet_start", &c.QuietStart}, {"quiet_end", &c.QuietEnd},
		{"preferred_channel", &c.PreferredChannel}, {"checkin_plan", &c.CheckinPlan}, {"opted_out_at", &c.OptedOutAt},
		{"created_at", &c.CreatedAt}, // the referral day, which the evaluation's check-ins count from
	}
	for _, col := range cols {
		names = append(names, col.name)
		dest = append(dest, col.dest)
	}
	return names, dest
}

// SchedulableCitizens returns up to limit citizens after afterID (in id order; "" starts at the
// beginning) who have been contacted and may get scheduled items: scheduled SMS, or, after STOP,
// push or e-mail (Citizen.Schedulable). The scheduler streams them in such pages, so a pass over
// a million citizens holds one page in memory at a time. Only the fields scheduling and the bot's
// scheduled texts read are filled (see scheduleColumns).
//
// The page is two keyset range reads, each along its own partial index, merged by id: the first
// limit SMS citizens after afterID (idx_citizens_schedulable), then the citizens after STOP in
// the same id range (idx_citizens_schedulable_beyond_sms; up to the last SMS citizen read, or
// to the end when the SMS citizens ran out). An OR of the two conditions would leave both
// planners without a usable partial index; a UNION ALL of two limited reads was measured at 2.3
// times the old read's time on SQLite, which sorts both arms again and reads the small set anew
// for every page, where these two reads cost what the old one did plus the few STOP citizens.
// The rows are scanned straight into the structs, not through GORM's reflection per row: a
// national wave reads a million of them.
func (s *Store) SchedulableCitizens(ctx context.Context, afterID string, limit int) ([]Citizen, error) {
	sms, err := s.schedulableRange(ctx, schedulable, afterID, "", limit)
	if err != nil {
		return nil, err
	}
	upTo := ""
	if len(sms) == limit {
		upTo = sms[len(sms)-1].ID
	}
	beyond, err := s.schedulableRange(ctx, schedulableBeyondSMS, afterID, upTo, limit)
	if err != nil || len(beyond) == 0 {
		return sms, err
	}
	// Every SMS citizen up to upTo is in sms and every STOP citizen read is at most upTo, so the
	// first limit of the merge are the first limit of both sets.
	merged := make([]Citizen, 0, len(sms)+len(beyond))
	i, j := 0, 0
	for i < len(sms) || j < len(beyond) {
		if j == len(beyond) || (i < len(sms) && sms[i].ID < beyond[j].ID) {
			merged, i = append(merged, sms[i]), i+1
		} else {
			merged, j = append(merged, beyond[j]), j+1
		}
	}
	return merged[:min(limit, len(merged))], nil
}

// schedulableRange reads up to limit contacted citizens matching cond with ids in (afterID,
// upTo] ("" leaves that end open), in id order.
func (s *Store) schedulableRange(ctx context.Context, cond, afterID, upTo string, limit int) ([]Citizen, error) {
	q, args := schedulableQuery(cond, afterID, upTo, limit)
	rows, err := s.q(ctx).Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("schedulable citizens: %w", err)
	}
	defer rows.Close()
	out := make([]Citizen, 0, limit)
	for rows.Next() {
		out = append(out, Citizen{})
		_, dest := scheduleColumns(&out[len(out)-1])
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("schedulable citizens: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("schedulable citizens: %w", err)
	}
	return out, nil
}

// schedulableQuery is schedulableRange's SQL and its arguments. cond stays literal text, so each
// planner matches it to its partial index.
func schedulableQuery(cond, afterID, upTo string, limit int) (string, []any) {
	names, _ := scheduleColumns(&Citizen{})
	q := "SELECT " + strings.Join(names, ", ") + " FROM citizens WHERE " + cond +
		" AND (contact_confirmed_at IS NOT NULL OR contacted_at IS NOT NULL)"
	var args []any
	if afterID != "" {
		q, args = q+" AND id > ?", append(args, afterID)
	}
	if upTo != "" {
		q, args = q+" AND id <= ?", append(args, upTo)
	}
	return q + " ORDER BY id LIMIT ?", append(args, limit)
}

// ActivitiesOf returns the active prescriptions of some citizens, by citizen, with what a
// reminder says about each: the offer's title and where it is.
func (s *Store) ActivitiesOf(ctx context.Context, citizenIDs []string) (map[string][]ScheduledActivity, error) {
	var ps []Prescription
	err := inChunks(citizenIDs, func(part []string) error {
		var rows []Prescription
		cond, arg := s.oneOf("citizen_id", "uuid", part)
		err := s.q(ctx).Where(cond, arg).Where("active = ?", true).Order("id").Find(&rows).Error
		ps = append(ps, rows...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("activities: %w", err)
	}
	offers, err := s.offersByID(ctx, ps)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]ScheduledActivity)
	for _, p := range ps {
		o := offers[p.OfferID]
		out[p.CitizenID] = append(out[p.CitizenID], ScheduledActivity{Prescription: p, Title: o.Title, Place: o.place()})
	}
	return out, nil
}

func (s *Store) offersByID(ctx context.Context, ps []Prescription) (map[string]Offer, error) {
	seen := make(map[string]bool)
	var ids []string
	for _, p := range ps {
		if !seen[p.OfferID] {
			seen[p.OfferID] = true
			ids = append(ids, p.OfferID)
		}
	}
	out := make(map[string]Offer, len(ids))
	err := inChunks(ids, func(part []string) error {
		var rows []Offer
		if err := s.q(ctx).Where("id IN ?", part).Find(&rows).Error; err != nil {
			return err
		}
		for _, o := range rows {
			out[o.ID] = o
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("activities: offers: %w", err)
	}
	return out, nil
}

// place is where a reminder says the activity is: the street address, else the town, else who
// runs it.
func (o Offer) place() string {
	for _, p := range []string{o.AddressLine, o.City, o.Organisation} {
		if p != "" {
			return p
		}
	}
	return ""
}

// UpcomingSends previews the scheduled SMS a citizen will get with due times in [from, to),
// earliest first: what the scheduler will queue, less what it already has. w is the configured
// send window; the site's closed days (SiteSendWindow) and the citizen's own quiet hours are
// applied, as the scheduler applies them. A citizen who gets nothing (opted out,
// paused, closed …) has an empty schedule.
func (s *Store) UpcomingSends(ctx context.Context, citizenID string, from, to time.Time, w SendWindow) ([]PlannedSend, error) {
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return nil, err
	}
	site, err := s.SiteCheckinPlan(ctx)
	if err != nil {
		return nil, err
	}
	if w, err = s.SiteSendWindow(ctx, w); err != nil {
		return nil, err
	}
	plan, _, err := c.PlanOr(site)
	if err != nil {
		return nil, err
	}
	acts, err := s.ActivitiesOf(ctx, []string{c.ID})
	if err != nil {
		return nil, err
	}
	sends := PlanSends(ScheduleInput{Citizen: c, Plan: plan, Activities: acts[c.ID], Window: w}, from, to)
	progress, err := s.SendProgressOf(ctx, sends)
	if err != nil {
		return nil, err
	}
	out := sends[:0]
	for _, ps := range sends {
		if !progress.done(ps) {
			out = append(out, ps)
		}
	}
	return out, nil
}
