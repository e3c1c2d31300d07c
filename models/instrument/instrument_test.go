package instrument

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadShipped returns the shipped registry or stops the test.
func loadShipped(t *testing.T) *Registry {
	t.Helper()
	registry, err := LoadShipped()
	if err != nil {
		t.Fatalf("LoadShipped: %v", err)
	}
	return registry
}

// shipped returns the latest shipped version of key or stops the test.
func shipped(t *testing.T, key string) *Instrument {
	t.Helper()
	instrument, ok := loadShipped(t).Latest(key)
	if !ok {
		t.Fatalf("instrument %q is not shipped", key)
	}
	return instrument
}

// madeUpTableInstrument is an invented three-item instrument scored
// through a conversion table, standing in for a licensed instrument such
// as SWEMWBS whose text and table we may not commit. It allows one item
// missing so that prorating is exercised too.
func madeUpTableInstrument() Instrument {
	text := func(da, en string) LocalizedText {
		return LocalizedText{LangDA: da, LangEN: en}
	}
	item := func(n int, da, en string) Item {
		return Item{Number: n, Text: text(da, en), SMSPrompt: text(da+"\n1 Nej\n2 Lidt\n3 Ja", en+"\n1 No\n2 A little\n3 Yes")}
	}
	return Instrument{
		Key: "calm3", Version: "1", Name: "CALM-3",
		Title: text("Opdigtet ro-skala", "Made-up calm scale"), Citation: "Invented for tests.", Licence: "None.",
		TimeFrame: text("I dag", "Today"), SMSIntro: text("Tre spørgsmål.", "Three questions."),
		Items: []Item{
			item(1, "Er du rolig?", "Are you calm?"), item(2, "Er du udhvilet?", "Are you rested?"), item(3, "Er du glad?", "Are you glad?"),
		},
		Scale: []ScaleOption{
			{Value: 1, Label: text("Nej", "No")},
			{Value: 2, Label: text("Lidt", "A little"), Words: map[Lang][]string{LangDA: {"to"}, LangEN: {"two"}}},
			{Value: 3, Label: text("Ja", "Yes")},
		},
		Scoring: ScoringRule{Kind: ScoringTable, MaxMissing: 1,
			Table: map[int]float64{3: 10, 4: 12.5, 5: 15.25, 6: 18, 7: 21.5, 8: 25, 9: 30}},
		Bands: []Band{
			{Key: "low", Min: 10, Max: 15.25, Label: text("Lav", "Low"), Risk: RiskHigh},
			{Key: "middle", Min: 18, Max: 21.5, Label: text("Middel", "Middle"), Risk: RiskLow},
			{Key: "high", Min: 25, Max: 30, Label: text("Høj", "High"), Risk: RiskNone},
		},
		AlertRules: []AlertRule{
			{Kind: "low_score", When: AlertScoreAtMost, Threshold: 12.5},
			{Kind: "score_drop", When: AlertDropAtLeast, Threshold: 5},
		},
	}
}

// writeInstrumentFile writes instrument as JSON into a temporary directory
// and returns the file's path.
func writeInstrumentFile(t *testing.T, instrument Instrument) string {
	t.Helper()
	data, err := json.MarshalIndent(instrument, "", "  ")
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return writeFile(t, data)
}

func writeFile(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "instrument.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatalf("write: %v", err)
	}
	return path
}

func TestLoadInstruments_ShipsEveryInstrumentValid(t *testing.T) {
	registry := loadShipped(t)
	var got []string
	for _, instrument := range registry.All() {
		got = append(got, instrument.Key+".v"+instrument.Version)
		if err := instrument.validate(); err != nil {
			t.Errorf("shipped %s does not validate: %v", instrument.Key, err)
		}
	}
	want := "ons4.v1 participation.v1 pulse.v1 ucla3.v1 who5.v1"
	if strings.Join(got, " ") != want {
		t.Errorf("All() = %v, want %s", got, want)
	}
}

func TestLoadInstruments_EveryTextInBothLanguages(t *testing.T) {
	for _, instrument := range loadShipped(t).All() {
		texts := map[string]LocalizedText{
			"title": instrument.Title, "time_frame": instrument.TimeFrame, "sms_intro": instrument.SMSIntro,
		}
		for _, item := range instrument.Items {
			texts[fmt.Sprintf("item %d text", item.Number)] = item.Text
			texts[fmt.Sprintf("item %d sms_prompt", item.Number)] = item.SMSPrompt
			for _, band := range item.Bands {
				texts[fmt.Sprintf("item %d band %s label", item.Number, band.Key)] = band.Label
			}
			// The prompt is the official wording plus the answer options.
			for _, lang := range Langs() {
				if !strings.HasPrefix(item.SMSPrompt.In(lang), item.Text.In(lang)+"\n") {
					t.Errorf("%s item %d %s prompt does not start with the item text", instrument.Key, item.Number, lang)
				}
			}
		}
		for _, option := range instrument.Scale {
			texts[fmt.Sprintf("scale %d label", option.Value)] = option.Label
		}
		for _, band := range instrument.Bands {
			texts["band "+band.Key+" label"] = band.Label
		}
		for what, text := range texts {
			for _, lang := range Langs() {
				if strings.TrimSpace(text.In(lang)) == "" {
					t.Errorf("%s %s is missing in %s", instrument.Key, what, lang)
				}
			}
		}
	}
}

func TestLoadInstruments_ONS4DanishMarkedUnofficial(t *testing.T) {
	if note := shipped(t, "ons4").Note; !strings.Contains(note, "unofficial translation") {
		t.Errorf("ons4 note = %q, want it to say the Danish is an unofficial translation", note)
	}
}
