package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// maxPauseReason keeps a pause reason to a few sentences.
const maxPauseReason = 500

// scheduledKinds are the outbox kinds the scheduler queues; a pause cancels the ones still waiting.
var scheduledKinds = []string{KindCheckin, KindReminder, KindFollowup, KindContactNudge}

// pauseCancelReason is the outbox note on SMS a pause cancelled.
const pauseCancelReason = "check-ins paused by the link worker"

// PauseCitizen stops a citizen's scheduled SMS (check-ins, reminders, follow-ups) by a link
// worker's hand, with a reason, in one transaction: the citizen row, the pause event and the
// cancelled SMS that were still waiting. Pausing a paused citizen is ECONFLICT. Messages the
// link worker writes and answers to the citizen's own texts still go out.
func (s *Store) PauseCitizen(ctx context.Context, citizenID, actorID, reason string) (*Citizen, error) {
	reason, err := pauseReason(reason, true)
	if err != nil {
		return nil, err
	}
	var out *Citizen
	err = s.InTx(ctx, func(tx *Store) error {
		c, err := tx.lockCitizen(ctx, citizenID)
		if err != nil {
			return err
		}
		if c.PausedAt != nil {
			if c.PausedByID == nil {
				return Errorf(ECONFLICT, "Check-ins are already paused after a safety flag; acknowledging the flag lifts that pause.")
			}
			return Errorf(ECONFLICT, "Check-ins are already paused.")
		}
		now := tx.Now()
		pause := Citizen{PausedAt: &now, PausedByID: &actorID, PauseReason: &reason, UpdatedAt: now}
		if err := tx.writeCitizen(tx.q(ctx).Where("id = ?", c.ID), &pause, "paused_at", "paused_by_id", "pause_reason").Error; err != nil {
			return fmt.Errorf("pause citizen: %w", err)
		}
		if err := tx.recordPause(ctx, c.ID, actorID, true, reason); err != nil {
			return err
		}
		if err := tx.cancelScheduledSMS(ctx, c.ID); err != nil {
			return err
		}
		c.PausedAt, c.PausedByID, c.PauseReason = &now, &actorID, &reason
		out = c
		return nil
	})
	return out, err
}

// ResumeCitizen lifts a pause. A citizen who is not paused is ECONFLICT, and so is any pause while
// a crisis flag is still open: the flag must be acknowledged first (which lifts a safety pause).
// The scheduler queues what is due from the next run; nothing cancelled is sent late.
func (s *Store) ResumeCitizen(ctx context.Context, citizenID, actorID, reason string) (*Citizen, error) {
	reason, err := pauseReason(reason, false)
	if err != nil {
		return nil, err
	}
	var out *Citizen
	err = s.InTx(ctx, func(tx *Store) error {
		c, err := tx.lockCitizen(ctx, citizenID)
		if err != nil {
			return err
		}
		if c.PausedAt == nil {
			return Errorf(ECONFLICT, "Check-ins are not paused.")
		}
		// An emergency while paused by hand set no safety pause of its own, so an open crisis flag
		// keeps any pause in place until a person has acknowledged it.
		var open int64
		if err := tx.q(ctx).Model(&Flag{}).Where("citizen_id = ? AND kind = ? AND acked_at IS NULL", c.ID, FlagCrisis).Count(&open).Error; err != nil {
			return fmt.Errorf("resume citizen: %w", err)
		}
		if open > 0 {
			return Errorf(ECONFLICT, "A possible emergency is still open; acknowledge its flag in the review queue first.")
		}
		if err := tx.writeCitizen(tx.q(ctx).Where("id = ?", c.ID), &Citizen{}, "paused_at", "paused_by_id", "pause_reason").Error; err != nil {
			return fmt.Errorf("resume citizen: %w", err)
		}
		if err := tx.recordPause(ctx, c.ID, actorID, false, reason); err != nil {
			return err
		}
		c.PausedAt, c.PausedByID, c.PauseReason = nil, nil, nil
		out = c
		return nil
	})
	return out, err
}

// pauseReason trims the reason; a pause needs one, a resume may have one.
func pauseReason(reason string, required bool) (string, error) {
	reason = strings.TrimSpace(reason)
	if required && reason == "" {
		return "", Invalid("reason", "Write why check-ins are paused.")
	}
	if utf8.RuneCountInString(reason) > maxPauseReason {
		return "", Invalid("reason", "The reason can be at most %d characters.", maxPauseReason)
	}
	return reason, nil
}

// lockCitizen reads the citizen row for update (PostgreSQL locks it; SQLite serialises writers),
// so two pauses at once cannot both pass the "not paused yet" check.
func (s *Store) lockCitizen(ctx context.Context, citizenID string) (*Citizen, error) {
	if !ValidID(citizenID) {
		return nil, NotFound("citizen")
	}
	var c Citizen
	err := s.q(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", citizenID).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("citizen")
	}
	if err != nil {
		return nil, fmt.Errorf("lock citizen: %w", err)
	}
	return &c, nil
}

func (s *Store) recordPause(ctx context.Context, citizenID, actorID string, paused bool, reason string) error {
	ev := PauseEvent{ID: NewID(), CitizenID: citizenID, Paused: paused, Reason: reason, At: s.Now()}
	if actorID != "" {
		ev.ActorID = &actorID
	}
	if err := s.q(ctx).Create(&ev).Error; err != nil {
		return fmt.Errorf("record pause: %w", err)
	}
	return nil
}

// cancelScheduledSMS suppresses the citizen's scheduled SMS still waiting to go out, and closes
// a check-in whose opening SMS was among them (it was never asked, so it is not left open).
func (s *Store) cancelScheduledSMS(ctx context.Context, citizenID string) error {
	open, err := s.OpenConversation(ctx, citizenID)
	if err != nil {
		return err
	}
	err = s.q(ctx).Model(&OutboxItem{}).Where("citizen_id = ? AND status = ? AND kind IN ?", citizenID, OutboxPending, scheduledKinds).
		Updates(map[string]any{"status": OutboxSuppressed, "last_error": pauseCancelReason}).Error
	if err != nil {
		return fmt.Errorf("cancel scheduled sms: %w", err)
	}
	if open == nil || open.Kind != ConvCheckin || open.CheckinID == nil {
		return nil
	}
	var unsent int64
	err = s.q(ctx).Model(&OutboxItem{}).Where("dedupe_key = ? AND status = ? AND last_error = ?",
		FirstCheckinSMSKey(*open.CheckinID), OutboxSuppressed, pauseCancelReason).Count(&unsent).Error
	if err != nil {
		return fmt.Errorf("cancel scheduled sms: %w", err)
	}
	if unsent == 0 {
		return nil
	}
	return s.CloseConversation(ctx, open, ConvClosed)
}

// pausesOf lists a citizen's pauses and resumes, newest first.
func (s *Store) pausesOf(ctx context.Context, citizenID string, limit int) ([]PauseEvent, error) {
	var out []PauseEvent
	if err := s.q(ctx).Where("citizen_id = ?", citizenID).Order("at DESC, id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("pause events: %w", err)
	}
	return out, nil
}
