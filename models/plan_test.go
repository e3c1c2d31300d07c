package models_test

import (
	"strings"
	"testing"

	"brobygger/models"
)

func TestDefaultCheckinPlan(t *testing.T) {
	p := models.DefaultCheckinPlan()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	reg, err := models.LoadInstruments()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.CheckInstruments(reg); err != nil {
		t.Fatalf("the default plan names an instrument we do not ship: %v", err)
	}
	var got []string
	for _, it := range p.Items {
		got = append(got, it.Key())
	}
	want := "who5:d0 ucla3:d0 who5:d14 ucla3:d14 who5:d42 ucla3:d42 who5:d91 ucla3:d91 participation:d91 " +
		"who5:d182 ucla3:d182 who5:d273 ucla3:d273 participation:d273"
	if strings.Join(got, " ") != want || !p.WeeklyPulse {
		t.Errorf("default plan = %v pulse %v\nwant %s with the weekly pulse", got, p.WeeklyPulse, want)
	}
}

func TestParseCheckinPlan(t *testing.T) {
	p, err := models.ParseCheckinPlan([]byte(`{"items":[{"instrument":"who5","offset_days":0,"label":"baseline"},
		{"instrument":"ons4","offset_days":30}],"weekly_pulse":false}`))
	if err != nil || len(p.Items) != 2 || p.Items[1].Instrument != "ons4" || p.WeeklyPulse {
		t.Fatalf("parse = %+v, %v", p, err)
	}
	raw, err := p.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if again, err := models.ParseCheckinPlan([]byte(raw)); err != nil || len(again.Items) != 2 {
		t.Errorf("round trip = %+v, %v", again, err)
	}
	bad := map[string]string{
		"unknown field":   `{"items":[],"weekly_puls":true}`,
		"negative offset": `{"items":[{"instrument":"who5","offset_days":-1}]}`,
		"too far":         `{"items":[{"instrument":"who5","offset_days":5000}]}`,
		"twice a day":     `{"items":[{"instrument":"who5","offset_days":3},{"instrument":"who5","offset_days":3}]}`,
		"odd key":         `{"items":[{"instrument":"WHO-5","offset_days":3}]}`,
		"not json":        `items: []`,
	}
	for name, raw := range bad {
		if _, err := models.ParseCheckinPlan([]byte(raw)); !models.IsCode(err, models.EINVALID) {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
}

func TestCheckinPlan_CheckInstruments(t *testing.T) {
	reg, err := models.LoadInstruments()
	if err != nil {
		t.Fatal(err)
	}
	p := models.CheckinPlan{Items: []models.PlanItem{{Instrument: "swemwbs", OffsetDays: 0}}}
	if err := p.CheckInstruments(reg); !models.IsCode(err, models.EINVALID) {
		t.Errorf("an instrument that is not loaded: %v, want EINVALID", err)
	}
}
