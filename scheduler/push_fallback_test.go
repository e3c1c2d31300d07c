package scheduler_test

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"testing"
	"time"

	"brobygger/models"
)

// subscribe registers a browser for c with fresh, valid keys.
func (h *harness) subscribe(c *models.Citizen) {
	h.t.Helper()
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		h.t.Fatal(err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	sub := models.WebSubscription{Endpoint: "https://push.example.net/" + c.ID, P256dh: enc(key.PublicKey().Bytes()), Auth: enc(make([]byte, 16))}
	if _, err := h.s.RegisterWebDevice(h.ctx, c.ID, sub, false); err != nil {
		h.t.Fatal(err)
	}
}

// pushAll plays the push dispatcher: every due push is accepted by a device and falls back after
// two hours unless opened. It returns the rows pushed.
func (h *harness) pushAll() []models.OutboxItem {
	h.t.Helper()
	items, err := h.s.ClaimChannel(h.ctx, models.ChannelPush, 100, time.Minute)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, it := range items {
		var at *time.Time
		if models.PushFallsBack(it.Kind) {
			t := h.clock.now().Add(2 * time.Hour)
			at = &t
		}
		if err := h.s.SettleChannel(h.ctx, it.ID, true, "", at); err != nil {
			h.t.Fatal(err)
		}
	}
	return items
}

// untilReminder runs a pass every 15 minutes from `from` until a reminder is queued for c.
func (h *harness) untilReminder(c *models.Citizen, from time.Time) models.OutboxItem {
	h.t.Helper()
	for at := from; at.Before(from.Add(48 * time.Hour)); at = at.Add(15 * time.Minute) {
		h.runAt(at)
		if rows := h.outbox(c.ID, models.KindReminder); len(rows) > 0 {
			return rows[0]
		}
	}
	h.t.Fatal("no reminder queued")
	return models.OutboxItem{}
}

// TestRunDue_AppReminderIsPushedThenFallsBackOnce: a citizen who prefers the app and has a browser
// registered gets the reminder as a push, not an SMS. Unopened two hours later, the scheduler
// queues the same reminder by SMS, once, whatever number of passes or schedulers run; a citizen who
// opened theirs gets no SMS. Without a device the reminder goes by SMS at once.
func TestRunDue_AppReminderIsPushedThenFallsBackOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
		empty := models.CheckinPlan{}
		var silent, opener, noDevice *models.Citizen
		for _, c := range []**models.Citizen{&silent, &opener, &noDevice} {
			*c = h.confirmedCitizen(h.local(2026, 3, 2, 8, 0))
			if err := h.s.SetCitizenCheckinPlan(h.ctx, (*c).ID, &empty); err != nil {
				t.Fatal(err)
			}
			h.activity(*c, "Gåtur", 3, "18:00", models.Date{Year: 2026, Month: 3, Day: 2})
			h.prefer(*c, "app")
		}
		h.subscribe(silent)
		h.subscribe(opener)
		row := h.untilReminder(silent, h.local(2026, 3, 3, 8, 0))
		if row.Channel != models.ChannelPush || row.Ref == nil {
			t.Fatalf("reminder row %+v, want a push pointing at the activity", row)
		}
		if sms := h.outbox(noDevice.ID, models.KindReminder); len(sms) != 1 || sms[0].Channel != models.ChannelSMS {
			t.Fatalf("citizen without a device: %+v, want one SMS", sms)
		}
		if sent := h.deliver(); len(sent) != 1 || *sent[0].CitizenID != noDevice.ID {
			t.Fatalf("SMS dispatcher sent %+v, want only the citizen without a device", sent)
		}
		pushedAt := h.clock.now()
		if pushed := h.pushAll(); len(pushed) != 2 {
			t.Fatalf("pushed %d rows, want 2", len(pushed))
		}
		opened := h.outbox(opener.ID, models.KindReminder)[0]
		if _, err := h.s.OpenNotification(h.ctx, opener.ID, opened.ID); err != nil {
			t.Fatal(err)
		}
		if rep := h.runAt(pushedAt.Add(2*time.Hour - time.Minute)); rep.Fallbacks != 0 {
			t.Fatalf("fell back early: %+v", rep)
		}
		if rep := h.runAt(pushedAt.Add(2 * time.Hour)); rep.Fallbacks != 1 {
			t.Fatalf("at the fallback time: %+v, want one fallback", rep)
		}
		second := h.newScheduler()
		if rep, err := second.RunDue(h.ctx, h.clock.now()); err != nil || rep.Fallbacks != 0 {
			t.Fatalf("a second scheduler: %+v %v", rep, err)
		}
		h.runAt(pushedAt.Add(3 * time.Hour))
		rows := h.outbox(silent.ID, models.KindReminder)
		if len(rows) != 2 || rows[1].Channel != models.ChannelSMS || rows[1].Body != rows[0].Body || *rows[1].DedupeKey != "fallback:"+rows[0].ID {
			t.Fatalf("silent citizen's reminder rows: %+v", rows)
		}
		if got := h.outbox(opener.ID, models.KindReminder); len(got) != 1 {
			t.Errorf("the citizen who opened the push got %d rows", len(got))
		}
		if sent := h.deliver(); len(sent) != 1 || *sent[0].CitizenID != silent.ID {
			t.Errorf("fallback SMS sent: %+v", sent)
		}
	})
}

// TestRunDue_AppCheckinIsPushedOnce: a check-in left to the app is announced by one push that
// points at it; passes until the app fallback add no second push, and the SMS comes only then.
func TestRunDue_AppCheckinIsPushedOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
		if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 1}}}); err != nil {
			t.Fatal(err)
		}
		c := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
		h.prefer(c, "app")
		h.subscribe(c)
		for _, at := range []time.Time{h.local(2026, 3, 3, 9, 0), h.local(2026, 3, 3, 10, 0), h.local(2026, 3, 3, 11, 0)} {
			h.runAt(at)
		}
		rows := h.outbox(c.ID, models.KindCheckin)
		pending, _ := h.s.PendingCheckins(h.ctx, c.ID)
		if len(rows) != 1 || rows[0].Channel != models.ChannelPush || len(pending) != 1 || rows[0].Ref == nil || *rows[0].Ref != pending[0].ID {
			t.Fatalf("check-in rows %+v, pending %+v: want one push pointing at the check-in", rows, pending)
		}
		h.runAt(h.local(2026, 3, 3, 12, 0))
		if rows := h.outbox(c.ID, models.KindCheckin); len(rows) != 2 || rows[1].Channel != models.ChannelSMS {
			t.Fatalf("at the app fallback: %+v, want the SMS check-in", rows)
		}
	})
}
