package scheduler_test

import (
	"testing"
	"time"

	"brobygger/models"
)

// TestRunDue_ClosedDaysHoldCheckinsAndPreviewAgrees: a check-in due on juleaftensdag (a customary
// closed day, on by default) waits past Christmas and the Sunday to Monday 28 December at 09:00;
// once the admin closes 28 December too it goes on Tuesday. The preview says the same each time,
// and the scheduler sends nothing before.
func TestRunDue_ClosedDaysHoldCheckinsAndPreviewAgrees(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 12, 14, 9, 0, 0, 0, time.UTC))
		if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 10}}}); err != nil {
			t.Fatal(err)
		}
		c := h.confirmedCitizen(h.local(2026, 12, 14, 10, 0)) // Monday; day 10 is Thursday 24 December
		preview := func() time.Time {
			t.Helper()
			sends, err := h.s.UpcomingSends(h.ctx, c.ID, h.clock.now(), h.local(2027, 1, 31, 0, 0), h.config().Window)
			if err != nil {
				t.Fatal(err)
			}
			if len(sends) != 1 || sends[0].Kind != models.SendCheckin {
				t.Fatalf("preview = %+v, want the one check-in", sends)
			}
			return sends[0].DueAt
		}
		if got, want := preview(), h.local(2026, 12, 28, 9, 0); !got.Equal(want) {
			t.Errorf("preview with the customary days: %s, want %s", got.In(h.loc), want)
		}
		if err := h.s.SetSiteClosedDays(h.ctx, models.ClosedDays{Customary: true, Extra: []models.ClosedDate{{Month: time.December, Day: 28}}}); err != nil {
			t.Fatal(err)
		}
		want := h.local(2026, 12, 29, 9, 0)
		if got := preview(); !got.Equal(want) {
			t.Errorf("preview with 28 December closed too: %s, want %s", got.In(h.loc), want)
		}
		for _, at := range []time.Time{h.local(2026, 12, 24, 9, 0), h.local(2026, 12, 24, 12, 0), h.local(2026, 12, 28, 9, 0), h.local(2026, 12, 28, 15, 0)} {
			if rep := h.runAt(at); rep.CheckinsCreated != 0 || rep.CheckinsStarted != 0 {
				t.Fatalf("pass on a closed day %s = %+v", at.In(h.loc), rep)
			}
		}
		h.runAt(want)
		if got := h.describe(h.outbox(c.ID, models.KindCheckin)); got != "Tue 2026-12-29 09:00 checkin who5" {
			t.Errorf("check-in sent %q, want Tuesday 29 December 09:00", got)
		}
	})
}

// TestRunDue_CustomaryDaysCanBeOpened: a site that works on Grundlovsdag turns the customary days
// off, and the check-in due then goes that day.
func TestRunDue_CustomaryDaysCanBeOpened(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC))
		if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 4}}}); err != nil {
			t.Fatal(err)
		}
		c := h.confirmedCitizen(h.local(2026, 6, 1, 10, 0)) // Monday; day 4 is Friday 5 June
		if rep := h.runAt(h.local(2026, 6, 5, 9, 0)); rep.CheckinsStarted != 0 {
			t.Fatalf("sent on Grundlovsdag by default: %+v", rep)
		}
		if err := h.s.SetSiteClosedDays(h.ctx, models.ClosedDays{Customary: false}); err != nil {
			t.Fatal(err)
		}
		h.runAt(h.local(2026, 6, 5, 9, 1))
		if got := h.describe(h.outbox(c.ID, models.KindCheckin)); got != "Fri 2026-06-05 09:01 checkin who5" {
			t.Errorf("check-in sent %q, want Grundlovsdag once the site opened it", got)
		}
	})
}
