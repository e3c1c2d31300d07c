package models

import (
	"context"
	"fmt"
)

// engagementFacts are the events a citizen's status is derived from, beyond the citizen row.
type engagementFacts struct {
	// ContactQueued: the contact-confirmation SMS is in the outbox (sent or not).
	ContactQueued bool
	// ActivePrescriptions counts agreed activities still running.
	ActivePrescriptions int
	// AnsweredPrompts counts check-ins the citizen answered at least partly.
	AnsweredPrompts int
	// LastTwoPromptsUnanswered: the two most recent finished prompts got no answer at all.
	LastTwoPromptsUnanswered bool
	// LastTwoActivitiesMissed: the two most recent attendance answers were "no" or never came.
	LastTwoActivitiesMissed bool
}

// deriveStatus computes a citizen's engagement status from their record and events. Terminal and
// safety-relevant states win over progress: a completed, opted-out, declined or unreachable
// citizen is that, whatever else happened.
func deriveStatus(c *Citizen, f engagementFacts) CitizenStatus {
	switch {
	case c.CompletedAt != nil:
		return StatusCompleted
	case c.OptedOutAt != nil:
		return StatusOptedOut
	case c.DeclinedAt != nil:
		return StatusDeclined
	case c.UnreachableAt != nil || c.PhoneInvalidAt != nil:
		return StatusUnreachable
	case c.ContactConfirmedAt == nil && c.ContactedAt != nil:
		return StatusContacted
	case c.ContactConfirmedAt == nil && f.ContactQueued:
		return StatusAwaitingContact
	case c.ContactConfirmedAt == nil:
		return StatusReferred
	case f.LastTwoPromptsUnanswered || f.LastTwoActivitiesMissed:
		return StatusDrifting
	case f.ActivePrescriptions > 0 || f.AnsweredPrompts > 0:
		return StatusEngaged
	}
	return StatusConfirmed
}

// RefreshStatus recomputes and stores a citizen's status. Every event that can change it calls
// this in the same transaction, so the stored status is a cache of the derivation, never typed in.
func (s *Store) RefreshStatus(ctx context.Context, citizenID string) error {
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return err
	}
	facts, err := s.engagementFacts(ctx, citizenID)
	if err != nil {
		return err
	}
	status := deriveStatus(c, facts)
	if status == c.Status {
		return nil
	}
	err = s.writeCitizen(s.q(ctx).Where("id = ?", citizenID), &Citizen{Status: status}, "status").Error
	if err != nil {
		return fmt.Errorf("refresh status: %w", err)
	}
	return nil
}

func (s *Store) engagementFacts(ctx context.Context, citizenID string) (engagementFacts, error) {
	var f engagementFacts
	var n int64
	db := s.q(ctx)
	if err := db.Model(&OutboxItem{}).Where("citizen_id = ? AND kind = ?", citizenID, KindContact).Count(&n).Error; err != nil {
		return f, fmt.Errorf("engagement facts: %w", err)
	}
	f.ContactQueued = n > 0
	if err := db.Model(&Prescription{}).Where("citizen_id = ? AND active = ?", citizenID, true).Count(&n).Error; err != nil {
		return f, fmt.Errorf("engagement facts: %w", err)
	}
	f.ActivePrescriptions = int(n)
	var recent []struct {
		Status  CheckinStatus
		Answers int
	}
	err := db.Raw(`SELECT c.status, (SELECT COUNT(*) FROM answers a WHERE a.checkin_id = c.id AND a.value IS NOT NULL) AS answers
		FROM checkins c WHERE c.citizen_id = ? AND c.status IN ?
		ORDER BY c.due_at DESC LIMIT 20`, citizenID, []CheckinStatus{CheckinCompleted, CheckinIncomplete}).Scan(&recent).Error
	if err != nil {
		return f, fmt.Errorf("engagement facts: %w", err)
	}
	for i, r := range recent {
		if r.Answers > 0 {
			f.AnsweredPrompts++
		}
		if i == 1 {
			f.LastTwoPromptsUnanswered = recent[0].Answers == 0 && r.Answers == 0
		}
	}
	var answers []string
	err = db.Model(&Attendance{}).Where("citizen_id = ?", citizenID).Order("occurrence_on DESC").Limit(2).Pluck("answer", &answers).Error
	if err != nil {
		return f, fmt.Errorf("engagement facts: %w", err)
	}
	f.LastTwoActivitiesMissed = len(answers) == 2 && answers[0] != AttendedYes && answers[1] != AttendedYes
	return f, nil
}
