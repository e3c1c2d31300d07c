package bot

import "sync/atomic"

// InboundStats counts the inbound batches since the engine was built (for /metrics and the
// benchmark: messages per batch says how much grouping saves).
type InboundStats struct {
	// Batches is how many shared transactions were tried.
	Batches int64
	// Messages is how many inbound SMS those batches held.
	Messages int64
	// Fallbacks is how many batches rolled back and were handled one message at a time.
	Fallbacks int64
}

type inboundCounters struct {
	batches, messages, fallbacks atomic.Int64
}

// InboundStats returns the counts so far; safe while webhooks are being handled.
func (e *Engine) InboundStats() InboundStats {
	return InboundStats{Batches: e.counts.batches.Load(), Messages: e.counts.messages.Load(), Fallbacks: e.counts.fallbacks.Load()}
}
