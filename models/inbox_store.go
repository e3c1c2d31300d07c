package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// InboxQuery selects a page of the inbox: citizens' free text waiting for a link worker.
type InboxQuery struct {
	StaffID string
	// Admin sees every citizen's waiting messages; a link worker only their own caseload's.
	Admin  bool
	Cursor string
	Limit  int
}

// InboxItem is one inbound message waiting for a reply, with who wrote it and whether they have
// an open safety case (CrisisSeverity is 0 when they have none).
type InboxItem struct {
	MessageID      string
	CitizenID      string
	CitizenName    string
	Body           string
	ReceivedAt     time.Time
	CrisisSeverity Severity
	// CanSMS is false when the citizen opted out or their number is invalid: phone them instead.
	CanSMS bool `gorm:"column:can_sms"`
}

// InboxPage is a page of the inbox and the cursor for the next one ("" at the end).
type InboxPage struct {
	Items      []InboxItem
	NextCursor string
}

// inboxSelect is the inbox's columns; the crisis severity is the highest of the citizen's open
// safety flags, looked up per item by idx_flags_citizen.
const inboxSelect = `m.id AS message_id, m.citizen_id, c.name AS citizen_name, m.body, m.created_at AS received_at,
	(c.opted_out_at IS NULL AND c.phone_invalid_at IS NULL) AS can_sms,
	COALESCE((SELECT MAX(f.severity) FROM flags f WHERE f.citizen_id = c.id AND f.kind = ? AND f.acked_at IS NULL), 0) AS crisis_severity`

// inboxQuery selects the inbound messages staffID may see, with their citizens. Messages from
// unknown senders have no citizen and are not in the inbox (their flag is in the review queue).
func (s *Store) inboxQuery(ctx context.Context, staffID string, admin bool, extra string) *gorm.DB {
	db := s.q(ctx).Table("messages AS m").Select(inboxSelect+extra, FlagCrisis).
		Joins("JOIN citizens c ON c.id = m.citizen_id").Where("m.direction = ?", Inbound)
	if !admin {
		db = db.Where("c.link_worker_id = ?", staffID)
	}
	return db
}

// Inbox lists the messages waiting for a reply, newest first, scoped in the query: a link
// worker sees their own citizens' messages, an admin everyone's.
func (s *Store) Inbox(ctx context.Context, q InboxQuery) (InboxPage, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	db := s.inboxQuery(ctx, q.StaffID, q.Admin, "").Where("m.needs_reply = ?", true)
	items, next, err := keysetPage(db, inboxCursors, "m.created_at", "m.id", true, q.Cursor, q.Limit, "inbox",
		func(it InboxItem) (time.Time, string) { return it.ReceivedAt, it.MessageID })
	if err != nil {
		return InboxPage{}, err
	}
	return InboxPage{Items: items, NextCursor: next}, nil
}

// MarkMessageHandled clears "needs a reply" on one inbound message without answering it, and
// returns the message as it was. Another worker's citizen's message, or one that is not a
// citizen's inbound message, is not found; a message no longer waiting is a conflict.
func (s *Store) MarkMessageHandled(ctx context.Context, messageID, staffID string, admin bool) (*InboxItem, error) {
	if !ValidID(messageID) {
		return nil, NotFound("message")
	}
	var item InboxItem
	err := s.InTx(ctx, func(tx *Store) error {
		var found []struct {
			InboxItem
			NeedsReply bool
		}
		err := tx.inboxQuery(ctx, staffID, admin, ", m.needs_reply").
			Where("m.id = ?", messageID).Limit(1).Scan(&found).Error
		if err != nil {
			return fmt.Errorf("mark message handled: %w", err)
		}
		if len(found) == 0 {
			return NotFound("message")
		}
		if !found[0].NeedsReply {
			return Errorf(ECONFLICT, "This message is no longer waiting for a reply.")
		}
		item = found[0].InboxItem
		res := tx.q(ctx).Model(&Message{}).Where("id = ? AND needs_reply = ?", messageID, true).
			Updates(map[string]any{"needs_reply": false, "updated_at": tx.Now()})
		if res.Error != nil {
			return fmt.Errorf("mark message handled: %w", res.Error)
		}
		if res.RowsAffected == 0 { // handled by someone else between the read and the write
			return Errorf(ECONFLICT, "This message is no longer waiting for a reply.")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &item, nil
}
