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
		senders, err := s.InboundSenders(ctx, append([]string{a.Phone, b.Phone, storetest.NextPhone()}, odd...))
		if err != nil {
			t.Fatal(err)
		}
		if len(senders) != 2 || senders[a.Phone].Citizen.ID != a.ID || senders[b.Phone].Worker == nil || senders[a.Phone].Conversation != nil {
			t.Fatalf("senders %+v", senders)
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
		if err := s.TouchInbound(ctx, []string{a.ID, b.ID}, now); err != nil {
			t.Fatal(err)
		}
		got, _ := s.CitizenByID(ctx, b.ID)
		if got.LastInboundAt == nil || !got.LastInboundAt.Equal(now.Truncate(time.Microsecond)) {
			t.Fatalf("last inbound %v, want %v", got.LastInboundAt, now)
		}
	})
}
