package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
)

// maxRepliesPerMessage bounds what one inbound SMS may cause us to send.
const maxRepliesPerMessage = 2

// FuzzEngine feeds arbitrary text to the engine, in whatever state the previous inputs left the
// citizen: it must never panic, answer with more than maxRepliesPerMessage SMS, or write to an
// opted-out citizen (except to confirm START).
func FuzzEngine(f *testing.F) {
	for _, seed := range []string{"JA", "nej tak", "STOP", "start", "hjælp", "5", "tre", "3.", "", " ", "jeg vil ikke leve mere",
		"\x00\xff", "🙂", "STOP STOP", "ja\nnej", string(make([]byte, 1600))} {
		f.Add(seed)
	}
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s := storetest.Open(f, models.SQLite, models.WithClock(c.now))
	reg, err := models.LoadInstruments()
	if err != nil {
		f.Fatal(err)
	}
	e, err := bot.New(s, reg, bot.DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	citizen := storetest.Citizen(f, s, nil, models.LangDA)
	if err := s.InTx(ctx, func(tx *models.Store) error { return e.StartContact(ctx, tx, citizen, c.now()) }); err != nil {
		f.Fatal(err)
	}
	seq := 0
	f.Fuzz(func(t *testing.T, text string) {
		seq++
		c.advance(time.Minute)
		before, _ := s.CitizenByID(ctx, citizen.ID)
		queued := len(mustOutbox(t, s, citizen.ID))
		_, err := e.HandleInbound(ctx, models.InboundSMS{SID: fmt.Sprintf("SMfuzz%026d", seq), From: citizen.Phone, Body: text, Segments: 1})
		if err != nil {
			t.Fatalf("HandleInbound(%q): %v", text, err)
		}
		after := mustOutbox(t, s, citizen.ID)
		fresh := after[queued:]
		if len(fresh) > maxRepliesPerMessage {
			t.Fatalf("%q caused %d SMS", text, len(fresh))
		}
		now, _ := s.CitizenByID(ctx, citizen.ID)
		if before.OptedOut() && now.OptedOut() && len(fresh) > 0 {
			t.Fatalf("wrote to an opted-out citizen after %q: %q", text, fresh[0].Body)
		}
		if _, err := e.ExpireConversations(ctx, 10); err != nil {
			t.Fatal(err)
		}
		if seq%7 == 0 {
			startFuzzCheckin(t, s, e, now, c.now())
		}
	})
}

func mustOutbox(t *testing.T, s *models.Store, citizenID string) []models.OutboxItem {
	rows, err := s.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: citizenID})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// startFuzzCheckin opens a WHO-5 now and then, so inputs also land mid-questionnaire.
func startFuzzCheckin(t *testing.T, s *models.Store, e *bot.Engine, c *models.Citizen, now time.Time) {
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *models.Store) error {
		ch := &models.Checkin{CitizenID: c.ID, Instrument: "who5", Version: "1", Status: models.CheckinPending, DueAt: now}
		if _, err := tx.CreateCheckin(ctx, ch); err != nil {
			return err
		}
		return e.StartCheckin(ctx, tx, c, ch, now)
	})
	if err != nil && err != bot.ErrBusy {
		t.Fatal(err)
	}
}
