package scheduler_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

// followPreview steps the clock from one send the preview (UpcomingSends) announces to the next,
// until until, and at each step checks that the scheduler queued exactly what was announced.
func (h *harness) followPreview(c *models.Citizen, until time.Time) {
	h.t.Helper()
	w := h.config().Window
	seen := map[string]bool{}
	for _, r := range h.outbox(c.ID) {
		seen[r.ID] = true
	}
	var last time.Time
	for {
		next, err := h.s.UpcomingSends(h.ctx, c.ID, h.clock.now(), until, w)
		if err != nil {
			h.t.Fatal(err)
		}
		if len(next) == 0 {
			return
		}
		at := next[0].DueAt
		if at.Equal(last) {
			h.t.Fatalf("the preview still announces %s at %s after the scheduler ran then", next[0].PlanKey, at.In(h.loc))
		}
		var predicted, queued []string
		for _, ps := range next {
			if ps.DueAt.Equal(at) {
				predicted = append(predicted, ps.PlanKey)
			}
		}
		h.clock.set(at)
		h.settle(c)
		for _, r := range h.outbox(c.ID, scheduledKinds()...) {
			if !seen[r.ID] {
				queued = append(queued, h.planKeyOf(r))
			}
			seen[r.ID] = true
		}
		sort.Strings(predicted)
		sort.Strings(queued)
		if strings.Join(predicted, " ") != strings.Join(queued, " ") {
			h.t.Fatalf("at %s the preview announced\n%v\nbut the scheduler queued\n%v", at.In(h.loc), predicted, queued)
		}
		last = at
	}
}

// TestRunDue_DoesWhatThePreviewSays follows six weeks of a citizen with a weekly activity:
// check-ins, pulses, reminders and follow-ups all go out exactly when UpcomingSends said.
func TestRunDue_DoesWhatThePreviewSays(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		start := time.Date(2026, 9, 28, 8, 0, 0, 0, time.UTC)
		h := newHarness(t, d, start)
		c := h.confirmedCitizen(h.local(2026, 9, 28, 10, 0))
		h.activity(c, "Strikkeklub", 3, "10:00", models.Date{Year: 2026, Month: 9, Day: 30})
		h.followPreview(c, h.local(2026, 11, 9, 0, 0))
		got := h.describe(h.outbox(c.ID, scheduledKinds()...))
		want := `Mon 2026-09-28 10:00 checkin who5
Mon 2026-09-28 10:00 checkin ucla3
Tue 2026-09-29 18:00 reminder -
Thu 2026-10-01 10:00 followup -
Mon 2026-10-05 09:00 checkin pulse
Tue 2026-10-06 18:00 reminder -
Thu 2026-10-08 10:00 followup -
Mon 2026-10-12 09:00 checkin who5
Mon 2026-10-12 09:00 checkin ucla3
Tue 2026-10-13 18:00 reminder -
Thu 2026-10-15 10:00 followup -
Mon 2026-10-19 09:00 checkin pulse
Tue 2026-10-20 18:00 reminder -
Thu 2026-10-22 10:00 followup -
Mon 2026-10-26 09:00 checkin pulse
Tue 2026-10-27 18:00 reminder -
Thu 2026-10-29 10:00 followup -
Mon 2026-11-02 09:00 checkin pulse
Tue 2026-11-03 18:00 reminder -
Thu 2026-11-05 10:00 followup -`
		if got != want {
			t.Errorf("sent:\n%s\nwant:\n%s", got, want)
		}
	})
}
