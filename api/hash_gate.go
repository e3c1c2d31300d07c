package api

import (
	"brobygger/models/password"
	"context"
	"sync"
)

// hashGate bounds how many password hashes (argon2id, password.HashMemory each) run at
// once, so parallel logins cannot push the process past its memory budget. A few more wait in
// a short queue; the rest are refused at once with 429, without a timer.
type hashGate struct {
	slots chan struct{}
	queue chan struct{}
	mu    sync.Mutex
	// running and peak count hashes in flight (a test reads peak: concurrency, not time).
	running, peak int
}

// newHashGate admits slots hashes at once and lets up to queued more wait for a slot.
func newHashGate(slots, queued int) *hashGate {
	slots = max(1, slots)
	return &hashGate{slots: make(chan struct{}, slots), queue: make(chan struct{}, slots+max(0, queued))}
}

// enter waits for a slot; false means the queue is full (answer 429) or the request ended.
// Every true must be followed by leave.
func (g *hashGate) enter(ctx context.Context) bool {
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

func (g *hashGate) leave() {
	g.mu.Lock()
	g.running--
	g.mu.Unlock()
	<-g.slots
	<-g.queue
}

// peakInFlight is the most hashes that ran at once.
func (g *hashGate) peakInFlight() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.peak
}

// defaultHashSlots is the bound on concurrent password hashes when none is configured: 4 × 64 MiB.
const defaultHashSlots = 4

// hashQueue is how many sign-ins may wait for a hash slot: a few rounds' worth, after which the
// answer is 429 at once rather than a request held open.
func hashQueue(slots int) int { return 4 * slots }

// HashSlotsFor sizes the bound from a memory budget in bytes. Each hash counts twice: its 64 MiB
// stays on the heap as garbage until the next collection while the next hash allocates (with 4
// slots, 50 parallel logins peaked at about 400 MiB above the idle process). At least one.
func HashSlotsFor(budget int64) int {
	return max(1, int(budget/(2*password.HashMemory)))
}
