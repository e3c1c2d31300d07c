package bot_test

import (
	"context"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
)

// TestHandleInbound_FailedStepStoresAndSweepRetries: when the bot step fails, the SMS is still
// stored (so the webhook's 200 loses nothing) and the sweep processes it once the cause is gone.
func TestHandleInbound_FailedStepStoresAndSweepRetries(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
			s := storetest.Open(t, d, models.WithClock(c.now))
			reg, _ := models.LoadInstruments()
			e, _ := bot.New(s, reg, bot.DefaultConfig())
			ctx := context.Background()
			citizen := brokenCheckinCitizen(t, s, c.now())
			out, err := e.HandleInbound(ctx, models.InboundSMS{SID: "SM" + "00000000000000000000000000000abc", From: citizen.Phone, Body: "3", Segments: 1})
			if out != bot.OutcomeStored || err == nil {
				t.Fatalf("outcome %q, err %v; want stored with an error", out, err)
			}
			if again, _ := e.HandleInbound(ctx, models.InboundSMS{SID: "SM" + "00000000000000000000000000000abc", From: citizen.Phone, Body: "3", Segments: 1}); again != bot.OutcomeDuplicate {
				t.Fatalf("redelivery after a failed step: %q", again)
			}
			c.advance(2 * time.Minute)
			if n, err := e.ReprocessPending(ctx, 10); n != 0 || err == nil {
				t.Fatalf("sweep while still broken: %d %v", n, err)
			}
			conv, err := s.OpenConversation(ctx, citizen.ID)
			if err != nil || conv == nil {
				t.Fatalf("open conversation: %v %v", conv, err)
			}
			if err := s.CloseConversation(ctx, conv, models.ConvClosed); err != nil {
				t.Fatal(err)
			}
			if n, err := e.ReprocessPending(ctx, 10); n != 1 || err != nil {
				t.Fatalf("sweep after the fix: %d %v", n, err)
			}
			if left, _ := s.UnprocessedInbound(ctx, 0, 10); len(left) != 0 {
				t.Fatalf("%d messages still unprocessed", len(left))
			}
		})
	}
}
