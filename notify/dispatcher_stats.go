package notify

import "sync/atomic"

// DispatchStats counts a dispatcher's settled rows since it was built.
type DispatchStats struct {
	// Sent rows were accepted by the carrier.
	Sent int64
	// Retried rows were put back to be tried again later (one count per failed try).
	Retried int64
	// Failed rows will never be sent: refused for good or out of attempts.
	Failed int64
	// Suppressed rows were refused because the recipient opted out or the number is invalid; the
	// citizen's other queued SMS were suppressed with them.
	Suppressed int64
	// Recovered rows had lost their outcome in a crash and were found at the carrier instead of
	// sent again (they count as Sent too).
	Recovered int64
}

// dispatchCounters are the live counters behind DispatchStats, updated by all workers.
type dispatchCounters struct {
	sent, retried, failed, suppressed, recovered atomic.Int64
}

// Stats returns the counts so far. It is safe to call while the dispatcher runs.
func (d *Dispatcher) Stats() DispatchStats {
	return DispatchStats{
		Sent:       d.counts.sent.Load(),
		Retried:    d.counts.retried.Load(),
		Failed:     d.counts.failed.Load(),
		Suppressed: d.counts.suppressed.Load(),
		Recovered:  d.counts.recovered.Load(),
	}
}
