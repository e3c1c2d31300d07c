package instrument

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// answersOf maps values to items 1..n in order.
func answersOf(values ...int) map[int]int {
	answers := make(map[int]int, len(values))
	for idx, value := range values {
		answers[idx+1] = value
	}
	return answers
}

// scoreCase is one set of answers and the total it must give.
type scoreCase struct {
	name    string
	answers map[int]int
	raw     int
	score   float64
	band    string
}

func checkScores(t *testing.T, instrument *Instrument, cases []scoreCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			result, err := instrument.Score(tc.answers)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if result.Raw == nil || result.Score == nil {
				t.Fatalf("Score gave no total for %v", tc.answers)
			}
			if *result.Raw != tc.raw || *result.Score != tc.score || result.Band != tc.band {
				t.Errorf("got raw %d score %g band %q, want raw %d score %g band %q",
					*result.Raw, *result.Score, result.Band, tc.raw, tc.score, tc.band)
			}
			if !result.Complete || result.Missing != nil || !maps.Equal(result.PerItem, tc.answers) {
				t.Errorf("got complete %v missing %v per item %v for a full answer", result.Complete, result.Missing, result.PerItem)
			}
		})
	}
}

func TestInstrumentScore_WHO5(t *testing.T) {
	checkScores(t, shipped(t, "who5"), []scoreCase{
		{"all five", answersOf(5, 5, 5, 5, 5), 25, 100, "typical"},
		{"all zero", answersOf(0, 0, 0, 0, 0), 0, 0, "high_risk"},
		{"mixed typical", answersOf(5, 4, 3, 2, 1), 15, 60, "typical"},
		{"lowest typical", answersOf(3, 3, 3, 2, 2), 13, 52, "typical"},
		{"top of risk", answersOf(3, 3, 2, 2, 2), 12, 48, "risk"},
		{"bottom of risk", answersOf(3, 3, 2, 1, 0), 9, 36, "risk"},
		{"top of high risk", answersOf(2, 2, 2, 1, 1), 8, 32, "high_risk"},
	})
}

func TestInstrumentScore_UCLA3(t *testing.T) {
	checkScores(t, shipped(t, "ucla3"), []scoreCase{
		{"lowest", answersOf(1, 1, 1), 3, 3, "not_lonely"},
		{"five", answersOf(2, 2, 1), 5, 5, "not_lonely"},
		{"six is lonely", answersOf(2, 2, 2), 6, 6, "lonely"},
		{"seven is severe", answersOf(3, 2, 2), 7, 7, "severe"},
		{"highest", answersOf(3, 3, 3), 9, 9, "severe"},
	})
}

func TestInstrumentScore_SingleItemInstruments(t *testing.T) {
	checkScores(t, shipped(t, "participation"), []scoreCase{
		{"every time", answersOf(1), 1, 1, "attending"},
		{"sometimes", answersOf(3), 3, 3, "sometimes"},
		{"not yet", answersOf(5), 5, 5, "not_attending"},
	})
	checkScores(t, shipped(t, "pulse"), []scoreCase{
		{"very bad", answersOf(1), 1, 1, "bad"},
		{"ok", answersOf(3), 3, 3, "fair"},
		{"very good", answersOf(5), 5, 5, "good"},
	})
}

func TestInstrumentScore_ONS4BandsEachItem(t *testing.T) {
	ons4 := shipped(t, "ons4")
	tests := []struct {
		name    string
		answers map[int]int
		want    map[int]string
	}{
		{"boundaries low", answersOf(4, 6, 8, 1), map[int]string{1: "low", 2: "medium", 3: "high", 4: "very_low"}},
		{"boundaries high", answersOf(5, 7, 9, 2), map[int]string{1: "medium", 2: "high", 3: "very_high", 4: "low"}},
		{"ends", answersOf(0, 10, 0, 10), map[int]string{1: "low", 2: "very_high", 3: "low", 4: "high"}},
		// Anxiety reads the other way: 0 is the best answer, 6 and up is high.
		{"anxiety reversed", answersOf(10, 10, 10, 3), map[int]string{1: "very_high", 2: "very_high", 3: "very_high", 4: "low"}},
		{"anxiety medium", map[int]int{4: 5}, map[int]string{4: "medium"}},
		{"anxiety high", map[int]int{4: 6}, map[int]string{4: "high"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			result, err := ons4.Score(tc.answers)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if result.Raw != nil || result.Score != nil || result.Band != "" {
				t.Errorf("ONS4 has no total, got raw %v score %v band %q", result.Raw, result.Score, result.Band)
			}
			if !maps.Equal(result.ItemBands, tc.want) {
				t.Errorf("ItemBands = %v, want %v", result.ItemBands, tc.want)
			}
		})
	}
}

func TestInstrumentScore_MissingItems(t *testing.T) {
	tests := []struct {
		key     string
		answers map[int]int
		missing []int
	}{
		{"who5", answersOf(5, 5, 5, 5), []int{5}},
		{"who5", map[int]int{2: 3, 4: 3}, []int{1, 3, 5}},
		{"who5", nil, []int{1, 2, 3, 4, 5}},
		{"ucla3", map[int]int{1: 3, 3: 3}, []int{2}},
		{"ons4", map[int]int{1: 7, 2: 7, 4: 2}, []int{3}},
	}
	for _, tc := range tests {
		result, err := shipped(t, tc.key).Score(tc.answers)
		if err != nil {
			t.Fatalf("%s Score(%v): %v", tc.key, tc.answers, err)
		}
		// WHO-5 and UCLA-3 allow no missing item; ONS4 has no total anyway.
		if result.Raw != nil || result.Score != nil || result.Band != "" || result.Complete {
			t.Errorf("%s %v: got raw %v score %v band %q complete %v, want no total", tc.key, tc.answers, result.Raw, result.Score, result.Band, result.Complete)
		}
		if !slices.Equal(result.Missing, tc.missing) || len(result.PerItem) != len(tc.answers) {
			t.Errorf("%s %v: missing %v per item %v, want missing %v", tc.key, tc.answers, result.Missing, result.PerItem, tc.missing)
		}
	}
}

func TestInstrumentScore_RejectsWhatWasNeverAsked(t *testing.T) {
	tests := []struct {
		key     string
		answers map[int]int
		want    string
	}{
		{"who5", map[int]int{6: 3}, "no item 6"},
		{"who5", map[int]int{0: 3}, "no item 0"},
		{"who5", map[int]int{1: 6}, "item 1: 6 is not on the answer scale"},
		{"who5", map[int]int{2: -1}, "item 2: -1 is not on the answer scale"},
		{"ucla3", map[int]int{1: 0}, "item 1: 0 is not on the answer scale"},
		{"ons4", map[int]int{4: 11}, "item 4: 11 is not on the answer scale"},
	}
	for _, tc := range tests {
		_, err := shipped(t, tc.key).Score(tc.answers)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s Score(%v) error = %v, want it to contain %q", tc.key, tc.answers, err, tc.want)
		}
	}
}
