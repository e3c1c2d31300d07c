package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestLeadership_OneLeaderWithFailover: of two stores on one database (two replicas) only one
// leads; when the leader goes (its connection closes, as on kill -9) the other takes over.
func TestLeadership_OneLeaderWithFailover(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			url := storetest.URL(t, d)
			a, b := openAt(t, url), openAt(t, url)
			la, lb := a.Leadership("scheduler"), b.Leadership("scheduler")
			if ok, err := la.Lead(ctx); err != nil || !ok {
				t.Fatalf("first replica does not lead: %v %v", ok, err)
			}
			okB, err := lb.Lead(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if d == models.SQLite {
				if !okB {
					t.Fatal("on SQLite every process leads (only one serves a file)")
				}
				return
			}
			if okB {
				t.Fatal("two replicas lead at once")
			}
			if ok, _ := la.Lead(ctx); !ok {
				t.Fatal("the leader lost its lead without giving it up")
			}
			if ok, _ := b.Leadership("other job").Lead(ctx); !ok {
				t.Fatal("another job's leadership is a different lock")
			}
			killLeader(t, b, "scheduler") // the leader dies: its session ends and the lock with it
			// pg_terminate_backend only signals: the session ends a moment later, and the
			// follower takes over at one of its next tries (the scheduler tries every tick).
			ok, err := lb.Lead(ctx)
			for try := 0; !ok && err == nil && try < 100; try++ {
				time.Sleep(50 * time.Millisecond)
				ok, err = lb.Lead(ctx)
			}
			if err != nil || !ok {
				t.Fatalf("no fail-over after the leader died: %v %v", ok, err)
			}
			lb.Release(ctx)
			c := openAt(t, url)
			if ok, _ := c.Leadership("scheduler").Lead(ctx); !ok {
				t.Fatal("a released leadership is not free")
			}
		})
	}
}

func openAt(t *testing.T, url string) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// killLeader ends the session holding the named leadership, as the database does when a leader
// is killed or its network goes.
func killLeader(t *testing.T, s *models.Store, name string) {
	t.Helper()
	var killed int
	err := s.GormDB().Raw(`SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory'
		AND classid = (hashtext(current_schema())::bigint & 4294967295)::oid
		AND objid = (hashtext(?)::bigint & 4294967295)::oid`, name).Scan(&killed).Error
	if err != nil || killed != 1 {
		t.Fatalf("terminate the leader's session: %d sessions, %v", killed, err)
	}
}
