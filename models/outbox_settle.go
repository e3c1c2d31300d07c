package models

import (
	"context"
	"fmt"
	"slices"
	"time"

	"brobygger/models/internal/bulkinsert"
)

// OutboxOutcome is what became of one claimed row's send, waiting to be written by SettleOutbox.
type OutboxOutcome struct {
	// Item is the row as ClaimOutbox returned it. Its Attempts names the claim: every claim counts
	// one more attempt, so a row that another dispatcher claimed again has a higher count.
	Item OutboxItem
	// Status is where the row goes: OutboxSent, OutboxPending (try again at RetryAt) or OutboxFailed.
	Status OutboxStatus
	// Sent is the carrier's answer when Status is OutboxSent.
	Sent    SentSMS
	RetryAt time.Time
	// ErrorCode and Reason say why a send failed: the carrier's code and message.
	ErrorCode int
	Reason    string
	// Recipient is what a refused send taught us about the citizen.
	Recipient RecipientFinding
}

// RecipientFinding is what a refused send says about its recipient, beyond this one SMS.
type RecipientFinding int

// Recipient findings.
const (
	// RecipientUnchanged: the refusal was about this SMS (or there was none).
	RecipientUnchanged RecipientFinding = iota
	// RecipientOptedOut: the citizen replied STOP to our sender (Twilio 21610).
	RecipientOptedOut
	// RecipientPhoneInvalid: the number is invalid or not a mobile (Twilio 21211, 21614).
	RecipientPhoneInvalid
)

// SettleOutbox writes many outcomes in one transaction with a fixed number of set-based
// statements, however many outcomes there are: one insert for the sent messages, one update for
// the rows, one for the citizens' last_outbound_at. Refusals that change a citizen (opt-out,
// invalid number) and first contacts are rare and written one by one in the same transaction.
//
// settled[i] reports whether outcomes[i] settled its row. A row is settled only while it is still
// sending under the claim the outcome came from: a dispatcher whose lease ran out must not undo
// what the dispatcher that claimed the row again records. What the carrier did stands either way:
// a sent SMS joins the citizen's timeline (status callbacks will name its SID), and a refusal's
// finding about the citizen is recorded.
func (s *Store) SettleOutbox(ctx context.Context, outcomes []OutboxOutcome) (settled []bool, err error) {
	if len(outcomes) == 0 {
		return nil, nil
	}
	err = s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		rows, messages := settlementRows(outcomes, now)
		if err := tx.storeSentMessages(ctx, messages); err != nil {
			return err
		}
		ids, err := tx.settleRows(ctx, rows)
		if err != nil {
			return err
		}
		settled = make([]bool, len(outcomes))
		for i, o := range outcomes {
			settled[i] = ids[o.Item.ID]
		}
		if err := tx.touchRecipients(ctx, outcomes, now); err != nil {
			return err
		}
		return tx.recordFindings(ctx, outcomes)
	})
	if err != nil {
		return nil, fmt.Errorf("settle outbox: %w", err)
	}
	return settled, nil
}

// settlementRows turns outcomes into row updates and the messages of the sent ones.
func settlementRows(outcomes []OutboxOutcome, now time.Time) ([]settlementRow, []Message) {
	rows := make([]settlementRow, len(outcomes))
	var messages []Message
	for i, o := range outcomes {
		r := settlementRow{ID: o.Item.ID, Attempts: o.Item.Attempts, Status: o.Status, ErrorCode: o.ErrorCode,
			LastError: truncate(o.Reason, 500)}
		switch o.Status {
		case OutboxSent:
			msg := outboundMessage(o.Item, o.Sent, now)
			messages = append(messages, msg)
			r.SentAt, r.Segments, r.MessageID = &now, &o.Sent.Segments, &msg.ID
			r.ErrorCode, r.LastError = 0, ""
		case OutboxPending:
			retryAt := o.RetryAt.UTC()
			r.NotBefore = &retryAt
		}
		rows[i] = r
	}
	return rows, messages
}

// storeSentMessages adds the sent SMS to the timeline. A message refused by the insert (its SID
// taken) fails the batch rather than leave a row pointing at a message that was never stored.
func (s *Store) storeSentMessages(ctx context.Context, messages []Message) error {
	stored, err := bulkinsert.Insert(ctx, s.db, messages)
	if err != nil {
		return fmt.Errorf("store sent messages: %w", err)
	}
	if stored != int64(len(messages)) {
		return fmt.Errorf("store sent messages: %d of %d stored", stored, len(messages))
	}
	return nil
}

// touchRecipients records the time of the last SMS to every citizen who was sent one, and
// moves citizens whose first contact SMS went out to "contacted".
func (s *Store) touchRecipients(ctx context.Context, outcomes []OutboxOutcome, now time.Time) error {
	seen := map[string]bool{}
	var touched, contacted []string
	for _, o := range outcomes {
		if o.Status != OutboxSent || o.Item.CitizenID == nil {
			continue
		}
		id := *o.Item.CitizenID
		if !seen[id] {
			seen[id] = true
			touched = append(touched, id)
		}
		if o.Item.Kind == KindContact {
			contacted = append(contacted, id)
		}
	}
	slices.Sort(touched) // chunk by chunk in id order too: see citizensLocked
	err := inChunks(touched, func(part []string) error {
		cond, arg := s.citizensLocked(part)
		return s.writeCitizen(s.q(ctx).Where(cond, arg), &Citizen{LastOutboundAt: &now, UpdatedAt: now}, "last_outbound_at").Error
	})
	if err != nil {
		return fmt.Errorf("touch citizens: %w", err)
	}
	for _, id := range contacted {
		if err := s.markContacted(ctx, id, now); err != nil {
			return err
		}
	}
	return nil
}

// recordFindings applies what refused sends said about their citizens. They run after the rows
// are settled, so an opt-out suppresses the citizen's other queued SMS but not one sent in the
// same batch.
func (s *Store) recordFindings(ctx context.Context, outcomes []OutboxOutcome) error {
	for _, o := range outcomes {
		if o.Item.CitizenID == nil {
			// A reply to a number no citizen has: Twilio's STOP still belongs to the number.
			if o.Recipient == RecipientOptedOut {
				if err := s.MarkPhoneOptedOut(ctx, o.Item.Phone, OptOutByTwilio); err != nil {
					return err
				}
			}
			continue
		}
		var err error
		switch o.Recipient {
		case RecipientOptedOut:
			err = s.MarkOptedOut(ctx, *o.Item.CitizenID, OptOutByTwilio)
		case RecipientPhoneInvalid:
			err = s.markPhoneInvalid(ctx, *o.Item.CitizenID, o.ErrorCode)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
