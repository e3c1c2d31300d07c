package models

import (
	"strings"
	"time"
	"unicode/utf8"
)

// CivilDate keeps only t's calendar date, as midnight UTC: the form every date-only column
// (StartsOn, EndsOn, OnceOn) is stored in, so dates compare and print the same everywhere.
func CivilDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// validate normalises the prescription's dates to civil dates and checks its schedule: a weekly
// session (weekday 1–7) or a one-off on OnceOn (weekday 0), with the end after the start and no
// date before StartsOn. Errors are EINVALID naming the API field.
func (p *Prescription) validate() error {
	p.Note = strings.TrimSpace(p.Note)
	if p.StartsOn.IsZero() {
		return Invalid("starts_on", "The prescription needs a start date.")
	}
	p.StartsOn = CivilDate(p.StartsOn)
	if err := p.validateOccurrence(); err != nil {
		return err
	}
	if err := validateTimes("", p.StartTime, p.EndTime); err != nil {
		return err
	}
	if p.EndsOn != nil {
		d := CivilDate(*p.EndsOn)
		p.EndsOn = &d
		if d.Before(p.StartsOn) {
			return Invalid("ends_on", "The end date must not be before the start date.")
		}
		if p.OnceOn != nil && p.OnceOn.After(d) {
			return Invalid("once_on", "The session date must not be after the end date.")
		}
	}
	if utf8.RuneCountInString(p.Note) > 2000 {
		return Invalid("note", "The note can be at most 2000 characters.")
	}
	return nil
}

func (p *Prescription) validateOccurrence() error {
	switch {
	case p.Weekday == 0 && p.OnceOn == nil:
		return Invalid("once_on", "A one-off session (weekday 0) needs its date in once_on.")
	case p.Weekday == 0:
		d := CivilDate(*p.OnceOn)
		p.OnceOn = &d
		if d.Before(p.StartsOn) {
			return Invalid("once_on", "The session date must not be before the start date.")
		}
	case p.Weekday < 0 || p.Weekday > 7:
		return Invalid("weekday", "The weekday must be 1 (Monday) to 7 (Sunday), or 0 for a one-off session.")
	case p.OnceOn != nil:
		return Invalid("once_on", "Only a one-off session (weekday 0) has a date in once_on.")
	}
	return nil
}
