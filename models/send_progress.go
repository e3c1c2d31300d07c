package models

import (
	"context"
	"fmt"
)

// SendProgress says how far planned sends have got, by their keys.
type SendProgress struct {
	// Checkins maps a check-in's PlanKey to its status, for check-ins that exist.
	Checkins map[string]CheckinStatus
	// Queued holds the outbox DedupeKeys already taken.
	Queued map[string]bool
}

// Created reports whether the send's check-in or SMS exists (whatever became of it).
func (p SendProgress) Created(ps PlannedSend) bool {
	if ps.Kind == SendCheckin {
		_, ok := p.Checkins[ps.PlanKey]
		return ok
	}
	return p.Queued[ps.PlanKey]
}

// done reports whether nothing is left to do for the send: its SMS is queued, or its check-in
// has started (a pending check-in still waits for the scheduler).
func (p SendProgress) done(ps PlannedSend) bool {
	if ps.Kind == SendCheckin {
		st, ok := p.Checkins[ps.PlanKey]
		return ok && st != CheckinPending
	}
	return p.Queued[ps.PlanKey]
}

// SendProgressOf looks up the keys of planned sends: check-in plan keys and outbox dedupe keys.
func (s *Store) SendProgressOf(ctx context.Context, sends []PlannedSend) (SendProgress, error) {
	p := SendProgress{Checkins: map[string]CheckinStatus{}, Queued: map[string]bool{}}
	var planKeys, dedupeKeys []string
	for _, ps := range sends {
		if ps.Kind == SendCheckin {
			planKeys = append(planKeys, ps.PlanKey)
		} else {
			dedupeKeys = append(dedupeKeys, ps.PlanKey)
		}
	}
	err := inChunks(planKeys, func(part []string) error {
		var rows []Checkin
		cond, arg := s.oneOf("plan_key", "text", part)
		if err := s.q(ctx).Select("plan_key", "status").Where(cond, arg).Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			p.Checkins[*r.PlanKey] = r.Status
		}
		return nil
	})
	if err != nil {
		return p, fmt.Errorf("send progress: check-ins: %w", err)
	}
	err = inChunks(dedupeKeys, func(part []string) error {
		var keys []string
		cond, arg := s.oneOf("dedupe_key", "text", part)
		if err := s.q(ctx).Model(&OutboxItem{}).Where(cond, arg).Pluck("dedupe_key", &keys).Error; err != nil {
			return err
		}
		for _, k := range keys {
			p.Queued[k] = true
		}
		return nil
	})
	if err != nil {
		return p, fmt.Errorf("send progress: outbox: %w", err)
	}
	return p, nil
}
