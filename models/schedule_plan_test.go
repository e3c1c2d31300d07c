package models_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
)

func TestReminderTime(t *testing.T) {
	loc := copenhagen(t)
	w := calendar.DefaultSendWindow(loc)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }
	cases := []struct {
		name  string
		start time.Time
		lead  int
		want  time.Time // zero: no reminder
	}{
		{"afternoon activity: 09:30 on the day", at(3, 3, 14, 0), 0, at(3, 3, 9, 30)},
		{"morning activity: 18:00 the evening before", at(3, 3, 10, 0), 0, at(3, 2, 18, 0)},
		{"11:00 counts as late", at(3, 3, 11, 0), 0, at(3, 3, 9, 30)},
		{"Monday morning: Sunday is closed, Monday 09:00", at(3, 9, 10, 0), 0, at(3, 9, 9, 0)},
		{"Monday 09:00: no time left", at(3, 9, 9, 0), 0, time.Time{}},
		{"Sunday afternoon: Saturday evening instead", at(3, 8, 14, 0), 0, at(3, 7, 18, 0)},
		{"Easter Monday morning: nothing open before", at(4, 6, 10, 0), 0, time.Time{}},
		{"own lead of an hour", at(3, 3, 14, 0), 60, at(3, 3, 13, 0)},
		{"own lead into quiet hours: the evening before", at(3, 3, 20, 30), 30, at(3, 2, 18, 0)},
		{"own lead before 09:00 moves to 09:00", at(3, 3, 9, 40), 60, at(3, 3, 9, 0)},
		{"own lead capped at a day", at(3, 3, 14, 0), 5000, at(3, 2, 14, 0)},
	}
	for _, c := range cases {
		got, ok := models.ReminderTime(c.start, c.lead, w)
		if ok != !c.want.IsZero() || (ok && !got.Equal(c.want)) {
			t.Errorf("%s: ReminderTime(%s, %d) = %s %v, want %s", c.name, c.start, c.lead, got.In(loc), ok, c.want)
		}
	}
}

// planFixture is a confirmed Danish citizen with one weekly Tuesday 14:00 activity.
func planFixture(t *testing.T) (models.ScheduleInput, *time.Location) {
	loc := copenhagen(t)
	confirmed := time.Date(2026, 2, 16, 10, 0, 0, 0, loc) // a Monday
	c := &models.Citizen{ID: "c1", Name: "Anna Jensen", ContactConfirmedAt: &confirmed,
		Preferences: models.Preferences{RemindersEnabled: true}}
	act := models.ScheduledActivity{Title: "Strikkeklub", Place: "Kulturhuset", Prescription: models.Prescription{
		ID: "p1", CitizenID: "c1", Weekday: 2, StartTime: "14:00", Active: true, CreatedAt: confirmed,
		StartsOn: time.Date(2026, 2, 17, 0, 0, 0, 0, time.UTC)}}
	return models.ScheduleInput{Citizen: c, Plan: models.DefaultCheckinPlan(), Activities: []models.ScheduledActivity{act},
		Window: calendar.DefaultSendWindow(loc)}, loc
}

func describe(sends []models.PlannedSend, loc *time.Location) string {
	var b strings.Builder
	for _, s := range sends {
		fmt.Fprintf(&b, "%s %s %s %s\n", s.DueAt.In(loc).Format("Mon 2006-01-02 15:04"), s.Kind, s.Instrument, s.PlanKey)
	}
	return b.String()
}

func TestPlanSends_FirstWeeks(t *testing.T) {
	in, loc := planFixture(t)
	from := time.Date(2026, 2, 16, 0, 0, 0, 0, loc)
	got := describe(models.PlanSends(in, from, from.AddDate(0, 0, 15)), loc)
	want := `Mon 2026-02-16 10:00 checkin who5 plan:c1:who5:d0
Mon 2026-02-16 10:00 checkin ucla3 plan:c1:ucla3:d0
Tue 2026-02-17 09:30 reminder  reminder:p1:2026-02-17
Wed 2026-02-18 10:00 followup  followup:p1:2026-02-17
Tue 2026-02-24 09:30 reminder  reminder:p1:2026-02-24
Wed 2026-02-25 10:00 followup  followup:p1:2026-02-24
Mon 2026-03-02 09:00 checkin who5 plan:c1:who5:d14
Mon 2026-03-02 09:00 checkin ucla3 plan:c1:ucla3:d14
`
	// Week 1 (23 Feb) has a pulse; week 2 (2 March) has the full check-in instead.
	want = strings.Replace(want, "Tue 2026-02-24", "Mon 2026-02-23 09:00 checkin pulse pulse:c1:w1\nTue 2026-02-24", 1)
	if got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
}

func TestPlanSends_RemindersOffAndEndedActivity(t *testing.T) {
	in, loc := planFixture(t)
	in.Citizen.RemindersEnabled = false
	ends := time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)
	in.Activities[0].EndsOn = &ends
	from := time.Date(2026, 2, 17, 0, 0, 0, 0, loc)
	got := describe(models.PlanSends(in, from, from.AddDate(0, 0, 14)), loc)
	want := "Wed 2026-02-18 10:00 followup  followup:p1:2026-02-17\n" +
		"Mon 2026-03-02 09:00 checkin who5 plan:c1:who5:d14\nMon 2026-03-02 09:00 checkin ucla3 plan:c1:ucla3:d14\n"
	if got != want {
		t.Errorf("plan:\n%s\nwant (no reminders, no pulse once the activity ended):\n%s", got, want)
	}
}

func TestPlanSends_OneOffSession(t *testing.T) {
	in, loc := planFixture(t)
	once := time.Date(2026, 2, 21, 0, 0, 0, 0, time.UTC) // a Saturday
	in.Activities[0].Weekday, in.Activities[0].OnceOn, in.Activities[0].StartTime = 0, &once, "10:00"
	in.Plan = models.CheckinPlan{}
	from := time.Date(2026, 2, 17, 0, 0, 0, 0, loc)
	got := describe(models.PlanSends(in, from, from.AddDate(0, 0, 14)), loc)
	// Sunday's follow-up waits for Monday.
	want := "Fri 2026-02-20 18:00 reminder  reminder:p1:2026-02-21\nMon 2026-02-23 09:00 followup  followup:p1:2026-02-21\n"
	if got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
}

func TestPlanSends_ContactNudge(t *testing.T) {
	loc := copenhagen(t)
	contacted := time.Date(2026, 3, 5, 19, 30, 0, 0, loc) // Thursday evening
	c := &models.Citizen{ID: "c2", ContactedAt: &contacted}
	in := models.ScheduleInput{Citizen: c, Window: calendar.DefaultSendWindow(loc)}
	from := contacted
	got := describe(models.PlanSends(in, from, from.AddDate(0, 0, 7)), loc)
	if want := "Sat 2026-03-07 19:30 contact_nudge  contact_nudge:c2\n"; got != want {
		t.Errorf("nudge = %q, want %q", got, want)
	}
	replied := contacted.Add(time.Hour)
	c.LastInboundAt = &replied
	if got := models.PlanSends(in, from, from.AddDate(0, 0, 7)); len(got) != 0 {
		t.Errorf("a citizen who wrote back gets no nudge: %v", got)
	}
}

func TestPlanSends_NothingForCitizensWhoGetNothing(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for name, mark := range map[string]func(*models.Citizen){
		"opted out":   func(c *models.Citizen) { c.OptedOutAt = &now },
		"paused":      func(c *models.Citizen) { c.PausedAt = &now },
		"declined":    func(c *models.Citizen) { c.DeclinedAt = &now },
		"unreachable": func(c *models.Citizen) { c.UnreachableAt = &now },
		"closed":      func(c *models.Citizen) { c.ClosedAt = &now },
		"completed":   func(c *models.Citizen) { c.CompletedAt = &now },
	} {
		in, loc := planFixture(t)
		mark(in.Citizen)
		from := time.Date(2026, 2, 16, 0, 0, 0, 0, loc)
		if got := models.PlanSends(in, from, from.AddDate(1, 0, 0)); len(got) != 0 {
			t.Errorf("%s citizen gets %d sends", name, len(got))
		}
	}
}
