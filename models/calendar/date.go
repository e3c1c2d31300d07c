package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time of day and no zone: "the 5th of April", whatever the clock
// says in UTC. Plans, holidays and activity occurrences are counted in Dates so that a day stays
// a day across the DST changes.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate builds a Date, normalising overflow the way time.Date does (31 April is 1 May).
func NewDate(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 12, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// DateIn returns the calendar day t falls on in loc.
func DateIn(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return Date{y, m, d}
}

// StoredDate reads a date-only column (OnceOn, StartsOn, EndsOn, OccurrenceOn). Such columns hold
// UTC midnight of the day; a value with a time of day was written as a local instant, so it is
// read in loc instead, and both conventions give the day the person meant.
func StoredDate(t time.Time, loc *time.Location) Date {
	u := t.UTC()
	if u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0 {
		return Date{u.Year(), u.Month(), u.Day()}
	}
	return DateIn(t, loc)
}

// parseDate reads "2006-01-02".
func parseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, invalid("date", "%q is not a date like 2026-04-05.", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// String writes the date as "2006-01-02", which also sorts correctly as text.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// UTCMidnight is how a date-only column stores the day.
func (d Date) UTCMidnight() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays moves the date by n calendar days.
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// DaysSince counts calendar days from o to d (negative when d is earlier).
func (d Date) DaysSince(o Date) int {
	return int(d.UTCMidnight().Sub(o.UTCMidnight()).Hours() / 24)
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.DaysSince(o) < 0 }

// Weekday is the day of the week.
func (d Date) Weekday() time.Weekday { return d.UTCMidnight().Weekday() }

// ISOWeekday numbers the days as prescriptions do: 1 Monday … 7 Sunday.
func (d Date) ISOWeekday() int {
	if wd := d.Weekday(); wd != time.Sunday {
		return int(wd)
	}
	return 7
}

// At is the instant the local clock in loc shows minutes after midnight on this day. On a DST
// night a clock time that does not exist moves forward, as time.Date does.
func (d Date) At(minutes int, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, minutes/60, minutes%60, 0, 0, loc)
}

// ParseClock reads "HH:MM" (00:00–24:00) as minutes after midnight.
func ParseClock(s string) (int, error) {
	bad := invalid("time", "%q is not a time like 09:30.", s)
	if len(s) != 5 || s[2] != ':' || strings.Trim(s[:2]+s[3:], "0123456789") != "" {
		return 0, bad
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:])
	if h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, bad
	}
	return h*60 + m, nil
}

// FormatClock writes minutes after midnight as "HH:MM".
func FormatClock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }
