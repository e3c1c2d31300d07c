package models

import (
	"time"

	"brobygger/models/calendar"
)

// When an open flag is due, by severity (the caseload's need sort puts overdue flags right after
// urgent ones):
//   - urgent: at once (an open urgent flag always comes first, overdue or not);
//   - high: by the end of the working day it was raised on (raised on a closed day: the end of
//     the next working day);
//   - normal and info: by the end of the second working day.
//
// A working day is Monday to Friday, not a Danish public holiday nor one of the site's closed
// days. "End of the day" is local midnight, so a flag raised at 15:55 is due that evening and
// shows as overdue the next working morning, not five minutes later.

// maxWorkingDaySearch bounds the walk back over closed days (Easter, Christmas, a site closed for
// a month); a window closed all year counts every day as closed and stops here.
const maxWorkingDaySearch = 60

// FlagDueCutoffs turns the rule above into two moments for the query: a high flag is overdue
// when it was raised before high, a normal or info flag when raised before other. Because "due"
// grows with the time raised, "due before now" is "raised before a cutoff", which an index on
// created_at can answer and which needs no column kept up to date as time passes.
func FlagDueCutoffs(now time.Time, w SendWindow) (high, other time.Time) {
	loc := w.Loc()
	today := calendar.DateIn(now, loc)
	last := previousWorkingDay(today, w)      // the last working day that has ended
	beforeLast := previousWorkingDay(last, w) // the one before it
	// Raised on or before the last ended working day (or on the closed days just after it): its
	// due time, the end of that working day, has passed.
	high = last.AddDays(1).At(0, loc).UTC()
	other = beforeLast.AddDays(1).At(0, loc).UTC()
	return high, other
}

// previousWorkingDay is the last working day strictly before d.
func previousWorkingDay(d calendar.Date, w SendWindow) calendar.Date {
	for i := 0; i < maxWorkingDaySearch; i++ {
		d = d.AddDays(-1)
		if workingDay(d, w) {
			return d
		}
	}
	return d
}

// workingDay is a weekday the site is open: the send window's open days without Saturdays.
func workingDay(d calendar.Date, w SendWindow) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	w.SkipHolidays = true
	return w.OpenOn(d)
}
