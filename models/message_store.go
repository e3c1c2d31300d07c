package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// InboundSMS is a message a citizen (or anyone) sent us, as Twilio delivered it.
type InboundSMS struct {
	SID      string
	From     string // E.164, or an alphanumeric sender ID or short code (see phone.SenderAddress)
	Body     string
	Segments int
}

// RecordInbound stores an inbound SMS once: a second delivery with the same SID, also a racing
// one, hits the unique index and reports duplicate=true without writing anything. The message is
// linked to the open citizen holding the number, if any.
func (s *Store) RecordInbound(ctx context.Context, in InboundSMS) (msg *Message, citizen *Citizen, duplicate bool, err error) {
	citizen, err = s.OpenCitizenByPhone(ctx, in.From)
	if err != nil && !IsCode(err, ENOTFOUND) {
		return nil, nil, false, err
	}
	msg, duplicate, err = s.RecordInboundFor(ctx, in, citizen, false)
	return msg, citizen, duplicate, err
}

// RecordInboundFor stores an inbound SMS for a citizen the caller already looked up (nil: an
// unknown sender), so the lookup can happen before the write lock is taken. With processed set,
// the message is stored as handled: the caller runs the bot step in the same transaction.
func (s *Store) RecordInboundFor(ctx context.Context, in InboundSMS, citizen *Citizen, processed bool) (*Message, bool, error) {
	now := s.Now()
	var processedAt *time.Time
	if processed {
		processedAt = &now
	}
	m := NewInboundMessage(in, citizen, now, processedAt)
	res := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "twilio_sid"}}, DoNothing: true}).Create(&m)
	if res.Error != nil {
		return nil, false, fmt.Errorf("record inbound sms: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, true, nil
	}
	if citizen != nil {
		if err := s.touchCitizen(ctx, citizen.ID, Inbound, now); err != nil {
			return nil, false, err
		}
	}
	return &m, false, nil
}

// MarkProcessed records that the bot has handled an inbound message, and whether it is free
// text waiting for the link worker's reply.
func (s *Store) MarkProcessed(ctx context.Context, messageID string, needsReply bool, conversationID *string) error {
	now := s.Now()
	err := s.q(ctx).Model(&Message{}).Where("id = ?", messageID).Updates(map[string]any{
		"processed_at": now, "needs_reply": needsReply, "conversation_id": conversationID, "updated_at": now}).Error
	if err != nil {
		return fmt.Errorf("mark processed: %w", err)
	}
	return nil
}

// UnprocessedInbound lists inbound messages stored but not handled (the bot step failed after
// the message was safe) and older than minAge, oldest first, for the retry sweep.
func (s *Store) UnprocessedInbound(ctx context.Context, minAge time.Duration, limit int) ([]Message, error) {
	var msgs []Message
	err := s.q(ctx).Where("direction = ? AND processed_at IS NULL AND created_at < ?", Inbound, s.Now().Add(-minAge)).
		Order("created_at").Limit(limit).Find(&msgs).Error
	if err != nil {
		return nil, fmt.Errorf("unprocessed inbound: %w", err)
	}
	return msgs, nil
}
