package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
)

// pulseInstrument is the one-item check-in sent weekly while a prescription is active.
const pulseInstrument = "pulse"

// Limits on a check-in plan, so a typo in the admin's JSON cannot schedule nonsense.
const (
	maxPlanItems      = 50
	maxPlanOffsetDays = 3 * 366
	maxPlanLabel      = 64
)

var instrumentKeyPattern = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// PlanItem is one questionnaire at a number of days after its anchor: the day the citizen
// confirmed contact, or the day the referral was received (see plan_anchor.go).
type PlanItem struct {
	Instrument string `json:"instrument"`
	OffsetDays int    `json:"offset_days"`
	// Label names the time point for people ("3 months").
	Label string `json:"label,omitempty"`
	// Anchor is what OffsetDays counts from: "contact" (the default) or "referral".
	Anchor string `json:"anchor,omitempty"`
	// Occasion is the research measurement occasion the item serves (baseline, month3,
	// month9), so the plan says which instruments each occasion of the evaluation uses.
	Occasion string `json:"occasion,omitempty"`
}

// Key identifies the item within a plan; check-in plan keys are built from it, so changing a
// plan never re-sends an item that keeps its instrument and offset.
func (i PlanItem) Key() string { return fmt.Sprintf("%s:d%d", i.Instrument, i.OffsetDays) }

// CheckinPlan is which questionnaires a citizen gets when. It is data: the admin sets the site's
// default (the "default_checkin_plan" setting) and a link worker may give a citizen their own.
type CheckinPlan struct {
	Items []PlanItem `json:"items"`
	// WeeklyPulse adds the one-item pulse every week while a prescription is active.
	WeeklyPulse bool `json:"weekly_pulse"`
}

// DefaultCheckinPlan is what the product ships with: WHO-5 and UCLA-3 at baseline, 2 and 6
// weeks, 3, 6 and 9 months; the participation scale at 3 and 9 months for the first site's
// evaluation; and the weekly pulse. The evaluation's 3 and 9 months count from the day the
// referral was received, as its protocol says; the other points from confirmed contact.
func DefaultCheckinPlan() CheckinPlan {
	points := []struct {
		days             int
		label            string
		anchor, occasion string
	}{{0, "baseline", "", "baseline"}, {14, "2 weeks", "", ""}, {42, "6 weeks", "", ""},
		{91, "3 months", AnchorReferral, "month3"}, {182, "6 months", "", ""}, {273, "9 months", AnchorReferral, "month9"}}
	var p CheckinPlan
	for _, pt := range points {
		for _, inst := range []string{"who5", "ucla3"} {
			p.Items = append(p.Items, PlanItem{Instrument: inst, OffsetDays: pt.days, Label: pt.label, Anchor: pt.anchor, Occasion: pt.occasion})
		}
		if pt.days == 91 || pt.days == 273 {
			p.Items = append(p.Items, PlanItem{Instrument: "participation", OffsetDays: pt.days, Label: pt.label, Anchor: pt.anchor, Occasion: pt.occasion})
		}
	}
	p.WeeklyPulse = true
	return p
}

// Validate checks the plan's shape: known-looking instrument keys, offsets within three years,
// and no instrument twice on the same day.
func (p CheckinPlan) Validate() error {
	if len(p.Items) > maxPlanItems {
		return Invalid("items", "A check-in plan may have at most %d items.", maxPlanItems)
	}
	seen := make(map[string]bool, len(p.Items))
	for _, it := range p.Items {
		if !instrumentKeyPattern.MatchString(it.Instrument) {
			return Invalid("items", "%q is not an instrument key.", it.Instrument)
		}
		if it.OffsetDays < 0 || it.OffsetDays > maxPlanOffsetDays {
			return Invalid("items", "The offset of %s must be between 0 and %d days.", it.Instrument, maxPlanOffsetDays)
		}
		if len(it.Label) > maxPlanLabel {
			return Invalid("items", "A plan item's label may be at most %d characters.", maxPlanLabel)
		}
		if err := it.validateAnchor(); err != nil {
			return err
		}
		if seen[it.Key()] {
			return Invalid("items", "%s is planned twice on day %d.", it.Instrument, it.OffsetDays)
		}
		seen[it.Key()] = true
	}
	return nil
}

// CheckInstruments reports a plan item whose instrument the registry does not know (the API
// calls it before saving; the scheduler skips such items rather than stall).
func (p CheckinPlan) CheckInstruments(reg *InstrumentRegistry) error {
	for _, it := range p.Items {
		if _, ok := reg.Latest(it.Instrument); !ok {
			return Invalid("items", "There is no instrument called %q.", it.Instrument)
		}
	}
	if _, ok := reg.Latest(pulseInstrument); p.WeeklyPulse && !ok {
		return Invalid("weekly_pulse", "The pulse instrument is not loaded.")
	}
	return nil
}

// ParseCheckinPlan reads and validates a plan's JSON; unknown fields are an error, since a
// misspelt field would otherwise silently fall back to its zero value.
func ParseCheckinPlan(data []byte) (CheckinPlan, error) {
	var p CheckinPlan
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return CheckinPlan{}, Invalid("plan", "The check-in plan is not valid JSON: %v.", err)
	}
	return p, p.Validate()
}

// Encode writes the plan as stored JSON.
func (p CheckinPlan) Encode() (string, error) {
	if err := p.Validate(); err != nil {
		return "", err
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("encode check-in plan: %w", err)
	}
	return string(raw), nil
}
