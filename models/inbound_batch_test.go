package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestInboundBatchQueries: the batch lookups find exactly the listed numbers and SIDs, for any
// list length, and odd characters in a list (quotes, backslashes, commas, braces) are data,
// not syntax, on both databases.
func TestInboundBatchQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		a, b := storetest.Citizen(t, s, nil, models.LangDA), storetest.Citizen(t, s, nil, models.LangEN)
		odd := []string{`a"b`, `c\d`, `e,f`, `{g}`, ``}
		conv := &models.Conversation{CitizenID: b.ID, Kind: models.ConvContact, ExpiresAt: time.Now().Add(time.Hour)}
		if err := s.StartConversation(ctx, conv); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
		senders, err := s.TouchInboundSenders(ctx, append([]string{a.Phone, b.Phone, storetest.NextPhone()}, odd...), at)
		if err != nil {
			t.Fatal(err)
		}
		sa, sb := senders[a.Phone], senders[b.Phone]
		if len(senders) != 2 || sa.Citizen.ID != a.ID || sa.Citizen.Name != a.Name || sa.Worker == nil || sa.Worker.ID != a.LinkWorkerID ||
			sa.Conversation != nil || sb.Citizen.ID != b.ID || sb.Conversation == nil || sb.Conversation.ID != conv.ID ||
			sb.Conversation.Kind != models.ConvContact || sb.Worker.Name == "" {
			t.Fatalf("senders %+v", senders)
		}
		for _, c := range []*models.Citizen{a, b} {
			got, _ := s.CitizenByID(ctx, c.ID)
			if got.LastInboundAt == nil || !got.LastInboundAt.Equal(at) || !senders[c.Phone].Citizen.LastInboundAt.Equal(at) {
				t.Fatalf("last inbound %v (returned %v), want %v", got.LastInboundAt, senders[c.Phone].Citizen.LastInboundAt, at)
			}
		}
		now := time.Now().UTC()
		in := models.InboundSMS{SID: "SM" + "0123456789abcdef0123456789abcdef", From: a.Phone, Body: "hej", Segments: 1}
		n, err := s.StoreInboundBatch(ctx, []models.Message{models.NewInboundMessage(in, a, now, &now)})
		if err != nil || n != 1 {
			t.Fatalf("store: %d %v", n, err)
		}
		seen, err := s.SeenInboundSIDs(ctx, append([]string{in.SID, "SM" + "ffffffffffffffffffffffffffffffff"}, odd...))
		if err != nil || len(seen) != 1 || !seen[in.SID] {
			t.Fatalf("seen %v %v", seen, err)
		}
		if n, err := s.StoreInboundBatch(ctx, []models.Message{models.NewInboundMessage(in, a, now, &now)}); err != nil || n != 0 {
			t.Fatalf("a second copy of the SID: stored %d, %v; want 0 and no error", n, err)
		}
	})
}
