package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// RecentInboundTexts returns what the citizen wrote since since, oldest first, leaving out the
// message exceptID (the one being handled) and keeping at most the limit newest. People split one
// sentence over several SMS; the distress detector reads them together.
func (s *Store) RecentInboundTexts(ctx context.Context, citizenID, exceptID string, since time.Time, limit int) ([]string, error) {
	var bodies []string
	err := s.q(ctx).Model(&Message{}).
		Where("citizen_id = ? AND direction = ? AND id <> ? AND created_at >= ?", citizenID, Inbound, exceptID, since).
		Order("created_at DESC, id DESC").Limit(limit).Pluck("body", &bodies).Error
	if err != nil {
		return nil, fmt.Errorf("recent inbound texts: %w", err)
	}
	slices.Reverse(bodies)
	return bodies, nil
}

// RecentInboundTextsOf is RecentInboundTexts for a batch of citizens in one statement: what each
// wrote since since, oldest first, at most the limit newest each (a citizen who wrote nothing is
// absent). An inbound batch reads it once before its steps instead of once per message of free
// text, and the messages it is handling are not stored yet, so there is nothing to leave out.
func (s *Store) RecentInboundTextsOf(ctx context.Context, citizenIDs []string, since time.Time, limit int) (map[string][]string, error) {
	out := make(map[string][]string)
	if len(citizenIDs) == 0 {
		return out, nil
	}
	cond, arg := s.oneOf("citizen_id", "uuid", citizenIDs)
	var rows []struct{ CitizenID, Body string }
	err := s.q(ctx).Raw(`SELECT citizen_id, body FROM (
		SELECT citizen_id, body, created_at, id,
			ROW_NUMBER() OVER (PARTITION BY citizen_id ORDER BY created_at DESC, id DESC) AS newest
		FROM messages WHERE `+cond+` AND direction = ? AND created_at >= ?) recent
		WHERE newest <= ? ORDER BY citizen_id, created_at, id`, arg, Inbound, since, limit).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("recent inbound texts: %w", err)
	}
	for _, r := range rows {
		out[r.CitizenID] = append(out[r.CitizenID], r.Body)
	}
	return out, nil
}

// RaiseSafetyFlag puts a sign of distress in front of the link worker. A citizen who writes
// several worried messages has one open case, not one card each: while their crisis flag is
// unacknowledged, a new message updates it (the newest text and what was heard, the higher
// severity, a count of messages) and keeps its place in the queue by the time it first came.
// Flags about no citizen (an unknown number) are raised one per message.
func (s *Store) RaiseSafetyFlag(ctx context.Context, n NewFlag) error {
	if n.CitizenID == nil {
		_, err := s.RaiseFlag(ctx, n)
		return err
	}
	var open Flag
	err := s.q(ctx).Where("citizen_id = ? AND kind = ? AND acked_at IS NULL", *n.CitizenID, n.Kind).
		Order("created_at").Take(&open).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		n.Facts = withFact(n.Facts, "count", "1")
		_, err := s.RaiseFlag(ctx, n)
		return err
	}
	if err != nil {
		return fmt.Errorf("raise safety flag: %w", err)
	}
	return s.joinSafetyCase(ctx, &open, n)
}

// joinSafetyCase adds a message to an open case. The case keeps the words, the code and the
// message of its most severe message (the first of equals): a later, milder "jeg er så ked af
// det" must not hide "jeg har taget alle pillerne". A more severe message takes the case over.
// Either way the newest words and the count are kept beside them, so the card shows both.
func (s *Store) joinSafetyCase(ctx context.Context, open *Flag, n NewFlag) error {
	count := strconv.Itoa(open.Messages() + 1)
	severity, code, ref, facts := open.Severity, open.Code, open.RefID, open.FactsMap()
	if n.Severity > open.Severity {
		severity, code, ref, facts = n.Severity, n.Code, n.RefID, n.Facts
	}
	facts = withFact(withFact(facts, "count", count), "latest", n.Facts["excerpt"])
	raw, _ := json.Marshal(facts) // a map of strings always encodes
	reason, ok := RenderFlagReason(code, facts, LangEN)
	if !ok {
		reason = open.Reason
	}
	err := s.q(ctx).Model(&Flag{}).Where("id = ?", open.ID).Updates(map[string]any{
		"severity": severity, "code": code, "facts": string(raw), "reason": reason, "ref_id": ref}).Error
	if err != nil {
		return fmt.Errorf("join safety case: %w", err)
	}
	return nil
}

// withFact returns facts with one more fact, leaving the caller's map alone.
func withFact(facts FlagFacts, key, value string) FlagFacts {
	out := FlagFacts{key: value}
	for k, v := range facts {
		if k != key {
			out[k] = v
		}
	}
	return out
}
