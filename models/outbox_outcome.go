package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// ReleaseOutbox hands claimed rows that were never sent back to the queue at once, undoing their
// claim: they are pending again, due as before, and the attempt their claim counted is returned.
// A dispatcher that stops calls it for the rows it had claimed but not begun, so a restart does
// not wait out their lease and a deploy does not use up a row's attempts.
func (s *Store) ReleaseOutbox(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.q(ctx).Model(&OutboxItem{}).Where("id IN ? AND status = ? AND attempts > 0", ids, OutboxSending).
		Updates(map[string]any{"status": OutboxPending, "lease_until": nil, "attempts": gorm.Expr("attempts - 1")}).Error
	if err != nil {
		return fmt.Errorf("release outbox: %w", err)
	}
	return nil
}
