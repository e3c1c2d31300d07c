package models

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// statusRank orders the MessageStatus values Twilio documents for the Message resource (and
// delivery_unknown, which status callbacks also carry). Callbacks arrive out of order, so a
// status only ever moves to a higher rank: "delivered" stays delivered when a late "sent" comes.
// Outbound: accepted/scheduled → queued → sending → sent → delivery_unknown → a final outcome
// (undelivered, failed, canceled) → partially_delivered → delivered → read. Inbound messages
// are "receiving" and then "received".
var statusRank = map[string]int{
	"accepted": 10, "scheduled": 10, "queued": 20, "sending": 30, "sent": 40, "delivery_unknown": 45,
	"undelivered": 50, "failed": 50, "canceled": 50, "partially_delivered": 55, "delivered": 60, "read": 70,
	"receiving": 10, "received": 20,
}

// KnownDeliveryStatus reports whether s is a MessageStatus value Twilio documents. A value it
// adds later is not refused: the webhook logs and acknowledges it without storing it.
func KnownDeliveryStatus(s string) bool { _, ok := statusRank[s]; return ok }

// Twilio error codes that change what we do.
const (
	TwilioOptedOut        = 21610
	TwilioInvalidNumber   = 21211
	TwilioNotMobile       = 21614
	TwilioThrottled       = 20429
	carrierFailureFirst   = 30003
	carrierFailureLast    = 30008
	unreachableAfterFails = 3
)

// DeliveryStatus is one status callback.
type DeliveryStatus struct {
	SID       string
	Status    string
	ErrorCode int
}

// RecordDeliveryStatus applies a status callback once per (SID, status); it reports whether
// anything changed. ErrorCode 21610 opts the citizen out; carrier failures 30003–30008 count
// towards "unreachable", and a delivered SMS resets that count.
func (s *Store) RecordDeliveryStatus(ctx context.Context, d DeliveryStatus) (bool, error) {
	changed := false
	err := s.InTx(ctx, func(tx *Store) error {
		ev := messageStatusEvent{ID: NewID(), MessageSID: d.SID, Status: d.Status, ErrorCode: d.ErrorCode, ReceivedAt: tx.Now()}
		res := tx.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&ev)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		var msg Message
		err := tx.q(ctx).Where("twilio_sid = ?", d.SID).Take(&msg).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil // a callback for a message we never stored (another app on the account)
		}
		if err != nil {
			return err
		}
		if statusRank[d.Status] > statusRank[msg.Status] {
			changed = true
			updates := map[string]any{"status": d.Status, "updated_at": tx.Now()}
			if d.ErrorCode != 0 {
				updates["error_code"] = d.ErrorCode
			}
			if err := tx.q(ctx).Model(&Message{}).Where("id = ?", msg.ID).Updates(updates).Error; err != nil {
				return err
			}
		}
		if msg.CitizenID == nil {
			return nil
		}
		return tx.applyDeliveryOutcome(ctx, *msg.CitizenID, d)
	})
	if err != nil {
		return false, fmt.Errorf("record delivery status: %w", err)
	}
	return changed, nil
}

func (s *Store) applyDeliveryOutcome(ctx context.Context, citizenID string, d DeliveryStatus) error {
	switch {
	case d.ErrorCode == TwilioOptedOut:
		return s.MarkOptedOut(ctx, citizenID, OptOutByTwilio)
	case d.ErrorCode >= carrierFailureFirst && d.ErrorCode <= carrierFailureLast:
		return s.countDeliveryFailure(ctx, citizenID, d.ErrorCode)
	case d.Status == "delivered":
		return s.q(ctx).Model(&Citizen{}).Where("id = ? AND delivery_failures > 0", citizenID).
			Update("delivery_failures", 0).Error
	}
	return nil
}

// countDeliveryFailure adds one carrier failure; after unreachableAfterFails in a row the
// citizen is unreachable by SMS and the link worker is asked to phone.
func (s *Store) countDeliveryFailure(ctx context.Context, citizenID string, code int) error {
	if err := s.q(ctx).Model(&Citizen{}).Where("id = ?", citizenID).
		Update("delivery_failures", gorm.Expr("delivery_failures + 1")).Error; err != nil {
		return err
	}
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil || c.DeliveryFailures < unreachableAfterFails || c.UnreachableAt != nil {
		return err
	}
	return s.MarkUnreachable(ctx, citizenID, "undeliverable",
		FlagFacts{"count": strconv.Itoa(c.DeliveryFailures), "code": strconv.Itoa(code)})
}

// MarkUnreachable records that SMS do not reach the citizen and flags it for a phone call; code
// and facts say why (a flag reason code such as no_reply or undeliverable).
func (s *Store) MarkUnreachable(ctx context.Context, citizenID, code string, facts FlagFacts) error {
	now := s.Now()
	err := s.writeCitizen(s.q(ctx).Where("id = ? AND unreachable_at IS NULL", citizenID), &Citizen{UnreachableAt: &now, UpdatedAt: now}, "unreachable_at").Error
	if err != nil {
		return fmt.Errorf("mark unreachable: %w", err)
	}
	if _, err := s.RaiseFlag(ctx, NewFlag{CitizenID: &citizenID, Kind: FlagUnreachable, Severity: SeverityHigh,
		Code: code, Facts: facts, DedupeKey: "unreachable:" + citizenID}); err != nil {
		return err
	}
	return s.RefreshStatus(ctx, citizenID)
}
