package research

import (
	"math"
	"time"
)

// Pick returns the measurement of instrument that counts for occasion o, by the export's own
// rule (in the window, nearest the target day, the earlier of two equally near), so the
// commissioner's report and the research export choose the same answers.
func Pick(ms []Measurement, instrument string, o Occasion, referredAt time.Time, loc *time.Location) (Measurement, bool) {
	m, _, ok := nearest(ms, instrument, o, func(t time.Time) int { return daysSince(referredAt, t, loc) })
	return m, ok
}

// WHO5Score is the 0–100 WHO-5 score the export writes for a measurement (the stored score, or
// the raw total times four); ok is false without a raw total, as in the export.
func WHO5Score(m Measurement) (int, bool) {
	if m.Raw == nil {
		return 0, false
	}
	if m.Score != nil {
		return int(math.Round(*m.Score)), true
	}
	return *m.Raw * 4, true
}
