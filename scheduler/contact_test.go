package scheduler_test

import (
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// referAndContact refers a citizen and sends the contact SMS now, as the referral API does.
func (h *harness) referAndContact() *models.Citizen {
	h.t.Helper()
	if h.worker == nil {
		h.worker = storetest.LinkWorker(h.t, h.s, "Lise Brobygger")
	}
	c := storetest.Citizen(h.t, h.s, h.worker, models.LangDA)
	err := h.s.InTx(h.ctx, func(tx *models.Store) error { return h.engine.StartContact(h.ctx, tx, c, h.clock.now()) })
	if err != nil {
		h.t.Fatal(err)
	}
	h.deliver()
	return c
}

// TestRunDue_ContactNudgeThenUnreachable follows the contact path: no reply for 48 hours brings
// one reminder; 120 hours without a reply expire the question, the citizen becomes unreachable
// with a flag for the link worker, and nothing more is sent. A citizen who answered gets no
// nudge, and one who said JA gets the baseline check-in. One who wrote back with a question is
// not unreachable: the link worker is asked, once, to call them.
func TestRunDue_ContactNudgeThenUnreachable(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)) // Monday 10:00
		sent := h.clock.now()
		silent, chatty, willing := h.referAndContact(), h.referAndContact(), h.referAndContact()
		h.clock.set(sent.Add(time.Hour))
		h.say(chatty, "hvem er du?")
		h.say(willing, "ja")

		h.runAt(sent.Add(time.Hour))
		if got := h.describe(h.outbox(willing.ID, scheduledKinds()...)); got != "Mon 2026-03-02 11:00 checkin who5" {
			t.Errorf("after JA: %q, want the baseline check-in", got)
		}
		if rep := h.runAt(sent.Add(48*time.Hour - time.Minute)); rep.Nudges != 0 {
			t.Fatalf("nudged before 48 hours: %+v", rep)
		}
		if rep := h.runAt(sent.Add(48 * time.Hour)); rep.Nudges != 1 {
			t.Fatalf("pass at 48 hours = %+v, want one nudge", rep)
		}
		h.runAt(sent.Add(50 * time.Hour))
		nudges := h.outbox(silent.ID, models.KindContactNudge)
		if len(nudges) != 1 || !nudges[0].NotBefore.Equal(h.local(2026, 3, 4, 10, 0)) {
			t.Fatalf("nudges = %s, want one on Wednesday at 10:00", h.describe(nudges))
		}
		if len(h.outbox(chatty.ID, models.KindContactNudge)) != 0 {
			t.Error("a citizen who wrote back was nudged")
		}
		h.deliver()

		h.runAt(sent.Add(120*time.Hour - time.Minute))
		if c, _ := h.s.CitizenByID(h.ctx, silent.ID); c.Status == models.StatusUnreachable {
			t.Fatal("unreachable before 120 hours")
		}
		if rep := h.runAt(sent.Add(120 * time.Hour)); rep.Expired < 1 {
			t.Fatalf("pass at 120 hours = %+v, want the contact question expired", rep)
		}
		c, _ := h.s.CitizenByID(h.ctx, silent.ID)
		flags, err := h.s.ListFlags(h.ctx, models.FlagFilter{})
		if err != nil {
			t.Fatal(err)
		}
		flagged := false
		for _, f := range flags {
			flagged = flagged || (f.Kind == models.FlagUnreachable && f.CitizenID != nil && *f.CitizenID == silent.ID)
		}
		if c.Status != models.StatusUnreachable || !flagged {
			t.Fatalf("after 120 hours: status %s, flagged %v; want unreachable and flagged", c.Status, flagged)
		}
		chattyNow, _ := h.s.CitizenByID(h.ctx, chatty.ID)
		if chattyNow.Status == models.StatusUnreachable || chattyNow.UnreachableAt != nil {
			t.Errorf("a citizen who wrote %q is unreachable", "hvem er du?")
		}
		h.runAt(sent.Add(121 * time.Hour))
		flags, err = h.s.ListFlags(h.ctx, models.FlagFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var calls []models.Flag
		for _, f := range flags {
			if f.CitizenID != nil && *f.CitizenID == chatty.ID && f.Kind != models.FlagFreeText {
				calls = append(calls, f)
			}
		}
		if len(calls) != 1 || calls[0].Kind != models.FlagCallBack || strings.Contains(calls[0].Reason, "No reply") {
			t.Errorf("flags for the citizen who asked: %+v, want one call_back", calls)
		}
		before := len(h.outbox(silent.ID))
		for day := 6; day < 30; day++ {
			h.runAt(h.local(2026, 3, day, 10, 0))
		}
		if after := len(h.outbox(silent.ID)); after != before {
			t.Errorf("%d SMS queued for an unreachable citizen", after-before)
		}
	})
}

// TestRunDue_CheckinWaitsForOpenConversation: a check-in due while "did you go?" is unanswered
// stays pending and starts on the first pass after the citizen answers.
func TestRunDue_CheckinWaitsForOpenConversation(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		c := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		plan := models.CheckinPlan{Items: []models.PlanItem{{Instrument: "ons4", OffsetDays: 2}}}
		if err := h.s.SetCitizenCheckinPlan(h.ctx, c.ID, &plan); err != nil {
			t.Fatal(err)
		}
		h.activity(c, "Gåtur", 1, "14:00", models.Date{Year: 2026, Month: 3, Day: 2})
		if rep := h.runAt(h.local(2026, 3, 3, 10, 0)); rep.Followups != 1 {
			t.Fatalf("Tuesday = %+v, want the follow-up", rep)
		}
		h.deliver()
		rep := h.runAt(h.local(2026, 3, 4, 9, 0))
		if rep.CheckinsCreated != 1 || rep.CheckinsStarted != 0 || rep.CheckinsWaiting != 1 {
			t.Fatalf("Wednesday 09:00 = %+v, want the check-in created and waiting", rep)
		}
		if rep := h.runAt(h.local(2026, 3, 4, 10, 0)); rep.CheckinsStarted != 0 {
			t.Fatalf("started while the follow-up is open: %+v", rep)
		}
		h.say(c, "1")
		if rep := h.runAt(h.local(2026, 3, 4, 11, 15)); rep.CheckinsStarted != 1 {
			t.Fatalf("after the answer = %+v, want the check-in started", rep)
		}
		if got := h.describe(h.outbox(c.ID, models.KindCheckin)); got != "Wed 2026-03-04 11:15 checkin ons4" {
			t.Errorf("check-in sent %q", got)
		}
	})
}
