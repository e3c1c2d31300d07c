package models

import (
	"context"
	"fmt"
)

// MessageFilter selects messages for a timeline or an inbox.
type MessageFilter struct {
	CitizenID  string
	Phone      string
	NeedsReply bool
	Limit      int
}

// ListMessages returns messages oldest first.
func (s *Store) ListMessages(ctx context.Context, f MessageFilter) ([]Message, error) {
	q := s.q(ctx).Model(&Message{})
	if f.CitizenID != "" {
		q = q.Where("citizen_id = ?", f.CitizenID)
	}
	if f.Phone != "" {
		q = q.Where("phone = ?", f.Phone)
	}
	if f.NeedsReply {
		q = q.Where("needs_reply = ?", true)
	}
	if f.Limit <= 0 || f.Limit > 10000 {
		f.Limit = 10000
	}
	var msgs []Message
	if err := q.Order("created_at, id").Limit(f.Limit).Find(&msgs).Error; err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return msgs, nil
}
