package scheduler_test

import (
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestRunRetention_DryRunThenErase closes two cases a month apart and moves the fake clock past
// the retention period of the first only: the dry run counts it and erases nothing, the real run
// erases it (audited as the system), and the second case waits for its own time.
func TestRunRetention_DryRunThenErase(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			start := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
			h := newHarness(t, d, start)
			worker := storetest.LinkWorker(t, h.s, "Lise Brobygger")
			sqldb, err := h.s.SQLDB()
			if err != nil {
				t.Fatal(err)
			}
			closeCase := func() *models.Citizen {
				c := storetest.Citizen(t, h.s, worker, models.LangDA)
				var refID string
				if err := sqldb.QueryRow("SELECT id FROM referrals WHERE citizen_id = $1", c.ID).Scan(&refID); err != nil {
					t.Fatal(err)
				}
				r, err := h.s.ReferralForStaff(h.ctx, refID, worker.ID, true)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := h.s.TransitionReferral(h.ctx, r, models.ReferralTransition{To: models.ReferralClosed,
					Reason: models.CloseCompleted}, worker.ID); err != nil {
					t.Fatal(err)
				}
				return c
			}
			first := closeCase()
			h.clock.set(start.AddDate(0, 1, 0))
			second := closeCase()
			open := storetest.Citizen(t, h.s, worker, models.LangDA)
			if err := h.s.SetRetentionMonths(h.ctx, 12); err != nil {
				t.Fatal(err)
			}

			h.clock.set(start.AddDate(1, 0, 1)) // 12 months and a day after the first closure
			dry, err := h.sched.RunRetention(h.ctx, h.clock.now(), true)
			if err != nil {
				t.Fatal(err)
			}
			if dry.Due != 1 || dry.Erased != 0 || !dry.DryRun || dry.Months != 12 {
				t.Errorf("dry run = %+v, want 1 due, nothing erased", dry)
			}
			if c, _ := h.s.CitizenByID(h.ctx, first.ID); c.ErasedAt != nil || c.Name == "" {
				t.Fatalf("a dry run erased %s", first.ID)
			}
			rep, err := h.sched.RunRetention(h.ctx, h.clock.now(), false)
			if err != nil || rep.Erased != 1 || rep.Due != 1 {
				t.Fatalf("run = %+v, %v; want 1 erased", rep, err)
			}
			for _, tc := range []struct {
				c      *models.Citizen
				erased bool
			}{{first, true}, {second, false}, {open, false}} {
				c, err := h.s.CitizenByID(h.ctx, tc.c.ID)
				if err != nil {
					t.Fatal(err)
				}
				if (c.ErasedAt != nil) != tc.erased || (c.Name == "") != tc.erased {
					t.Errorf("%s: erased %v name %q, want erased=%v", c.ID, c.ErasedAt, c.Name, tc.erased)
				}
			}
			var n int
			if err := sqldb.QueryRow("SELECT COUNT(*) FROM audit_log WHERE object_id = $1 AND action = $2 AND actor_role = $3",
				first.ID, models.ActionEraseByRetention, "system").Scan(&n); err != nil || n != 1 {
				t.Errorf("retention audit entries = %d, want 1", n)
			}
			if again, err := h.sched.RunRetention(h.ctx, h.clock.now(), false); err != nil || again.Due != 0 {
				t.Errorf("second run = %+v, %v; want nothing due", again, err)
			}
		})
	}
}
