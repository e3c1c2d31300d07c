package instrument

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
)

// Alert is a flag for the link worker's review queue. Reason is a short
// English sentence saying what was seen, never advice.
type Alert struct {
	Kind   string
	Reason string
}

// Alerts applies the instrument's alert rules to result, in file order.
// previous is the citizen's previous score on this instrument, or nil when
// there is none; a drop is only measured between two computed scores.
func (i *Instrument) Alerts(result Result, previous *float64) []Alert {
	var alerts []Alert
	for _, rule := range i.AlertRules {
		alerts = append(alerts, i.applyAlertRule(rule, result, previous)...)
	}
	return alerts
}

func (i *Instrument) applyAlertRule(rule AlertRule, result Result, previous *float64) []Alert {
	if rule.When == AlertItemAtMost {
		return itemAlerts(rule, result.PerItem)
	}
	if result.Score == nil {
		return nil
	}
	if reason, ok := i.scoreReason(rule, roundScore(*result.Score), previous); ok {
		return []Alert{{Kind: rule.Kind, Reason: reason}}
	}
	return nil
}

// scoreReason says why a score rule fires, or reports that it does not.
func (i *Instrument) scoreReason(rule AlertRule, score float64, previous *float64) (string, bool) {
	switch rule.When {
	case AlertScoreAtMost:
		if score > rule.Threshold {
			return "", false
		}
		return fmt.Sprintf("%s score %s is at or below %s", i.Name, formatScore(score), formatScore(rule.Threshold)), true
	case AlertScoreAtLeast:
		if score < rule.Threshold {
			return "", false
		}
		return fmt.Sprintf("%s score %s is at or above %s", i.Name, formatScore(score), formatScore(rule.Threshold)), true
	case AlertDropAtLeast:
		if previous == nil {
			return "", false
		}
		drop := roundScore(*previous - score)
		if drop < rule.Threshold {
			return "", false
		}
		return fmt.Sprintf("%s fell %s %s from %s to %s", i.Name, formatScore(drop), pluralPoints(drop), formatScore(*previous), formatScore(score)), true
	default:
		return "", false
	}
}

// itemAlerts raises one alert per low item, in item order, so the link
// worker sees which questions were answered low.
func itemAlerts(rule AlertRule, perItem map[int]int) []Alert {
	var alerts []Alert
	for _, number := range slices.Sorted(maps.Keys(perItem)) {
		if value := perItem[number]; float64(value) <= rule.Threshold {
			alerts = append(alerts, Alert{Kind: rule.Kind, Reason: fmt.Sprintf("Item %d answered %d", number, value)})
		}
	}
	return alerts
}

// roundScore rounds to two decimals, the precision conversion tables use,
// so float noise in a subtraction cannot decide whether a flag is raised.
func roundScore(score float64) float64 {
	return math.Round(score*100) / 100
}

func formatScore(score float64) string {
	return strconv.FormatFloat(roundScore(score), 'f', -1, 64)
}

func pluralPoints(n float64) string {
	if n == 1 {
		return "point"
	}
	return "points"
}
