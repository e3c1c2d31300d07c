package models

import (
	"context"
	"fmt"
	"time"
)

// ClaimOutbox takes up to limit due SMS (channel sms; see ClaimChannel for the others) for sending and leases them until now+lease. A row whose
// lease ran out (its worker crashed between claim and mark) is due again. On PostgreSQL, rows
// are locked with SKIP LOCKED so concurrent dispatchers never claim the same row; SQLite
// serialises writers, which gives the same guarantee.
//
// A row whose lease lapsed comes back with OutcomeUnknown set: its last send may have reached
// the carrier before the worker died, so the dispatcher asks the carrier before sending again.
//
// In the same transaction, claimed rows that must not go out are settled instead of returned:
// the citizen opted out or has an invalid number ("suppressed"), or the row's NotAfter passed.
func (s *Store) ClaimOutbox(ctx context.Context, limit int, lease time.Duration) ([]OutboxItem, error) {
	var claimed []OutboxItem
	err := s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		var picked []struct {
			ID     string
			Lapsed int
		}
		lock := tx.sql.SkipLocked()
		// Due rows and rows whose lease lapsed are two reads, each in claim order from the top of
		// idx_outbox_claim, merged: as one OR the database sorted the whole due backlog per claim.
		err := tx.q(ctx).Raw(`WITH due AS (SELECT id, priority, not_before, 0 AS lapsed FROM outbox
				WHERE status = ? AND not_before <= ? AND channel = 'sms' ORDER BY priority DESC, not_before LIMIT ?`+lock+`),
			lapsed AS (SELECT id, priority, not_before, 1 AS lapsed FROM outbox
				WHERE status = ? AND lease_until < ? AND channel = 'sms' ORDER BY priority DESC, not_before LIMIT ?`+lock+`)
			SELECT id, lapsed FROM (SELECT * FROM due UNION ALL SELECT * FROM lapsed) AS claimable
			ORDER BY priority DESC, not_before LIMIT ?`,
			OutboxPending, now, limit, OutboxSending, now, limit, limit).Scan(&picked).Error
		if err != nil || len(picked) == 0 {
			return err
		}
		ids := make([]string, len(picked))
		unknown := map[string]bool{}
		for i, p := range picked {
			ids[i] = p.ID
			unknown[p.ID] = p.Lapsed == 1
		}
		defer func() {
			for i := range claimed {
				claimed[i].OutcomeUnknown = unknown[claimed[i].ID]
			}
		}()
		if err := tx.settleUnsendable(ctx, ids, now); err != nil {
			return err
		}
		return tx.q(ctx).Raw(`UPDATE outbox SET status = ?, lease_until = ?, attempts = attempts + 1
			WHERE id IN ? AND status IN ? RETURNING *`,
			OutboxSending, now.Add(lease), ids, []OutboxStatus{OutboxPending, OutboxSending}).Scan(&claimed).Error
	})
	if err != nil {
		return nil, fmt.Errorf("claim outbox: %w", err)
	}
	return claimed, nil
}

// settleUnsendable marks the selected rows that must not be sent: no SMS ever goes to an
// opted-out citizen (whatever queued it) or to a number known to be invalid, and a row past its
// NotAfter (a reminder for an activity that already began) is dropped rather than sent late.
func (s *Store) settleUnsendable(ctx context.Context, ids []string, now time.Time) error {
	err := s.q(ctx).Exec(`UPDATE outbox SET status = ?, last_error = ?, lease_until = NULL
		WHERE id IN ? AND kind <> ? AND citizen_id IN (SELECT id FROM citizens WHERE id IN
			(SELECT citizen_id FROM outbox WHERE id IN ?) AND (opted_out_at IS NOT NULL OR phone_invalid_at IS NOT NULL))`,
		OutboxSuppressed, "citizen opted out or number invalid", ids, KindOptOutConfirm, ids).Error
	if err != nil {
		return fmt.Errorf("suppress unsendable: %w", err)
	}
	err = s.q(ctx).Exec(`UPDATE outbox SET status = ?, last_error = ?, lease_until = NULL
		WHERE id IN ? AND status IN ? AND not_after IS NOT NULL AND not_after < ?`,
		OutboxSuppressed, "too late to be useful", ids, []OutboxStatus{OutboxPending, OutboxSending}, now).Error
	if err != nil {
		return fmt.Errorf("drop late sms: %w", err)
	}
	return nil
}
