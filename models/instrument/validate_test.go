package instrument

import (
	"strings"
	"testing"
)

func TestInstrumentValidate_AcceptsMadeUpInstrument(t *testing.T) {
	instrument := madeUpTableInstrument()
	if err := instrument.validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

func TestInstrumentValidate_Rejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Instrument)
		want   string
	}{
		{"upper-case key", func(i *Instrument) { i.Key = "Calm3" }, "key"},
		{"leading zero version", func(i *Instrument) { i.Version = "01" }, "version"},
		{"no licence", func(i *Instrument) { i.Licence = " " }, "licence is missing"},
		{"title without Danish", func(i *Instrument) { delete(i.Title, LangDA) }, `title is missing in "da"`},
		{"unsupported language", func(i *Instrument) { i.SMSIntro["dk"] = "Hej" }, `sms_intro has unsupported language "dk"`},
		{"no items", func(i *Instrument) { i.Items = nil }, "no items"},
		{"item gap", func(i *Instrument) { i.Items[2].Number = 4 }, "position 3 holds item 4"},
		{"item text blank", func(i *Instrument) { i.Items[0].Text[LangEN] = "" }, `item 1 text is missing in "en"`},
		{"no scale", func(i *Instrument) { i.Scale = nil }, "at least two options"},
		{"one option", func(i *Instrument) { i.Scale = i.Scale[:1] }, "at least two options"},
		{"duplicate value", func(i *Instrument) { i.Scale[1].Value = 1 }, "scale value 1 appears twice"},
		{"negative value", func(i *Instrument) { i.Scale[0].Value = -1 }, "negative"},
		{"ambiguous word", func(i *Instrument) {
			i.Scale[2].Words = map[Lang][]string{LangDA: {"to"}}
		}, `"to" in "da" means both 2 and 3`},
		{"upper-case word", func(i *Instrument) { i.Scale[1].Words[LangEN] = []string{"Two"} }, "lower-case word"},
		{"digit word", func(i *Instrument) { i.Scale[1].Words[LangEN] = []string{"7"} }, "lower-case word"},
		{"unknown kind", func(i *Instrument) { i.Scoring.Kind = "mean" }, `kind "mean" is unknown`},
		{"table gap", func(i *Instrument) { delete(i.Scoring.Table, 5) }, "no entry for raw sum 5"},
		{"table extra", func(i *Instrument) { i.Scoring.Table[10] = 35 }, "outside the raw sums 3..9"},
		{"sum with table", func(i *Instrument) { i.Scoring.Kind = ScoringSum }, "takes no table"},
		{"sum_times without multiplier", func(i *Instrument) {
			i.Scoring = ScoringRule{Kind: ScoringSumTimes}
		}, "positive multiplier"},
		{"all items may be missing", func(i *Instrument) { i.Scoring.MaxMissing = 3 }, "max_missing 3"},
		{"no bands", func(i *Instrument) { i.Bands = nil }, "bands are missing"},
		{"band overlap", func(i *Instrument) { i.Bands[1].Min = 15.25 }, `"middle" overlaps`},
		{"bands out of order", func(i *Instrument) { i.Bands[0], i.Bands[1] = i.Bands[1], i.Bands[0] }, "overlaps or precedes"},
		{"band gap", func(i *Instrument) { i.Bands[1].Min = 19 }, "score 18 without a band"},
		{"unreachable band", func(i *Instrument) {
			i.Bands = append(i.Bands, Band{Key: "beyond", Min: 31, Max: 40, Label: i.Bands[0].Label, Risk: RiskNone})
		}, `"beyond" contains no possible score`},
		{"duplicate band key", func(i *Instrument) { i.Bands[2].Key = "low" }, `key "low" appears twice`},
		{"unknown risk", func(i *Instrument) { i.Bands[0].Risk = "medium" }, `unknown risk "medium"`},
		{"item bands outside per_item", func(i *Instrument) { i.Items[0].Bands = i.Bands }, "only per_item"},
		{"per_item with total bands", func(i *Instrument) {
			i.Scoring = ScoringRule{Kind: ScoringPerItem}
			i.AlertRules = nil
		}, "no total score to band"},
		{"unknown condition", func(i *Instrument) { i.AlertRules[0].When = "score_below" }, `alert 1: condition "score_below" is unknown`},
		{"alert kind", func(i *Instrument) { i.AlertRules[0].Kind = "Low score" }, "alert 1: kind"},
		{"score threshold out of range", func(i *Instrument) { i.AlertRules[0].Threshold = 5 }, "outside 10..30"},
		{"drop of zero", func(i *Instrument) { i.AlertRules[1].Threshold = 0 }, "alert 2: drop threshold 0 must be above 0"},
		{"item threshold out of scale", func(i *Instrument) {
			i.AlertRules = append(i.AlertRules, AlertRule{Kind: "item_low", When: AlertItemAtMost, Threshold: 0})
		}, "alert 3: item_at_most threshold 0 is outside 1..3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			instrument := madeUpTableInstrument()
			tc.mutate(&instrument)
			err := instrument.validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestInstrumentValidate_PerItemRejectsScoreAlerts(t *testing.T) {
	ons4 := *shipped(t, "ons4")
	ons4.AlertRules = []AlertRule{{Kind: "low_score", When: AlertScoreAtMost, Threshold: 4}}
	if err := ons4.validate(); err == nil || !strings.Contains(err.Error(), "needs a score") {
		t.Errorf("Validate error = %v, want a score alert on per_item scoring rejected", err)
	}
}
