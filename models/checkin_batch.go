package models

import (
	"context"
	"fmt"
	"time"

	"brobygger/models/internal/bulkinsert"
)

// CreateCheckins stores many check-ins in few statements (a scheduler wave). Check-ins whose
// PlanKey is taken are skipped, so it is idempotent; it returns the ids of those it stored.
func (s *Store) CreateCheckins(ctx context.Context, cs []Checkin) ([]string, error) {
	if len(cs) == 0 {
		return nil, nil
	}
	now := s.Now()
	ids := make([]string, len(cs))
	for i := range cs {
		if cs[i].ID == "" {
			cs[i].ID = NewID()
		}
		cs[i].CreatedAt = now
		ids[i] = cs[i].ID
	}
	inserted, err := bulkinsert.Insert(ctx, s.db, cs)
	if err != nil {
		return nil, fmt.Errorf("create check-ins: %w", err)
	}
	stored, err := s.storedIDs(ctx, &Checkin{}, ids, inserted)
	if err != nil {
		return nil, fmt.Errorf("create check-ins: %w", err)
	}
	return stored, nil
}

// DueCheckins returns the pending check-ins of some citizens due by now, earliest first (and in
// creation order within the same time), which is the order they are started in. Only the fields
// starting a check-in needs are filled.
func (s *Store) DueCheckins(ctx context.Context, citizenIDs []string, now time.Time) ([]Checkin, error) {
	var out []Checkin
	err := inChunks(citizenIDs, func(part []string) error {
		var rows []Checkin
		// Only what starting a check-in needs: a wave reads a hundred thousand of these. The status
		// is written out, not bound, so both databases can use the partial idx_checkins_pending.
		cond, arg := s.oneOf("citizen_id", "uuid", part)
		err := s.q(ctx).Select("id", "citizen_id", "instrument", "version", "status", "plan_key", "due_at").
			Where(cond, arg).Where("status = '"+string(CheckinPending)+"' AND due_at <= ?", now.UTC()).
			Order("due_at, id").Find(&rows).Error
		out = append(out, rows...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("due check-ins: %w", err)
	}
	return out, nil
}

// OpenPendingCheckins marks the given check-ins open and returns the ids it changed: one that is
// no longer pending, or (on PostgreSQL) that another scheduler holds right now, is left alone, so
// two schedulers never start the same check-in.
func (s *Store) OpenPendingCheckins(ctx context.Context, ids []string, channel string) ([]string, error) {
	var opened []string
	err := inChunks(ids, func(part []string) error {
		var got []string
		cond, arg := s.oneOf("id", "uuid", part)
		err := s.q(ctx).Raw(`UPDATE checkins SET status = ?, opened_at = ?, channel = ?
			WHERE id IN (SELECT id FROM checkins WHERE `+cond+` AND status = ?`+s.sql.SkipLocked()+`) RETURNING id`,
			CheckinOpen, s.Now(), channel, arg, CheckinPending).Scan(&got).Error
		opened = append(opened, got...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("open pending check-ins: %w", err)
	}
	return opened, nil
}

// ReturnCheckinsToPending undoes OpenPendingCheckins for check-ins that could not start because
// the citizen was busy with another conversation; a later pass tries again.
func (s *Store) ReturnCheckinsToPending(ctx context.Context, ids []string) error {
	err := inChunks(ids, func(part []string) error {
		cond, arg := s.oneOf("id", "uuid", part)
		return s.q(ctx).Model(&Checkin{}).Where(cond, arg).Where("status = ?", CheckinOpen).
			Updates(map[string]any{"status": CheckinPending, "opened_at": nil, "channel": ""}).Error
	})
	if err != nil {
		return fmt.Errorf("return check-ins to pending: %w", err)
	}
	return nil
}

// CancelCheckins settles pending check-ins that will not be sent (too late to be meaningful, or
// their instrument is no longer loaded).
func (s *Store) CancelCheckins(ctx context.Context, ids []string) error {
	err := inChunks(ids, func(part []string) error {
		cond, arg := s.oneOf("id", "uuid", part)
		return s.q(ctx).Model(&Checkin{}).Where(cond, arg).Where("status = ?", CheckinPending).
			Update("status", CheckinCancelled).Error
	})
	if err != nil {
		return fmt.Errorf("cancel check-ins: %w", err)
	}
	return nil
}
