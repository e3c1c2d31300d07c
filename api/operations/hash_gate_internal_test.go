package operations

import (
	"context"
	"sync"
	"testing"
)

// TestHashGate_BoundsAndRefuses: with every slot held and the queue full, the next sign-in is
// refused at once (429), and a waiting one gets the first slot given back. Counted, not timed.
func TestHashGate_BoundsAndRefuses(t *testing.T) {
	g := NewHashGate(2, 1)
	ctx := context.Background()
	first, second := g.enter(ctx), g.enter(ctx)
	if !first || !second {
		t.Fatal("the two slots were not free")
	}
	admitted := make(chan bool)
	go func() { admitted <- g.enter(ctx) }() // queues: the queue holds slots+1
	for {
		g.mu.Lock()
		queued := len(g.queue)
		g.mu.Unlock()
		if queued == 3 {
			break
		}
	}
	if g.enter(ctx) {
		t.Fatal("a fourth sign-in was admitted with two slots and one place in the queue")
	}
	g.leave()
	if !<-admitted {
		t.Fatal("the queued sign-in did not get the freed slot")
	}
	g.leave()
	g.leave()
	if g.peakInFlight() != 2 {
		t.Fatalf("peak %d, want 2", g.peakInFlight())
	}
}

// TestHashGate_ParallelNeverExceedsSlots: 50 goroutines hashing at once never run more than the
// slots allow; those that do not fit in the queue are refused.
func TestHashGate_ParallelNeverExceedsSlots(t *testing.T) {
	g := NewHashGate(3, 12)
	var wg sync.WaitGroup
	var mu sync.Mutex
	admitted, refused := 0, 0
	release := make(chan struct{})
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !g.enter(context.Background()) {
				mu.Lock()
				refused++
				mu.Unlock()
				return
			}
			<-release
			mu.Lock()
			admitted++
			mu.Unlock()
			g.leave()
		}()
	}
	close(release)
	wg.Wait()
	if g.peakInFlight() > 3 || admitted+refused != 50 || admitted < 3 {
		t.Fatalf("peak %d, admitted %d, refused %d", g.peakInFlight(), admitted, refused)
	}
}
