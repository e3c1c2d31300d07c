package instrument

import (
	"slices"
	"testing"
)

func previousScore(score float64) *float64 { return &score }

func TestInstrumentAlerts(t *testing.T) {
	tests := []struct {
		name     string
		key      string
		answers  map[int]int
		previous *float64
		want     []Alert
	}{
		{"who5 all well", "who5", answersOf(5, 5, 5, 5, 5), nil, nil},
		{"who5 low score", "who5", answersOf(1, 1, 2, 1, 1), nil, []Alert{
			{Kind: "low_score", Reason: "WHO-5 score 24 is at or below 28"},
		}},
		{"who5 at threshold", "who5", answersOf(2, 2, 1, 1, 1), nil, []Alert{
			{Kind: "low_score", Reason: "WHO-5 score 28 is at or below 28"},
		}},
		{"who5 just above threshold", "who5", answersOf(2, 2, 2, 1, 1), nil, nil},
		{"who5 item zero", "who5", answersOf(5, 5, 0, 5, 5), nil, []Alert{
			{Kind: "item_zero", Reason: "Item 3 answered 0"},
		}},
		// One is not zero: the product's threshold is item <= 0.
		{"who5 item one", "who5", answersOf(5, 5, 1, 5, 5), nil, nil},
		{"who5 drop", "who5", answersOf(2, 2, 2, 2, 2), previousScore(56), []Alert{
			{Kind: "score_drop", Reason: "WHO-5 fell 16 points from 56 to 40"},
		}},
		{"who5 drop of exactly ten", "who5", answersOf(3, 3, 3, 3, 3), previousScore(70), []Alert{
			{Kind: "score_drop", Reason: "WHO-5 fell 10 points from 70 to 60"},
		}},
		{"who5 drop below ten", "who5", answersOf(3, 3, 3, 3, 3), previousScore(68), nil},
		{"who5 rise", "who5", answersOf(3, 3, 3, 3, 3), previousScore(20), nil},
		{"who5 everything at once", "who5", answersOf(0, 1, 0, 1, 2), previousScore(60), []Alert{
			{Kind: "low_score", Reason: "WHO-5 score 16 is at or below 28"},
			{Kind: "item_zero", Reason: "Item 1 answered 0"},
			{Kind: "item_zero", Reason: "Item 3 answered 0"},
			{Kind: "score_drop", Reason: "WHO-5 fell 44 points from 60 to 16"},
		}},
		// An unfinished check-in has no score, but a 0 still needs a look.
		{"who5 unfinished", "who5", map[int]int{1: 0}, previousScore(80), []Alert{
			{Kind: "item_zero", Reason: "Item 1 answered 0"},
		}},
		{"ucla3 lonely", "ucla3", answersOf(2, 2, 2), nil, nil},
		{"ucla3 severe", "ucla3", answersOf(3, 2, 2), nil, []Alert{
			{Kind: "high_loneliness", Reason: "UCLA-3 score 7 is at or above 7"},
		}},
		{"ons4 has no alerts", "ons4", answersOf(0, 0, 0, 10), nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			instrument := shipped(t, tc.key)
			result, err := instrument.Score(tc.answers)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if got := instrument.Alerts(result, tc.previous); !slices.Equal(got, tc.want) {
				t.Errorf("Alerts = %v, want %v", got, tc.want)
			}
		})
	}
}
