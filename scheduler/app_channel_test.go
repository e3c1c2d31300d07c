package scheduler_test

import (
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
)

// answerAllInApp answers every item of the citizen's one pending check-in in the app.
func (h *harness) answerAllInApp(c *models.Citizen) *models.Checkin {
	h.t.Helper()
	pending, err := h.s.PendingCheckins(h.ctx, c.ID)
	if err != nil || len(pending) != 1 {
		h.t.Fatalf("pending check-ins in the app: %v, %v", pending, err)
	}
	inst, _ := h.reg.Get(pending[0].Instrument, pending[0].Version)
	var answers []bot.AppAnswer
	for _, it := range inst.Items {
		answers = append(answers, bot.AppAnswer{Item: it.Number, Value: inst.Scale[len(inst.Scale)-1].Value})
	}
	ch, err := h.engine.AnswerCheckinInApp(h.ctx, c.ID, pending[0].ID, answers)
	if err != nil {
		h.t.Fatal(err)
	}
	if ch.Status != models.CheckinCompleted {
		h.t.Fatalf("answered in the app: %s", ch.Status)
	}
	return ch
}

func (h *harness) prefer(c *models.Citizen, channel string) {
	h.t.Helper()
	p := c.Preferences
	p.PreferredChannel = channel
	if err := h.s.UpdateCitizen(h.ctx, c.ID, models.CitizenUpdate{Preferences: &p}); err != nil {
		h.t.Fatal(err)
	}
}

// TestRunDue_AppUserIsTextedOnlyAfterTheFallback: for citizens who prefer the app, a check-in due
// at 09:00 waits in the app. One answers there at 10:00 and never gets the SMS; the other has
// not answered by 12:00 (the default three hours) and is asked by SMS then.
func TestRunDue_AppUserIsTextedOnlyAfterTheFallback(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
		if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 1}}}); err != nil {
			t.Fatal(err)
		}
		answers, silent := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0)), h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		h.prefer(answers, "app")
		h.prefer(silent, "app")
		rep := h.runAt(h.local(2026, 3, 3, 9, 0))
		if rep.CheckinsCreated != 2 || rep.CheckinsStarted != 0 || rep.CheckinsInApp != 2 {
			t.Fatalf("Tuesday 09:00 = %+v, want two check-ins left to the app", rep)
		}
		h.clock.set(h.local(2026, 3, 3, 10, 0))
		h.answerAllInApp(answers)
		if rep := h.runAt(h.local(2026, 3, 3, 11, 59)); rep.CheckinsStarted != 0 {
			t.Fatalf("texted before the fallback: %+v", rep)
		}
		if rep := h.runAt(h.local(2026, 3, 3, 12, 0)); rep.CheckinsStarted != 1 {
			t.Fatalf("12:00 = %+v, want the silent citizen's check-in texted", rep)
		}
		h.deliver()
		for _, at := range []time.Time{h.local(2026, 3, 4, 9, 0), h.local(2026, 3, 10, 9, 0)} {
			h.runAt(at)
			h.deliver()
		}
		if got := h.describe(h.outbox(silent.ID, models.KindCheckin)); got != "Tue 2026-03-03 12:00 checkin who5" {
			t.Errorf("silent app user texted %q, want Tuesday 12:00", got)
		}
		if got := h.outbox(answers.ID, models.KindCheckin); len(got) != 0 {
			t.Errorf("a check-in answered in the app was texted: %s", h.describe(got))
		}
	})
}

// TestRunDue_CheckinAnsweredInAppIsNotTextedNextMorning: a check-in started late in the evening
// is queued for 09:00; the citizen answers it in the app that night, so the morning SMS is
// cancelled and the SMS conversation closed.
func TestRunDue_CheckinAnsweredInAppIsNotTextedNextMorning(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
		if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 1}}}); err != nil {
			t.Fatal(err)
		}
		c := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		if rep := h.runAt(h.local(2026, 3, 3, 21, 0)); rep.CheckinsStarted != 1 { // the server was down all day
			t.Fatalf("Tuesday 21:00 = %+v, want the check-in started late", rep)
		}
		if got := h.describe(h.outbox(c.ID, models.KindCheckin)); got != "Wed 2026-03-04 09:00 checkin who5" {
			t.Fatalf("queued %q, want Wednesday 09:00", got)
		}
		h.clock.set(h.local(2026, 3, 3, 21, 30))
		h.answerAllInApp(c)
		if conv, err := h.s.OpenConversation(h.ctx, c.ID); err != nil || conv != nil {
			t.Fatalf("SMS conversation after the app answer: %+v, %v", conv, err)
		}
		h.clock.set(h.local(2026, 3, 4, 9, 0))
		for _, sent := range h.deliver() {
			if sent.CitizenID != nil && *sent.CitizenID == c.ID {
				t.Errorf("sent %s %q after the check-in was answered in the app", sent.Kind, sent.Body)
			}
		}
		rows := h.outbox(c.ID, models.KindCheckin)
		if len(rows) != 1 || rows[0].Status != models.OutboxSuppressed {
			t.Errorf("check-in SMS rows: %+v, want one suppressed", rows)
		}
	})
}
