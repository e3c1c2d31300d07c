package models_test

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestStore_CountAttempt_Parallel: attempts counted at once each get their own number (1…n, no
// two alike), and a window that has ended starts again at 1.
func TestStore_CountAttempt_Parallel(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		const n = 24
		got := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, err := s.CountAttempt(ctx, "login:ip:192.0.2.7", 15*time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				got[i] = c.N
			}()
		}
		wg.Wait()
		sort.Ints(got)
		for i, v := range got {
			if v != i+1 {
				t.Fatalf("parallel counts %v, want 1…%d each once", got, n)
			}
		}
		c, err := s.CountAttempt(ctx, "login:ip:192.0.2.7", 15*time.Minute)
		if err != nil || c.N != n+1 || !c.ResetAt.Equal(now.Add(15*time.Minute)) {
			t.Fatalf("next count %+v %v, want %d resetting at %v", c, err, n+1, now.Add(15*time.Minute))
		}
		mu.Lock()
		now = now.Add(15 * time.Minute)
		mu.Unlock()
		c, err = s.CountAttempt(ctx, "login:ip:192.0.2.7", 15*time.Minute)
		if err != nil || c.N != 1 || !c.ResetAt.Equal(now.Add(15*time.Minute)) {
			t.Fatalf("after the window %+v %v, want 1 in a new window", c, err)
		}
		if err := s.ForgetAttempts(ctx, "login:ip:192.0.2.7"); err != nil {
			t.Fatal(err)
		}
		if c, _ = s.CountAttempt(ctx, "login:ip:192.0.2.7", 15*time.Minute); c.N != 1 {
			t.Fatalf("after forgetting: %d, want 1", c.N)
		}
		if pruned, err := s.PruneAttemptCounters(ctx, now.Add(time.Second)); err != nil || pruned != 1 {
			t.Fatalf("prune: %d %v", pruned, err)
		}
	}, models.WithClock(clock))
}
