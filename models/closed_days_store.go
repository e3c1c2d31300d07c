package models

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"brobygger/models/calendar"
)

// SettingClosedDays is the setting holding the site's own closed days as JSON.
const SettingClosedDays = "closed_days"

// closedDaysJSON is how the setting is stored: days written as ParseClosedDates reads them.
type closedDaysJSON struct {
	Customary bool     `json:"customary"`
	Extra     []string `json:"extra"`
}

// SiteClosedDays returns the admin's choice of closed days, or DefaultClosedDays when none.
func (s *Store) SiteClosedDays(ctx context.Context) (ClosedDays, error) {
	raw, ok, err := s.setting(ctx, SettingClosedDays)
	if err != nil || !ok {
		return calendar.DefaultClosedDays(), err
	}
	var stored closedDaysJSON
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&stored); err != nil {
		return calendar.DefaultClosedDays(), fmt.Errorf("site closed days: %w", err)
	}
	extra, err := ParseClosedDayList(stored.Extra)
	if err != nil {
		return calendar.DefaultClosedDays(), fmt.Errorf("site closed days: %w", err)
	}
	return ClosedDays{Customary: stored.Customary, Extra: extra}, nil
}

// SetSiteClosedDays stores the site's closed days.
func (s *Store) SetSiteClosedDays(ctx context.Context, d ClosedDays) error {
	if len(d.Extra) > calendar.MaxClosedDates {
		return Invalid("closed_dates", "A site may have at most %d closed days of its own.", calendar.MaxClosedDates)
	}
	stored := closedDaysJSON{Customary: d.Customary, Extra: make([]string, 0, len(d.Extra))}
	for _, c := range d.Extra {
		stored.Extra = append(stored.Extra, c.String())
	}
	raw, err := json.Marshal(stored)
	if err != nil {
		return fmt.Errorf("encode closed days: %w", err)
	}
	return s.putSetting(ctx, SettingClosedDays, string(raw))
}

// SiteSendWindow is base with the site's closed days added. The scheduler, the referral's
// contact SMS and the schedule preview all ask it, so they agree on which days are closed.
func (s *Store) SiteSendWindow(ctx context.Context, base SendWindow) (SendWindow, error) {
	d, err := s.SiteClosedDays(ctx)
	if err != nil {
		return base, err
	}
	return base.WithClosedDates(d.Dates()), nil
}
