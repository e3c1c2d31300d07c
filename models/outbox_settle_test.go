package models_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

func TestStore_SettleOutbox_MixedBatch(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		cit := map[string]*models.Citizen{}
		for _, name := range []string{"sent", "retry", "failed", "optout", "invalid", "stale"} {
			cit[name] = storetest.Citizen(t, s, nil, models.LangDA)
		}
		// Two rows whose lease runs out: another dispatcher claims them again and holds them.
		enqueue(t, s, cit["stale"], models.KindSafety, "stale retry", clock.Now())
		enqueue(t, s, cit["stale"], models.KindSafety, "stale sent", clock.Now())
		first := claimByBody(t, s, 2)
		clock.Advance(2 * time.Minute)
		reclaimed := claimByBody(t, s, 2)

		enqueue(t, s, cit["sent"], models.KindContact, "contact", clock.Now())
		enqueue(t, s, cit["retry"], models.KindCheckin, "throttled", clock.Now())
		enqueue(t, s, cit["failed"], models.KindCheckin, "unreachable", clock.Now())
		enqueue(t, s, cit["optout"], models.KindCheckin, "went out before the STOP", clock.Now())
		enqueue(t, s, cit["optout"], models.KindReminder, "refused: opted out", clock.Now())
		enqueue(t, s, cit["invalid"], models.KindCheckin, "refused: invalid", clock.Now())
		later := enqueue(t, s, cit["optout"], models.KindFollowup, "queued for tomorrow", clock.Now().Add(24*time.Hour))
		claimed := claimByBody(t, s, 10)
		if len(claimed) != 6 {
			t.Fatalf("claimed %d rows, want 6", len(claimed))
		}

		retryAt := clock.Now().Add(5 * time.Minute)
		outcomes := []models.OutboxOutcome{
			{Item: claimed["contact"], Status: models.OutboxSent, Sent: models.SentSMS{SID: "SMcontact", Status: "queued", Segments: 1}},
			{Item: claimed["throttled"], Status: models.OutboxPending, RetryAt: retryAt, ErrorCode: models.TwilioThrottled, Reason: "Too Many Requests"},
			{Item: claimed["unreachable"], Status: models.OutboxFailed, ErrorCode: 21612, Reason: "not reachable"},
			{Item: claimed["went out before the STOP"], Status: models.OutboxSent, Sent: models.SentSMS{SID: "SMbefore", Status: "queued", Segments: 2}},
			{Item: claimed["refused: opted out"], Status: models.OutboxFailed, ErrorCode: models.TwilioOptedOut, Reason: "unsubscribed", Recipient: models.RecipientOptedOut},
			{Item: claimed["refused: invalid"], Status: models.OutboxFailed, ErrorCode: models.TwilioInvalidNumber, Reason: "invalid", Recipient: models.RecipientPhoneInvalid},
			{Item: first["stale retry"], Status: models.OutboxPending, RetryAt: retryAt, ErrorCode: 20503, Reason: "unavailable"},
			{Item: first["stale sent"], Status: models.OutboxSent, Sent: models.SentSMS{SID: "SMstale", Status: "queued", Segments: 1}},
		}
		settled, err := s.SettleOutbox(ctx, outcomes)
		if err != nil {
			t.Fatal(err)
		}
		if want := []bool{true, true, true, true, true, true, false, false}; !slices.Equal(settled, want) {
			t.Fatalf("settled %v, want %v", settled, want)
		}

		now := clock.Now()
		rows := rowsByBody(t, s)
		sent := rows["contact"]
		if sent.Status != models.OutboxSent || sent.SentAt == nil || !sent.SentAt.Equal(now) || sent.LeaseUntil != nil ||
			sent.Segments != 1 || sent.MessageID == nil || messageSID(t, s, *sent.MessageID) != "SMcontact" {
			t.Errorf("sent row %+v", sent)
		}
		if c := citizenByID(t, s, cit["sent"].ID); c.ContactedAt == nil || c.LastOutboundAt == nil ||
			!c.LastOutboundAt.Equal(now) || c.Status != models.StatusContacted {
			t.Errorf("the contacted citizen %+v", c)
		}
		if r := rows["throttled"]; r.Status != models.OutboxPending || !r.NotBefore.Equal(retryAt) || r.LeaseUntil != nil ||
			r.Attempts != 1 || r.ErrorCode != models.TwilioThrottled || r.LastError != "Too Many Requests" {
			t.Errorf("retried row %+v", r)
		}
		if r := rows["unreachable"]; r.Status != models.OutboxFailed || r.ErrorCode != 21612 || r.LeaseUntil != nil {
			t.Errorf("failed row %+v", r)
		}
		// The opt-out is applied after the batch's rows: the SMS that went out stays sent, the
		// citizen's SMS still waiting is suppressed.
		if r := rows["went out before the STOP"]; r.Status != models.OutboxSent || r.Segments != 2 {
			t.Errorf("row sent beside the opt-out %+v", r)
		}
		if r := rows["refused: opted out"]; r.Status != models.OutboxFailed || r.ErrorCode != models.TwilioOptedOut {
			t.Errorf("opted-out row %+v", r)
		}
		if r := rows["queued for tomorrow"]; r.ID != later || r.Status != models.OutboxSuppressed {
			t.Errorf("the opted-out citizen's queued row %+v", r)
		}
		if c := citizenByID(t, s, cit["optout"].ID); !c.OptedOut() || c.OptOutSource != models.OptOutByTwilio {
			t.Errorf("opted-out citizen %+v", c)
		}
		if c := citizenByID(t, s, cit["invalid"].ID); c.PhoneInvalidAt == nil || c.Status != models.StatusUnreachable {
			t.Errorf("citizen with an invalid number %+v", c)
		}
		// The rows another dispatcher holds are left to it; the SMS that did go out is on the timeline.
		for _, body := range []string{"stale retry", "stale sent"} {
			r := rows[body]
			if r.Status != models.OutboxSending || r.Attempts != 2 || r.LeaseUntil == nil ||
				!r.LeaseUntil.Equal(*reclaimed[body].LeaseUntil) || r.MessageID != nil || r.ErrorCode != 0 {
				t.Errorf("row held by another dispatcher changed: %+v", r)
			}
		}
		if got := messageStatus(t, s, "SMstale"); got != "queued" {
			t.Errorf("the stale worker's sent SMS is not on the timeline (status %q)", got)
		}
	}, models.WithClock(clock.Now))
}

func TestStore_SettleOutbox_LargeBatchAndNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if settled, err := s.SettleOutbox(ctx, nil); err != nil || settled != nil {
			t.Fatalf("settling nothing: %v %v", settled, err)
		}
		c := storetest.Citizen(t, s, nil, models.LangDA)
		const n = 1234 // more than one statement's worth of rows
		wave := make([]models.NewOutbound, n)
		for i := range wave {
			wave[i] = models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: fmt.Sprint("wave ", i), Kind: models.KindCheckin}
		}
		if _, err := s.EnqueueBatch(ctx, wave); err != nil {
			t.Fatal(err)
		}
		claimed, err := s.ClaimOutbox(ctx, n, time.Minute)
		if err != nil || len(claimed) != n {
			t.Fatalf("claimed %d: %v", len(claimed), err)
		}
		outcomes := make([]models.OutboxOutcome, n)
		for i, item := range claimed {
			outcomes[i] = models.OutboxOutcome{Item: item, Status: models.OutboxSent,
				Sent: models.SentSMS{SID: fmt.Sprintf("SM%032d", i), Status: "queued", Segments: 1}}
		}
		settled, err := s.SettleOutbox(ctx, outcomes)
		if err != nil || len(settled) != n || slices.Contains(settled, false) {
			t.Fatalf("settled %d (all: %v): %v", len(settled), !slices.Contains(settled, false), err)
		}
		var messages int64
		if err := s.GormDB().Model(&models.Message{}).Where("outbox_id IS NOT NULL").Count(&messages).Error; err != nil || messages != n {
			t.Errorf("%d messages (%v), want %d", messages, err, n)
		}
		rows, err := s.ListOutbox(ctx, models.OutboxFilter{Statuses: []models.OutboxStatus{models.OutboxSent}})
		if err != nil || len(rows) != n {
			t.Errorf("%d rows sent (%v), want %d", len(rows), err, n)
		}
	})
}

// enqueue queues one SMS to c, due at notBefore, and returns its outbox id.
func enqueue(t *testing.T, s *models.Store, c *models.Citizen, kind, body string, notBefore time.Time) string {
	t.Helper()
	key := "settle-test:" + body
	priority := models.PriorityScheduled
	if kind == models.KindSafety {
		priority = models.PrioritySafety
	}
	if ok, err := s.Enqueue(context.Background(), models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: body,
		Kind: kind, Priority: priority, DedupeKey: key, NotBefore: notBefore}); err != nil || !ok {
		t.Fatalf("enqueue %q: %v %v", body, ok, err)
	}
	var id string
	if err := s.GormDB().Model(&models.OutboxItem{}).Where("dedupe_key = ?", key).Pluck("id", &id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

// claimByBody claims up to limit rows for a minute and returns them by body.
func claimByBody(t *testing.T, s *models.Store, limit int) map[string]models.OutboxItem {
	t.Helper()
	items, err := s.ClaimOutbox(context.Background(), limit, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]models.OutboxItem{}
	for _, it := range items {
		out[it.Body] = it
	}
	return out
}

// rowsByBody reads every outbox row by body.
func rowsByBody(t *testing.T, s *models.Store) map[string]models.OutboxItem {
	t.Helper()
	rows, err := s.ListOutbox(context.Background(), models.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]models.OutboxItem{}
	for _, r := range rows {
		out[r.Body] = r
	}
	return out
}

func messageSID(t *testing.T, s *models.Store, id string) string {
	t.Helper()
	var sid string
	if err := s.GormDB().Model(&models.Message{}).Where("id = ?", id).Pluck("twilio_sid", &sid).Error; err != nil {
		t.Fatal(err)
	}
	return sid
}

func citizenByID(t *testing.T, s *models.Store, id string) *models.Citizen {
	t.Helper()
	c, err := s.CitizenByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
