package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"brobygger/models/internal/bulkinsert"
)

// NewOutbound is an SMS someone wants sent.
type NewOutbound struct {
	CitizenID *string
	Phone     string
	Body      string
	Kind      string
	Priority  int
	// DedupeKey, when set, queues the SMS once however often this is called with the same key.
	DedupeKey string
	NotBefore time.Time
	NotAfter  *time.Time
	// Channel is the channel it goes by (ChooseChannel); empty is SMS.
	Channel string
	// Ref points at what it is about (a check-in's id), for the app's notification view.
	Ref string
}

// Enqueue writes an SMS to the outbox. Call it inside the transaction that decided to send, so
// the decision and the SMS commit together. It reports false when the dedupe key was taken.
func (s *Store) Enqueue(ctx context.Context, n NewOutbound) (bool, error) {
	item := s.outboxRow(n)
	res := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&item)
	if res.Error != nil {
		return false, fmt.Errorf("enqueue sms: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// EnqueueItem writes one SMS without a dedupe key and returns the queued row.
func (s *Store) EnqueueItem(ctx context.Context, n NewOutbound) (*OutboxItem, error) {
	n.DedupeKey = ""
	item := s.outboxRow(n)
	if err := s.q(ctx).Create(&item).Error; err != nil {
		return nil, fmt.Errorf("enqueue sms: %w", err)
	}
	return &item, nil
}

// OutboxItemForCitizen returns one of the citizen's queued or sent SMS rows.
func (s *Store) OutboxItemForCitizen(ctx context.Context, citizenID, id string) (*OutboxItem, error) {
	if !ValidID(id) {
		return nil, NotFound("sms")
	}
	var item OutboxItem
	err := s.q(ctx).Where("id = ? AND citizen_id = ?", id, citizenID).Take(&item).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("sms")
	}
	if err != nil {
		return nil, fmt.Errorf("outbox item: %w", err)
	}
	return &item, nil
}

// EnqueueBatch writes many SMS in one statement per chunk (scheduler waves), skipping taken
// dedupe keys; it returns how many were new.
func (s *Store) EnqueueBatch(ctx context.Context, items []NewOutbound) (int64, error) {
	if len(items) == 0 {
		return 0, nil
	}
	rows := make([]OutboxItem, len(items))
	for i, n := range items {
		rows[i] = s.outboxRow(n)
	}
	n, err := bulkinsert.Insert(ctx, s.db, rows)
	if err != nil {
		return n, fmt.Errorf("enqueue sms batch: %w", err)
	}
	return n, nil
}

func (s *Store) outboxRow(n NewOutbound) OutboxItem { return newOutboxRow(n, s.Now()) }

func newOutboxRow(n NewOutbound, now time.Time) OutboxItem {
	item := OutboxItem{ID: NewID(), CitizenID: n.CitizenID, Phone: n.Phone, Body: n.Body, Kind: n.Kind,
		Priority: n.Priority, Status: OutboxPending, NotBefore: n.NotBefore.UTC(), CreatedAt: now, Channel: n.Channel}
	if item.Channel == "" {
		item.Channel = ChannelSMS
	}
	if n.Ref != "" {
		item.Ref = &n.Ref
	}
	if item.NotBefore.IsZero() {
		item.NotBefore = now
	}
	if n.NotAfter != nil {
		t := n.NotAfter.UTC()
		item.NotAfter = &t
	}
	if n.DedupeKey != "" {
		item.DedupeKey = &n.DedupeKey
	}
	return item
}

// SuppressQueued cancels every message still waiting for a citizen, on every channel (they
// declined, their referral closed, or their number is invalid); the one STOP confirmation is kept.
func (s *Store) SuppressQueued(ctx context.Context, citizenID, reason string) error {
	return s.suppressQueued(ctx, citizenID, reason, false)
}

// suppressQueuedSMS cancels the SMS still waiting for a citizen who said STOP, which stops SMS
// only: their queued pushes and e-mails still go. The one STOP confirmation is kept.
func (s *Store) suppressQueuedSMS(ctx context.Context, citizenID, reason string) error {
	return s.suppressQueued(ctx, citizenID, reason, true)
}

func (s *Store) suppressQueued(ctx context.Context, citizenID, reason string, smsOnly bool) error {
	q := s.q(ctx).Model(&OutboxItem{}).
		Where("citizen_id = ? AND status IN ? AND kind <> ?", citizenID, []OutboxStatus{OutboxPending, OutboxSending}, KindOptOutConfirm)
	if smsOnly {
		q = q.Where("channel = ?", ChannelSMS)
	}
	if err := q.Updates(map[string]any{"status": OutboxSuppressed, "last_error": reason, "lease_until": nil}).Error; err != nil {
		return fmt.Errorf("suppress queued messages: %w", err)
	}
	return nil
}
