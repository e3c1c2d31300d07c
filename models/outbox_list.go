package models

import (
	"context"
	"fmt"
)

// OutboxFilter selects queued SMS for the timeline, the dashboard and tests.
type OutboxFilter struct {
	CitizenID string
	Phone     string
	Statuses  []OutboxStatus
	Limit     int
}

// ListOutbox returns outbox rows oldest first (ids are time-ordered UUIDv7).
func (s *Store) ListOutbox(ctx context.Context, f OutboxFilter) ([]OutboxItem, error) {
	q := s.q(ctx).Model(&OutboxItem{})
	if f.CitizenID != "" {
		q = q.Where("citizen_id = ?", f.CitizenID)
	}
	if f.Phone != "" {
		q = q.Where("phone = ?", f.Phone)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if f.Limit <= 0 || f.Limit > 10000 {
		f.Limit = 10000
	}
	var rows []OutboxItem
	if err := q.Order("id").Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list outbox: %w", err)
	}
	return rows, nil
}
