package main

import (
	"time"
)

// clockStartVar names the variable that starts the process clock at a chosen instant. It
// exists so an end-to-end test (or a demo) can run the real binary at 10:00 on a Tuesday, or
// at 22:00 on a Saturday, whatever the machine's own time: quiet hours, Sundays and holidays
// then hold the same way on every run. Production leaves it empty.
const clockStartVar = "BROBYGGER_CLOCK_START"

// loadClock returns the process clock: the wall clock, or, with BROBYGGER_CLOCK_START set to an
// RFC 3339 instant, a clock that starts there and runs at the wall clock's speed.
func loadClock(raw string, wall func() time.Time) (func() time.Time, bool, error) {
	if raw == "" {
		return wall, false, nil
	}
	start, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return nil, false, configError(clockStartVar, "%q must be an RFC 3339 time such as 2026-12-08T10:00:00+01:00", raw)
	}
	return offsetClock(start, wall), true, nil
}

// offsetClock runs from start at the speed of wall, measured from the first call to wall.
func offsetClock(start time.Time, wall func() time.Time) func() time.Time {
	offset := start.Sub(wall())
	return func() time.Time { return wall().Add(offset) }
}
