package models_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestStore_BulkInsert_RoundTrips writes outbox rows through the wave's batch path with every
// shape a column can take in a chunk (one value for all rows, a different value per row, a
// long text with two values, NULL for some rows or for all) and reads each field back; a taken
// dedupe key is skipped and not counted, and chunks of one row and of more than a statement's
// worth of rows go in whole.
func TestStore_BulkInsert_RoundTrips(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		at := time.Date(2026, 3, 2, 8, 0, 0, 123456000, time.UTC)
		bodies := []string{strings.Repeat("Hvordan har du det? ", 8), strings.Repeat("How are you doing? ", 8)}
		want := make([]models.NewOutbound, 0, 5003)
		for i := range 5003 {
			n := models.NewOutbound{CitizenID: &c.ID, Phone: fmt.Sprintf("+452600%04d", i), Body: bodies[i%7/6],
				Kind: models.KindCheckin, Priority: i % 3, DedupeKey: fmt.Sprintf("bulk:%d", i), NotBefore: at.Add(time.Duration(i%2) * time.Minute)}
			if i%5 == 0 {
				until := at.Add(time.Hour)
				n.NotAfter = &until
			}
			if i == 4 {
				n.CitizenID, n.DedupeKey = nil, "" // NULL in a column that is otherwise one value
			}
			want = append(want, n)
		}
		if n, err := s.EnqueueBatch(ctx, want[:1]); err != nil || n != 1 {
			t.Fatalf("one-row batch stored %d, %v", n, err)
		}
		if n, err := s.EnqueueBatch(ctx, want); err != nil || n != int64(len(want)-1) {
			t.Fatalf("batch stored %d, %v; want %d (one dedupe key was taken)", n, err, len(want)-1)
		}
		got, err := s.ListOutbox(ctx, models.OutboxFilter{})
		if err != nil || len(got) != len(want) {
			t.Fatalf("listed %d rows, %v; want %d", len(got), err, len(want))
		}
		for i, g := range got {
			checkOutboxRow(t, i, g, want[i])
		}
	})
}

func checkOutboxRow(t *testing.T, i int, g models.OutboxItem, w models.NewOutbound) {
	t.Helper()
	same := g.Phone == w.Phone && g.Body == w.Body && g.Kind == w.Kind && g.Priority == w.Priority &&
		g.Status == models.OutboxPending && g.NotBefore.Equal(w.NotBefore) && g.LastError == "" && g.LeaseUntil == nil &&
		(g.CitizenID == nil) == (w.CitizenID == nil) && (g.NotAfter == nil) == (w.NotAfter == nil) &&
		(g.DedupeKey == nil) == (w.DedupeKey == "")
	if same && g.CitizenID != nil {
		same = *g.CitizenID == *w.CitizenID
	}
	if same && g.NotAfter != nil {
		same = g.NotAfter.Equal(*w.NotAfter)
	}
	if same && g.DedupeKey != nil {
		same = *g.DedupeKey == w.DedupeKey
	}
	if !same {
		t.Fatalf("row %d read back as %+v, want %+v", i, g, w)
	}
}

// TestStore_CreateCheckins_KeepsNullableNumbers stores check-ins whose scores are set for some
// and NULL for others through the batch path.
func TestStore_CreateCheckins_KeepsNullableNumbers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangEN)
		due := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		raw, score := 17, 68.0
		cs := []models.Checkin{
			{CitizenID: c.ID, Instrument: "who5", Version: "1", Status: models.CheckinCompleted, DueAt: due, CompletedAt: &due, Raw: &raw, Score: &score, Band: "ok", Channel: "sms"},
			{CitizenID: c.ID, Instrument: "ucla3", Version: "1", Status: models.CheckinPending, DueAt: due.Add(time.Hour)},
		}
		ids, err := s.CreateCheckins(ctx, cs)
		if err != nil || len(ids) != 2 {
			t.Fatalf("stored %v, %v", ids, err)
		}
		done, err := s.CheckinByID(ctx, ids[0])
		if err != nil || done.Raw == nil || *done.Raw != 17 || done.Score == nil || *done.Score != 68 || done.Band != "ok" ||
			done.CompletedAt == nil || !done.CompletedAt.Equal(due) || done.PlanKey != nil {
			t.Fatalf("completed check-in read back as %+v, %v", done, err)
		}
		open, err := s.CheckinByID(ctx, ids[1])
		if err != nil || open.Raw != nil || open.Score != nil || open.CompletedAt != nil || !open.DueAt.Equal(due.Add(time.Hour)) {
			t.Fatalf("pending check-in read back as %+v, %v", open, err)
		}
	})
}
