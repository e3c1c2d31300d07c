package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"brobygger/bot/consent"
	"brobygger/bot/distress"
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
	// CrisisRegion picks the crisis numbers the safety texts give (bot/data/crisis_lines.json)
	// [capital_region]; CrisisLines are those numbers, filled in by New.
	CrisisRegion string
	CrisisLines  crisisLines
	// InboundBatch caps how many inbound SMS share one transaction [64].
	InboundBatch int
	// InboundBatchesAtOnce is how many such transactions may run at once [what the store says
	// suits its database: models.Store.WriteTransactionsAtOnce].
	InboundBatchesAtOnce int
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
// Its rules decide (rules.decide in respond.go, with no store); the engine reads the state they
// need and writes what they decided (shell.go).
type Engine struct {
	store *models.Store
	rules
	inbound *inboundQueue
	counts  inboundCounters
}

// rules are what a conversation step decides by: the windows, texts, keywords, detectors and
// instruments. They hold no store, so a step that has only them can neither read nor write.
type rules struct {
	cfg         Config
	texts       *catalogue
	keywords    *keywords
	distress    *distress.Detector
	consent     *consent.Recogniser
	instruments *models.InstrumentRegistry
}

// New builds an engine over a store, loading the embedded texts, keywords, distress rules and
// crisis numbers.
func New(store *models.Store, instruments *models.InstrumentRegistry, cfg Config) (*Engine, error) {
	if cfg.InboundBatch <= 0 {
		cfg.InboundBatch = 64
	}
	if cfg.InboundBatchesAtOnce <= 0 {
		cfg.InboundBatchesAtOnce = store.WriteTransactionsAtOnce()
	}
	r, err := newRules(instruments, cfg)
	if err != nil {
		return nil, err
	}
	e := &Engine{store: store, rules: *r}
	e.inbound = newInboundQueue(e.runBatch, cfg.InboundBatch, cfg.InboundBatchesAtOnce)
	return e, nil
}

// newRules loads the embedded texts, keywords, distress rules and crisis numbers.
func newRules(instruments *models.InstrumentRegistry, cfg Config) (*rules, error) {
	texts, err := LoadCatalogue()
	if err != nil {
		return nil, err
	}
	keywords, err := LoadKeywords()
	if err != nil {
		return nil, err
	}
	heard, err := distress.Load()
	if err != nil {
		return nil, err
	}
	optouts, err := consent.Load()
	if err != nil {
		return nil, err
	}
	if cfg.CrisisLines, err = LoadCrisisLines(cfg.CrisisRegion); err != nil {
		return nil, err
	}
	if cfg.Location == nil {
		cfg.Location = DefaultConfig().Location
	}
	return &rules{cfg: cfg, texts: texts, keywords: keywords, distress: heard, consent: optouts, instruments: instruments}, nil
}

// Outcome says what happened to an inbound SMS.
type Outcome string

// Outcomes of HandleInbound.
const (
	OutcomeProcessed Outcome = "processed"
	OutcomeDuplicate Outcome = "duplicate"
	// OutcomeStored: the message is safe in the store but the bot step failed; the sweep retries it.
	OutcomeStored Outcome = "stored"
)

// HandleInbound is the webhook path: store the SMS (once per SID) and run the conversation step
// in one transaction, committed before it returns. Concurrent calls are grouped into batches that
// share one transaction (see inboundQueue), so a burst costs a handful of statements per message
// instead of a transaction each. If a batch fails, its messages are handled again one by one;
// if a step fails on its own, the message is still stored and ReprocessPending picks it up later.
func (e *Engine) HandleInbound(ctx context.Context, in models.InboundSMS) (Outcome, error) {
	job := &inboundJob{ctx: ctx, in: in, done: make(chan inboundResult, 1)}
	e.inbound.submit(job)
	r := <-job.done
	return r.outcome, r.err
}

// handleOne handles one inbound SMS in its own transaction. Who wrote is looked up before the
// transaction, so SQLite's single write lock is held only for the writes.
func (e *Engine) handleOne(ctx context.Context, in models.InboundSMS) (Outcome, error) {
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
			// Even a panicking step must not lose the message: it becomes an error, the
			// transaction rolls back, and the message is stored alone below.
			if err := recovered(func() error { return e.stepAlone(ctx, tx, msg, citizen, worker) }); err != nil {
				return err
			}
			return e.storeStepResult(ctx, tx, msg)
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

// stepAlone runs the conversation step for one stored message in tx: it reads what the step
// needs, decides, writes the decision with its replies and flags, and records the message's
// marks on msg (NeedsReply, ConversationID) for the caller to store.
func (e *Engine) stepAlone(ctx context.Context, tx *models.Store, msg *models.Message, citizen *models.Citizen, worker *models.Staff) error {
	now := tx.Now()
	in, err := e.loadInbound(ctx, tx, msg, citizen, worker, e.mayReadRecent, now)
	if err != nil {
		return err
	}
	var pending models.PendingWrites
	d, err := e.decideAndWrite(ctx, tx, in, now, &pending)
	if err != nil {
		return err
	}
	msg.NeedsReply, msg.ConversationID = d.needsReply, d.conversationID
	return tx.WritePending(ctx, &pending)
}

// sender finds the open citizen holding a number and their link worker (nil: unknown).
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
		// A step that panics on this message must not stop the sweep (and the scheduler pass
		// it runs in): it becomes this message's error, and the message waits for the next pass.
		if err := recovered(func() error { return e.stepAlone(ctx, tx, msg, citizen, nil) }); err != nil {
			return err
		}
		return tx.MarkProcessed(ctx, msg.ID, msg.NeedsReply, msg.ConversationID)
	})
}

// storeStepResult updates a message stored before its step, when the step changed it: it waits
// for the link worker or belongs to a conversation.
func (e *Engine) storeStepResult(ctx context.Context, tx *models.Store, msg *models.Message) error {
	if !msg.NeedsReply && msg.ConversationID == nil {
		return nil
	}
	return tx.MarkProcessed(ctx, msg.ID, msg.NeedsReply, msg.ConversationID)
}
