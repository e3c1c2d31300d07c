package notify

import (
	"context"
	"time"

	"brobygger/models"
)

// settleTimeout bounds the writing of one batch of outcomes, and the sending of one SMS, after
// shutdown began.
const settleTimeout = 30 * time.Second

// settler takes outcomes from the workers and writes them in batches, so a send costs a share of
// one transaction instead of one of its own. A batch is written when BatchSize outcomes wait,
// SettleInterval after the first of them arrived, or when the settler is closed.
type settler struct {
	d        *Dispatcher
	outcomes chan outcome
	done     chan struct{}
}

// startSettler starts a settler. Its writes ignore ctx's cancellation: an SMS that went out must
// be recorded on the way down, or it would be sent again after its lease.
func (d *Dispatcher) startSettler(ctx context.Context) *settler {
	s := &settler{d: d, outcomes: make(chan outcome, d.cfg.BatchSize), done: make(chan struct{})}
	go s.run(context.WithoutCancel(ctx))
	return s
}

// add hands over an outcome. It blocks only while a full batch waits for the one being written.
func (s *settler) add(o outcome) { s.outcomes <- o }

// close writes what is still waiting and returns once it is written or given up on. No add may
// follow.
func (s *settler) close() {
	close(s.outcomes)
	<-s.done
}

func (s *settler) run(ctx context.Context) {
	defer close(s.done)
	timer := time.NewTimer(s.d.cfg.SettleInterval)
	timer.Stop()
	batch := make([]outcome, 0, s.d.cfg.BatchSize)
	for {
		select {
		case o, open := <-s.outcomes:
			if !open {
				s.d.write(ctx, batch)
				return
			}
			batch = append(batch, o)
			if len(batch) == 1 {
				timer.Reset(s.d.cfg.SettleInterval)
			}
			if len(batch) < s.d.cfg.BatchSize {
				continue
			}
		case <-timer.C:
		}
		timer.Stop()
		s.d.write(ctx, batch)
		batch = batch[:0]
	}
}

// write settles a batch in one transaction, tried again on failure. If it still fails, each
// outcome is tried alone: one the store refuses for good (a message whose SID is already stored,
// say) must not make the whole batch wait out its lease and go out again.
func (d *Dispatcher) write(ctx context.Context, batch []outcome) {
	if len(batch) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, settleTimeout)
	defer cancel()
	outcomes := make([]models.OutboxOutcome, len(batch))
	for i, o := range batch {
		outcomes[i] = o.write
	}
	var settled []bool
	err := d.writeWithRetry(ctx, func(ctx context.Context) (err error) {
		settled, err = d.store.SettleOutbox(ctx, outcomes)
		return err
	})
	if err == nil {
		for i, o := range batch {
			d.record(ctx, o, settled[i], nil)
		}
		return
	}
	if len(batch) == 1 {
		d.record(ctx, batch[0], false, err)
		return
	}
	for _, o := range batch {
		alone, err := d.store.SettleOutbox(ctx, []models.OutboxOutcome{o.write})
		d.record(ctx, o, err == nil && alone[0], err)
	}
}
