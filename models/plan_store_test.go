package models_test

import (
	"context"
	"testing"

	"brobygger/models"
	"brobygger/models/storetest"
)

func TestStore_CheckinPlans(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		site, err := s.SiteCheckinPlan(ctx)
		if err != nil || len(site.Items) != len(models.DefaultCheckinPlan().Items) {
			t.Fatalf("unset site plan = %+v, %v; want the shipped default", site, err)
		}
		mine := models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 0}, {Instrument: "who5", OffsetDays: 60}}}
		if err := s.SetSiteCheckinPlan(ctx, mine); err != nil {
			t.Fatal(err)
		}
		mine.Items = mine.Items[:1]
		if err := s.SetSiteCheckinPlan(ctx, mine); err != nil {
			t.Fatal(err)
		}
		if site, err = s.SiteCheckinPlan(ctx); err != nil || len(site.Items) != 1 || site.WeeklyPulse {
			t.Fatalf("site plan after two saves = %+v, %v", site, err)
		}

		c := storetest.Citizen(t, s, nil, models.LangDA)
		own := models.CheckinPlan{Items: []models.PlanItem{{Instrument: "ons4", OffsetDays: 7}}, WeeklyPulse: true}
		if err := s.SetCitizenCheckinPlan(ctx, c.ID, &own); err != nil {
			t.Fatal(err)
		}
		got, isOwn, err := s.CitizenCheckinPlan(ctx, c.ID)
		if err != nil || !isOwn || got.Items[0].Instrument != "ons4" {
			t.Fatalf("own plan = %+v %v %v", got, isOwn, err)
		}
		if err := s.SetCitizenCheckinPlan(ctx, c.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got, isOwn, err = s.CitizenCheckinPlan(ctx, c.ID); err != nil || isOwn || len(got.Items) != 1 || got.Items[0].Instrument != "who5" {
			t.Fatalf("cleared plan = %+v %v %v, want the site's", got, isOwn, err)
		}

		bad := models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: -3}}}
		if err := s.SetCitizenCheckinPlan(ctx, c.ID, &bad); !models.IsCode(err, models.EINVALID) {
			t.Errorf("invalid plan: %v", err)
		}
		if err := s.SetCitizenCheckinPlan(ctx, models.NewID(), &own); !models.IsCode(err, models.ENOTFOUND) {
			t.Errorf("unknown citizen: %v", err)
		}
	})
}
