package api

import (
	"time"

	"brobygger/models"
)

// dateLayout is how the API writes calendar dates (OpenAPI format: date).
const dateLayout = "2006-01-02"

// today is the calendar date now in the site's time zone, as a civil date: a link worker in
// Copenhagen ending a prescription at 00:30 ends it today, not yesterday (UTC).
func (h *handlers) today() time.Time {
	loc := h.deps.Location
	if loc == nil {
		// Only tests leave Location unset; cmd/brobygger always passes TIMEZONE.
		loc = time.UTC
	}
	return models.CivilDate(h.deps.Now().In(loc))
}

// parseDate reads an optional "YYYY-MM-DD" field; nil stays nil.
func parseDate(field string, s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := time.Parse(dateLayout, *s)
	if err != nil {
		return nil, models.Invalid(field, "The %s must be a date written YYYY-MM-DD.", field)
	}
	return &t, nil
}

// formatDate writes an optional civil date; nil stays nil (JSON null).
func formatDate(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(dateLayout)
	return &s
}
