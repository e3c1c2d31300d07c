package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

func TestStore_ReleaseOutbox_ReturnsClaimUnsent(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		for _, body := range []string{"first", "second"} {
			if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: body, Kind: models.KindReply}); err != nil {
				t.Fatal(err)
			}
		}
		claimed, err := s.ClaimOutbox(ctx, 10, time.Hour)
		if err != nil || len(claimed) != 2 {
			t.Fatalf("claim: %v %v", claimed, err)
		}
		if err := s.MarkSent(ctx, claimed[0], models.SentSMS{SID: "SMrelease", Status: "queued", Segments: 1}); err != nil {
			t.Fatal(err)
		}
		// Releasing a settled row must not bring it back.
		if err := s.ReleaseOutbox(ctx, []string{claimed[0].ID, claimed[1].ID}); err != nil {
			t.Fatal(err)
		}
		again, err := s.ClaimOutbox(ctx, 10, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != 1 || again[0].ID != claimed[1].ID {
			t.Fatalf("after release claimed %+v, want only the unsent row", again)
		}
		if again[0].Attempts != 1 {
			t.Errorf("attempts %d after release and reclaim, want 1: the released claim is not an attempt", again[0].Attempts)
		}
		if err := s.ReleaseOutbox(ctx, nil); err != nil {
			t.Errorf("release of nothing: %v", err)
		}
	}, models.WithClock(clock.Now))
}
