package scheduler_test

import (
	"testing"
	"time"

	"brobygger/models"
	"brobygger/scheduler"
)

// TestRunDue_SpreadsAWaveOverDaysAtTheSendRate: when the dispatcher can send only five SMS
// before 20:00, a pass starts five check-ins and the rest wait for the next morning, so none
// is sent at night. The budget holds when pages of two citizens are written three at a time.
func TestRunDue_SpreadsAWaveOverDaysAtTheSendRate(t *testing.T) {
	for name, pages := range map[string]func(*scheduler.Config){
		"one page":             func(*scheduler.Config) {},
		"small pages, at once": func(c *scheduler.Config) { c.PageSize, c.PageWorkers = 2, 3 },
	} {
		t.Run(name, func(t *testing.T) { testSpreadsAWave(t, pages) })
	}
}

func testSpreadsAWave(t *testing.T, pages func(*scheduler.Config)) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		window := 11 * time.Hour
		h := newHarness(t, d, time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC), pages, func(c *scheduler.Config) {
			c.SendRate = 5.5 / window.Seconds()
		})
		if err := h.s.SetSiteCheckinPlan(h.ctx, models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5"}}}); err != nil {
			t.Fatal(err)
		}
		for range 12 {
			h.confirmedCitizen(h.local(2026, 3, 2, 8, 0))
		}
		var started []int
		pass := func(at time.Time, deliverAfter bool) {
			started = append(started, h.runAt(at).CheckinsStarted)
			if deliverAfter {
				h.clock.set(at.Add(10 * time.Hour))
				h.deliver()
			}
		}
		pass(h.local(2026, 3, 2, 9, 0), false) // the dispatcher is still busy with these five …
		pass(h.local(2026, 3, 2, 9, 1), true)  // … so a minute later nothing more starts
		pass(h.local(2026, 3, 3, 9, 0), true)
		pass(h.local(2026, 3, 4, 9, 0), true)
		if want := []int{5, 0, 5, 2}; !equalInts(started, want) {
			t.Errorf("check-ins started per pass = %v, want %v", started, want)
		}
		for _, r := range h.outbox("", models.KindCheckin) {
			if !h.cfg.Window.Allowed(r.NotBefore) {
				t.Errorf("check-in queued for %s, outside the send window", r.NotBefore.In(h.loc))
			}
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
