package models

import (
	"context"
	"fmt"
	"time"

	"brobygger/models/internal/bulkinsert"
)

// PendingWrites collects rows that a batch of inbound SMS adds and nothing in the batch reads
// back: SMS replies and flags. WritePending stores them with one multi-row statement per
// table, so a batch of 64 messages costs two inserts instead of a hundred. Like Enqueue and
// RaiseFlag, a row whose dedupe key is taken is skipped; unlike them, the caller does not learn
// which, so only writes whose outcome nobody needs belong here.
type PendingWrites struct {
	outbox []OutboxItem
	flags  []Flag
}

// Enqueue adds an SMS to write (see Store.Enqueue).
func (p *PendingWrites) Enqueue(n NewOutbound, now time.Time) {
	p.outbox = append(p.outbox, newOutboxRow(n, now))
}

// RaiseFlag adds a flag to write (see Store.RaiseFlag).
func (p *PendingWrites) RaiseFlag(n NewFlag, now time.Time) {
	p.flags = append(p.flags, newFlagRow(n, now))
}

// WritePending stores the collected rows in the store's transaction and empties p.
func (s *Store) WritePending(ctx context.Context, p *PendingWrites) error {
	if _, err := bulkinsert.Insert(ctx, s.db, p.outbox); err != nil {
		return fmt.Errorf("write pending sms: %w", err)
	}
	if _, err := bulkinsert.Insert(ctx, s.db, p.flags); err != nil {
		return fmt.Errorf("write pending flags: %w", err)
	}
	p.outbox, p.flags = nil, nil
	return nil
}
