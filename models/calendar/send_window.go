package calendar

import (
	"slices"
	"time"
)

// Default quiet hours: scheduled SMS go out between 09:00 and 20:00 local time.
const (
	defaultSendStart = 9 * 60
	defaultSendEnd   = 20 * 60
)

// maxClosedDays bounds the search for an open day. Sundays, holidays and a few extra closed days
// never close more than a handful in a row; a window configured closed for a year lets work
// through rather than hold it forever.
const maxClosedDays = 366

// SendWindow is when scheduled SMS may go out: from Start to End (minutes after local midnight,
// End excluded) on open days. Replies to a citizen's own message and safety texts ignore it.
type SendWindow struct {
	Start, End int
	Location   *time.Location
	// SkipSundays and SkipHolidays close Sundays and Danish public holidays.
	SkipSundays, SkipHolidays bool
	// ExtraClosedDates closes more days, such as CustomaryClosedDates.
	ExtraClosedDates []ClosedDate
}

// DefaultSendWindow is 09:00–20:00 in loc, closed on Sundays and public holidays.
func DefaultSendWindow(loc *time.Location) SendWindow {
	return SendWindow{Start: defaultSendStart, End: defaultSendEnd, Location: loc, SkipSundays: true, SkipHolidays: true}
}

// Validate checks the window can open at all.
func (w SendWindow) Validate() error {
	if w.Start < 0 || w.End > 24*60 || w.Start >= w.End {
		return invalid("send_window", "The send window must start before it ends, within one day.")
	}
	if w.Location == nil {
		return invalid("send_window", "The send window needs a time zone.")
	}
	return nil
}

// Loc is the window's time zone, UTC when none is set.
func (w SendWindow) Loc() *time.Location {
	if w.Location == nil {
		return time.UTC
	}
	return w.Location
}

// OpenOn reports whether scheduled SMS may go out on a day at all.
func (w SendWindow) OpenOn(d Date) bool {
	if w.SkipSundays && d.Weekday() == time.Sunday {
		return false
	}
	if w.SkipHolidays {
		if _, holiday := DanishHoliday(d); holiday {
			return false
		}
	}
	for _, c := range w.ExtraClosedDates {
		if c.Matches(d) {
			return false
		}
	}
	return true
}

// Allowed reports whether a scheduled SMS may go out at t.
func (w SendWindow) Allowed(t time.Time) bool {
	local := t.In(w.Loc())
	minute := local.Hour()*60 + local.Minute()
	return w.OpenOn(DateIn(t, w.Loc())) && minute >= w.Start && minute < w.End
}

// NextAllowed returns t (in UTC) when a scheduled SMS may go out then, or else the next instant
// it may: the window's start on the next open day, or later today if t is before the start.
func (w SendWindow) NextAllowed(t time.Time) time.Time {
	loc := w.Loc()
	day := DateIn(t, loc)
	local := t.In(loc)
	minute := local.Hour()*60 + local.Minute()
	for range maxClosedDays {
		if w.OpenOn(day) {
			if minute < w.Start {
				return day.At(w.Start, loc).UTC()
			}
			if minute < w.End {
				return t.UTC()
			}
		}
		day, minute = day.AddDays(1), -1
	}
	return t.UTC()
}

// EndOf returns when the window on t's local day closes.
func (w SendWindow) EndOf(t time.Time) time.Time {
	return DateIn(t, w.Loc()).At(w.End, w.Loc()).UTC()
}

// WithClosedDates returns the window with more closed days; w itself is not changed.
func (w SendWindow) WithClosedDates(days []ClosedDate) SendWindow {
	w.ExtraClosedDates = append(slices.Clip(w.ExtraClosedDates), days...)
	return w
}

// WithQuietHours narrows or widens the site's window to a citizen's own quiet hours: quietStart
// ("HH:MM") is when the window ends and quietEnd when it starts again. A pair that would leave no
// sending time in a day is ignored, so a typo cannot silence a citizen for good.
func (w SendWindow) WithQuietHours(quietStart, quietEnd string) SendWindow {
	if quietStart == "" && quietEnd == "" {
		return w // most citizens: spare building an error per unparsed empty clock
	}
	own := w
	if end, err := ParseClock(quietStart); err == nil {
		own.End = end
	}
	if start, err := ParseClock(quietEnd); err == nil {
		own.Start = start
	}
	if own.Start >= own.End {
		return w
	}
	return own
}
