package models

import (
	"slices"
	"strconv"
	"time"

	"brobygger/models/calendar"
)

// Kinds of planned send, as the schedule preview lists them.
const (
	SendCheckin      = "checkin"
	SendReminder     = "reminder"
	SendFollowup     = "followup"
	SendContactNudge = "contact_nudge"
)

// The fixed timing rules. They are constants rather than settings so that the API's preview and
// the scheduler can never disagree about them; the send window is what a site configures.
const (
	// contactNudgeAfter is how long an unanswered contact SMS waits before its one reminder.
	contactNudgeAfter = 48 * time.Hour
	// An activity starting before earlyActivity is reminded of at 18:00 the evening before, any
	// other at 09:30 on the day.
	earlyActivity     = 11 * 60
	reminderEvening   = 18 * 60
	reminderSameDay   = 9*60 + 30
	maxReminderLead   = 24 * 60 // the text says "today" or "tomorrow", never further ahead
	followupNextDayAt = 10 * 60
	// pulseGapDays keeps the weekly pulse out of the days around a full check-in.
	pulseGapDays = 3
)

// PlannedSend is one SMS the scheduler will queue for a citizen.
type PlannedSend struct {
	Kind string
	// Instrument is the questionnaire of a check-in, empty for other kinds.
	Instrument string
	// DueAt is in UTC and already moved into the citizen's send window.
	DueAt time.Time
	// PlanKey is the send's idempotency key: the check-in's PlanKey, or the outbox DedupeKey.
	PlanKey string
	// PrescriptionID and ActivityStart name the occurrence a reminder or follow-up is about.
	PrescriptionID string
	ActivityStart  time.Time
}

// ScheduledActivity is an active prescription with what a reminder says about it.
type ScheduledActivity struct {
	Prescription
	Title string
	Place string
}

// ScheduleInput is everything a citizen's schedule is computed from.
type ScheduleInput struct {
	Citizen    *Citizen
	Plan       CheckinPlan
	Activities []ScheduledActivity
	// Window is the site's; the citizen's own quiet hours are applied to it.
	Window SendWindow
}

// ReceivesScheduled reports whether the citizen may get scheduled SMS at all: not opted out,
// paused after a safety flag, declined, unreachable, with an invalid number, closed, completed
// or asking for deletion.
func (c *Citizen) ReceivesScheduled() bool {
	return c.OptedOutAt == nil && c.open()
}

// receivesScheduledBeyondSMS reports whether a citizen who said STOP still gets scheduled items
// by another channel: STOP stops SMS only, so one who prefers the app (push) or has an e-mail
// address is still reminded and asked there, while everything else that stops scheduled SMS
// (a pause, a closed course …) stops these too. Which channel an item takes, if any, is
// ChooseChannel's; SMS is never among them.
func (c *Citizen) receivesScheduledBeyondSMS() bool {
	return c.OptedOutAt != nil && c.open() && (c.PreferredChannel == "app" || (c.Email != nil && *c.Email != ""))
}

// Schedulable reports whether the scheduler plans anything for the citizen: scheduled SMS, or,
// after STOP, scheduled items by push or e-mail.
func (c *Citizen) Schedulable() bool { return c.ReceivesScheduled() || c.receivesScheduledBeyondSMS() }

// open is every stop but STOP: the conditions under which nothing scheduled goes by any channel.
func (c *Citizen) open() bool {
	return c.PausedAt == nil && c.DeclinedAt == nil && c.UnreachableAt == nil &&
		c.PhoneInvalidAt == nil && c.ClosedAt == nil && c.CompletedAt == nil && c.DeletionRequestedAt == nil
}

// PlanSends computes the citizen's scheduled SMS due in [from, to), earliest first. It is pure:
// the scheduler queues exactly these (less what is already queued), and the API previews them.
func PlanSends(in ScheduleInput, from, to time.Time) []PlannedSend {
	c := in.Citizen
	if c == nil || !c.Schedulable() {
		return nil
	}
	w := in.Window.WithQuietHours(c.Preferences.QuietStart, c.Preferences.QuietEnd)
	var out []PlannedSend
	if c.ContactConfirmedAt == nil {
		out = planContactNudge(c, w)
	} else {
		out = append(out, planCheckins(c, in.Plan, w)...)
		out = append(out, planPulses(c, in.Plan, in.Activities, w, from, to)...)
		for i := range in.Activities {
			out = append(out, planActivity(c, &in.Activities[i], w, from, to)...)
		}
	}
	out = slices.DeleteFunc(out, func(p PlannedSend) bool {
		return p.DueAt.Before(from) || !p.DueAt.Before(to) || !beyondSMS(c, p.Kind)
	})
	// Stable, so same-time check-ins keep the plan's order (WHO-5 before UCLA-3 at baseline).
	slices.SortStableFunc(out, func(a, b PlannedSend) int { return a.DueAt.Compare(b.DueAt) })
	return out
}

// beyondSMS reports whether a send of kind may be planned for the citizen when SMS is stopped
// (always true while it is not). After STOP a reminder may still go by push or e-mail, and a
// check-in waits in the app for one who prefers it; a follow-up and the contact nudge are SMS
// conversations, and a check-in for one who does not use the app could only be asked by SMS.
func beyondSMS(c *Citizen, kind string) bool {
	if !c.OptedOut() {
		return true
	}
	return kind == SendReminder || (kind == SendCheckin && c.PreferredChannel == "app")
}

// planContactNudge is the one reminder 48 h after the contact SMS went out, unless the citizen
// has written anything since.
func planContactNudge(c *Citizen, w SendWindow) []PlannedSend {
	if c.ContactedAt == nil || (c.LastInboundAt != nil && !c.LastInboundAt.Before(*c.ContactedAt)) {
		return nil
	}
	due := w.NextAllowed(c.ContactedAt.Add(contactNudgeAfter))
	return []PlannedSend{{Kind: SendContactNudge, DueAt: due, PlanKey: ContactNudgeKey(c.ID)}}
}

// ContactNudgeKey is the outbox DedupeKey of a citizen's one contact nudge (the bot uses it).
func ContactNudgeKey(citizenID string) string { return "contact_nudge:" + citizenID }

// planCheckins places each plan item at the window's start on its day, counted from the local
// day of contact confirmation or of the referral (the item's anchor); nothing goes before the
// confirmation itself.
func planCheckins(c *Citizen, plan CheckinPlan, w SendWindow) []PlannedSend {
	confirmed := *c.ContactConfirmedAt
	day0 := calendar.DateIn(confirmed, w.Loc())
	shift := anchorShift(c, day0, w.Loc())
	out := make([]PlannedSend, 0, len(plan.Items))
	for _, it := range plan.Items {
		at := day0.AddDays(it.contactOffset(shift)).At(w.Start, w.Loc())
		if at.Before(confirmed) {
			at = confirmed
		}
		out = append(out, PlannedSend{Kind: SendCheckin, Instrument: it.Instrument, DueAt: w.NextAllowed(at),
			PlanKey: checkinPlanKey(c.ID, it)})
	}
	return out
}

// checkinPlanKey is the check-in PlanKey of one plan item for one citizen.
func checkinPlanKey(citizenID string, it PlanItem) string {
	return "plan:" + citizenID + ":" + it.Key()
}

// pulsePlanKey is the check-in PlanKey of the week-th weekly pulse.
func pulsePlanKey(citizenID string, week int) string {
	return "pulse:" + citizenID + ":w" + strconv.Itoa(week)
}

// planPulses places the pulse every 7 days after confirmation while an activity is running that
// day, except in the days around a full check-in (one questionnaire a week is enough).
func planPulses(c *Citizen, plan CheckinPlan, acts []ScheduledActivity, w SendWindow, from, to time.Time) []PlannedSend {
	if !plan.WeeklyPulse {
		return nil
	}
	day0 := calendar.DateIn(*c.ContactConfirmedAt, w.Loc())
	shift := anchorShift(c, day0, w.Loc())
	first := max(1, calendar.DateIn(from, w.Loc()).DaysSince(day0)/7-1)
	last := calendar.DateIn(to, w.Loc()).DaysSince(day0)/7 + 1
	var out []PlannedSend
	for week := first; week <= last; week++ {
		day := day0.AddDays(7 * week)
		if !anyActiveOn(acts, day, w.Loc()) || nearPlanItem(plan, week*7, pulseGapDays, shift) {
			continue
		}
		out = append(out, PlannedSend{Kind: SendCheckin, Instrument: pulseInstrument,
			DueAt: w.NextAllowed(day.At(w.Start, w.Loc())), PlanKey: pulsePlanKey(c.ID, week)})
	}
	return out
}

func nearPlanItem(plan CheckinPlan, offset, gap, shift int) bool {
	return slices.ContainsFunc(plan.Items, func(it PlanItem) bool { return abs(it.contactOffset(shift)-offset) <= gap })
}

func anyActiveOn(acts []ScheduledActivity, day Date, loc *time.Location) bool {
	return slices.ContainsFunc(acts, func(a ScheduledActivity) bool { return a.runsOn(day, loc) })
}

func abs(n int) int { return max(n, -n) }
