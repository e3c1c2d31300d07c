package models_test

import (
	"strings"
	"testing"

	"brobygger/models"
)

func TestInstrumentValidate_AcceptsMadeUpInstrument(t *testing.T) {
	instrument := madeUpTableInstrument()
	if err := instrument.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

func TestInstrumentValidate_Rejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*models.Instrument)
		want   string
	}{
		{"upper-case key", func(i *models.Instrument) { i.Key = "Calm3" }, "key"},
		{"leading zero version", func(i *models.Instrument) { i.Version = "01" }, "version"},
		{"no licence", func(i *models.Instrument) { i.Licence = " " }, "licence is missing"},
		{"title without Danish", func(i *models.Instrument) { delete(i.Title, models.LangDA) }, `title is missing in "da"`},
		{"unsupported language", func(i *models.Instrument) { i.SMSIntro["dk"] = "Hej" }, `sms_intro has unsupported language "dk"`},
		{"no items", func(i *models.Instrument) { i.Items = nil }, "no items"},
		{"item gap", func(i *models.Instrument) { i.Items[2].Number = 4 }, "position 3 holds item 4"},
		{"item text blank", func(i *models.Instrument) { i.Items[0].Text[models.LangEN] = "" }, `item 1 text is missing in "en"`},
		{"no scale", func(i *models.Instrument) { i.Scale = nil }, "at least two options"},
		{"one option", func(i *models.Instrument) { i.Scale = i.Scale[:1] }, "at least two options"},
		{"duplicate value", func(i *models.Instrument) { i.Scale[1].Value = 1 }, "scale value 1 appears twice"},
		{"negative value", func(i *models.Instrument) { i.Scale[0].Value = -1 }, "negative"},
		{"ambiguous word", func(i *models.Instrument) {
			i.Scale[2].Words = map[models.Lang][]string{models.LangDA: {"to"}}
		}, `"to" in "da" means both 2 and 3`},
		{"upper-case word", func(i *models.Instrument) { i.Scale[1].Words[models.LangEN] = []string{"Two"} }, "lower-case word"},
		{"digit word", func(i *models.Instrument) { i.Scale[1].Words[models.LangEN] = []string{"7"} }, "lower-case word"},
		{"unknown kind", func(i *models.Instrument) { i.Scoring.Kind = "mean" }, `kind "mean" is unknown`},
		{"table gap", func(i *models.Instrument) { delete(i.Scoring.Table, 5) }, "no entry for raw sum 5"},
		{"table extra", func(i *models.Instrument) { i.Scoring.Table[10] = 35 }, "outside the raw sums 3..9"},
		{"sum with table", func(i *models.Instrument) { i.Scoring.Kind = models.ScoringSum }, "takes no table"},
		{"sum_times without multiplier", func(i *models.Instrument) {
			i.Scoring = models.ScoringRule{Kind: models.ScoringSumTimes}
		}, "positive multiplier"},
		{"all items may be missing", func(i *models.Instrument) { i.Scoring.MaxMissing = 3 }, "max_missing 3"},
		{"no bands", func(i *models.Instrument) { i.Bands = nil }, "bands are missing"},
		{"band overlap", func(i *models.Instrument) { i.Bands[1].Min = 15.25 }, `"middle" overlaps`},
		{"bands out of order", func(i *models.Instrument) { i.Bands[0], i.Bands[1] = i.Bands[1], i.Bands[0] }, "overlaps or precedes"},
		{"band gap", func(i *models.Instrument) { i.Bands[1].Min = 19 }, "score 18 without a band"},
		{"unreachable band", func(i *models.Instrument) {
			i.Bands = append(i.Bands, models.Band{Key: "beyond", Min: 31, Max: 40, Label: i.Bands[0].Label, Risk: models.RiskNone})
		}, `"beyond" contains no possible score`},
		{"duplicate band key", func(i *models.Instrument) { i.Bands[2].Key = "low" }, `key "low" appears twice`},
		{"unknown risk", func(i *models.Instrument) { i.Bands[0].Risk = "medium" }, `unknown risk "medium"`},
		{"item bands outside per_item", func(i *models.Instrument) { i.Items[0].Bands = i.Bands }, "only per_item"},
		{"per_item with total bands", func(i *models.Instrument) {
			i.Scoring = models.ScoringRule{Kind: models.ScoringPerItem}
			i.AlertRules = nil
		}, "no total score to band"},
		{"unknown condition", func(i *models.Instrument) { i.AlertRules[0].When = "score_below" }, `alert 1: condition "score_below" is unknown`},
		{"alert kind", func(i *models.Instrument) { i.AlertRules[0].Kind = "Low score" }, "alert 1: kind"},
		{"score threshold out of range", func(i *models.Instrument) { i.AlertRules[0].Threshold = 5 }, "outside 10..30"},
		{"drop of zero", func(i *models.Instrument) { i.AlertRules[1].Threshold = 0 }, "alert 2: drop threshold 0 must be above 0"},
		{"item threshold out of scale", func(i *models.Instrument) {
			i.AlertRules = append(i.AlertRules, models.AlertRule{Kind: "item_low", When: models.AlertItemAtMost, Threshold: 0})
		}, "alert 3: item_at_most threshold 0 is outside 1..3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			instrument := madeUpTableInstrument()
			tc.mutate(&instrument)
			err := instrument.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestInstrumentValidate_PerItemRejectsScoreAlerts(t *testing.T) {
	ons4 := *shipped(t, "ons4")
	ons4.AlertRules = []models.AlertRule{{Kind: "low_score", When: models.AlertScoreAtMost, Threshold: 4}}
	if err := ons4.Validate(); err == nil || !strings.Contains(err.Error(), "needs a score") {
		t.Errorf("Validate error = %v, want a score alert on per_item scoring rejected", err)
	}
}
