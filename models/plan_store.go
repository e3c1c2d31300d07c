package models

import (
	"context"
	"fmt"
)

// SettingDefaultCheckinPlan is the setting holding the site's default check-in plan as JSON.
const SettingDefaultCheckinPlan = "default_checkin_plan"

// SiteCheckinPlan returns the admin's default check-in plan, or DefaultCheckinPlan when none
// has been set.
func (s *Store) SiteCheckinPlan(ctx context.Context) (CheckinPlan, error) {
	raw, ok, err := s.setting(ctx, SettingDefaultCheckinPlan)
	if err != nil || !ok {
		return DefaultCheckinPlan(), err
	}
	p, err := ParseCheckinPlan([]byte(raw))
	if err != nil {
		return CheckinPlan{}, fmt.Errorf("site check-in plan: %w", err)
	}
	return p, nil
}

// SetSiteCheckinPlan validates and stores the site's default check-in plan.
func (s *Store) SetSiteCheckinPlan(ctx context.Context, p CheckinPlan) error {
	raw, err := p.Encode()
	if err != nil {
		return err
	}
	return s.putSetting(ctx, SettingDefaultCheckinPlan, raw)
}

// SetCitizenCheckinPlan gives a citizen their own check-in plan; nil returns them to the site's
// default. Items already sent stay sent: plan keys follow instrument and day, not the plan.
func (s *Store) SetCitizenCheckinPlan(ctx context.Context, citizenID string, p *CheckinPlan) error {
	var raw *string
	if p != nil {
		encoded, err := p.Encode()
		if err != nil {
			return err
		}
		raw = &encoded
	}
	if !ValidID(citizenID) {
		return NotFound("citizen")
	}
	res := s.writeCitizen(s.q(ctx).Where("id = ?", citizenID), &Citizen{CheckinPlan: raw}, "checkin_plan")
	if res.Error != nil {
		return fmt.Errorf("set citizen check-in plan: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return NotFound("citizen")
	}
	return nil
}

// CitizenCheckinPlan returns the plan a citizen follows and whether it is their own.
func (s *Store) CitizenCheckinPlan(ctx context.Context, citizenID string) (CheckinPlan, bool, error) {
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return CheckinPlan{}, false, err
	}
	site, err := s.SiteCheckinPlan(ctx)
	if err != nil {
		return CheckinPlan{}, false, err
	}
	return c.PlanOr(site)
}

// PlanOr returns the citizen's own plan, or site when they have none. An own plan that no longer
// parses (it was validated when stored) is an error, with site as the plan to fall back on.
func (c *Citizen) PlanOr(site CheckinPlan) (CheckinPlan, bool, error) {
	if c.CheckinPlan == nil {
		return site, false, nil
	}
	p, err := ParseCheckinPlan([]byte(*c.CheckinPlan))
	if err != nil {
		return site, false, fmt.Errorf("citizen %s check-in plan: %w", c.ID, err)
	}
	return p, true, nil
}
