package scheduler

import (
	"context"
	"sync"
	"time"

	"brobygger/models"
)

// startBudget is how many more check-ins a pass may start. Pages are written concurrently, so
// a page takes from it one start at a time, under a lock.
type startBudget struct {
	mu   sync.Mutex
	left int
}

// take uses one start if any is left.
func (b *startBudget) take() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.left <= 0 {
		return false
	}
	b.left--
	return true
}

// checkinBudget is how many check-ins this pass may start: unlimited without a send rate, else
// what the dispatcher can still send before the coming send window closes, less what is
// already queued for it.
func (s *Scheduler) checkinBudget(ctx context.Context, now time.Time, win models.SendWindow) (*startBudget, error) {
	if s.cfg.SendRate <= 0 {
		return &startBudget{left: int(^uint(0) >> 1)}, nil
	}
	opens := win.NextAllowed(now)
	closes := win.EndOf(opens)
	backlog, err := s.store.OutboxBacklog(ctx, closes)
	if err != nil {
		return nil, err
	}
	capacity := int(s.cfg.SendRate*closes.Sub(opens).Seconds()) - int(backlog)
	return &startBudget{left: max(0, capacity)}, nil
}
