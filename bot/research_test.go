package bot_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/bot/consent"
	"brobygger/models"
	"brobygger/models/storetest"
)

// No research keyword is a STOP, or it could never be handled (STOP is read first), and none
// is a single word Twilio or the keyword lists already mean something by.
func TestResearchStop_NeverCollidesWithStop(t *testing.T) {
	raw, err := os.ReadFile("data/keywords.json")
	if err != nil {
		t.Fatal(err)
	}
	var lists map[string][]string
	if err := json.Unmarshal(raw, &lists); err != nil {
		t.Fatal(err)
	}
	rec, err := consent.Load()
	if err != nil {
		t.Fatal(err)
	}
	kw, err := bot.LoadKeywords()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range lists["research_stop"] {
		if rec.IsOptOut(w) || kw.Classify(w) != bot.KeywordResearchStop {
			t.Errorf("%q: opt-out %v, keyword %v", w, rec.IsOptOut(w), kw.Classify(w))
		}
	}
	if kw.Classify("STOP") != bot.KeywordOptOut {
		t.Error("STOP is no longer STOP")
	}
}

// FORSKNING STOP records the withdrawal with its time and the SMS channel; the citizen is not
// opted out.
func TestResearchStop_RecordsTheWithdrawal(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			s := storetest.Open(t, d, models.WithClock(func() time.Time { return at }))
			e, err := bot.New(s, nil, bot.DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			citizen := storetest.ConfirmedCitizen(t, s, nil, models.LangDA, at.Add(-time.Hour))
			if _, err := e.HandleInbound(ctx, models.InboundSMS{SID: sid(300), From: citizen.Phone, Body: "Forskning stop!", Segments: 1}); err != nil {
				t.Fatal(err)
			}
			w, err := s.ResearchWithdrawalOf(ctx, citizen.ID)
			if err != nil || w.Source != models.WithdrawnBySMS || !w.WithdrawnAt.Equal(at) {
				t.Fatalf("withdrawal = %+v, %v", w, err)
			}
			if c, _ := s.CitizenByID(ctx, citizen.ID); c.OptedOut() {
				t.Error("FORSKNING STOP opted the citizen out of all SMS")
			}
		})
	}
}
