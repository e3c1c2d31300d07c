package models_test

import (
	"testing"
	"time"

	"brobygger/models"
)

// The evaluation's 3 and 9 months count from the day the referral was received, not from the
// (later) day the citizen confirmed contact; the plan keys stay those of the offsets.
func TestPlanSends_ReferralAnchoredOccasions(t *testing.T) {
	in, loc := planFixture(t)
	confirmed := *in.Citizen.ContactConfirmedAt
	in.Citizen.CreatedAt = confirmed.AddDate(0, 0, -20).UTC() // referred 20 days before confirming
	in.Activities = nil
	in.Plan = models.CheckinPlan{Items: []models.PlanItem{
		{Instrument: "who5", OffsetDays: 0, Occasion: "baseline"},
		{Instrument: "who5", OffsetDays: 91, Anchor: models.AnchorReferral, Occasion: "month3"},
		{Instrument: "participation", OffsetDays: 273, Anchor: models.AnchorReferral, Occasion: "month9"},
		{Instrument: "ucla3", OffsetDays: 91, Anchor: models.AnchorContact},
		{Instrument: "ucla3", OffsetDays: 10, Anchor: models.AnchorReferral}, // before confirmation: at confirmation
	}}
	got := map[string]string{}
	for _, s := range models.PlanSends(in, confirmed.Add(-time.Hour), confirmed.AddDate(1, 0, 0)) {
		got[s.PlanKey] = s.DueAt.In(loc).Format("2006-01-02 15:04")
	}
	want := map[string]string{
		"plan:c1:who5:d0":            "2026-02-16 10:00",
		"plan:c1:who5:d91":           "2026-04-28 09:00", // 27 Jan + 91 days
		"plan:c1:participation:d273": "2026-10-27 09:00", // 27 Jan + 273 days
		"plan:c1:ucla3:d91":          "2026-05-18 09:00", // 16 Feb + 91 days
		"plan:c1:ucla3:d10":          "2026-02-16 10:00",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s due %q, want %q", k, got[k], v)
		}
	}
}

func TestCheckinPlan_AnchorAndOccasionValidated(t *testing.T) {
	for name, raw := range map[string]string{
		"anchor":   `{"items":[{"instrument":"who5","offset_days":91,"anchor":"birthday"}]}`,
		"occasion": `{"items":[{"instrument":"who5","offset_days":91,"occasion":"month6"}]}`,
	} {
		if _, err := models.ParseCheckinPlan([]byte(raw)); !models.IsCode(err, models.EINVALID) {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
	p, err := models.ParseCheckinPlan([]byte(`{"items":[{"instrument":"who5","offset_days":91,"anchor":"referral","occasion":"month3"}]}`))
	if err != nil || p.Items[0].Anchor != models.AnchorReferral || p.Items[0].Occasion != "month3" {
		t.Errorf("parse = %+v, %v", p, err)
	}
}
