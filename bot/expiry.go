package bot

import (
	"context"
	"fmt"

	"brobygger/models"
)

// ExpireConversations closes conversations whose window has passed: an unfinished check-in is
// settled as incomplete (answers so far are kept), an unanswered "did you go?" is recorded as no
// reply, and an unanswered contact question makes the citizen unreachable so the link worker
// phones. It returns how many it closed.
func (e *Engine) ExpireConversations(ctx context.Context, limit int) (int, error) {
	convs, err := e.store.ExpiredConversations(ctx, e.store.Now(), limit)
	if err != nil {
		return 0, err
	}
	for i := range convs {
		if err := e.store.InTx(ctx, func(tx *models.Store) error { return e.expire(ctx, tx, &convs[i]) }); err != nil {
			return i, fmt.Errorf("expire conversation %s: %w", convs[i].ID, err)
		}
	}
	return len(convs), nil
}

func (e *Engine) expire(ctx context.Context, tx *models.Store, conv *models.Conversation) error {
	if err := tx.CloseConversation(ctx, conv, models.ConvExpired); err != nil {
		return err
	}
	switch conv.Kind {
	case models.ConvFollowup:
		if conv.PrescriptionID != nil && conv.OccurrenceOn != nil {
			if err := tx.RecordAttendanceIfMissing(ctx, *conv.PrescriptionID, conv.CitizenID, *conv.OccurrenceOn, models.AttendedNoReply); err != nil {
				return err
			}
		}
	case models.ConvContact:
		return tx.MarkUnreachable(ctx, conv.CitizenID,
			"No reply to the contact SMS or its reminder after 5 days. Please phone the citizen.")
	}
	return tx.RefreshStatus(ctx, conv.CitizenID)
}
