package models

import (
	"context"
	"fmt"
	"time"
)

// attemptCounter counts attempts under one key (a client IP, a phone, an account, an account
// from one client) in a fixed window. It lives in the database so that every replica counts the
// same attempts and a restart forgets none.
type attemptCounter struct {
	CounterKey  string    `gorm:"primaryKey;size:200"`
	WindowStart time.Time `gorm:"not null;index:idx_attempt_counters_window"`
	Count       int       `gorm:"not null"`
}

// AttemptCount is one counted attempt: its number within the window and when the window ends.
type AttemptCount struct {
	N       int
	ResetAt time.Time
}

// CountAttempt counts one attempt under key and returns its number within the current window of
// length window (a window that has ended starts again at 1). It is one atomic upsert, so
// attempts sent in parallel, from any replica, each get their own number.
func (s *Store) CountAttempt(ctx context.Context, key string, window time.Duration) (AttemptCount, error) {
	if len(key) > 200 {
		key = key[:200]
	}
	now := s.Now()
	expired := now.Add(-window)
	var row struct {
		Count       int
		WindowStart time.Time
	}
	err := s.q(ctx).Raw(`INSERT INTO attempt_counters (counter_key, window_start, count) VALUES (?, ?, 1)
ON CONFLICT (counter_key) DO UPDATE SET
  count = CASE WHEN attempt_counters.window_start <= ? THEN 1 ELSE attempt_counters.count + 1 END,
  window_start = CASE WHEN attempt_counters.window_start <= ? THEN excluded.window_start ELSE attempt_counters.window_start END
RETURNING count, window_start`, key, now, expired, expired).Scan(&row).Error
	if err != nil {
		return AttemptCount{}, fmt.Errorf("count attempt: %w", err)
	}
	return AttemptCount{N: row.Count, ResetAt: row.WindowStart.Add(window)}, nil
}

// ForgetAttempts clears the count under key (a successful sign-in clears its client's failures).
func (s *Store) ForgetAttempts(ctx context.Context, key string) error {
	if err := s.q(ctx).Where("counter_key = ?", key).Delete(&attemptCounter{}).Error; err != nil {
		return fmt.Errorf("forget attempts: %w", err)
	}
	return nil
}

// PruneAttemptCounters deletes counters whose window began before cutoff: their windows are
// over, so they would start again at 1 anyway.
func (s *Store) PruneAttemptCounters(ctx context.Context, cutoff time.Time) (int64, error) {
	res := s.q(ctx).Where("window_start < ?", cutoff).Delete(&attemptCounter{})
	if res.Error != nil {
		return 0, fmt.Errorf("prune attempt counters: %w", res.Error)
	}
	return res.RowsAffected, nil
}
