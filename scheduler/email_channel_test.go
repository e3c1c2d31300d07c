package scheduler_test

import (
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// emailCitizen refers a citizen with an e-mail address and no phone who confirmed contact at at.
func (h *harness) emailCitizen(at time.Time) *models.Citizen {
	h.t.Helper()
	if h.worker == nil {
		h.worker = storetest.LinkWorker(h.t, h.s, "Lise Brobygger")
	}
	addr := "else@example.dk"
	c, _, err := h.s.CreateReferral(h.ctx, models.NewReferral{Name: "Else Mail", Language: models.LangDA, LinkWorkerID: h.worker.ID,
		ConsentContact: true, ConsentData: true, ReferralProfile: models.ReferralProfile{Email: &addr}})
	if err != nil {
		h.t.Fatal(err)
	}
	contacted, confirmed := at.Add(-time.Hour).UTC(), at.UTC()
	if err := h.s.UpdateCitizen(h.ctx, c.ID, models.CitizenUpdate{ContactedAt: &contacted, ContactConfirmedAt: &confirmed}); err != nil {
		h.t.Fatal(err)
	}
	c, err = h.s.CitizenByID(h.ctx, c.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// TestRunDue_EmailCitizenIsInvitedByEmail: a citizen without a phone gets each check-in as an
// e-mail invitation into the app (once, however many passes; the question stays in the app and
// is not in the e-mail), the activity reminder by e-mail, no "did you go?" SMS, and no SMS at all.
func TestRunDue_EmailCitizenIsInvitedByEmail(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
		if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 1}}}); err != nil {
			t.Fatal(err)
		}
		c := h.emailCitizen(h.local(2026, 3, 2, 10, 0))
		h.activity(c, "Gåtur", 3, "14:00", models.Date{Year: 2026, Month: 3, Day: 2})
		for _, at := range []time.Time{h.local(2026, 3, 3, 9, 0), h.local(2026, 3, 3, 12, 0), h.local(2026, 3, 4, 9, 30),
			h.local(2026, 3, 4, 16, 0), h.local(2026, 3, 5, 9, 0)} {
			h.runAt(at)
		}
		var checkins, reminders int
		for _, row := range h.outbox(c.ID) {
			switch {
			case row.Channel != models.ChannelEmail:
				t.Errorf("a %s row by %s to a citizen without a phone", row.Kind, row.Channel)
			case row.Kind == models.KindCheckin:
				checkins++
				if !strings.Contains(row.Body, "appen") || strings.Contains(row.Body, "uger") {
					t.Errorf("check-in e-mail %q: want an invitation into the app, no question", row.Body)
				}
			case row.Kind == models.KindReminder:
				reminders++
			}
		}
		if checkins != 1 || reminders != 1 {
			for _, row := range h.outbox(c.ID) {
				t.Logf("%s %s %s %q", row.NotBefore, row.Kind, row.Channel, row.Body)
			}
			t.Fatalf("%d check-in and %d reminder e-mails, want 1 and 1", checkins, reminders)
		}
		if pending, err := h.s.PendingCheckins(h.ctx, c.ID); err != nil || len(pending) != 1 {
			t.Fatalf("the check-in waits in the app: %v %v", pending, err)
		}
	})
}
