package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestStore_PhoneOptOut_OutlivesTheCitizen: STOP is kept for the number through a closed
// referral and a new referral of it (which starts opted out, with a flag saying why), only the
// number's keyed hash is stored, and START forgets it.
func TestStore_PhoneOptOut_OutlivesTheCitizen(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		first := storetest.Citizen(t, s, worker, models.LangDA)
		if err := s.MarkOptedOut(ctx, first.ID, models.OptOutBySMS); err != nil {
			t.Fatal(err)
		}
		stoppedAt := s.Now()
		clock.Advance(30 * 24 * time.Hour)
		var keys []string
		if err := s.GormDB().Model(&models.PhoneOptOut{}).Pluck("phone_key", &keys).Error; err != nil {
			t.Fatal(err)
		}
		if len(keys) != 1 || len(keys[0]) != 64 || keys[0] == first.Phone {
			t.Fatalf("stored keys %q, want one 64-hex keyed hash and never the number", keys)
		}
		ref := firstReferral(t, s, first.ID)
		if _, err := s.TransitionReferral(ctx, ref, models.ReferralTransition{To: models.ReferralClosed, Reason: models.CloseDeclined}, worker.ID); err != nil {
			t.Fatal(err)
		}

		again, _, err := s.CreateReferral(ctx, models.NewReferral{Name: "Test Borger", Phone: first.Phone, Language: models.LangDA,
			LinkWorkerID: worker.ID, ConsentContact: true, ConsentData: true})
		if err != nil {
			t.Fatal(err)
		}
		if !again.OptedOut() || again.OptOutSource != models.OptOutByEarlierStop || !again.OptedOutAt.Equal(stoppedAt) ||
			again.Status != models.StatusOptedOut {
			t.Fatalf("re-referred citizen %+v, want opted out since the first STOP", again)
		}
		flags, err := s.ListFlags(ctx, models.FlagFilter{CitizenID: again.ID})
		if err != nil || len(flags) != 1 || flags[0].Kind != models.FlagOptedOut {
			t.Fatalf("flags of the re-referred citizen: %+v %v", flags, err)
		}

		if _, err := s.MarkOptedIn(ctx, again.ID); err != nil {
			t.Fatal(err)
		}
		if since, err := s.PhoneOptedOut(ctx, first.Phone); err != nil || since != nil {
			t.Fatalf("after START the number is still opted out since %v (%v)", since, err)
		}
	}, models.WithClock(clock.Now))
}

// TestStore_PhoneOptOut_UnknownNumberAndRepeats: a number no citizen has can opt out; a second
// STOP keeps the first time; the key is made once and reused.
func TestStore_PhoneOptOut_UnknownNumberAndRepeats(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		phone := storetest.NextPhone()
		if err := s.MarkPhoneOptedOut(ctx, phone, models.OptOutBySMS); err != nil {
			t.Fatal(err)
		}
		first := s.Now()
		clock.Advance(time.Hour)
		if err := s.MarkPhoneOptedOut(ctx, phone, models.OptOutByTwilio); err != nil {
			t.Fatal(err)
		}
		since, err := s.PhoneOptedOut(ctx, phone)
		if err != nil || since == nil || !since.Equal(first) {
			t.Fatalf("opted out since %v (%v), want the first STOP at %s", since, err, first)
		}
		if other, err := s.PhoneOptedOut(ctx, storetest.NextPhone()); err != nil || other != nil {
			t.Fatalf("another number reads as opted out: %v %v", other, err)
		}
		c := storetest.Citizen(t, s, nil, models.LangEN)
		if c.OptedOut() {
			t.Fatal("a fresh number's citizen starts opted out")
		}
	}, models.WithClock(clock.Now))
}

// TestStore_PhoneOptOut_BackfilledFromCitizens: citizens who said STOP before the table existed
// have their numbers recorded when the migration is applied.
func TestStore_PhoneOptOut_BackfilledFromCitizens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		now, bySMS := s.Now(), models.OptOutBySMS
		if err := s.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{OptedOutAt: &now, OptOutSource: &bySMS}); err != nil {
			t.Fatal(err)
		}
		if since, _ := s.PhoneOptedOut(ctx, c.Phone); since != nil {
			t.Fatal("set up: the number is already recorded")
		}
		if err := s.BackfillPhoneOptOuts(ctx); err != nil {
			t.Fatal(err)
		}
		if since, err := s.PhoneOptedOut(ctx, c.Phone); err != nil || since == nil {
			t.Fatalf("backfill did not record the number: %v %v", since, err)
		}
	})
}

// firstReferral reads a citizen's referral.
func firstReferral(t *testing.T, s *models.Store, citizenID string) *models.Referral {
	t.Helper()
	var r models.Referral
	if err := s.GormDB().Where("citizen_id = ?", citizenID).Take(&r).Error; err != nil {
		t.Fatal(err)
	}
	return &r
}
