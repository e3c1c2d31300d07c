package instrument

import (
	"errors"
	"fmt"
	"slices"
)

func (i *Instrument) validateScoring() error {
	rule := i.Scoring
	known := []ScoringKind{ScoringSum, ScoringSumTimes, ScoringTable, ScoringPerItem}
	if !slices.Contains(known, rule.Kind) {
		return fmt.Errorf("scoring kind %q is unknown", rule.Kind)
	}
	if rule.MaxMissing < 0 || rule.MaxMissing >= len(i.Items) {
		return fmt.Errorf("scoring max_missing %d must be from 0 to %d", rule.MaxMissing, len(i.Items)-1)
	}
	if rule.Kind != ScoringSumTimes && rule.Multiplier != 0 {
		return fmt.Errorf("scoring kind %q takes no multiplier", rule.Kind)
	}
	if rule.Kind != ScoringTable && rule.Table != nil {
		return fmt.Errorf("scoring kind %q takes no table", rule.Kind)
	}
	switch rule.Kind {
	case ScoringSumTimes:
		if rule.Multiplier <= 0 {
			return errors.New("scoring kind \"sum_times\" needs a positive multiplier")
		}
	case ScoringTable:
		return i.validateTable()
	case ScoringPerItem:
		// Items are reported one by one, so nothing is computed from the
		// rest when one is missing.
		if rule.MaxMissing != 0 {
			return errors.New("scoring kind \"per_item\" has no total, so max_missing must be 0")
		}
	}
	return nil
}

// validateTable insists on exactly one entry per possible raw sum, so a
// conversion can never fall off the table at scoring time.
func (i *Instrument) validateTable() error {
	lo, hi := i.rawRange()
	for raw := lo; raw <= hi; raw++ {
		if _, ok := i.Scoring.Table[raw]; !ok {
			return fmt.Errorf("scoring table has no entry for raw sum %d", raw)
		}
	}
	if len(i.Scoring.Table) != hi-lo+1 {
		return fmt.Errorf("scoring table has entries outside the raw sums %d..%d", lo, hi)
	}
	return nil
}

func (i *Instrument) validateBands() error {
	if i.Scoring.Kind != ScoringPerItem {
		for _, item := range i.Items {
			if item.Bands != nil {
				return fmt.Errorf("item %d has bands, but only per_item scoring bands items", item.Number)
			}
		}
		return checkBands("bands", i.Bands, i.possibleScores())
	}
	if i.Bands != nil {
		return errors.New("per_item scoring has no total score to band; put bands on the items")
	}
	values := i.scaleValues()
	for _, item := range i.Items {
		if err := checkBands(fmt.Sprintf("item %d bands", item.Number), item.Bands, values); err != nil {
			return err
		}
	}
	return nil
}

// checkBands requires bands in ascending order without overlap, every
// possible score inside exactly one band, and no band that no score can
// reach (which would be a typo in the file).
func checkBands(what string, bands []Band, possible []float64) error {
	if len(bands) == 0 {
		return fmt.Errorf("%s are missing", what)
	}
	keys := make(map[string]bool, len(bands))
	for idx, band := range bands {
		if err := band.check(what, keys); err != nil {
			return err
		}
		if idx > 0 && band.Min <= bands[idx-1].Max {
			return fmt.Errorf("%s %q overlaps or precedes %q", what, band.Key, bands[idx-1].Key)
		}
		if !slices.ContainsFunc(possible, band.contains) {
			return fmt.Errorf("%s %q contains no possible score", what, band.Key)
		}
	}
	for _, score := range possible {
		if _, ok := bandFor(bands, score); !ok {
			return fmt.Errorf("%s leave score %g without a band", what, score)
		}
	}
	return nil
}

func (b Band) check(what string, keys map[string]bool) error {
	if !isSnakeCase(b.Key) {
		return fmt.Errorf("%s key %q must be lower-case letters, digits and _", what, b.Key)
	}
	if keys[b.Key] {
		return fmt.Errorf("%s key %q appears twice", what, b.Key)
	}
	keys[b.Key] = true
	if b.Min > b.Max {
		return fmt.Errorf("%s %q has min %g above max %g", what, b.Key, b.Min, b.Max)
	}
	if b.Risk != RiskNone && b.Risk != RiskLow && b.Risk != RiskHigh {
		return fmt.Errorf("%s %q has unknown risk %q", what, b.Key, b.Risk)
	}
	return b.Label.check(fmt.Sprintf("%s %q label", what, b.Key))
}

func (i *Instrument) validateAlerts() error {
	for idx, rule := range i.AlertRules {
		if err := i.checkAlertRule(rule); err != nil {
			return fmt.Errorf("alert %d: %w", idx+1, err)
		}
	}
	return nil
}

// checkAlertRule rejects a rule that could never fire, or could not be
// evaluated, so a safety flag is never silently dead.
func (i *Instrument) checkAlertRule(rule AlertRule) error {
	if !isSnakeCase(rule.Kind) {
		return fmt.Errorf("kind %q must be lower-case letters, digits and _", rule.Kind)
	}
	if rule.When == AlertItemAtMost {
		lo, hi := i.scaleRange()
		return checkThreshold(rule, float64(lo), float64(hi))
	}
	if rule.When != AlertScoreAtMost && rule.When != AlertScoreAtLeast && rule.When != AlertDropAtLeast {
		return fmt.Errorf("condition %q is unknown", rule.When)
	}
	if i.Scoring.Kind == ScoringPerItem {
		return fmt.Errorf("condition %q needs a score, but scoring is per_item", rule.When)
	}
	possible := i.possibleScores()
	lo, hi := slices.Min(possible), slices.Max(possible)
	if rule.When == AlertDropAtLeast {
		if rule.Threshold <= 0 {
			return fmt.Errorf("drop threshold %g must be above 0", rule.Threshold)
		}
		return checkThreshold(rule, 0, hi-lo)
	}
	return checkThreshold(rule, lo, hi)
}

func checkThreshold(rule AlertRule, lo, hi float64) error {
	if rule.Threshold < lo || rule.Threshold > hi {
		return fmt.Errorf("%s threshold %g is outside %g..%g", rule.When, rule.Threshold, lo, hi)
	}
	return nil
}
