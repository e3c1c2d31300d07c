package models

import (
	"time"

	"brobygger/models/report"
	"brobygger/models/research"
)

// outcomeKey is one row of the paired outcomes: an instrument at a follow-up occasion.
type outcomeKey struct{ instrument, occasion string }

// outcomePairs sums the paired scores as citizens stream past.
type outcomePairs struct {
	keys []outcomeKey
	sums map[outcomeKey]*report.Paired
}

func newOutcomePairs() *outcomePairs {
	p := &outcomePairs{sums: map[outcomeKey]*report.Paired{}}
	for _, inst := range []string{research.InstrumentWHO5, research.InstrumentUCLA3} {
		for _, o := range []research.Occasion{research.Month3, research.Month9} {
			k := outcomeKey{inst, o.Key}
			p.keys = append(p.keys, k)
			p.sums[k] = &report.Paired{}
		}
	}
	return p
}

// add counts one citizen: for each instrument, the baseline answer and each follow-up's, both
// chosen as the research export chooses them, and only when both exist.
func (p *outcomePairs) add(ms []research.Measurement, referredAt time.Time, loc *time.Location) {
	if len(ms) == 0 {
		return
	}
	for _, k := range p.keys {
		o, _ := research.OccasionByKey(k.occasion)
		before, ok := occasionScore(ms, k.instrument, research.Baseline, referredAt, loc)
		if !ok {
			continue
		}
		if after, ok := occasionScore(ms, k.instrument, o, referredAt, loc); ok {
			p.sums[k].Add(before, after)
		}
	}
}

// occasionScore is the score the research export writes for the occasion: WHO-5 on its 0–100
// scale, UCLA-3 as its raw total (3–9).
func occasionScore(ms []research.Measurement, instrument string, o research.Occasion, referredAt time.Time, loc *time.Location) (float64, bool) {
	m, ok := research.Pick(ms, instrument, o, referredAt, loc)
	if !ok {
		return 0, false
	}
	if instrument == research.InstrumentWHO5 {
		score, ok := research.WHO5Score(m)
		return float64(score), ok
	}
	if m.Raw == nil {
		return 0, false
	}
	return float64(*m.Raw), true
}

func (p *outcomePairs) figures() []report.OutcomeFigure {
	out := make([]report.OutcomeFigure, 0, len(p.keys))
	for _, k := range p.keys {
		out = append(out, report.OutcomeFigure{Instrument: k.instrument, Occasion: k.occasion, Paired: *p.sums[k]})
	}
	return out
}
