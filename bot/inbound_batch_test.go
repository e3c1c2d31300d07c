package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
)

// TestHandleInbound_ConcurrentDeliveriesShareBatches: many webhooks at once are grouped into
// shared transactions, and grouping changes nothing a citizen or link worker can see. Every
// message is stored once; a SID delivered four times at once is handled once; every known
// sender gets their answer; an unknown number gets the stranger's reply; and a message whose
// step fails costs only itself (it is stored for the sweep) while the rest of its batch goes
// through.
func TestHandleInbound_ConcurrentDeliveriesShareBatches(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			c := &clock{t: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
			s := storetest.Open(t, d, models.WithClock(c.now))
			reg, _ := models.LoadInstruments()
			cfg := bot.DefaultConfig()
			cfg.InboundBatch = 8 // several batches, each shared by several senders
			e, err := bot.New(s, reg, cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			worker := storetest.LinkWorker(t, s, "Lise Brobygger")
			var deliveries []models.InboundSMS
			for i := range 30 {
				ct := storetest.Citizen(t, s, worker, models.LangDA)
				deliveries = append(deliveries, models.InboundSMS{SID: sid(i), From: ct.Phone, Body: "hjælp", Segments: 1})
			}
			twice := deliveries[0]
			for range 3 {
				deliveries = append(deliveries, twice)
			}
			stranger := models.InboundSMS{SID: sid(100), From: storetest.NextPhone(), Body: "Hej?", Segments: 1}
			brokenMsg := models.InboundSMS{SID: sid(101), From: brokenCheckinCitizen(t, s, c.now()).Phone, Body: "3", Segments: 1}
			deliveries = append(deliveries, stranger, brokenMsg)

			outcomes := make([]bot.Outcome, len(deliveries))
			errs := make([]error, len(deliveries))
			var start, wg sync.WaitGroup
			start.Add(1)
			for i, in := range deliveries {
				wg.Add(1)
				go func() {
					defer wg.Done()
					start.Wait()
					outcomes[i], errs[i] = e.HandleInbound(ctx, in)
				}()
			}
			start.Done()
			wg.Wait()

			st := e.InboundStats()
			if st.Messages != int64(len(deliveries)) || st.Batches >= st.Messages || st.Fallbacks < 1 {
				t.Fatalf("batches %+v: want every delivery batched, fewer batches than messages and the broken step's batch fallen back", st)
			}
			count := map[bot.Outcome]int{}
			for i, o := range outcomes {
				count[o]++
				if o != bot.OutcomeStored && errs[i] != nil {
					t.Errorf("delivery %d (%s): %v", i, deliveries[i].SID, errs[i])
				}
			}
			// 30 citizens + the stranger processed; the broken step stored; 3 of 4 copies duplicates.
			want := map[bot.Outcome]int{bot.OutcomeProcessed: 31, bot.OutcomeStored: 1, bot.OutcomeDuplicate: 3}
			if fmt.Sprint(count) != fmt.Sprint(want) {
				t.Fatalf("outcomes %v, want %v", count, want)
			}
			db, _ := s.SQLDB()
			var stored, handled int
			if err := db.QueryRow(`SELECT COUNT(*), COUNT(processed_at) FROM messages WHERE direction = 'in'`).Scan(&stored, &handled); err != nil {
				t.Fatal(err)
			}
			if stored != 32 || handled != 31 {
				t.Fatalf("%d inbound messages stored, %d handled; want 32 and 31", stored, handled)
			}
			var helpReplies, strangerReplies, strangerFlags int
			_ = db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE kind = 'reply'`).Scan(&helpReplies)
			_ = db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE kind = 'unknown_sender'`).Scan(&strangerReplies)
			_ = db.QueryRow(`SELECT COUNT(*) FROM flags WHERE kind = 'unknown_sender'`).Scan(&strangerFlags)
			if helpReplies != 30 || strangerReplies != 1 || strangerFlags != 1 {
				t.Fatalf("replies %d (want 30), stranger replies %d and flags %d (want 1 each)", helpReplies, strangerReplies, strangerFlags)
			}
			var touched int
			_ = db.QueryRow(`SELECT COUNT(*) FROM citizens WHERE last_inbound_at IS NOT NULL`).Scan(&touched)
			if touched != 31 {
				t.Fatalf("%d citizens have a last inbound time, want 31 (30 + the broken one)", touched)
			}
		})
	}
}

func sid(i int) string { return fmt.Sprintf("SM%032x", 0xba7c0000+i) }

// brokenCheckinCitizen has an open check-in whose instrument version is not loaded, so every
// answer to it fails in the bot step.
func brokenCheckinCitizen(t *testing.T, s *models.Store, now time.Time) *models.Citizen {
	t.Helper()
	ctx := context.Background()
	citizen := storetest.Citizen(t, s, nil, models.LangDA)
	broken := &models.Checkin{CitizenID: citizen.ID, Instrument: "who5", Version: "99", Status: models.CheckinOpen, DueAt: now}
	if _, err := s.CreateCheckin(ctx, broken); err != nil {
		t.Fatal(err)
	}
	conv := &models.Conversation{CitizenID: citizen.ID, Kind: models.ConvCheckin, CheckinID: &broken.ID, Step: 1, ExpiresAt: now.Add(time.Hour)}
	if err := s.StartConversation(ctx, conv); err != nil {
		t.Fatal(err)
	}
	return citizen
}

// TestHandleInbound_PanickingStepLosesNothing: a step that panics (here: an engine built
// without its questionnaire registry, answering a check-in) neither stops the server nor loses
// the SMS; it is stored for the sweep, and a later message from someone else is handled.
func TestHandleInbound_PanickingStepLosesNothing(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			c := &clock{t: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
			s := storetest.Open(t, d, models.WithClock(c.now))
			e, _ := bot.New(s, nil, bot.DefaultConfig())
			ctx := context.Background()
			citizen := storetest.Citizen(t, s, nil, models.LangDA)
			checkin := &models.Checkin{CitizenID: citizen.ID, Instrument: "who5", Version: "1", Status: models.CheckinOpen, DueAt: c.now()}
			if _, err := s.CreateCheckin(ctx, checkin); err != nil {
				t.Fatal(err)
			}
			conv := &models.Conversation{CitizenID: citizen.ID, Kind: models.ConvCheckin, CheckinID: &checkin.ID, Step: 1, ExpiresAt: c.now().Add(time.Hour)}
			if err := s.StartConversation(ctx, conv); err != nil {
				t.Fatal(err)
			}
			out, err := e.HandleInbound(ctx, models.InboundSMS{SID: sid(200), From: citizen.Phone, Body: "3", Segments: 1})
			if out != bot.OutcomeStored || err == nil || !strings.Contains(err.Error(), "panic") {
				t.Fatalf("outcome %q, err %v; want stored with the panic as error", out, err)
			}
			if left, _ := s.UnprocessedInbound(ctx, -time.Minute, 10); len(left) != 1 || left[0].Body != "3" {
				t.Fatalf("unprocessed %+v, want the one SMS kept for the sweep", left)
			}
			other := storetest.Citizen(t, s, nil, models.LangDA)
			if out, err := e.HandleInbound(ctx, models.InboundSMS{SID: sid(201), From: other.Phone, Body: "hjælp", Segments: 1}); out != bot.OutcomeProcessed || err != nil {
				t.Fatalf("next message: %q %v", out, err)
			}
		})
	}
}
