package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ClaimChannel takes up to limit due rows of a channel other than SMS (push, email) and leases
// them until now+lease, as ClaimOutbox does for SMS: SKIP LOCKED on PostgreSQL, serialised
// writers on SQLite, and a row whose lease lapsed is due again. A row past its NotAfter is dropped
// instead. STOP does not stop these channels; the SMS claim alone checks it.
func (s *Store) ClaimChannel(ctx context.Context, channel string, limit int, lease time.Duration) ([]OutboxItem, error) {
	var claimed []OutboxItem
	err := s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		err := tx.q(ctx).Exec(`UPDATE outbox SET status = ?, last_error = ?, lease_until = NULL
			WHERE channel = ? AND status = ? AND not_after IS NOT NULL AND not_after < ?`,
			OutboxSuppressed, "too late to be useful", channel, OutboxPending, now).Error
		if err != nil {
			return err
		}
		var ids []string
		err = tx.q(ctx).Raw(`SELECT id FROM outbox WHERE channel = ? AND
			((status = ? AND not_before <= ?) OR (status = ? AND lease_until < ?))
			ORDER BY priority DESC, not_before LIMIT ?`+tx.sql.SkipLocked(),
			channel, OutboxPending, now, OutboxSending, now, limit).Scan(&ids).Error
		if err != nil || len(ids) == 0 {
			return err
		}
		return tx.q(ctx).Raw(`UPDATE outbox SET status = ?, lease_until = ?, attempts = attempts + 1
			WHERE id IN ? RETURNING *`, OutboxSending, now.Add(lease), ids).Scan(&claimed).Error
	})
	if err != nil {
		return nil, fmt.Errorf("claim %s outbox: %w", channel, err)
	}
	return claimed, nil
}

// SettleChannel records how a claimed push or e-mail row went: sent (at least one device or the
// mail server accepted it) or failed with reason. fallbackAt, when set, is when the row falls
// back to the next channel (see DueFallbacks): for a sent push, unless it is opened first; for a
// failed one, at once.
func (s *Store) SettleChannel(ctx context.Context, id string, sent bool, reason string, fallbackAt *time.Time) error {
	now := s.Now()
	up := map[string]any{"lease_until": nil, "last_error": reason, "fallback_at": fallbackAt}
	if sent {
		up["status"], up["sent_at"] = OutboxSent, now
	} else {
		up["status"] = OutboxFailed
	}
	return s.InTx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Model(&OutboxItem{}).Where("id = ? AND status = ?", id, OutboxSending).Updates(up)
		if res.Error != nil {
			return fmt.Errorf("settle outbox row: %w", res.Error)
		}
		if !sent || res.RowsAffected == 0 {
			return nil
		}
		// A contact message that went by e-mail contacts the citizen as the first SMS does.
		var item OutboxItem
		if err := tx.q(ctx).Select("kind", "citizen_id").Where("id = ?", id).Take(&item).Error; err != nil {
			return fmt.Errorf("settle outbox row: %w", err)
		}
		if item.Kind == KindContact && item.CitizenID != nil {
			return tx.markContacted(ctx, *item.CitizenID, now)
		}
		return nil
	})
}

// OpenNotification returns the citizen's own push notification and marks it opened, which also
// ends its fallback: the citizen has seen it. Another citizen's, or a row that is no push, is
// "not found".
func (s *Store) OpenNotification(ctx context.Context, citizenID, id string) (*OutboxItem, error) {
	if !ValidID(id) {
		return nil, NotFound("notification")
	}
	var item OutboxItem
	err := s.InTx(ctx, func(tx *Store) error {
		err := tx.q(ctx).Where("id = ? AND citizen_id = ? AND channel = ?", id, citizenID, ChannelPush).Take(&item).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return NotFound("notification")
		}
		if err != nil || item.OpenedAt != nil {
			return err
		}
		now := tx.Now()
		item.OpenedAt, item.FallbackAt = &now, nil
		return tx.q(ctx).Model(&OutboxItem{}).Where("id = ?", id).
			Updates(map[string]any{"opened_at": now, "fallback_at": nil}).Error
	})
	if err != nil {
		return nil, fmt.Errorf("open notification: %w", err)
	}
	return &item, nil
}

// DueFallbacks lists up to limit push rows whose fallback time has come (unopened, or accepted by
// no device), oldest first.
func (s *Store) DueFallbacks(ctx context.Context, now time.Time, limit int) ([]OutboxItem, error) {
	var out []OutboxItem
	err := s.q(ctx).Where("fallback_at IS NOT NULL AND fallback_at <= ? AND opened_at IS NULL", now).
		Order("fallback_at").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("due fallbacks: %w", err)
	}
	return out, nil
}

// FallBack ends row's fallback and queues next in its place (nil: nothing left to try), in one
// transaction. Only the caller that clears fallback_at queues, so a fallback is queued once
// however many schedulers run, and a crash before the commit leaves it due for the next pass.
// It reports whether this call did it.
func (s *Store) FallBack(ctx context.Context, rowID string, next *NewOutbound) (bool, error) {
	done := false
	err := s.InTx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Model(&OutboxItem{}).Where("id = ? AND fallback_at IS NOT NULL AND opened_at IS NULL", rowID).
			Update("fallback_at", nil)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		done = true
		if next == nil {
			return nil
		}
		next.DedupeKey = "fallback:" + rowID
		_, err := tx.Enqueue(ctx, *next)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("fall back: %w", err)
	}
	return done, nil
}

// NoFallbackSMSStopped is what a push row records when its fallback was due but SMS was the only
// channel left and the citizen said STOP, which stops SMS only: nothing more went.
const NoFallbackSMSStopped = "no fallback: the citizen said STOP, which stops SMS only"

// SkipFallback ends row's fallback without queueing anything and records why on the row (its
// last_error, which the citizen's timeline shows as the reason), so the timeline says truthfully
// that no SMS followed the push. Like FallBack, only the caller that clears fallback_at records,
// and it reports whether this call did it.
func (s *Store) SkipFallback(ctx context.Context, rowID, reason string) (bool, error) {
	res := s.q(ctx).Model(&OutboxItem{}).Where("id = ? AND fallback_at IS NOT NULL AND opened_at IS NULL", rowID).
		Updates(map[string]any{"fallback_at": nil, "last_error": reason})
	if res.Error != nil {
		return false, fmt.Errorf("skip fallback: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// RetryChannel hands a claimed push or e-mail row back to the queue for another try at notBefore.
func (s *Store) RetryChannel(ctx context.Context, id string, notBefore time.Time, reason string) error {
	err := s.q(ctx).Model(&OutboxItem{}).Where("id = ? AND status = ?", id, OutboxSending).
		Updates(map[string]any{"status": OutboxPending, "lease_until": nil, "not_before": notBefore.UTC(), "last_error": reason}).Error
	if err != nil {
		return fmt.Errorf("retry outbox row: %w", err)
	}
	return nil
}
