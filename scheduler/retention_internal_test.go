package scheduler

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestRetentionPass_LeaderOnly: the nightly retention job runs on the scheduler's leader only.
// On PostgreSQL a scheduler that is not the leader (another replica holds the lock) erases
// nothing and reads nothing; once the leader lets go, its next pass erases the case closed past
// the retention period, and a second pass finds nothing. On SQLite the one process always leads.
// The clock is fake: nothing sleeps.
func TestRetentionPass_LeaderOnly(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, sched, now, set := onFakeClock(t, d, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
			worker := storetest.LinkWorker(t, s, "Lise Brobygger")
			c := storetest.Citizen(t, s, worker, models.LangDA)
			db, err := s.SQLDB()
			if err != nil {
				t.Fatal(err)
			}
			var refID string
			if err := db.QueryRow("SELECT id FROM referrals WHERE citizen_id = $1", c.ID).Scan(&refID); err != nil {
				t.Fatal(err)
			}
			r, err := s.ReferralForStaff(ctx, refID, worker.ID, true)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.TransitionReferral(ctx, r, models.ReferralTransition{To: models.ReferralClosed, Reason: models.CloseCompleted}, worker.ID); err != nil {
				t.Fatal(err)
			}
			if err := s.SetRetentionMonths(ctx, 12); err != nil {
				t.Fatal(err)
			}
			set(now().AddDate(1, 0, 1)) // 12 months and a day after the closure
			erased := func() bool {
				got, err := s.CitizenByID(ctx, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				return got.ErasedAt != nil
			}

			if d == models.Postgres {
				other := s.Leadership("scheduler") // another replica leads
				if lead, err := other.Lead(ctx); err != nil || !lead {
					t.Fatalf("the other replica could not lead: %v %v", lead, err)
				}
				if rep, ran := sched.retentionPass(ctx); ran || rep != (RetentionReport{}) {
					t.Fatalf("a follower ran the retention job: %+v", rep)
				}
				if erased() {
					t.Fatal("a follower's pass erased the citizen")
				}
				other.Release(ctx)
			}
			rep, ran := sched.retentionPass(ctx)
			if !ran || rep.Erased != 1 || rep.Due != 1 {
				t.Fatalf("retention pass = %+v (ran %v), want 1 erased", rep, ran)
			}
			if !erased() {
				t.Fatal("the leader's pass did not erase the citizen")
			}
			if rep, ran := sched.retentionPass(ctx); !ran || rep.Due != 0 || rep.Erased != 0 {
				t.Errorf("a second pass = %+v (ran %v), want nothing due", rep, ran)
			}
			sched.leader.Release(ctx)
		})
	}
}
