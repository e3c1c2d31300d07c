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

// TestStore_SafetyCase_JoinsKeepsTheWorstAndRefusesAStaleAck: three worried messages make one
// card; it takes the emergency's words and severity, shows the newest words beside them, and an
// acknowledgement from a page that showed two messages is refused.
func TestStore_SafetyCase_JoinsKeepsTheWorstAndRefusesAStaleAck(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		c := storetest.Citizen(t, s, worker, models.LangDA)
		raise := func(sev models.Severity, code, text string) {
			t.Helper()
			err := s.RaiseSafetyFlag(ctx, models.NewFlag{CitizenID: &c.ID, Kind: models.FlagCrisis, Severity: sev,
				DedupeKey: "crisis:" + text, Code: code, Facts: models.FlagFacts{"excerpt": text, "matched_da": "x", "matched_en": "x"}})
			if err != nil {
				t.Fatal(err)
			}
		}
		raise(models.SeverityHigh, "distress_answered", "jeg er så alene")
		raise(models.SeverityUrgent, "emergency_answered", "har taget alle pillerne")
		raise(models.SeverityHigh, "distress_answered", "undskyld")
		flags, err := s.ListFlags(ctx, models.FlagFilter{CitizenID: c.ID})
		if err != nil || len(flags) != 1 {
			t.Fatalf("want one open case, got %d (%v)", len(flags), err)
		}
		f := flags[0]
		reason := f.ReasonIn(models.LangDA)
		if f.Severity != models.SeverityUrgent || f.Code != "emergency_answered" || f.Messages() != 3 ||
			!strings.Contains(reason, "har taget alle pillerne") || !strings.Contains(reason, "Nyeste besked (3 i alt): \"undskyld\"") {
			t.Fatalf("case %+v reads %q", f, reason)
		}
		if _, err := s.AckFlag(ctx, f.ID, worker.ID, false, "Ringede.", 2); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("ack of a case seen with 2 messages: %v, want a conflict", err)
		}
		if _, err := s.AckFlag(ctx, f.ID, worker.ID, false, "Ringede, hun er hos sin datter.", 3); err != nil {
			t.Fatal(err)
		}
		raise(models.SeverityHigh, "distress_answered", "en ny dag")
		if flags, _ := s.ListFlags(ctx, models.FlagFilter{CitizenID: c.ID}); len(flags) != 2 {
			t.Fatalf("after the ack a new message opens a new case; flags: %d", len(flags))
		}
	})
}

// TestStore_RecentInboundTextsOf: the batch read gives every citizen what RecentInboundTexts
// gives them alone (the newest three within the window, oldest first, ties by id, outbound and
// older messages left out), and nothing for a citizen who wrote nothing.
func TestStore_RecentInboundTextsOf(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
		since := now.Add(-30 * time.Minute)
		many, one, tied, silent := storetest.Citizen(t, s, worker, models.LangDA), storetest.Citizen(t, s, worker, models.LangDA),
			storetest.Citizen(t, s, worker, models.LangDA), storetest.Citizen(t, s, worker, models.LangDA)
		var msgs []models.Message
		write := func(c *models.Citizen, body string, at time.Time) {
			in := models.InboundSMS{SID: fmt.Sprintf("SM%032x", len(msgs)+1), From: c.Phone, Body: body, Segments: 1}
			msgs = append(msgs, models.NewInboundMessage(in, c, at, &at))
		}
		write(many, "for længe siden", since.Add(-time.Second))
		for i := range 5 {
			write(many, fmt.Sprintf("besked %d", i), since.Add(time.Duration(i)*time.Minute))
		}
		write(one, "kun denne", now.Add(-time.Minute))
		write(tied, "samme tid a", now.Add(-2*time.Minute))
		write(tied, "samme tid b", now.Add(-2*time.Minute))
		write(tied, "samme tid c", now.Add(-2*time.Minute))
		write(tied, "samme tid d", now.Add(-2*time.Minute))
		if _, err := s.StoreInboundBatch(ctx, msgs); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &one.ID, Phone: one.Phone, Body: "ud", Kind: models.KindReply,
			Priority: models.PriorityReply, NotBefore: now}); err != nil {
			t.Fatal(err)
		}
		ids := []string{many.ID, one.ID, tied.ID, silent.ID}
		got, err := s.RecentInboundTextsOf(ctx, ids, since, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			alone, err := s.RecentInboundTexts(ctx, id, models.NewID(), since, 3)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got[id]) != fmt.Sprint(alone) {
				t.Errorf("citizen %s: batch read %q, alone %q", id, got[id], alone)
			}
		}
		if want := "[besked 2 besked 3 besked 4]"; fmt.Sprint(got[many.ID]) != want {
			t.Errorf("newest three %q, want %s", got[many.ID], want)
		}
		if _, ok := got[silent.ID]; ok || len(got[tied.ID]) != 3 {
			t.Errorf("silent citizen present or ties lost: %q", got)
		}
	})
}
