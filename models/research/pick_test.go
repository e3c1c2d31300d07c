package research

import (
	"strings"
	"testing"
	"time"
)

// TestPick_AgreesWithTheExport: for every occasion, Pick and WHO5Score give what Build writes,
// so the commissioner's report pairs the same answers a researcher finds in the export.
func TestPick_AgreesWithTheExport(t *testing.T) {
	loc := cph(t)
	p, _ := NewPseudonymiser(strings.Repeat("k", 32))
	referred := time.Date(2026, 3, 28, 22, 30, 0, 0, time.UTC) // the night the clocks go forward
	raw := func(n int) *int { return &n }
	score := func(f float64) *float64 { return &f }
	s := Subject{CitizenID: "c1", ReferredAt: referred, Measurements: []Measurement{
		{Instrument: "who5", At: referred.Add(-2 * time.Hour), Raw: raw(9), Score: score(36)},
		{Instrument: "who5", At: referred.AddDate(0, 0, 30), Raw: raw(11)},
		{Instrument: "who5", At: referred.AddDate(0, 0, 85), Raw: raw(10)},
		{Instrument: "who5", At: referred.AddDate(0, 0, 97), Raw: raw(15)},
		{Instrument: "who5", At: referred.AddDate(0, 0, 331), Raw: raw(20)},
		{Instrument: "who5", At: referred.AddDate(0, 0, 240), Raw: nil},
	}}
	rows := Build([]Subject{s}, p, referred.AddDate(0, 0, 400), loc)
	for i, o := range Occasions() {
		m, ok := Pick(s.Measurements, "who5", o, referred, loc)
		got, scored := 0, false
		if ok {
			got, scored = WHO5Score(m)
		}
		switch w := rows[i].WHO5Score; {
		case w == nil && scored, w != nil && (!scored || *w != got):
			t.Errorf("%s: Pick gives %d (%v), the export %v", o.Key, got, scored, w)
		}
	}
	if *rows[0].WHO5Score != 36 || *rows[1].WHO5Score != 40 || rows[2].WHO5Score != nil {
		t.Errorf("the export's scores changed: %v %v %v", rows[0].WHO5Score, rows[1].WHO5Score, rows[2].WHO5Score)
	}
}
