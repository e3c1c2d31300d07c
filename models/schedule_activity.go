package models

import (
	"time"

	"brobygger/models/calendar"
)

// runsOn reports whether the activity is on the citizen's programme that day: active, begun and
// not yet ended (a one-off session counts until its day).
func (a *ScheduledActivity) runsOn(day Date, loc *time.Location) bool {
	if !a.Active || day.Before(calendar.StoredDate(a.StartsOn, loc)) {
		return false
	}
	if a.EndsOn != nil && calendar.StoredDate(*a.EndsOn, loc).Before(day) {
		return false
	}
	return a.OnceOn == nil || !calendar.StoredDate(*a.OnceOn, loc).Before(day)
}

// occursOn reports whether a session of the activity takes place that day.
func (a *ScheduledActivity) occursOn(day Date, loc *time.Location) bool {
	if a.OnceOn != nil {
		return a.Active && calendar.StoredDate(*a.OnceOn, loc) == day
	}
	return a.Weekday == day.ISOWeekday() && a.runsOn(day, loc)
}

// occurrences lists the local start of each session whose day lies in [first, last].
func (a *ScheduledActivity) occurrences(first, last Date, loc *time.Location) []time.Time {
	start, err := calendar.ParseClock(a.StartTime)
	if err != nil {
		return nil // an activity without a valid start time cannot be reminded of
	}
	var out []time.Time
	for day := first; !last.Before(day); day = day.AddDays(1) {
		if a.occursOn(day, loc) {
			out = append(out, day.At(start, loc))
		}
	}
	return out
}

// planActivity plans the reminder before, and the "did you go?" the day after, each session near
// [from, to). Sessions before the prescription was made or the citizen confirmed are not planned.
func planActivity(c *Citizen, a *ScheduledActivity, w SendWindow, from, to time.Time) []PlannedSend {
	loc := w.Loc()
	var out []PlannedSend
	for _, start := range a.occurrences(calendar.DateIn(from, loc).AddDays(-2), calendar.DateIn(to, loc).AddDays(2), loc) {
		if start.Before(a.CreatedAt) || start.Before(*c.ContactConfirmedAt) {
			continue
		}
		day := calendar.DateIn(start, loc)
		if due, ok := ReminderTime(start, c.ReminderLeadMinutes, w); ok && c.RemindersEnabled {
			// A session agreed after its reminder time is reminded of as soon as it is agreed.
			if due.Before(a.CreatedAt) {
				due = w.NextAllowed(a.CreatedAt)
			}
			if due.Before(start) {
				out = append(out, PlannedSend{Kind: SendReminder, DueAt: due, PlanKey: ReminderKey(a.ID, day),
					PrescriptionID: a.ID, ActivityStart: start.UTC()})
			}
		}
		out = append(out, PlannedSend{Kind: SendFollowup, DueAt: w.NextAllowed(day.AddDays(1).At(followupNextDayAt, loc)),
			PlanKey: FollowupKey(a.ID, day), PrescriptionID: a.ID, ActivityStart: start.UTC()})
	}
	return out
}

// ReminderTime says when to remind of a session starting at start: leadMinutes before it when
// the citizen chose a lead (at most a day), else 18:00 the evening before an activity that starts
// before 11:00 and 09:30 on the day for later ones. Quiet hours move it later; if that would be
// after the start, the evening before is tried instead, and failing that there is no reminder.
func ReminderTime(start time.Time, leadMinutes int, w SendWindow) (time.Time, bool) {
	loc := w.Loc()
	day := calendar.DateIn(start, loc)
	local := start.In(loc)
	var at time.Time
	switch {
	case leadMinutes > 0:
		at = start.Add(-time.Duration(min(leadMinutes, maxReminderLead)) * time.Minute)
	case local.Hour()*60+local.Minute() < earlyActivity:
		at = day.AddDays(-1).At(reminderEvening, loc)
	default:
		at = day.At(reminderSameDay, loc)
	}
	for _, try := range []time.Time{at, day.AddDays(-1).At(reminderEvening, loc)} {
		if due := w.NextAllowed(try); due.Before(start) {
			return due, true
		}
	}
	return time.Time{}, false
}

// ReminderKey is the outbox DedupeKey of the reminder for one session.
func ReminderKey(prescriptionID string, day Date) string {
	return "reminder:" + prescriptionID + ":" + day.String()
}

// FollowupKey is the outbox DedupeKey of "did you go?" for one session (the bot uses it).
func FollowupKey(prescriptionID string, day Date) string {
	return "followup:" + prescriptionID + ":" + day.String()
}
