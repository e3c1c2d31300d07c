package models

import (
	"context"
	"fmt"
	"time"
)

// InboundSender is who wrote an inbound SMS: the open citizen holding the number, their link
// worker and the conversation the bot has open with them (nil when none).
type InboundSender struct {
	Citizen      *Citizen
	Worker       *Staff
	Conversation *Conversation
}

// InboundSenders looks up many numbers at once for a batch of inbound SMS: three queries for
// the whole batch instead of three per message (a batch holds at most a few dozen, well under
// inListLimit). A number no open citizen holds is absent from
// the map (an unknown sender).
func (s *Store) InboundSenders(ctx context.Context, phones []string) (map[string]InboundSender, error) {
	out := make(map[string]InboundSender, len(phones))
	if len(phones) == 0 {
		return out, nil
	}
	var citizens []Citizen
	cond, arg := s.oneOf("phone", "text", phones)
	if err := s.q(ctx).Where(cond, arg).Where("closed_at IS NULL").Find(&citizens).Error; err != nil {
		return nil, fmt.Errorf("inbound senders: %w", err)
	}
	if len(citizens) == 0 {
		return out, nil
	}
	citizenIDs, workerIDs := make([]string, len(citizens)), make([]string, 0, len(citizens))
	for i, c := range citizens {
		citizenIDs[i] = c.ID
		workerIDs = append(workerIDs, c.LinkWorkerID)
	}
	var workers []Staff
	cond, arg = s.oneOf("id", "uuid", workerIDs)
	if err := s.q(ctx).Where(cond, arg).Find(&workers).Error; err != nil {
		return nil, fmt.Errorf("inbound senders' link workers: %w", err)
	}
	var convs []Conversation
	cond, arg = s.oneOf("citizen_id", "uuid", citizenIDs)
	if err := s.q(ctx).Where(cond, arg).Where("state = ?", ConvOpen).Find(&convs).Error; err != nil {
		return nil, fmt.Errorf("inbound senders' conversations: %w", err)
	}
	workerByID := make(map[string]*Staff, len(workers))
	for i := range workers {
		workerByID[workers[i].ID] = &workers[i]
	}
	convByCitizen := make(map[string]*Conversation, len(convs))
	for i := range convs {
		convByCitizen[convs[i].CitizenID] = &convs[i]
	}
	for i := range citizens {
		c := &citizens[i]
		w := workerByID[c.LinkWorkerID]
		if w == nil {
			return nil, fmt.Errorf("inbound senders: citizen %s has no link worker %s", c.ID, c.LinkWorkerID)
		}
		out[c.Phone] = InboundSender{Citizen: c, Worker: w, Conversation: convByCitizen[c.ID]}
	}
	return out, nil
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

// TouchInbound records when these citizens last wrote to us, in one statement for a batch.
func (s *Store) TouchInbound(ctx context.Context, citizenIDs []string, at time.Time) error {
	if len(citizenIDs) == 0 {
		return nil
	}
	cond, arg := s.citizensLocked(citizenIDs)
	if err := s.q(ctx).Model(&Citizen{}).Where(cond, arg).Update("last_inbound_at", at).Error; err != nil {
		return fmt.Errorf("touch citizens: %w", err)
	}
	return nil
}

// NewInboundMessage is the row an inbound SMS is stored as (citizen nil: an unknown sender).
// processedAt is set when the bot step runs in the same transaction as the insert.
func NewInboundMessage(in InboundSMS, citizen *Citizen, now time.Time, processedAt *time.Time) Message {
	sid := in.SID
	m := Message{ID: NewID(), Phone: in.From, Direction: Inbound, Body: in.Body, TwilioSID: &sid,
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
	n, err := bulkInsert(ctx, s, msgs)
	if err != nil {
		return n, fmt.Errorf("store inbound batch: %w", err)
	}
	return n, nil
}
