package bot

import (
	"context"
	"fmt"

	"brobygger/models"
)

// ExpireConversations closes conversations whose window has passed: an unfinished check-in is
// settled as incomplete (answers so far are kept), an unanswered "did you go?" is recorded as no
// reply, and an unanswered contact question makes the citizen unreachable so the link worker
// phones. A contact question the citizen wrote back to without JA or NEJ ("hvem er du?") is not
// unanswered: they are reachable, and the link worker is asked to call them instead. It returns
// how many it closed.
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

// wroteSince reports whether the citizen sent anything since the conversation opened: any reply
// counts as contact, even one that is not an answer.
func wroteSince(ctx context.Context, tx *models.Store, conv *models.Conversation) (bool, error) {
	c, err := tx.CitizenByID(ctx, conv.CitizenID)
	if err != nil {
		return false, err
	}
	return c.LastInboundAt != nil && !c.LastInboundAt.Before(conv.OpenedAt), nil
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
		replied, err := wroteSince(ctx, tx, conv)
		if err != nil {
			return err
		}
		if !replied {
			return tx.MarkUnreachable(ctx, conv.CitizenID, "no_reply", nil)
		}
		citizenID := conv.CitizenID
		if _, err := tx.RaiseFlag(ctx, models.NewFlag{CitizenID: &citizenID, Kind: models.FlagCallBack, Severity: models.SeverityHigh,
			Code: "call_back", DedupeKey: "call_back:" + citizenID}); err != nil {
			return err
		}
	}
	return tx.RefreshStatus(ctx, conv.CitizenID)
}
