package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"brobygger/models/internal/bulkinsert"
	"brobygger/models/internal/sqldialect"
	"brobygger/models/phone"
)

// InboundSender is who wrote an inbound SMS: the open citizen holding the number, their link
// worker and the conversation the bot has open with them (nil when none).
type InboundSender struct {
	Citizen      *Citizen
	Worker       *Staff
	Conversation *Conversation
}

// TouchInboundSenders finds who writes from these numbers, for a batch of inbound SMS: the open
// citizen holding each number, their link worker and their open conversation, in one joined
// query. It also records that they wrote (last_inbound_at = at), in the same statement where the
// database can (sqldialect's StampedRead: PostgreSQL, the update's RETURNING feeding the join) or
// as a second one (SQLite, whose writes are local calls). A batch's reads went from five round
// trips to one, and each round trip costs about a millisecond on a loaded server. A number no
// open citizen holds is absent from the map (an unknown sender).
func (s *Store) TouchInboundSenders(ctx context.Context, phones []string, at time.Time) (map[string]InboundSender, error) {
	out := make(map[string]InboundSender, len(phones))
	if len(phones) == 0 {
		return out, nil
	}
	workerCols, err := s.prefixedColumns(&Staff{}, "w", "w_")
	if err != nil {
		return nil, err
	}
	convCols, err := s.prefixedColumns(&Conversation{}, "v", "v_")
	if err != nil {
		return nil, err
	}
	query, args, stamped := s.sql.StampedRead(sqldialect.StampedRead{
		Table: "citizens", Alias: "c", Key: "phone", KeyType: "text", Keys: phones, Where: "c.closed_at IS NULL",
		Set: "last_inbound_at = ?, updated_at = ?", SetArgs: []any{at, at},
		Select: "SELECT c.*, " + workerCols + ", " + convCols,
		// The open state is written into the text, not bound: SQLite decides whether the partial
		// index idx_conversations_one_open (WHERE state = 'open') applies from a bound value only
		// after binding, and so prepared this statement twice on every batch.
		Joins: " LEFT JOIN staff w ON w.id = c.link_worker_id LEFT JOIN conversations v ON v.citizen_id = c.id AND v.state = '" + string(ConvOpen) + "'",
	})
	var rows []senderRow
	err = s.q(ctx).Raw(query, args...).Scan(&rows).Error
	if err == nil && !stamped && len(rows) > 0 {
		ids := make([]string, len(rows))
		for i := range rows {
			ids[i] = rows[i].ID
			rows[i].LastInboundAt = &at
		}
		cond, arg := s.citizensLocked(ids)
		err = s.q(ctx).Model(&Citizen{}).Where(cond, arg).Update("last_inbound_at", at).Error
	}
	if err != nil {
		return nil, fmt.Errorf("inbound senders: %w", err)
	}
	for i := range rows {
		r := &rows[i]
		if r.Worker.ID == "" {
			return nil, fmt.Errorf("inbound senders: citizen %s has no link worker %s", r.ID, r.LinkWorkerID)
		}
		sender := InboundSender{Citizen: &r.Citizen, Worker: &r.Worker}
		if r.Conv.ID != "" {
			sender.Conversation = &r.Conv
		}
		out[r.Phone] = sender
	}
	return out, nil
}

// senderRow is a citizen joined with their link worker (columns w_…) and open conversation
// (v_…, empty when none).
type senderRow struct {
	Citizen
	Worker Staff        `gorm:"embedded;embeddedPrefix:w_"`
	Conv   Conversation `gorm:"embedded;embeddedPrefix:v_"`
}

// prefixedColumns lists a model's columns from table alias as prefix+column, for a join that
// scans into an embedded struct with that prefix.
func (s *Store) prefixedColumns(model any, alias, prefix string) (string, error) {
	stmt := &gorm.Statement{DB: s.db}
	if err := stmt.Parse(model); err != nil {
		return "", fmt.Errorf("columns of %T: %w", model, err)
	}
	cols := make([]string, len(stmt.Schema.DBNames))
	for i, name := range stmt.Schema.DBNames {
		cols[i] = alias + "." + name + " AS " + prefix + name
	}
	return strings.Join(cols, ", "), nil
}

// SeenInboundSIDs says which of these Twilio message SIDs are already stored: Twilio delivers a
// webhook again when our answer was slow or lost.
func (s *Store) SeenInboundSIDs(ctx context.Context, sids []string) (map[string]bool, error) {
	seen := make(map[string]bool)
	if len(sids) == 0 {
		return seen, nil
	}
	var found []string
	cond, arg := s.oneOf("twilio_sid", "text", sids)
	if err := s.q(ctx).Model(&Message{}).Where(cond, arg).Pluck("twilio_sid", &found).Error; err != nil {
		return nil, fmt.Errorf("seen inbound sids: %w", err)
	}
	for _, sid := range found {
		seen[sid] = true
	}
	return seen, nil
}

// NewInboundMessage is the row an inbound SMS is stored as (citizen nil: an unknown sender).
// processedAt is set when the bot step runs in the same transaction as the insert. The sender
// and the text are cleaned of NUL and bytes that are not UTF-8 (see CleanInboundText), so a
// message PostgreSQL could not store is stored anyway instead of failing on every retry.
func NewInboundMessage(in InboundSMS, citizen *Citizen, now time.Time, processedAt *time.Time) Message {
	sid := in.SID
	m := Message{ID: NewID(), Phone: phone.CleanText(in.From), Direction: Inbound, Body: phone.CleanText(in.Body), TwilioSID: &sid,
		Status: "received", Segments: in.Segments, ProcessedAt: processedAt, CreatedAt: now, UpdatedAt: now}
	if citizen != nil {
		m.CitizenID = &citizen.ID
	}
	return m
}

// StoreInboundBatch writes a batch of handled inbound messages in one statement. A SID that is
// already stored (a duplicate delivery racing this batch from another process) is skipped, and
// the count of rows written tells the caller so.
func (s *Store) StoreInboundBatch(ctx context.Context, msgs []Message) (int64, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	n, err := bulkinsert.Insert(ctx, s.db, msgs)
	if err != nil {
		return n, fmt.Errorf("store inbound batch: %w", err)
	}
	return n, nil
}
