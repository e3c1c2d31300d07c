package operations

import (
	"brobygger/models"
	"brobygger/models/calendar"
	"time"
)

// ParseDate reads an optional "YYYY-MM-DD" field; nil stays nil.
func ParseDate(field string, s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := time.Parse(DateLayout, *s)
	if err != nil {
		return nil, models.Invalid(field, "The %s must be a date written YYYY-MM-DD.", field)
	}
	return &t, nil
}

// FormatDate writes an optional civil date; nil stays nil (JSON null).
func FormatDate(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(DateLayout)
	return &s
}

func (h *Service) OverdueAfter() time.Duration {
	if h.UrgentOverdueAfter > 0 {
		return h.UrgentOverdueAfter
	}
	return urgentOverdueAfter
}

func (h *Service) LocalZone() *time.Location {
	if h.Location == nil {
		return time.UTC // only tests leave it unset
	}
	return h.Location
}

// SiteWindow is the configured window for scheduled SMS (09:00–20:00 local, no Sundays or
// holidays unless configured); Store.SiteSendWindow adds the admin's closed days.
func (h *Service) SiteWindow() models.SendWindow {
	if h.SendWindow != nil {
		return *h.SendWindow
	}
	loc := h.Location
	if loc == nil {
		loc = time.UTC
	}
	return calendar.DefaultSendWindow(loc)
}

// DateLayout is how the API writes calendar dates (OpenAPI format: date).
const DateLayout = "2006-01-02"

// today is the calendar date now in the site's time zone, as a civil date: a link worker in
// Copenhagen ending a prescription at 00:30 ends it today, not yesterday (UTC).
func (h *Service) today() time.Time {
	loc := h.Location
	if loc == nil {
		// Only tests leave Location unset; cmd/brobygger always passes TIMEZONE.
		loc = time.UTC
	}
	return models.CivilDate(h.Now().In(loc))
}

// localDay is the start of the day s (YYYY-MM-DD) plus addDays, in the site's time zone; "" is
// the zero time (no bound).
func (h *Service) localDay(field, s string, addDays int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	loc := h.Location
	if loc == nil {
		loc = time.UTC
	}
	d, err := time.ParseInLocation(DateLayout, s, loc)
	if err != nil || d.Year() < 2000 || d.Year() > 9000 {
		return time.Time{}, models.Invalid(field, "The %s date must be written YYYY-MM-DD.", field)
	}
	return d.AddDate(0, 0, addDays), nil
}

// urgentOverdueAfter is when an unacknowledged urgent flag is highlighted (site-configurable via
// Deps.UrgentOverdueAfter; the research unit's rule is same-day follow-up).
const urgentOverdueAfter = 2 * time.Hour
