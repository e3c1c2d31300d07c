package notify

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"brobygger/models"
)

// sharedPaceMargin spaces SMS on a shared (PostgreSQL) pace 5 % wider than the rate: replicas
// take turns at the database and then travel to Twilio separately, and the margin keeps a second
// at Twilio within the rate even when one request on its way is held up by up to 50 ms.
const sharedPaceMargin = 1.05

// pacer lets one SMS per sender go at a time, at the configured rate per sender.
type pacer interface {
	wait(ctx context.Context, sender string) error
}

// newPacer paces in memory when one process serves the database (SQLite) and in the database
// otherwise (PostgreSQL), where several replicas must share each sender's rate; the store says
// which (Store.SingleProcess). nil means unlimited.
func newPacer(store *models.Store, perSecond float64) pacer {
	switch {
	case perSecond <= 0:
		return nil
	case !store.SingleProcess():
		return &storePacer{store: store, spacing: time.Duration(float64(time.Second) * sharedPaceMargin / perSecond),
			turns: map[string]*sync.Mutex{}}
	}
	return &localPacer{perSecond: perSecond, limiters: map[string]*limiterTurn{}}
}

// localPacer is one token bucket (burst 1) per sender in this process.
type localPacer struct {
	perSecond float64
	mu        sync.Mutex
	limiters  map[string]*limiterTurn
}

// limiterTurn is a sender's limiter and the lock that lets one worker at a time wait on it.
type limiterTurn struct {
	turn    sync.Mutex
	limiter *rate.Limiter
}

func (p *localPacer) wait(ctx context.Context, sender string) error {
	p.mu.Lock()
	l, ok := p.limiters[sender]
	if !ok {
		// Burst 1: the cap holds in every window, not just on average.
		l = &limiterTurn{limiter: rate.NewLimiter(rate.Limit(p.perSecond), 1)}
		p.limiters[sender] = l
	}
	p.mu.Unlock()
	// One worker waits at a time. Each waiting worker holds a reservation for its own future
	// slot, so if the process stalls (a GC pause, a busy machine) all their timers fire together
	// and as many SMS as there are workers go out at once, over the cap. One at a time, a stall
	// lets at most the one waiting SMS through early.
	l.turn.Lock()
	defer l.turn.Unlock()
	return l.limiter.Wait(ctx)
}

// storePacer takes each sender's turns from the send_slots row that every replica shares. A turn
// is taken at the moment of sending, never reserved ahead, so a stalled replica only sends later.
type storePacer struct {
	store   *models.Store
	spacing time.Duration
	mu      sync.Mutex
	turns   map[string]*sync.Mutex
}

func (p *storePacer) wait(ctx context.Context, sender string) error {
	p.mu.Lock()
	turn, ok := p.turns[sender]
	if !ok {
		turn = &sync.Mutex{}
		p.turns[sender] = turn
	}
	p.mu.Unlock()
	// One worker per sender asks the database at a time; the others queue here.
	turn.Lock()
	defer turn.Unlock()
	for {
		wait, err := p.store.TakeSendSlot(ctx, sender, p.spacing)
		if err != nil {
			// The database is away: wait a turn and ask again rather than send unpaced.
			wait = p.spacing
		} else if wait == 0 {
			return nil
		}
		if !sleep(ctx, wait) {
			return ctx.Err()
		}
	}
}
