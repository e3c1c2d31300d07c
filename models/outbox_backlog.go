package models

import (
	"context"
	"fmt"
	"time"
)

// OutboxBacklog counts SMS waiting to be sent that are due before a moment; the scheduler holds
// back a wave the dispatcher could not send before the evening's quiet hours.
func (s *Store) OutboxBacklog(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&OutboxItem{}).Where("status IN ? AND not_before < ?",
		[]OutboxStatus{OutboxPending, OutboxSending}, before.UTC()).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("outbox backlog: %w", err)
	}
	return n, nil
}
