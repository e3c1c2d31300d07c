package models_test

import (
	"context"
	"strings"
	"testing"

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
