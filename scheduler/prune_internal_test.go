package scheduler

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestPrunePass_LeaderPrunesOldCounters: the nightly prune job deletes the attempt counters
// whose window began more than a day ago and keeps the rest; on PostgreSQL a scheduler that is
// not the leader (another replica holds the lock) leaves them alone, and prunes once the leader
// lets go. The clock is fake: nothing sleeps.
func TestPrunePass_LeaderPrunesOldCounters(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, sched, now, set := onFakeClock(t, d, time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC))
			for _, k := range []string{"pw:ip:198.51.100.7", "code:phone:+4520000001"} {
				if _, err := s.CountAttempt(ctx, k, time.Hour); err != nil {
					t.Fatal(err)
				}
			}
			set(now().Add(23 * time.Hour))
			if _, err := s.CountAttempt(ctx, "pw:acct:recent@example.dk", time.Hour); err != nil {
				t.Fatal(err)
			}
			set(now().Add(2 * time.Hour)) // the first two began 25 hours ago, the third 2 hours ago

			if d == models.Postgres {
				other := s.Leadership("scheduler") // another replica leads
				if lead, err := other.Lead(ctx); err != nil || !lead {
					t.Fatalf("the other replica could not lead: %v %v", lead, err)
				}
				if _, ran := sched.prunePass(ctx); ran {
					t.Fatal("a follower ran the prune job")
				}
				if n := counters(t, s); n != 3 {
					t.Fatalf("a follower's tick left %d counters, want all 3", n)
				}
				other.Release(ctx)
			}
			rep, ran := sched.prunePass(ctx)
			if !ran || rep.AttemptCounters != 2 {
				t.Fatalf("prune pass = %+v (ran %v), want 2 counters pruned", rep, ran)
			}
			if n := counters(t, s); n != 1 {
				t.Fatalf("%d counters left, want the recent one", n)
			}
			if rep, _ := sched.prunePass(ctx); rep.AttemptCounters != 0 {
				t.Errorf("a second run pruned %d", rep.AttemptCounters)
			}
			sched.leader.Release(ctx)
		})
	}
}

func counters(t *testing.T, s *models.Store) int {
	t.Helper()
	db, err := s.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM attempt_counters").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
