package scheduler_test

import (
	"testing"
	"time"

	"brobygger/models"
)

// appWeek is a citizen confirmed on Monday 2 March 2026 who prefers the app and has a browser
// registered, with the WHO-5 due on Tuesday and a walk every Wednesday at 14:00 (reminded at
// 09:30 on the day).
func appWeek(t *testing.T, d models.Dialect) (*harness, *models.Citizen) {
	h := newHarness(t, d, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 1}}}); err != nil {
		t.Fatal(err)
	}
	c := h.appCitizen()
	return h, c
}

// appCitizen is one more citizen of the week who prefers the app and has a device.
func (h *harness) appCitizen() *models.Citizen {
	h.t.Helper()
	c := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
	h.activity(c, "Gåtur", 3, "14:00", models.Date{Year: 2026, Month: 3, Day: 2})
	h.prefer(c, "app")
	h.subscribe(c)
	return c
}

// runWeek runs a pass every step from `from` to `to`, playing both dispatchers after each, and
// adds up the reports.
func (h *harness) runWeek(from, to time.Time, step time.Duration) (total struct{ Fallbacks, Skipped int }) {
	h.t.Helper()
	for at := from; !at.After(to); at = at.Add(step) {
		rep := h.runAt(at)
		total.Fallbacks += rep.Fallbacks
		total.Skipped += rep.FallbacksSkipped
		h.pushAll()
		h.deliver()
	}
	return total
}

// TestRunDue_StopStopsSMSOnly: two citizens say STOP on Monday. The one who prefers the app and
// has a browser still gets the WHO-5 and the walk's reminder as pushes, is never asked by SMS
// when the check-in waits past the app fallback, and the unopened reminder's fallback, which could
// only be an SMS, is skipped and recorded on the push row; the check-in stays answerable in the
// app. The one who uses SMS only gets nothing scheduled. The preview agrees with both.
func TestRunDue_StopStopsSMSOnly(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h, app := appWeek(t, d)
		smsOnly := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		h.activity(smsOnly, "Gåtur", 3, "14:00", models.Date{Year: 2026, Month: 3, Day: 2})
		h.clock.set(h.local(2026, 3, 2, 11, 0))
		h.say(app, "STOP")
		h.say(smsOnly, "STOP")
		for _, c := range []*models.Citizen{app, smsOnly} {
			if got, _ := h.s.CitizenByID(h.ctx, c.ID); !got.OptedOut() {
				t.Fatalf("STOP did not opt %s out", c.ID)
			}
		}
		if upcoming, _ := h.s.UpcomingSends(h.ctx, app.ID, h.clock.now(), h.local(2026, 3, 5, 0, 0), h.config().Window); len(upcoming) != 2 {
			t.Errorf("the app user's preview after STOP: %+v, want the check-in and the reminder", upcoming)
		}
		total := h.runWeek(h.local(2026, 3, 3, 8, 0), h.local(2026, 3, 5, 12, 0), 15*time.Minute)

		rows := h.outbox(app.ID, scheduledKinds()...)
		if len(rows) != 2 {
			t.Fatalf("the app user's scheduled rows: %+v, want the check-in push and the reminder push", rows)
		}
		for _, r := range rows {
			if r.Channel != models.ChannelPush {
				t.Errorf("%s went by %s after STOP", r.Kind, r.Channel)
			}
		}
		reminder := h.outbox(app.ID, models.KindReminder)[0]
		if reminder.LastError != models.NoFallbackSMSStopped || reminder.FallbackAt != nil || total.Skipped != 1 || total.Fallbacks != 0 {
			t.Errorf("the unopened reminder push: reason %q, fallback_at %v; passes skipped %d and made %d fallbacks",
				reminder.LastError, reminder.FallbackAt, total.Skipped, total.Fallbacks)
		}
		if ch := h.answerAllInApp(app); ch.Channel != "app" {
			t.Errorf("the check-in was answered by %q", ch.Channel)
		}
		if got := h.outbox(smsOnly.ID, scheduledKinds()...); len(got) != 0 {
			t.Errorf("the SMS-only citizen got %d scheduled rows after STOP", len(got))
		}
		if upcoming, _ := h.s.UpcomingSends(h.ctx, smsOnly.ID, h.clock.now(), h.clock.now().AddDate(0, 1, 0), h.config().Window); len(upcoming) != 0 {
			t.Errorf("the SMS-only citizen's preview after STOP: %+v", upcoming)
		}
	})
}

// TestRunDue_PauseStopsPushes: a link worker's pause stops the app user's pushes as it stops
// SMS, STOP or not; resumed, the next week's reminder is pushed again.
func TestRunDue_PauseStopsPushes(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h, app := appWeek(t, d)
		stopped := h.appCitizen()
		h.clock.set(h.local(2026, 3, 2, 11, 0))
		h.say(stopped, "STOP")
		for _, c := range []*models.Citizen{app, stopped} {
			if _, err := h.s.PauseCitizen(h.ctx, c.ID, h.worker.ID, "Ferie i to uger"); err != nil {
				t.Fatal(err)
			}
		}
		h.runWeek(h.local(2026, 3, 3, 8, 0), h.local(2026, 3, 5, 12, 0), 15*time.Minute)
		for _, c := range []*models.Citizen{app, stopped} {
			if rows := h.outbox(c.ID, scheduledKinds()...); len(rows) != 0 {
				t.Errorf("paused citizen %s got %d scheduled rows: %+v", c.ID, len(rows), rows)
			}
		}
		for _, c := range []*models.Citizen{app, stopped} {
			if _, err := h.s.ResumeCitizen(h.ctx, c.ID, h.worker.ID, "Hjemme igen"); err != nil {
				t.Fatal(err)
			}
		}
		h.runWeek(h.local(2026, 3, 11, 8, 0), h.local(2026, 3, 11, 12, 0), 15*time.Minute)
		// Unopened, the reminder falls back to SMS two hours later for the one who did not say STOP.
		for _, c := range []*models.Citizen{app, stopped} {
			if rows := h.outbox(c.ID, models.KindReminder); len(rows) == 0 || rows[0].Channel != models.ChannelPush {
				t.Errorf("resumed citizen %s: reminder rows %+v, want a push first", c.ID, rows)
			}
		}
	})
}

// TestRunDue_QuietHoursHoldPushes: a citizen whose window opens at 11:00 gets neither the
// check-in push nor the reminder push before 11:00, STOP or not: the rows wait, and the push
// dispatcher's claim takes nothing at 10:59.
func TestRunDue_QuietHoursHoldPushes(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h, app := appWeek(t, d)
		stopped := h.appCitizen()
		h.clock.set(h.local(2026, 3, 2, 11, 0))
		h.say(stopped, "STOP")
		for _, c := range []*models.Citizen{app, stopped} {
			got, _ := h.s.CitizenByID(h.ctx, c.ID)
			p := got.Preferences
			p.QuietStart, p.QuietEnd = "20:00", "11:00"
			if err := h.s.UpdateCitizen(h.ctx, c.ID, models.CitizenUpdate{Preferences: &p}); err != nil {
				t.Fatal(err)
			}
		}
		for _, day := range []int{3, 4} { // Tuesday: the WHO-5; Wednesday: the walk's reminder
			for at := h.local(2026, 3, day, 8, 0); at.Before(h.local(2026, 3, day, 11, 0)); at = at.Add(15 * time.Minute) {
				h.runAt(at)
			}
			h.clock.set(h.local(2026, 3, day, 10, 59))
			if early := h.pushAll(); len(early) != 0 {
				t.Fatalf("pushed before 11:00 on the %d.: %+v", day, early)
			}
			h.runAt(h.local(2026, 3, day, 11, 0))
			pushed := h.pushAll()
			if len(pushed) != 2 {
				t.Fatalf("pushed at 11:00 on the %d.: %d rows, want one for each citizen", day, len(pushed))
			}
			for _, r := range pushed {
				if !r.NotBefore.Equal(h.local(2026, 3, day, 11, 0)) {
					t.Errorf("%s push not before %s, want 11:00", r.Kind, r.NotBefore.In(h.loc))
				}
			}
		}
	})
}

// TestRunDue_PushesOncePerDay: passes every half hour for nine days, from two schedulers in
// turn, push each check-in once and each session's reminder once, on its own day.
func TestRunDue_PushesOncePerDay(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h, app := appWeek(t, d)
		stopped := h.appCitizen()
		h.clock.set(h.local(2026, 3, 2, 11, 0))
		h.say(stopped, "STOP")
		second := h.newScheduler()
		for at, n := h.local(2026, 3, 3, 8, 0), 0; at.Before(h.local(2026, 3, 12, 8, 0)); at, n = at.Add(30*time.Minute), n+1 {
			h.clock.set(at)
			if n%2 == 1 {
				if _, err := second.RunDue(h.ctx, at); err != nil {
					t.Fatal(err)
				}
			} else {
				h.runAt(at)
			}
			for _, it := range h.pushAll() {
				if _, err := h.s.OpenNotification(h.ctx, *it.CitizenID, it.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		pushes := func(c *models.Citizen, kind string) []models.OutboxItem {
			var out []models.OutboxItem
			for _, r := range h.outbox(c.ID, kind) {
				if r.Channel == models.ChannelPush {
					out = append(out, r)
				}
			}
			return out
		}
		// The one who did not say STOP opened the check-in's push but did not answer, so it is
		// asked by SMS after the app fallback: that is the SMS fallback, not a second push.
		if sms := h.outbox(stopped.ID, scheduledKinds()...); len(sms) != len(pushes(stopped, models.KindCheckin))+len(pushes(stopped, models.KindReminder)) {
			t.Errorf("the citizen who said STOP got rows by other channels: %+v", sms)
		}
		for _, c := range []*models.Citizen{app, stopped} {
			if got := pushes(c, models.KindCheckin); len(got) != 1 {
				t.Errorf("citizen %s: check-in pushes %+v, want one", c.ID, got)
			}
			days := map[string]bool{}
			for _, r := range pushes(c, models.KindReminder) {
				day := r.NotBefore.In(h.loc).Format("2006-01-02 15:04")
				if days[day] {
					t.Errorf("citizen %s: reminder %s pushed twice", c.ID, day)
				}
				days[day] = true
			}
			if !days["2026-03-04 09:30"] || !days["2026-03-11 09:30"] || len(days) != 2 {
				t.Errorf("citizen %s: reminders pushed on %v, want Wednesday 4 and 11 March at 09:30", c.ID, days)
			}
		}
	})
}
