package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"brobygger/models"
	"brobygger/models/phone"
)

// errBatchRaced: a message of the batch was stored by someone else after the batch looked
// (a duplicate delivery handled by another process). The batch rolls back and each message is
// handled on its own, where the unique SID decides.
var errBatchRaced = errors.New("inbound batch: a message was stored meanwhile")

// runBatch handles a batch in one transaction and answers every job once it has committed. If
// the transaction fails, nothing of it was written, and each message is handled again on its
// own: one failing step then costs only its own message a retry, and that message is still
// stored.
func (e *Engine) runBatch(jobs []*inboundJob) {
	// The batch belongs to every caller in it, so one caller hanging up must not cancel it.
	e.counts.batches.Add(1)
	e.counts.messages.Add(int64(len(jobs)))
	var outcomes []Outcome
	err := recovered(func() (err error) {
		outcomes, err = e.handleBatch(context.WithoutCancel(jobs[0].ctx), jobs)
		return err
	})
	if err != nil {
		e.counts.fallbacks.Add(1)
		for _, j := range jobs {
			var outcome Outcome
			err := recovered(func() (err error) {
				outcome, err = e.handleOne(context.WithoutCancel(j.ctx), j.in)
				return err
			})
			j.done <- inboundResult{outcome: outcome, err: err}
		}
		return
	}
	for i, j := range jobs {
		j.done <- inboundResult{outcome: outcomes[i]}
	}
}

// handleBatch runs the bot step for every message of the batch in one transaction, through the
// same shell as a message alone (loadDetails, decideAndWrite). Who wrote, their open
// conversations, their earlier SMS and which SIDs are already stored are read once for the
// batch; replies and flags are written together at the end, and so are the messages, already
// marked as handled.
func (e *Engine) handleBatch(ctx context.Context, jobs []*inboundJob) ([]Outcome, error) {
	outcomes := make([]Outcome, len(jobs))
	err := e.store.InTx(ctx, func(tx *models.Store) error {
		sids := make([]string, len(jobs))
		for i, j := range jobs {
			sids[i] = j.in.SID
		}
		seen, err := tx.SeenInboundSIDs(ctx, sids)
		if err != nil {
			return err
		}
		var phones []string
		for i, j := range jobs {
			if seen[j.in.SID] {
				outcomes[i] = OutcomeDuplicate
			} else {
				phones = append(phones, j.in.From)
			}
		}
		now := tx.Now()
		// Marks them as having written before the steps run, so a status a step derives sees it.
		senders, err := tx.TouchInboundSenders(ctx, phones, now)
		if err != nil {
			return err
		}
		recent, err := e.batchRecentTexts(ctx, tx, jobs, outcomes, senders, now)
		if err != nil {
			return err
		}
		msgs := make([]models.Message, 0, len(jobs))
		var pending models.PendingWrites
		for i, j := range jobs {
			if outcomes[i] == OutcomeDuplicate {
				continue
			}
			in := &inbound{}
			if s, ok := senders[j.in.From]; ok {
				in.citizen, in.worker, in.conv, in.recent = s.Citizen, s.Worker, s.Conversation, recent[s.Citizen.ID]
			}
			msg := models.NewInboundMessage(j.in, in.citizen, now, &now)
			in.msg = &msg
			if err := e.loadDetails(ctx, tx, in); err != nil {
				return err
			}
			d, err := e.decideAndWrite(ctx, tx, in, now, &pending)
			if err != nil {
				return err
			}
			msg.NeedsReply, msg.ConversationID = d.needsReply, d.conversationID
			msgs = append(msgs, msg)
			outcomes[i] = OutcomeProcessed
		}
		if err := tx.WritePending(ctx, &pending); err != nil {
			return err
		}
		stored, err := tx.StoreInboundBatch(ctx, msgs)
		if err != nil {
			return err
		}
		if stored != int64(len(msgs)) {
			return errBatchRaced
		}
		return nil
	})
	return outcomes, err
}

// batchRecentTexts reads, in one statement, the earlier SMS of every sender in the batch whose
// message the distress detector may read with them (one statement per batch, not one per message
// of free text). A batch has one message per number and stores its messages only after the
// steps, so what a step would have read alone is the same.
func (e *Engine) batchRecentTexts(ctx context.Context, tx *models.Store, jobs []*inboundJob, outcomes []Outcome,
	senders map[string]models.InboundSender, now time.Time) (map[string][]string, error) {
	var ids []string
	for i, j := range jobs {
		if s, ok := senders[j.in.From]; ok && outcomes[i] != OutcomeDuplicate && e.mayReadRecent(phone.CleanText(j.in.Body)) {
			ids = append(ids, s.Citizen.ID)
		}
	}
	recent, err := tx.RecentInboundTextsOf(ctx, ids, now.Add(-recentWindow), recentLimit)
	if err != nil {
		return nil, err
	}
	return recent, nil
}

// recovered runs fn and turns a panic into an error. Batches run on their own goroutine, where
// the HTTP server's recovery cannot catch a panic: unrecovered, one bad message would stop the
// server and leave every caller in the batch waiting.
func recovered(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("inbound sms: panic: %v\n%s", p, debug.Stack())
		}
	}()
	return fn()
}
