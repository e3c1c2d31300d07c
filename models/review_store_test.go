package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestStore_ReviewQueue_ScopeAndOrder: a link worker sees their own citizens' flags and flags
// about no one, most urgent first and then oldest first, never another worker's; an admin sees
// all; acknowledged flags only when asked for; a citizen filter keeps that citizen's.
func TestStore_ReviewQueue_ScopeAndOrder(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := at
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		lise, bo := storetest.LinkWorker(t, s, "Lise"), storetest.LinkWorker(t, s, "Bo")
		mine, other := storetest.Citizen(t, s, lise, models.LangDA), storetest.Citizen(t, s, bo, models.LangDA)
		raise := func(c *models.Citizen, sev models.Severity, kind models.FlagKind) string {
			t.Helper()
			clock = clock.Add(time.Minute)
			n := models.NewFlag{Kind: kind, Severity: sev, Reason: "Test flag.", DedupeKey: clock.String()}
			if c != nil {
				n.CitizenID = &c.ID
			}
			if _, err := s.RaiseFlag(ctx, n); err != nil {
				t.Fatal(err)
			}
			flags, err := s.ListFlags(ctx, models.FlagFilter{})
			if err != nil || len(flags) == 0 {
				t.Fatalf("raised flag not listed: %v", err)
			}
			return flags[len(flags)-1].ID // ids are time-ordered
		}
		oldHigh := raise(mine, models.SeverityHigh, models.FlagLowScore)
		unknown := raise(nil, models.SeverityNormal, models.FlagUnknownSender)
		urgent := raise(mine, models.SeverityUrgent, models.FlagCrisis)
		newHigh := raise(mine, models.SeverityHigh, models.FlagFreeText)
		othersUrgent := raise(other, models.SeverityUrgent, models.FlagCrisis)
		acked := raise(mine, models.SeverityHigh, models.FlagScoreDrop)
		if _, err := s.AckFlag(ctx, acked, lise.ID, false, "Ringede til borgeren.", 0); err != nil {
			t.Fatal(err)
		}

		expect := func(q models.ReviewQuery, want ...string) {
			t.Helper()
			got, err := s.ReviewQueue(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, f := range got {
				ids = append(ids, f.ID)
				if f.CitizenID != nil && f.CitizenName == "" {
					t.Errorf("flag %s has no citizen name", f.ID)
				}
			}
			if len(ids) != len(want) {
				t.Fatalf("%+v listed %d flags %v, want %v", q, len(ids), ids, want)
			}
			for i := range want {
				if ids[i] != want[i] {
					t.Fatalf("%+v listed %v, want %v", q, ids, want)
				}
			}
		}
		expect(models.ReviewQuery{StaffID: lise.ID}, urgent, oldHigh, newHigh, unknown)
		expect(models.ReviewQuery{StaffID: lise.ID, Limit: 2}, urgent, oldHigh)
		expect(models.ReviewQuery{StaffID: lise.ID, IncludeAcked: true}, urgent, oldHigh, newHigh, acked, unknown)
		expect(models.ReviewQuery{StaffID: lise.ID, CitizenID: mine.ID}, urgent, oldHigh, newHigh)
		expect(models.ReviewQuery{StaffID: lise.ID, CitizenID: other.ID})
		expect(models.ReviewQuery{StaffID: bo.ID}, othersUrgent, unknown)
		expect(models.ReviewQuery{StaffID: lise.ID, Admin: true}, urgent, othersUrgent, oldHigh, newHigh, unknown)
	}, models.WithClock(func() time.Time { return clock }))
}
