package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"brobygger/models"
)

// Config holds the engine's tunable windows.
type Config struct {
	// CheckinWindow is how long an unfinished check-in waits before it expires as incomplete.
	CheckinWindow time.Duration
	// ContactWindow is how long the contact question stays open (48 h to a nudge + 72 h after).
	ContactWindow time.Duration
	// FollowupWindow is how long "did you go?" waits for an answer.
	FollowupWindow time.Duration
	// Location is the site's time zone, for "once a day" limits counted in local days.
	Location *time.Location
}

// DefaultConfig is what the product ships with.
func DefaultConfig() Config {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		loc = time.UTC
	}
	return Config{CheckinWindow: 48 * time.Hour, ContactWindow: 120 * time.Hour, FollowupWindow: 48 * time.Hour, Location: loc}
}

// Engine runs SMS conversations. It holds no per-citizen state: everything is in the store.
type Engine struct {
	store       *models.Store
	cfg         Config
	texts       *Catalogue
	keywords    *Keywords
	crisis      *CrisisDetector
	instruments *models.InstrumentRegistry
}

// New builds an engine over a store, loading the embedded texts, keywords and crisis phrases.
func New(store *models.Store, instruments *models.InstrumentRegistry, cfg Config) (*Engine, error) {
	texts, err := LoadCatalogue()
	if err != nil {
		return nil, err
	}
	keywords, err := LoadKeywords()
	if err != nil {
		return nil, err
	}
	crisis, err := LoadCrisisDetector()
	if err != nil {
		return nil, err
	}
	if cfg.Location == nil {
		cfg.Location = DefaultConfig().Location
	}
	return &Engine{store: store, cfg: cfg, texts: texts, keywords: keywords, crisis: crisis, instruments: instruments}, nil
}

// Texts exposes the catalogue (the API renders login codes with it).
func (e *Engine) Texts() *Catalogue { return e.texts }

// Outcome says what happened to an inbound SMS.
type Outcome string

// Outcomes of HandleInbound.
const (
	OutcomeProcessed Outcome = "processed"
	OutcomeDuplicate Outcome = "duplicate"
	// OutcomeStored: the message is safe in the store but the bot step failed; the sweep retries it.
	OutcomeStored Outcome = "stored"
)

// HandleInbound is the webhook path: store the SMS (once per SID) and run the conversation step,
// in one transaction. If the step fails, the message is still stored on its own so nothing is
// lost, and ReprocessPending picks it up later. Who wrote is looked up before the transaction,
// so SQLite's single write lock is held only for the writes.
func (e *Engine) HandleInbound(ctx context.Context, in models.InboundSMS) (Outcome, error) {
	outcome := OutcomeProcessed
	citizen, worker, err := e.sender(ctx, in.From)
	if err == nil {
		err = e.store.InTx(ctx, func(tx *models.Store) error {
			msg, dup, err := tx.RecordInboundFor(ctx, in, citizen, true)
			if err != nil {
				return err
			}
			if dup {
				outcome = OutcomeDuplicate
				return nil
			}
			return e.step(ctx, tx, msg, citizen, worker)
		})
	}
	if err == nil {
		return outcome, nil
	}
	// The step (or the lookup before it) failed: store the message alone so nothing is lost.
	stepErr := err
	err = e.store.InTx(ctx, func(tx *models.Store) error {
		_, _, dup, err := tx.RecordInbound(ctx, in)
		if dup {
			outcome = OutcomeDuplicate
		}
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store inbound sms after failed step (%v): %w", stepErr, err)
	}
	if outcome == OutcomeDuplicate {
		return outcome, nil
	}
	return OutcomeStored, fmt.Errorf("bot step: %w", stepErr)
}

// sender finds the open citizen holding a number and their link worker (nil, nil: unknown).
func (e *Engine) sender(ctx context.Context, phone string) (*models.Citizen, *models.Staff, error) {
	citizen, err := e.store.OpenCitizenByPhone(ctx, phone)
	if models.IsCode(err, models.ENOTFOUND) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	worker, err := e.store.StaffMember(ctx, citizen.LinkWorkerID)
	if err != nil {
		return nil, nil, fmt.Errorf("load link worker: %w", err)
	}
	return citizen, worker, nil
}

// ReprocessPending runs the bot step for inbound messages that were stored but not processed.
// A message that fails again does not hold up the ones behind it: every message is tried and
// the failures are returned together (and tried again on the next pass).
func (e *Engine) ReprocessPending(ctx context.Context, limit int) (int, error) {
	msgs, err := e.store.UnprocessedInbound(ctx, time.Minute, limit)
	if err != nil {
		return 0, err
	}
	done := 0
	var failures []error
	for i := range msgs {
		if err := e.reprocess(ctx, &msgs[i]); err != nil {
			failures = append(failures, fmt.Errorf("reprocess message %s: %w", msgs[i].ID, err))
			continue
		}
		done++
	}
	return done, errors.Join(failures...)
}

func (e *Engine) reprocess(ctx context.Context, msg *models.Message) error {
	return e.store.InTx(ctx, func(tx *models.Store) error {
		var citizen *models.Citizen
		if msg.CitizenID != nil {
			c, err := tx.CitizenByID(ctx, *msg.CitizenID)
			if err != nil {
				return err
			}
			citizen = c
		}
		if err := e.step(ctx, tx, msg, citizen, nil); err != nil {
			return err
		}
		return tx.MarkProcessed(ctx, msg.ID, msg.NeedsReply, msg.ConversationID)
	})
}

// step handles one stored inbound message inside the caller's transaction. The message row only
// changes again when it waits for the link worker or belongs to a conversation.
func (e *Engine) step(ctx context.Context, tx *models.Store, msg *models.Message, citizen *models.Citizen, worker *models.Staff) error {
	if citizen == nil {
		return e.handleUnknownSender(ctx, tx, msg)
	}
	t, err := e.newTurn(ctx, tx, citizen, worker, msg)
	if err != nil {
		return err
	}
	if err := e.respond(t); err != nil {
		return err
	}
	msg.NeedsReply, msg.ConversationID = t.needsReply, t.conversationID
	if !t.needsReply && t.conversationID == nil {
		return nil
	}
	return tx.MarkProcessed(ctx, msg.ID, t.needsReply, t.conversationID)
}
