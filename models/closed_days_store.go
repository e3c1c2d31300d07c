package models

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
)

// SettingClosedDays is the setting holding the site's own closed days as JSON.
const SettingClosedDays = "closed_days"

// maxClosedDates bounds the admin's list, so a pasted calendar cannot slow every send-time check.
const maxClosedDates = 100

// ClosedDays is the site's choice of days without scheduled SMS besides Sundays and public
// holidays: the customary days (Grundlovsdag, juleaftensdag, nytårsaftensdag) unless the admin
// turns them off, and the site's own extra days.
type ClosedDays struct {
	Customary bool
	Extra     []ClosedDate
}

// DefaultClosedDays is what a site gets before an admin has chosen: the customary days closed.
func DefaultClosedDays() ClosedDays { return ClosedDays{Customary: true} }

// Dates lists every closed day the choice adds to a send window.
func (d ClosedDays) Dates() []ClosedDate {
	var out []ClosedDate
	if d.Customary {
		out = CustomaryClosedDates()
	}
	return append(out, d.Extra...)
}

// closedDaysJSON is how the setting is stored: days written as ParseClosedDates reads them.
type closedDaysJSON struct {
	Customary bool     `json:"customary"`
	Extra     []string `json:"extra"`
}

// ParseClosedDayList reads the days an admin writes ("12-27" every year, "2026-05-15" once),
// dropping repeats and keeping the order given.
func ParseClosedDayList(days []string) ([]ClosedDate, error) {
	if len(days) > maxClosedDates {
		return nil, Invalid("closed_dates", "A site may have at most %d closed days of its own.", maxClosedDates)
	}
	var out []ClosedDate
	for _, day := range days {
		parsed, err := ParseClosedDates(day)
		if err != nil {
			return nil, err
		}
		if len(parsed) != 1 {
			return nil, Invalid("closed_dates", "%q is not a closed day like 12-24 or 2026-12-24.", day)
		}
		if !slices.Contains(out, parsed[0]) {
			out = append(out, parsed[0])
		}
	}
	return out, nil
}

// SiteClosedDays returns the admin's choice of closed days, or DefaultClosedDays when none.
func (s *Store) SiteClosedDays(ctx context.Context) (ClosedDays, error) {
	raw, ok, err := s.Setting(ctx, SettingClosedDays)
	if err != nil || !ok {
		return DefaultClosedDays(), err
	}
	var stored closedDaysJSON
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&stored); err != nil {
		return DefaultClosedDays(), fmt.Errorf("site closed days: %w", err)
	}
	extra, err := ParseClosedDayList(stored.Extra)
	if err != nil {
		return DefaultClosedDays(), fmt.Errorf("site closed days: %w", err)
	}
	return ClosedDays{Customary: stored.Customary, Extra: extra}, nil
}

// SetSiteClosedDays stores the site's closed days.
func (s *Store) SetSiteClosedDays(ctx context.Context, d ClosedDays) error {
	if len(d.Extra) > maxClosedDates {
		return Invalid("closed_dates", "A site may have at most %d closed days of its own.", maxClosedDates)
	}
	stored := closedDaysJSON{Customary: d.Customary, Extra: make([]string, 0, len(d.Extra))}
	for _, c := range d.Extra {
		stored.Extra = append(stored.Extra, c.String())
	}
	raw, err := json.Marshal(stored)
	if err != nil {
		return fmt.Errorf("encode closed days: %w", err)
	}
	return s.PutSetting(ctx, SettingClosedDays, string(raw))
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
