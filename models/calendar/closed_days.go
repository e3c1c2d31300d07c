package calendar

import (
	"slices"
	"strings"
	"time"
)

// MaxClosedDates bounds a site's own list, so a pasted calendar cannot slow every send-time check.
const MaxClosedDates = 100

// ClosedDate is an extra day without scheduled SMS: every year on Month/Day when Year is 0, or
// one particular date.
type ClosedDate struct {
	Year  int
	Month time.Month
	Day   int
}

// Matches reports whether d is this closed day.
func (c ClosedDate) Matches(d Date) bool {
	return c.Month == d.Month && c.Day == d.Day && (c.Year == 0 || c.Year == d.Year)
}

// String writes "12-24" for a yearly day and "2026-12-24" for one date.
func (c ClosedDate) String() string {
	if c.Year == 0 {
		return Date{2000, c.Month, c.Day}.String()[5:]
	}
	return Date(c).String()
}

// ParseClosedDates reads a comma-separated list of "MM-DD" (every year) and "YYYY-MM-DD" (once),
// as an operator writes it in configuration.
func ParseClosedDates(list string) ([]ClosedDate, error) {
	var out []ClosedDate
	for _, field := range strings.Split(list, ",") {
		field = strings.TrimSpace(field)
		if field == "" {
			continue
		}
		yearly := len(field) == len("12-24")
		if yearly {
			field = "2000-" + field // a leap year, so 02-29 is accepted
		}
		d, err := parseDate(field)
		if err != nil {
			return nil, invalid("closed_dates", "%q is not a closed day like 12-24 or 2026-12-24.", field)
		}
		c := ClosedDate{Month: d.Month, Day: d.Day}
		if !yearly {
			c.Year = d.Year
		}
		out = append(out, c)
	}
	return out, nil
}

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

// ParseClosedDayList reads the days an admin writes ("12-27" every year, "2026-05-15" once),
// dropping repeats and keeping the order given.
func ParseClosedDayList(days []string) ([]ClosedDate, error) {
	if len(days) > MaxClosedDates {
		return nil, invalid("closed_dates", "A site may have at most %d closed days of its own.", MaxClosedDates)
	}
	var out []ClosedDate
	for _, day := range days {
		parsed, err := ParseClosedDates(day)
		if err != nil {
			return nil, err
		}
		if len(parsed) != 1 {
			return nil, invalid("closed_dates", "%q is not a closed day like 12-24 or 2026-12-24.", day)
		}
		if !slices.Contains(out, parsed[0]) {
			out = append(out, parsed[0])
		}
	}
	return out, nil
}
