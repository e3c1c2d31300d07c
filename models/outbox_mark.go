package models

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// SentSMS is what the carrier told us about an accepted SMS.
type SentSMS struct {
	SID      string
	Status   string
	Segments int
}

// MarkSent records that one outbox row went out, whatever its status: the row is settled, the
// message joins the citizen's timeline with its Twilio SID (so status callbacks find it), and a
// first contact SMS moves the citizen to "contacted". The dispatcher settles its claims in
// batches with SettleOutbox instead; this is for a row settled by hand (the chat console).
func (s *Store) MarkSent(ctx context.Context, item OutboxItem, sent SentSMS) error {
	return s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		msg := outboundMessage(item, sent, now)
		if err := tx.q(ctx).Create(&msg).Error; err != nil {
			return fmt.Errorf("mark sent: store message: %w", err)
		}
		err := tx.q(ctx).Model(&OutboxItem{}).Where("id = ?", item.ID).Updates(map[string]any{
			"status": OutboxSent, "sent_at": now, "segments": sent.Segments, "message_id": msg.ID,
			"lease_until": nil, "last_error": "", "error_code": 0}).Error
		if err != nil {
			return fmt.Errorf("mark sent: %w", err)
		}
		if item.CitizenID == nil {
			return nil
		}
		if err := tx.touchCitizen(ctx, *item.CitizenID, Outbound, now); err != nil {
			return err
		}
		if item.Kind == KindContact {
			return tx.markContacted(ctx, *item.CitizenID, now)
		}
		return nil
	})
}

// outboundMessage is the timeline's record of a sent outbox row, with its Twilio SID (so status
// callbacks find it).
func outboundMessage(item OutboxItem, sent SentSMS, now time.Time) Message {
	msg := Message{ID: NewID(), CitizenID: item.CitizenID, Phone: item.Phone, Direction: Outbound,
		Body: item.Body, Status: sent.Status, Segments: sent.Segments, OutboxID: &item.ID,
		CreatedAt: now, UpdatedAt: now}
	if sent.SID != "" {
		msg.TwilioSID = &sent.SID
	}
	return msg
}

// markContacted moves a citizen whose first contact SMS went out to "contacted".
func (s *Store) markContacted(ctx context.Context, citizenID string, now time.Time) error {
	err := s.q(ctx).Model(&Citizen{}).Where("id = ? AND contacted_at IS NULL", citizenID).
		Update("contacted_at", now).Error
	if err != nil {
		return fmt.Errorf("mark contacted: %w", err)
	}
	return s.RefreshStatus(ctx, citizenID)
}

// markPhoneInvalid records that the carrier rejected a citizen's number as invalid or not a
// mobile (Twilio 21211/21614): nothing more is sent to it and the link worker is asked to phone.
func (s *Store) markPhoneInvalid(ctx context.Context, citizenID string, code int) error {
	return s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		res := tx.writeCitizen(tx.q(ctx).Where("id = ? AND phone_invalid_at IS NULL", citizenID), &Citizen{PhoneInvalidAt: &now, UpdatedAt: now}, "phone_invalid_at")
		if res.Error != nil {
			return fmt.Errorf("mark phone invalid: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		if err := tx.SuppressQueued(ctx, citizenID, "number invalid"); err != nil {
			return err
		}
		if _, err := tx.RaiseFlag(ctx, NewFlag{CitizenID: &citizenID, Kind: FlagInvalidNumber, Severity: SeverityHigh,
			Code: "invalid_number", Facts: FlagFacts{"code": strconv.Itoa(code)}, DedupeKey: "invalid_number:" + citizenID}); err != nil {
			return err
		}
		return tx.RefreshStatus(ctx, citizenID)
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
