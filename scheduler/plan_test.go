package scheduler_test

import (
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
	"brobygger/scheduler"
)

// TestRunDue_NineMonthPlanAcrossDST follows the shipped plan for a citizen who confirmed on
// Monday 16 February 2026: every time point falls on a Monday at 09:00 local time, on both sides
// of the spring (29 March) and autumn (25 October) DST changes, never an hour off.
func TestRunDue_NineMonthPlanAcrossDST(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 2, 16, 8, 0, 0, 0, time.UTC))
		c := h.confirmedCitizen(h.local(2026, 2, 16, 10, 0))
		h.followPreview(c, h.local(2027, 1, 1, 0, 0))
		got := h.describe(h.outbox(c.ID, scheduledKinds()...))
		want := `Mon 2026-02-16 10:00 checkin who5
Mon 2026-02-16 10:00 checkin ucla3
Mon 2026-03-02 09:00 checkin who5
Mon 2026-03-02 09:00 checkin ucla3
Mon 2026-03-30 09:00 checkin who5
Mon 2026-03-30 09:00 checkin ucla3
Mon 2026-05-18 09:00 checkin who5
Mon 2026-05-18 09:00 checkin ucla3
Mon 2026-05-18 09:00 checkin participation
Mon 2026-08-17 09:00 checkin who5
Mon 2026-08-17 09:00 checkin ucla3
Mon 2026-11-16 09:00 checkin who5
Mon 2026-11-16 09:00 checkin ucla3
Mon 2026-11-16 09:00 checkin participation`
		if got != want {
			t.Errorf("check-ins sent:\n%s\nwant:\n%s", got, want)
		}
		utc := map[string]bool{}
		for _, r := range h.outbox(c.ID, models.KindCheckin) {
			utc[r.NotBefore.Format("15:04")] = true
		}
		if !utc["08:00"] || !utc["07:00"] {
			t.Errorf("09:00 local is 08:00 UTC in winter and 07:00 UTC in summer; got %v", utc)
		}
	})
}

// TestRunDue_QuietHoursHolidaysAndClosedDays: a check-in due on Easter Sunday goes on Tuesday
// (Easter Monday is a holiday too), one due on Christmas Day on Monday 28 December, one due on
// Grundlovsdag the day after when the site closes customary days; a confirmation late in the
// evening starts the baseline the next morning, at the citizen's own quiet-hours end.
func TestRunDue_QuietHoursHolidaysAndClosedDays(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), func(c *scheduler.Config) {
			c.Window.ExtraClosedDates = calendar.CustomaryClosedDates()
		})
		holidays := h.confirmedCitizen(h.local(2026, 3, 23, 10, 0))
		plan := models.CheckinPlan{Items: []models.PlanItem{
			{Instrument: "who5", OffsetDays: 13}, {Instrument: "who5", OffsetDays: 74}, {Instrument: "who5", OffsetDays: 277}}}
		if err := h.s.SetCitizenCheckinPlan(h.ctx, holidays.ID, &plan); err != nil {
			t.Fatal(err)
		}
		late := h.confirmedCitizen(h.local(2026, 3, 3, 21, 30))
		quietEnd := late.Preferences
		quietEnd.QuietEnd = "10:30"
		if err := h.s.UpdateCitizen(h.ctx, late.ID, models.CitizenUpdate{Preferences: &quietEnd}); err != nil {
			t.Fatal(err)
		}
		baseline := models.CheckinPlan{Items: models.DefaultCheckinPlan().Items[:2]}
		if err := h.s.SetCitizenCheckinPlan(h.ctx, late.ID, &baseline); err != nil {
			t.Fatal(err)
		}
		h.followPreview(late, h.local(2026, 3, 5, 0, 0))
		h.followPreview(holidays, h.local(2027, 1, 1, 0, 0))

		if got, want := h.describe(h.outbox(late.ID, scheduledKinds()...)),
			"Wed 2026-03-04 10:30 checkin who5\nWed 2026-03-04 10:30 checkin ucla3"; got != want {
			t.Errorf("late confirmation:\n%s\nwant:\n%s", got, want)
		}
		want := `Tue 2026-04-07 09:00 checkin who5
Sat 2026-06-06 09:00 checkin who5
Mon 2026-12-28 09:00 checkin who5`
		if got := h.describe(h.outbox(holidays.ID, scheduledKinds()...)); got != want {
			t.Errorf("holiday check-ins:\n%s\nwant:\n%s", got, want)
		}
	})
}
