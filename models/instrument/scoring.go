package instrument

import (
	"fmt"
	"maps"
	"math"
	"slices"
)

// Result is the outcome of scoring one set of answers.
type Result struct {
	// Raw is the sum of item values, prorated from the answered items when
	// the rule allows some to be missing; nil when no score is computed.
	Raw *int
	// Score is the reported score; nil when too many items are missing or
	// the instrument has no total (per_item scoring).
	Score *float64
	// Band is the key of the band Score falls in; "" when Score is nil.
	Band string
	// Complete is true when every item is answered.
	Complete bool
	// Missing lists the unanswered item numbers in order.
	Missing []int
	// PerItem holds the answered values by item number.
	PerItem map[int]int
	// ItemBands holds each answered item's band key, for per_item scoring.
	ItemBands map[int]string
}

// Score scores answers, which maps item number to the value given for
// each answered item; unanswered items are absent. An unknown item or a
// value off the scale is an error, because it means the caller stored
// something the instrument cannot have asked for.
func (i *Instrument) Score(answers map[int]int) (Result, error) {
	if err := i.checkAnswers(answers); err != nil {
		return Result{}, err
	}
	result := Result{PerItem: maps.Clone(answers)}
	if result.PerItem == nil {
		result.PerItem = map[int]int{}
	}
	for _, item := range i.Items {
		if _, ok := answers[item.Number]; !ok {
			result.Missing = append(result.Missing, item.Number)
		}
	}
	result.Complete = len(result.Missing) == 0
	if i.Scoring.Kind == ScoringPerItem {
		result.ItemBands = i.itemBands(answers)
		return result, nil
	}
	if len(result.Missing) > i.Scoring.MaxMissing {
		return result, nil
	}
	raw := i.proratedRaw(answers)
	score := i.Scoring.scoreFromRaw(raw)
	band, _ := bandFor(i.Bands, score)
	result.Raw, result.Score, result.Band = &raw, &score, band.Key
	return result, nil
}

func (i *Instrument) checkAnswers(answers map[int]int) error {
	for _, number := range slices.Sorted(maps.Keys(answers)) {
		if number < 1 || number > len(i.Items) {
			return fmt.Errorf("%s has no item %d", i.Name, number)
		}
		if !i.onScale(answers[number]) {
			return fmt.Errorf("%s item %d: %d is not on the answer scale", i.Name, number, answers[number])
		}
	}
	return nil
}

// proratedRaw sums the answers and, when items are missing, scales the sum
// up to all items (person-mean imputation), rounded to a whole raw sum so
// that tables and bands still apply.
func (i *Instrument) proratedRaw(answers map[int]int) int {
	sum := 0
	for _, value := range answers {
		sum += value
	}
	if len(answers) == len(i.Items) {
		return sum
	}
	return int(math.Round(float64(sum) * float64(len(i.Items)) / float64(len(answers))))
}

func (i *Instrument) itemBands(answers map[int]int) map[int]string {
	bands := make(map[int]string, len(answers))
	for number, value := range answers {
		band, _ := bandFor(i.Items[number-1].Bands, float64(value))
		bands[number] = band.Key
	}
	return bands
}

// scoreFromRaw converts a raw sum; validation guarantees a table entry.
func (r ScoringRule) scoreFromRaw(raw int) float64 {
	switch r.Kind {
	case ScoringSumTimes:
		return float64(raw) * r.Multiplier
	case ScoringTable:
		return r.Table[raw]
	default:
		return float64(raw)
	}
}

func (i *Instrument) onScale(value int) bool {
	return slices.ContainsFunc(i.Scale, func(o ScaleOption) bool { return o.Value == value })
}

// scaleRange returns the lowest and highest answer values.
func (i *Instrument) scaleRange() (lo, hi int) {
	lo, hi = i.Scale[0].Value, i.Scale[0].Value
	for _, option := range i.Scale[1:] {
		lo, hi = min(lo, option.Value), max(hi, option.Value)
	}
	return lo, hi
}

// rawRange returns the lowest and highest raw sums over all items.
func (i *Instrument) rawRange() (lo, hi int) {
	lo, hi = i.scaleRange()
	return lo * len(i.Items), hi * len(i.Items)
}

func (i *Instrument) scaleValues() []float64 {
	values := make([]float64, len(i.Scale))
	for idx, option := range i.Scale {
		values[idx] = float64(option.Value)
	}
	return values
}

// possibleScores lists the score of every raw sum in range. It includes
// sums a gapped scale cannot reach, which only makes band checks stricter,
// and covers every prorated sum.
func (i *Instrument) possibleScores() []float64 {
	lo, hi := i.rawRange()
	scores := make([]float64, 0, hi-lo+1)
	for raw := lo; raw <= hi; raw++ {
		scores = append(scores, i.Scoring.scoreFromRaw(raw))
	}
	return scores
}

func bandFor(bands []Band, score float64) (Band, bool) {
	for _, band := range bands {
		if band.contains(score) {
			return band, true
		}
	}
	return Band{}, false
}

func (b Band) contains(score float64) bool {
	return score >= b.Min && score <= b.Max
}
