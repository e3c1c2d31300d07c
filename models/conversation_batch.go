package models

import (
	"context"
	"fmt"
	"time"

	"brobygger/models/internal/bulkinsert"
)

// StartConversations opens many conversations in few statements and returns the ids of those
// that opened. A citizen who already has an open conversation keeps it and gets none of these:
// the unique index on open conversations decides, under races too.
func (s *Store) StartConversations(ctx context.Context, convs []Conversation) ([]string, error) {
	if len(convs) == 0 {
		return nil, nil
	}
	now := s.Now()
	ids := make([]string, len(convs))
	for i := range convs {
		if convs[i].ID == "" {
			convs[i].ID = NewID()
		}
		convs[i].State, convs[i].OpenedAt = ConvOpen, now
		ids[i] = convs[i].ID
	}
	inserted, err := bulkinsert.Insert(ctx, s.db, convs)
	if err != nil {
		return nil, fmt.Errorf("start conversations: %w", err)
	}
	opened, err := s.storedIDs(ctx, &Conversation{}, ids, inserted)
	if err != nil {
		return nil, fmt.Errorf("start conversations: %w", err)
	}
	return opened, nil
}

// CountFollowupConversations counts the "did you go?" conversations ever opened for one session,
// so a scheduler can tell it has just asked a question that was already asked.
func (s *Store) CountFollowupConversations(ctx context.Context, citizenID, prescriptionID string, occurrenceOn time.Time) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&Conversation{}).Where("citizen_id = ? AND kind = ? AND prescription_id = ? AND occurrence_on = ?",
		citizenID, ConvFollowup, prescriptionID, occurrenceOn.UTC()).
		Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count follow-up conversations: %w", err)
	}
	return n, nil
}
