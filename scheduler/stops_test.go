package scheduler_test

import (
	"testing"
	"time"

	"brobygger/models"
)

// stoppedFixture is a citizen three weeks into the shipped plan with a weekly activity, and the
// times the preview said the next hundred days of sends would go.
func stoppedFixture(t *testing.T, d models.Dialect) (*harness, *models.Citizen, []time.Time) {
	h := newHarness(t, d, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	c := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
	h.activity(c, "Gåtur", 4, "14:00", models.Date{Year: 2026, Month: 3, Day: 5})
	h.followPreview(c, h.local(2026, 3, 23, 8, 0))
	upcoming, err := h.s.UpcomingSends(h.ctx, c.ID, h.clock.now(), h.clock.now().AddDate(0, 0, 100), h.config().Window)
	if err != nil {
		t.Fatal(err)
	}
	if len(upcoming) < 20 {
		t.Fatalf("only %d sends planned for the next 100 days", len(upcoming))
	}
	var times []time.Time
	for _, ps := range upcoming {
		times = append(times, ps.DueAt)
	}
	return h, c, times
}

// expectSilence runs a pass at each of the times and fails on any scheduled SMS queued, and on
// a preview that still announces something.
func expectSilence(h *harness, c *models.Citizen, times []time.Time) {
	h.t.Helper()
	before := len(h.outbox(c.ID, scheduledKinds()...))
	for _, at := range times {
		h.runAt(at)
	}
	if rows := h.outbox(c.ID, scheduledKinds()...); len(rows) != before {
		h.t.Errorf("queued after the stop:\n%s", h.describe(rows[before:]))
	}
	if upcoming, _ := h.s.UpcomingSends(h.ctx, c.ID, h.clock.now(), h.clock.now().AddDate(1, 0, 0), h.config().Window); len(upcoming) != 0 {
		h.t.Errorf("the preview still announces %d sends", len(upcoming))
	}
}

func TestRunDue_OptOutMidPlan(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h, c, times := stoppedFixture(t, d)
		h.say(c, "STOP")
		expectSilence(h, c, times)
	})
}

func TestRunDue_PausedAfterCrisis(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h, c, times := stoppedFixture(t, d)
		h.say(c, "jeg vil ikke leve mere")
		if got, _ := h.s.CitizenByID(h.ctx, c.ID); got.PausedAt == nil {
			t.Fatal("crisis wording did not pause the citizen")
		}
		expectSilence(h, c, times)
	})
}

func TestRunDue_NothingForDeclinedUnreachableClosedCompleted(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		stops := map[string]func(*models.CitizenUpdate, *time.Time){
			"declined_at":    func(u *models.CitizenUpdate, at *time.Time) { u.DeclinedAt = at },
			"unreachable_at": func(u *models.CitizenUpdate, at *time.Time) { u.UnreachableAt = at },
			"closed_at":      func(u *models.CitizenUpdate, at *time.Time) { u.ClosedAt = at },
			"completed_at":   func(u *models.CitizenUpdate, at *time.Time) { u.CompletedAt = at },
		}
		for col, stop := range stops {
			t.Run(col, func(t *testing.T) {
				h, c, times := stoppedFixture(t, d)
				var change models.CitizenUpdate
				now := h.clock.now()
				stop(&change, &now)
				if err := h.s.UpdateCitizen(h.ctx, c.ID, change); err != nil {
					t.Fatal(err)
				}
				expectSilence(h, c, times)
			})
		}
	})
}

// TestRunDue_RemindersOffAndOwnLead: with reminders off there are none, but "did you go?" is
// still asked; with a lead of two hours the reminder goes two hours before the start.
func TestRunDue_RemindersOffAndOwnLead(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		off := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		lead := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		empty := models.CheckinPlan{}
		for _, c := range []*models.Citizen{off, lead} {
			if err := h.s.SetCitizenCheckinPlan(h.ctx, c.ID, &empty); err != nil {
				t.Fatal(err)
			}
			h.activity(c, "Gåtur", 4, "14:00", models.Date{Year: 2026, Month: 3, Day: 5})
		}
		noReminders, twoHours := off.Preferences, lead.Preferences
		noReminders.RemindersEnabled, twoHours.ReminderLeadMinutes = false, 120
		if err := h.s.UpdateCitizen(h.ctx, off.ID, models.CitizenUpdate{Preferences: &noReminders}); err != nil {
			t.Fatal(err)
		}
		if err := h.s.UpdateCitizen(h.ctx, lead.ID, models.CitizenUpdate{Preferences: &twoHours}); err != nil {
			t.Fatal(err)
		}
		for day := 2; day <= 13; day++ {
			for _, hm := range [][2]int{{9, 0}, {9, 30}, {10, 0}, {12, 0}, {18, 0}} {
				h.clock.set(h.local(2026, 3, day, hm[0], hm[1]))
				h.settle(off, lead)
			}
		}
		if got, want := h.describe(h.outbox(off.ID, scheduledKinds()...)),
			"Fri 2026-03-06 10:00 followup -\nFri 2026-03-13 10:00 followup -"; got != want {
			t.Errorf("reminders off:\n%s\nwant:\n%s", got, want)
		}
		want := "Thu 2026-03-05 12:00 reminder -\nFri 2026-03-06 10:00 followup -\nThu 2026-03-12 12:00 reminder -\nFri 2026-03-13 10:00 followup -"
		if got := h.describe(h.outbox(lead.ID, scheduledKinds()...)); got != want {
			t.Errorf("two hours' lead:\n%s\nwant:\n%s", got, want)
		}
		r := h.outbox(lead.ID, models.KindReminder)[0]
		if r.NotAfter == nil || !r.NotAfter.Equal(h.local(2026, 3, 5, 14, 0)) || r.Body != "Hej Test. Husk Gåtur i dag kl. 14:00, Kulturhuset, Hovedgaden 1. God fornøjelse!" {
			t.Errorf("reminder = %q not after %v", r.Body, r.NotAfter)
		}
	})
}
