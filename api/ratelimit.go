package api

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// keyedLimiter is a token bucket per key (a phone number, a client IP), forgetting keys that
// have been idle long enough to be full again, so memory stays bounded.
type keyedLimiter struct {
	mu      sync.Mutex
	every   time.Duration
	burst   int
	now     func() time.Time
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newKeyedLimiter(every time.Duration, burst int, now func() time.Time) *keyedLimiter {
	return &keyedLimiter{every: every, burst: burst, now: now, buckets: map[string]*bucket{}}
}

// allow takes a token for key; when none is left it returns how long until one is.
func (l *keyedLimiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if delay := r.DelayFrom(now); delay > 0 {
		r.CancelAt(now)
		return false, delay
	}
	return true, 0
}

// sweep drops buckets idle for a full refill, at most once a minute.
func (l *keyedLimiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	idle := l.every * time.Duration(l.burst)
	for k, b := range l.buckets {
		if now.Sub(b.seen) > idle {
			delete(l.buckets, k)
		}
	}
}

// loginLimits guard the login endpoints against guessing and SMS pumping.
type loginLimits struct {
	codePerPhone *keyedLimiter
	codePerIP    *keyedLimiter
	tokenPerIP   *keyedLimiter
	staffPerIP   *keyedLimiter
}

func newLoginLimits(now func() time.Time) *loginLimits {
	return &loginLimits{
		codePerPhone: newKeyedLimiter(5*time.Minute, 3, now), // 3 codes, then one per 5 minutes
		codePerIP:    newKeyedLimiter(time.Minute, 10, now),
		tokenPerIP:   newKeyedLimiter(6*time.Second, 20, now),
		staffPerIP:   newKeyedLimiter(6*time.Second, 20, now),
	}
}
