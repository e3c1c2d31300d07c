package scheduler_test

import (
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/scheduler"
)

// waveFixture makes three groups of citizens with work due at Tuesday 20 October 2026 10:00:
// fresh ones whose baseline check-in is due, ones whose activity yesterday needs "did you go?",
// and ones who have not answered the contact SMS for 49 hours.
type waveFixture struct {
	at                      time.Time
	fresh, attended, silent []*models.Citizen
}

func newWave(h *harness, n int) *waveFixture {
	h.t.Helper()
	f := &waveFixture{at: h.local(2026, 10, 20, 10, 0)}
	onlyBaseline := models.CheckinPlan{Items: []models.PlanItem{{Instrument: "who5", OffsetDays: 0}}}
	if err := h.s.SetSiteCheckinPlan(h.ctx, onlyBaseline); err != nil {
		h.t.Fatal(err)
	}
	noCheckins := models.CheckinPlan{}
	h.clock.set(h.local(2026, 10, 12, 9, 0))
	for range n {
		c := h.confirmedCitizen(h.local(2026, 10, 12, 9, 0))
		if err := h.s.SetCitizenCheckinPlan(h.ctx, c.ID, &noCheckins); err != nil {
			h.t.Fatal(err)
		}
		h.activity(c, "Gåtur", 1, "14:00", models.Date{Year: 2026, Month: 10, Day: 19})
		f.attended = append(f.attended, c)
	}
	h.clock.set(f.at.Add(-time.Minute))
	for range n {
		f.fresh = append(f.fresh, h.confirmedCitizen(f.at.Add(-time.Minute)))
		c := storetest.Citizen(h.t, h.s, h.worker, models.LangDA)
		contacted := f.at.Add(-49 * time.Hour)
		if err := h.s.UpdateCitizen(h.ctx, c.ID, models.CitizenUpdate{ContactedAt: &contacted}); err != nil {
			h.t.Fatal(err)
		}
		f.silent = append(f.silent, c)
	}
	return f
}

// check asserts every citizen got each SMS exactly once and no stray conversation exists.
func (f *waveFixture) check(h *harness) {
	h.t.Helper()
	expect := func(cs []*models.Citizen, kind string) {
		for _, c := range cs {
			if rows := h.outbox(c.ID, scheduledKinds()...); len(rows) != 1 || rows[0].Kind != kind {
				h.t.Fatalf("citizen got %s, want one %s", h.describe(rows), kind)
			}
		}
	}
	expect(f.fresh, models.KindCheckin)
	expect(f.attended, models.KindFollowup)
	expect(f.silent, models.KindContactNudge)
	var convs int64
	if err := h.s.InTx(h.ctx, func(tx *models.Store) error {
		for _, c := range append(append([]*models.Citizen{}, f.fresh...), f.attended...) {
			if conv, err := tx.OpenConversation(h.ctx, c.ID); err != nil || conv == nil {
				h.t.Errorf("citizen %s has no open conversation (%v)", c.ID, err)
			} else {
				convs++
			}
		}
		return nil
	}); err != nil {
		h.t.Fatal(err)
	}
	if want := int64(len(f.fresh) + len(f.attended)); convs != want {
		h.t.Errorf("%d open conversations, want %d", convs, want)
	}
}

// TestRunDue_TwiceQueuesNothingTwice runs each pass twice, including the autumn DST night when
// cron fires a 02:30 job at 02:30 CEST and again at 02:30 CET.
func TestRunDue_TwiceQueuesNothingTwice(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 10, 12, 7, 0, 0, 0, time.UTC))
		f := newWave(h, 3)
		first := h.runAt(f.at)
		if first.CheckinsStarted != 3 || first.Followups != 3 || first.Nudges != 3 {
			t.Fatalf("first pass = %+v", first)
		}
		if again := h.runAt(f.at); again != (scheduler.Report{}) {
			t.Errorf("second pass at the same time did %+v, want nothing", again)
		}
		f.check(h)

		// The DST night: nothing is due, and the repeated hour changes nothing.
		summer := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC) // 02:30 CEST
		winter := summer.Add(time.Hour)                          // 02:30 CET
		if summer.In(h.loc).Format("15:04") != "02:30" || winter.In(h.loc).Format("15:04") != "02:30" {
			t.Fatal("the fixture's DST night is wrong")
		}
		before := len(h.outbox(""))
		h.runAt(summer)
		h.runAt(winter)
		if after := len(h.outbox("")); after != before {
			t.Errorf("the DST night queued %d SMS twice", after-before)
		}
	})
}

// TestRunDue_TwoSchedulersAtOnce runs two scheduler instances concurrently over the same store,
// three times over: each SMS is queued once, each citizen has one conversation.
func TestRunDue_TwoSchedulersAtOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, d models.Dialect) {
		h := newHarness(t, d, time.Date(2026, 10, 12, 7, 0, 0, 0, time.UTC), func(c *scheduler.Config) { c.PageSize = 7 })
		f := newWave(h, 12)
		h.clock.set(f.at)
		replicas := []*scheduler.Scheduler{h.newScheduler(), h.newScheduler()}
		var mu sync.Mutex
		var total scheduler.Report
		for range 3 {
			start := make(chan struct{})
			var wg sync.WaitGroup
			for _, r := range replicas {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					rep, err := r.RunDue(h.ctx, f.at)
					if err != nil {
						t.Errorf("replica pass: %v", err)
					}
					mu.Lock()
					defer mu.Unlock()
					total.CheckinsStarted += rep.CheckinsStarted
					total.Followups += rep.Followups
					total.Nudges += rep.Nudges
				}()
			}
			close(start)
			wg.Wait()
		}
		if total.CheckinsStarted != 12 || total.Followups != 12 || total.Nudges != 12 {
			t.Errorf("the replicas together report %+v, want 12 of each", total)
		}
		f.check(h)
	})
}
