package calendar_test

import (
	"testing"
	"time"

	"brobygger/models/calendar"
)

func copenhagen(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestSendWindow_NextAllowed(t *testing.T) {
	loc := copenhagen(t)
	w := calendar.DefaultSendWindow(loc)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, loc) }
	cases := []struct {
		name   string
		in     time.Time
		want   time.Time
		window calendar.SendWindow
	}{
		{"inside the window stays", at(2026, 3, 2, 14, 7), at(2026, 3, 2, 14, 7), w},
		{"before 09:00 waits for 09:00", at(2026, 3, 2, 6, 30), at(2026, 3, 2, 9, 0), w},
		{"08:59:59 waits too", at(2026, 3, 2, 8, 59).Add(59 * time.Second), at(2026, 3, 2, 9, 0), w},
		{"19:59 still goes", at(2026, 3, 2, 19, 59), at(2026, 3, 2, 19, 59), w},
		{"20:00 waits for the morning", at(2026, 3, 2, 20, 0), at(2026, 3, 3, 9, 0), w},
		{"Saturday evening skips Sunday", at(2026, 3, 7, 21, 0), at(2026, 3, 9, 9, 0), w},
		{"Sunday goes Monday", at(2026, 3, 8, 12, 0), at(2026, 3, 9, 9, 0), w},
		{"Easter: Thursday to Saturday", at(2026, 4, 2, 10, 0), at(2026, 4, 4, 9, 0), w},
		{"Easter Sunday to Tuesday", at(2026, 4, 5, 9, 0), at(2026, 4, 7, 9, 0), w},
		{"Christmas Day to 28 December (26th, then Sunday 27th)", at(2026, 12, 25, 9, 0), at(2026, 12, 28, 9, 0), w},
		{"spring DST night", at(2026, 3, 29, 2, 30), at(2026, 3, 30, 9, 0), w},
		{"the Saturday before spring DST", at(2026, 3, 28, 23, 0), at(2026, 3, 30, 9, 0), w},
		{"autumn DST Saturday night to Monday", at(2026, 10, 24, 22, 0), at(2026, 10, 26, 9, 0), w},
		{"Sundays allowed when configured", at(2026, 3, 8, 12, 0), at(2026, 3, 8, 12, 0), withSundays(w)},
		{"Christmas Eve closed when configured", at(2026, 12, 24, 10, 0), at(2026, 12, 28, 9, 0), withCustomary(w)},
	}
	for _, c := range cases {
		got := c.window.NextAllowed(c.in)
		if !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("%s: NextAllowed(%s) = %s, want %s (in UTC)", c.name, c.in, got.In(loc), c.want)
		}
		if !c.window.Allowed(got) {
			t.Errorf("%s: %s is not allowed", c.name, got.In(loc))
		}
	}
}

func withSundays(w calendar.SendWindow) calendar.SendWindow { w.SkipSundays = false; return w }

func withCustomary(w calendar.SendWindow) calendar.SendWindow {
	w.ExtraClosedDates = calendar.CustomaryClosedDates()
	return w
}

func TestSendWindow_WithQuietHours(t *testing.T) {
	w := calendar.DefaultSendWindow(copenhagen(t))
	own := w.WithQuietHours("18:30", "10:15")
	if own.Start != 10*60+15 || own.End != 18*60+30 {
		t.Errorf("own window = %s–%s, want 10:15–18:30", calendar.FormatClock(own.Start), calendar.FormatClock(own.End))
	}
	if got := w.WithQuietHours("", "08:00"); got.Start != 8*60 || got.End != w.End {
		t.Errorf("only a quiet end moves only the start: %+v", got)
	}
	for _, p := range [][2]string{{"09:00", "20:00"}, {"7 pm", ""}} {
		if got := w.WithQuietHours(p[0], p[1]); got.Start != w.Start || got.End != w.End {
			t.Errorf("%+v should be ignored, got %s–%s", p, calendar.FormatClock(got.Start), calendar.FormatClock(got.End))
		}
	}
}

func TestSendWindow_Validate(t *testing.T) {
	w := calendar.DefaultSendWindow(copenhagen(t))
	if err := w.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []calendar.SendWindow{{Start: 600, End: 600, Location: time.UTC}, {Start: 0, End: 1441, Location: time.UTC}, {Start: 1, End: 2}} {
		if err := bad.Validate(); !isInvalid(err) {
			t.Errorf("Validate(%+v) = %v, want EINVALID", bad, err)
		}
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]int{"00:00": 0, "09:30": 570, "24:00": 1440, "23:59": 1439} {
		if got, err := calendar.ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %d, %v", in, got, err)
		}
	}
	for _, bad := range []string{"9:30", "+9:30", "24:01", "12:60", "ab:cd", ""} {
		if _, err := calendar.ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}
