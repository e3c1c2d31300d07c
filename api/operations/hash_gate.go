package operations

import (
	"context"
	"sync"
)

// HashGate bounds how many password hashes (argon2id, password.HashMemory each) run at
// once, so parallel logins cannot push the process past its memory budget. A few more wait in
// a short queue; the rest are refused at once with 429, without a timer.
type HashGate struct {
	slots chan struct{}
	queue chan struct{}
	mu    sync.Mutex
	// running and peak count hashes in flight (a test reads peak: concurrency, not time).
	running, peak int
}

// NewHashGate admits slots hashes at once and lets up to queued more wait for a slot.
func NewHashGate(slots, queued int) *HashGate {
	slots = max(1, slots)
	return &HashGate{slots: make(chan struct{}, slots), queue: make(chan struct{}, slots+max(0, queued))}
}

// Enter waits for a slot; false means the queue is full (answer 429) or the request ended.
// Every true must be followed by leave.
func (g *HashGate) enter(ctx context.Context) bool {
	select {
	case g.queue <- struct{}{}:
	default:
		return false
	}
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		<-g.queue
		return false
	}
	g.mu.Lock()
	g.running++
	g.peak = max(g.peak, g.running)
	g.mu.Unlock()
	return true
}

func (g *HashGate) leave() {
	g.mu.Lock()
	g.running--
	g.mu.Unlock()
	<-g.slots
	<-g.queue
}

// PeakInFlight is the most hashes that ran at once.
func (g *HashGate) peakInFlight() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.peak
}
