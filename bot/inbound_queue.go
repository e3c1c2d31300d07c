package bot

import (
	"context"
	"sync"

	"brobygger/models"
)

// inboundJob is one webhook call waiting for its SMS to be handled and committed.
type inboundJob struct {
	ctx  context.Context
	in   models.InboundSMS
	done chan inboundResult // buffered: the batch never blocks on a caller
}

type inboundResult struct {
	outcome Outcome
	err     error
}

// inboundQueue groups concurrent inbound SMS into batches that share one transaction: a commit
// (an fsync on PostgreSQL, the single write lock on SQLite) is paid once per batch, not once
// per message. Batches are taken in arrival order with at most one message per number, and a
// number in a running batch waits for it, so each citizen's messages are handled one at a
// time and in order. No goroutine runs while nothing waits: the call that finds a free slot
// starts a drainer, which keeps taking batches until the queue is empty.
type inboundQueue struct {
	run        func([]*inboundJob) // handles one batch and answers every job in it
	maxBatch   int
	maxRunning int

	mu      sync.Mutex
	waiting []*inboundJob
	busy    map[string]bool // numbers in a running batch
	running int
}

func newInboundQueue(run func([]*inboundJob), maxBatch, maxRunning int) *inboundQueue {
	return &inboundQueue{run: run, maxBatch: max(maxBatch, 1), maxRunning: max(maxRunning, 1), busy: map[string]bool{}}
}

// submit queues a job; its answer arrives on job.done.
func (q *inboundQueue) submit(job *inboundJob) {
	q.mu.Lock()
	q.waiting = append(q.waiting, job)
	if q.running >= q.maxRunning {
		q.mu.Unlock()
		return // a running drainer takes it when its batch is done
	}
	batch := q.takeLocked()
	if len(batch) == 0 {
		q.mu.Unlock()
		return // its number is in a running batch, whose drainer takes it next
	}
	q.running++
	q.mu.Unlock()
	go q.drain(batch)
}

// drain runs batches until none can be taken, then frees its slot.
func (q *inboundQueue) drain(batch []*inboundJob) {
	for len(batch) > 0 {
		q.run(batch)
		q.mu.Lock()
		for _, j := range batch {
			delete(q.busy, j.in.From)
		}
		batch = q.takeLocked()
		if len(batch) == 0 {
			q.running--
		}
		q.mu.Unlock()
	}
}

// takeLocked removes the next batch from the queue: the oldest jobs, one per number, skipping
// numbers that a running batch holds. Skipped jobs keep their place. Caller holds q.mu.
func (q *inboundQueue) takeLocked() []*inboundJob {
	var batch []*inboundJob
	kept := q.waiting[:0]
	for _, j := range q.waiting {
		if len(batch) < q.maxBatch && !q.busy[j.in.From] {
			q.busy[j.in.From] = true
			batch = append(batch, j)
			continue
		}
		kept = append(kept, j)
	}
	clear(q.waiting[len(kept):]) // drop references to taken jobs
	q.waiting = kept
	return batch
}
