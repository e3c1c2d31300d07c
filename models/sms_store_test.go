package models_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

func TestStore_RecordInbound_DuplicateAndRacingDeliveries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		in := models.InboundSMS{SID: "SM00000000000000000000000000000001", From: c.Phone, Body: "JA", Segments: 1}
		const racers = 8
		var wg sync.WaitGroup
		results := make(chan bool, racers)
		for i := 0; i < racers; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var dup bool
				err := s.InTx(ctx, func(tx *models.Store) error {
					var err error
					_, _, dup, err = tx.RecordInbound(ctx, in)
					return err
				})
				if err != nil {
					t.Error(err)
				}
				results <- dup
			}()
		}
		wg.Wait()
		close(results)
		fresh := 0
		for dup := range results {
			if !dup {
				fresh++
			}
		}
		if fresh != 1 {
			t.Fatalf("%d deliveries were treated as new, want exactly 1", fresh)
		}
		msg, citizen, dup, err := s.RecordInbound(ctx, in)
		if err != nil || !dup || msg != nil || citizen == nil || citizen.ID != c.ID {
			t.Fatalf("late duplicate: %v %v %v %v", msg, citizen, dup, err)
		}
	})
}

func TestStore_DeliveryStatus_OnlyMovesForward(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		item := enqueueAndClaim(t, s, c, "Hej")
		if err := s.MarkSent(ctx, item, models.SentSMS{SID: "SMaaaa", Status: "queued", Segments: 1}); err != nil {
			t.Fatal(err)
		}
		for _, st := range []string{"delivered", "sent", "queued"} {
			if _, err := s.RecordDeliveryStatus(ctx, models.DeliveryStatus{SID: "SMaaaa", Status: st}); err != nil {
				t.Fatal(err)
			}
		}
		changed, err := s.RecordDeliveryStatus(ctx, models.DeliveryStatus{SID: "SMaaaa", Status: "delivered"})
		if err != nil || changed {
			t.Fatalf("duplicate callback changed something: %v %v", changed, err)
		}
		if got := messageStatus(t, s, "SMaaaa"); got != "delivered" {
			t.Fatalf("status moved backwards to %q", got)
		}
	})
}

func TestStore_DeliveryStatus_ErrorCodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		optOut := storetest.Citizen(t, s, nil, models.LangDA)
		item := enqueueAndClaim(t, s, optOut, "Hej")
		_ = s.MarkSent(ctx, item, models.SentSMS{SID: "SMopt", Status: "sent", Segments: 1})
		_, _ = s.Enqueue(ctx, models.NewOutbound{CitizenID: &optOut.ID, Phone: optOut.Phone, Body: "later", Kind: models.KindCheckin})
		if _, err := s.RecordDeliveryStatus(ctx, models.DeliveryStatus{SID: "SMopt", Status: "failed", ErrorCode: 21610}); err != nil {
			t.Fatal(err)
		}
		got, _ := s.CitizenByID(ctx, optOut.ID)
		if !got.OptedOut() || got.Status != models.StatusOptedOut || got.OptOutSource != models.OptOutByTwilio {
			t.Fatalf("21610 did not opt out: %+v", got)
		}
		if claimed, _ := s.ClaimOutbox(ctx, 10, time.Minute); len(claimed) != 0 {
			t.Fatalf("queued SMS to an opted-out citizen was claimed: %+v", claimed)
		}

		far := storetest.Citizen(t, s, nil, models.LangDA)
		for i, sid := range []string{"SMf1", "SMf2", "SMf3"} {
			it := enqueueAndClaim(t, s, far, "msg")
			_ = s.MarkSent(ctx, it, models.SentSMS{SID: sid, Status: "sent", Segments: 1})
			if _, err := s.RecordDeliveryStatus(ctx, models.DeliveryStatus{SID: sid, Status: "undelivered", ErrorCode: 30003 + i}); err != nil {
				t.Fatal(err)
			}
		}
		got, _ = s.CitizenByID(ctx, far.ID)
		if got.UnreachableAt == nil || got.Status != models.StatusUnreachable || got.DeliveryFailures != 3 {
			t.Fatalf("three carrier failures did not make the citizen unreachable: %+v", got)
		}
	})
}

func TestStore_ClaimOutbox_LeaseExpiryResendsOnce(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "Hej", Kind: models.KindReply}); err != nil {
			t.Fatal(err)
		}
		first, _ := s.ClaimOutbox(ctx, 10, time.Minute)
		if len(first) != 1 {
			t.Fatalf("claimed %d", len(first))
		}
		if again, _ := s.ClaimOutbox(ctx, 10, time.Minute); len(again) != 0 {
			t.Fatal("a leased row was claimed twice")
		}
		clock.Advance(2 * time.Minute) // the worker "crashed": its lease runs out
		second, _ := s.ClaimOutbox(ctx, 10, time.Minute)
		if len(second) != 1 || second[0].ID != first[0].ID || second[0].Attempts != 2 {
			t.Fatalf("expired lease not reclaimed once: %+v", second)
		}
		if err := s.MarkSent(ctx, second[0], models.SentSMS{SID: "SMlease", Status: "queued", Segments: 1}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Hour)
		if more, _ := s.ClaimOutbox(ctx, 10, time.Minute); len(more) != 0 {
			t.Fatal("a sent row came back")
		}
	}, models.WithClock(clock.Now))
}

func TestStore_ClaimOutbox_PriorityAndNotAfter(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		past := clock.Now().Add(-time.Minute)
		_, _ = s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "wave", Kind: models.KindCheckin, Priority: models.PriorityScheduled})
		_, _ = s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "late reminder", Kind: models.KindReminder, NotAfter: &past})
		_, _ = s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "safety", Kind: models.KindSafety, Priority: models.PrioritySafety})
		got, err := s.ClaimOutbox(ctx, 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Body != "safety" && got[1].Body != "safety" {
			t.Fatalf("claimed %+v", got)
		}
		if queued, _ := s.Enqueue(ctx, models.NewOutbound{Phone: c.Phone, Body: "x", Kind: models.KindReply, DedupeKey: "k1"}); !queued {
			t.Fatal("first dedupe key refused")
		}
		if queued, _ := s.Enqueue(ctx, models.NewOutbound{Phone: c.Phone, Body: "x", Kind: models.KindReply, DedupeKey: "k1"}); queued {
			t.Fatal("dedupe key queued twice")
		}
	}, models.WithClock(clock.Now))
}

// A claim takes the most urgent rows first, whether they are due for the first time or their
// lease lapsed, then the oldest of a priority.
func TestStore_ClaimOutbox_OrderAcrossDueAndLapsed(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		enqueue := func(body string, priority int) {
			t.Helper()
			if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: body, Kind: models.KindReply, Priority: priority}); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Second)
		}
		enqueue("reply, its worker crashed", models.PriorityReply)
		if got, _ := s.ClaimOutbox(ctx, 10, time.Minute); len(got) != 1 {
			t.Fatalf("claimed %d", len(got))
		}
		enqueue("wave, older", models.PriorityScheduled)
		enqueue("wave, newer", models.PriorityScheduled)
		enqueue("reminder", models.PriorityReminder)
		enqueue("safety", models.PrioritySafety)
		clock.Advance(2 * time.Minute) // the crashed worker's lease lapses
		bodies := func(items []models.OutboxItem) []string {
			var out []string
			for _, it := range items {
				out = append(out, it.Body)
			}
			slices.Sort(out)
			return out
		}
		for _, want := range [][]string{
			{"reply, its worker crashed", "safety"},
			{"reminder", "wave, older"},
			{"wave, newer"},
		} {
			got, err := s.ClaimOutbox(ctx, 2, time.Hour)
			if err != nil || !slices.Equal(bodies(got), want) {
				t.Fatalf("claimed %v, %v; want %v", bodies(got), err, want)
			}
		}
	}, models.WithClock(clock.Now))
}

func enqueueAndClaim(t *testing.T, s *models.Store, c *models.Citizen, body string) models.OutboxItem {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: body, Kind: models.KindReply}); err != nil {
		t.Fatal(err)
	}
	items, err := s.ClaimOutbox(ctx, 1, time.Minute)
	if err != nil || len(items) != 1 {
		t.Fatalf("claim: %v %v", items, err)
	}
	return items[0]
}

func messageStatus(t *testing.T, s *models.Store, sid string) string {
	t.Helper()
	var status string
	if err := s.GormDB().Model(&models.Message{}).Where("twilio_sid = ?", sid).Pluck("status", &status).Error; err != nil {
		t.Fatal(err)
	}
	return status
}
