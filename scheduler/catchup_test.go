package scheduler_test

import (
	"testing"
	"time"

	"brobygger/models"
)

// TestRunDue_CatchUpAfterThreeDayOutage: nothing runs from Sunday 15 March 12:00 to Wednesday 18
// March 12:00. Monday's check-ins then go out late, the reminder for Monday's activity (which
// has begun) is never queued, and Tuesday's "did you go?" is asked late.
func TestRunDue_CatchUpAfterThreeDayOutage(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		c := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		act := h.activity(c, "Gåtur", 1, "14:00", models.Date{Year: 2026, Month: 3, Day: 2})
		h.followPreview(c, h.local(2026, 3, 15, 12, 0))
		before := len(h.outbox(c.ID, scheduledKinds()...))

		h.clock.set(h.local(2026, 3, 18, 12, 0))
		h.settle(c)
		rows := h.outbox(c.ID, scheduledKinds()...)[before:]
		want := `Wed 2026-03-18 12:00 checkin who5
Wed 2026-03-18 12:00 checkin ucla3
Wed 2026-03-18 12:00 followup -`
		if got := h.describe(rows); got != want {
			t.Errorf("after the outage:\n%s\nwant:\n%s", got, want)
		}
		for _, r := range rows {
			if r.DedupeKey != nil && *r.DedupeKey == models.ReminderKey(act.ID, models.Date{Year: 2026, Month: 3, Day: 16}) {
				t.Error("the reminder for Monday's activity was queued after it began")
			}
		}
		if r := rows[len(rows)-1]; *r.DedupeKey != models.FollowupKey(act.ID, models.Date{Year: 2026, Month: 3, Day: 16}) {
			t.Errorf("the follow-up is about %s, want Monday 16 March", *r.DedupeKey)
		}
	})
}

// TestRunDue_ReminderQueuedButNotDeliveredInTime: the scheduler queued the reminder, but the
// dispatcher only gets to it after the activity began, so it is dropped, not sent late.
func TestRunDue_ReminderQueuedButNotDeliveredInTime(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		c := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		empty := models.CheckinPlan{}
		if err := h.s.SetCitizenCheckinPlan(h.ctx, c.ID, &empty); err != nil {
			t.Fatal(err)
		}
		h.activity(c, "Gåtur", 3, "14:00", models.Date{Year: 2026, Month: 3, Day: 4})
		if rep := h.runAt(h.local(2026, 3, 4, 9, 30)); rep.Reminders != 1 {
			t.Fatalf("pass = %+v, want the reminder queued", rep)
		}
		h.clock.set(h.local(2026, 3, 4, 14, 1))
		if sent := h.deliver(); len(sent) != 0 {
			t.Errorf("a reminder went out after the activity began: %s", h.describe(sent))
		}
		rows := h.outbox(c.ID, models.KindReminder)
		if len(rows) != 1 || rows[0].Status != models.OutboxSuppressed || rows[0].Priority != models.PriorityReminder {
			t.Errorf("reminder row = %+v, want suppressed with reminder priority", rows)
		}
	})
}
