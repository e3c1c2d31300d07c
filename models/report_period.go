package models

import "time"

// ReportPeriod is the commissioner's report's cohort: the citizens whose referral was received
// from From (inclusive) to To (exclusive), both local midnights in Location.
type ReportPeriod struct {
	From, To time.Time
	Location *time.Location
	// FromDate and ToDate are the period's first and last day, "YYYY-MM-DD".
	FromDate, ToDate string
}

// maxReportMonths bounds a report's period, so its month table stays a table.
const maxReportMonths = 120

// ParseReportPeriod reads a report's period: from and to are dates ("YYYY-MM-DD", both
// inclusive) in loc. An empty to is today; an empty from is the first day of the month eleven
// months before to's, so the default is the last twelve calendar months.
func ParseReportPeriod(from, to string, now time.Time, loc *time.Location) (ReportPeriod, error) {
	p := ReportPeriod{Location: loc}
	last := now.In(loc)
	last = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, loc)
	if to != "" {
		d, err := time.ParseInLocation(time.DateOnly, to, loc)
		if err != nil || d.Year() < 2000 || d.Year() > 9000 {
			return p, Invalid("to", "to must be a date written YYYY-MM-DD.")
		}
		last = d
	}
	first := time.Date(last.Year(), last.Month()-11, 1, 0, 0, 0, 0, loc)
	if from != "" {
		d, err := time.ParseInLocation(time.DateOnly, from, loc)
		if err != nil || d.Year() < 2000 || d.Year() > 9000 {
			return p, Invalid("from", "from must be a date written YYYY-MM-DD.")
		}
		first = d
	}
	if last.Before(first) {
		return p, Invalid("to", "to must not be before from.")
	}
	p.From, p.To = first, last.AddDate(0, 0, 1)
	p.FromDate, p.ToDate = first.Format(time.DateOnly), last.Format(time.DateOnly)
	if len(p.months()) > maxReportMonths {
		return p, Invalid("from", "The report covers at most %d months.", maxReportMonths)
	}
	return p, nil
}

// reportMonth is one calendar month of the period, cut to the period at either end.
type reportMonth struct {
	Key        string
	Year       int
	Start, End time.Time
}

// months lists the period's calendar months in the site's time zone.
func (p ReportPeriod) months() []reportMonth {
	var out []reportMonth
	for m := time.Date(p.From.Year(), p.From.Month(), 1, 0, 0, 0, 0, p.Location); m.Before(p.To); m = m.AddDate(0, 1, 0) {
		start, end := m, m.AddDate(0, 1, 0)
		if start.Before(p.From) {
			start = p.From
		}
		if end.After(p.To) {
			end = p.To
		}
		out = append(out, reportMonth{Key: m.Format("2006-01"), Year: m.Year(), Start: start.UTC(), End: end.UTC()})
		if len(out) > maxReportMonths {
			break
		}
	}
	return out
}
