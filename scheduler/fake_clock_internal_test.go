package scheduler

import (
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// onFakeClock opens a store of dialect d and a scheduler over it on a fake clock that starts at
// start; now reads the clock and set moves it. Nothing sleeps.
func onFakeClock(t *testing.T, d models.Dialect, start time.Time) (s *models.Store, sched *Scheduler, now func() time.Time, set func(time.Time)) {
	t.Helper()
	var mu sync.Mutex
	at := start
	now = func() time.Time { mu.Lock(); defer mu.Unlock(); return at }
	set = func(t time.Time) { mu.Lock(); defer mu.Unlock(); at = t }
	s = storetest.Open(t, d, models.WithClock(now))
	sched, err := New(s, nil, nil, DefaultConfig(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return s, sched, now, set
}
