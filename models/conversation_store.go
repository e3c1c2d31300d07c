package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// OpenConversation returns the citizen's open conversation, or nil when there is none.
func (s *Store) OpenConversation(ctx context.Context, citizenID string) (*Conversation, error) {
	var c Conversation
	err := s.q(ctx).Where("citizen_id = ? AND state = ?", citizenID, ConvOpen).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open conversation: %w", err)
	}
	return &c, nil
}

// CloseOpenConversations ends the citizen's open conversation (STOP, expiry). An open check-in
// is settled as incomplete, so it never waits for an answer that is not coming.
func (s *Store) CloseOpenConversations(ctx context.Context, citizenID string, state ConversationState) error {
	open, err := s.OpenConversation(ctx, citizenID)
	if err != nil || open == nil {
		return err
	}
	return s.CloseConversation(ctx, open, state)
}

// CloseConversation ends one conversation and settles its open check-in as incomplete.
func (s *Store) CloseConversation(ctx context.Context, c *Conversation, state ConversationState) error {
	now := s.Now()
	err := s.q(ctx).Model(&Conversation{}).Where("id = ? AND state = ?", c.ID, ConvOpen).
		Updates(map[string]any{"state": state, "closed_at": now}).Error
	if err != nil {
		return fmt.Errorf("close conversation: %w", err)
	}
	c.State, c.ClosedAt = state, &now
	if c.CheckinID == nil {
		return nil
	}
	err = s.q(ctx).Model(&Checkin{}).Where("id = ? AND status = ?", *c.CheckinID, CheckinOpen).
		Updates(map[string]any{"status": CheckinIncomplete, "completed_at": now}).Error
	if err != nil {
		return fmt.Errorf("close conversation: settle check-in: %w", err)
	}
	return nil
}

// EndConversationForCheckin closes the SMS conversation of a check-in without settling the
// check-in: it was answered in the app, so SMS must stop asking while the app carries on.
func (s *Store) EndConversationForCheckin(ctx context.Context, checkinID string) error {
	err := s.q(ctx).Model(&Conversation{}).Where("checkin_id = ? AND state = ?", checkinID, ConvOpen).
		Updates(map[string]any{"state": ConvClosed, "closed_at": s.Now()}).Error
	if err != nil {
		return fmt.Errorf("end check-in conversation: %w", err)
	}
	return nil
}
