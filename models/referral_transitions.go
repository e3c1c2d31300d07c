package models

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// ReferralForStaff returns a referral whose citizen the staff member may see.
func (s *Store) ReferralForStaff(ctx context.Context, referralID, staffID string, admin bool) (*Referral, error) {
	if !ValidID(referralID) {
		return nil, NotFound("referral")
	}
	q := s.q(ctx).Table("referrals AS r").Select("r.*").Joins("JOIN citizens c ON c.id = r.citizen_id").Where("r.id = ?", referralID)
	if !admin {
		q = q.Where("c.link_worker_id = ?", staffID)
	}
	var r Referral
	err := q.Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("referral")
	}
	if err != nil {
		return nil, fmt.Errorf("referral for staff: %w", err)
	}
	return &r, nil
}

// ReferralTransition is a link worker's decision on a referral.
type ReferralTransition struct {
	To     ReferralStatus
	Reason CloseReason // for closing
	Note   string
}

// allowedTransitions lists where a referral may go from each status.
var allowedTransitions = map[ReferralStatus][]ReferralStatus{
	ReferralReceived: {ReferralAccepted, ReferralDeclined, ReferralClosed},
	ReferralAccepted: {ReferralClosed},
}

// TransitionReferral accepts, declines or closes a referral and records it in the history.
// Declining or closing ends the citizen's course: nothing more is sent and the phone number is
// free for a new referral; closing as completed marks the course completed.
func (s *Store) TransitionReferral(ctx context.Context, r *Referral, t ReferralTransition, actorID string) (*Referral, error) {
	if !contains(allowedTransitions[r.Status], t.To) {
		return nil, Errorf(ECONFLICT, "A %s referral cannot become %s.", r.Status, t.To)
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	err := s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		if err := tx.q(ctx).Model(&Referral{}).Where("id = ? AND status = ?", r.ID, r.Status).
			Updates(map[string]any{"status": t.To, "close_reason": t.Reason, "status_note": t.Note, "updated_at": now}).Error; err != nil {
			return err
		}
		note := strings.TrimSpace(t.Note)
		if t.Reason != "" {
			note = strings.TrimSpace(string(t.Reason) + ". " + note)
		}
		if err := tx.q(ctx).Create(&ReferralEvent{ID: NewID(), ReferralID: r.ID, Status: t.To, Note: note, ActorID: &actorID, At: now}).Error; err != nil {
			return err
		}
		if t.To == ReferralAccepted {
			return nil
		}
		return tx.endCourse(ctx, r.CitizenID, t.Reason)
	})
	if err != nil {
		return nil, fmt.Errorf("transition referral: %w", err)
	}
	r.Status, r.CloseReason, r.StatusNote = t.To, t.Reason, t.Note
	return r, nil
}

// Validate checks a decision before anything is written: a decline needs a reason, a close one
// of the fixed outcomes.
func (t ReferralTransition) Validate() error {
	switch t.To {
	case ReferralDeclined:
		if strings.TrimSpace(t.Note) == "" {
			return Invalid("reason", "Say why the referral is declined.")
		}
	case ReferralClosed:
		if !contains([]CloseReason{CloseCompleted, CloseDeclined, CloseUnreachable, CloseMoved}, t.Reason) {
			return Invalid("reason", "The reason must be completed, declined, unreachable or moved.")
		}
	}
	if len(t.Note) > 4000 {
		return Invalid("note", "The note is longer than 4000 characters.")
	}
	return nil
}

func (s *Store) endCourse(ctx context.Context, citizenID string, reason CloseReason) error {
	now := s.Now()
	change := CitizenUpdate{ClosedAt: &now}
	if reason == CloseCompleted {
		change.CompletedAt = &now
	}
	if err := s.UpdateCitizen(ctx, citizenID, change); err != nil {
		return err
	}
	if err := s.SuppressQueued(ctx, citizenID, "referral closed"); err != nil {
		return err
	}
	if err := s.CloseOpenConversations(ctx, citizenID, ConvClosed); err != nil {
		return err
	}
	return s.RefreshStatus(ctx, citizenID)
}

// Reassign moves a citizen to another active link worker (admins only; the API checks the role).
// The target is checked by assignableWorker: not an admin, not a deactivated account.
func (s *Store) Reassign(ctx context.Context, citizenID, workerID string) error {
	w, err := s.assignableWorker(ctx, workerID)
	if err != nil {
		return err
	}
	return s.UpdateCitizen(ctx, citizenID, CitizenUpdate{LinkWorkerID: &w.ID})
}

// MarkRepliesHandled clears "needs a reply" on a citizen's messages once a link worker answered.
func (s *Store) MarkRepliesHandled(ctx context.Context, citizenID string) error {
	err := s.q(ctx).Model(&Message{}).Where("citizen_id = ? AND needs_reply = ?", citizenID, true).Update("needs_reply", false).Error
	if err != nil {
		return fmt.Errorf("mark replies handled: %w", err)
	}
	return nil
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
