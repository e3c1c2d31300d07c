package models

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// SessionCacheTTL is how long this process trusts what it last read about a staff member's
// session (active, session version) and about a login's refresh family (revoked or not). Every
// authenticated request asks both; the cache spares the database those two reads per request.
// The bound: a change made through this process (deactivation, a reset or changed password,
// logout, refresh-token reuse) is seen by its very next request, since the change clears the
// cache when it commits; the same change made through another replica is seen here within
// SessionCacheTTL.
const SessionCacheTTL = 2 * time.Second

// sessionCacheMax bounds the cache's memory: past it the cache is emptied and refills.
const sessionCacheMax = 50_000

// sessionCache holds recent StaffSessionOf and refreshFamilyRevoked answers. Any change to a
// session or a family clears all of it (such changes are rare next to reads) and raises the
// generation, so a read that began before the change cannot put its stale answer back.
type sessionCache struct {
	ttl     time.Duration
	mu      sync.Mutex
	gen     uint64
	entries map[string]sessionEntry
}

type sessionEntry struct {
	staff   StaffSession
	revoked bool
	expires time.Time
}

func newSessionCache(ttl time.Duration) *sessionCache {
	return &sessionCache{ttl: ttl, entries: map[string]sessionEntry{}}
}

// get returns a live entry, or the generation a fresh read must be stored under.
func (c *sessionCache) get(key string, now time.Time) (sessionEntry, bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if ok && now.Before(e.expires) {
		return e, true, c.gen
	}
	return sessionEntry{}, false, c.gen
}

// put keeps e unless the cache was cleared since the read began (gen).
func (c *sessionCache) put(key string, e sessionEntry, gen uint64, now time.Time) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if len(c.entries) >= sessionCacheMax {
		clear(c.entries)
	}
	e.expires = now.Add(c.ttl)
	c.entries[key] = e
}

// invalidate forgets everything.
func (c *sessionCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.entries)
}

// sessionsChanged is called by every write that can end a session or a login. It clears the
// cache now and, inside a transaction, again when the transaction ends (InTx), so a read made
// between the write and the commit (which still saw the old row) is not kept.
func (s *Store) sessionsChanged() {
	if s.txSessions != nil {
		s.txSessions.Store(true)
	}
	s.sessions.invalidate()
}

// CachedStaffSession is StaffSessionOf through the session cache (the auth middleware's read).
// An unknown staff member is not cached.
func (s *Store) CachedStaffSession(ctx context.Context, staffID string) (StaffSession, error) {
	now := s.Now()
	key := "s:" + staffID
	e, ok, gen := s.sessions.get(key, now)
	if ok {
		return e.staff, nil
	}
	st, err := s.StaffSessionOf(ctx, staffID)
	if err != nil {
		return st, err
	}
	s.sessions.put(key, sessionEntry{staff: st}, gen, now)
	return st, nil
}

// CachedFamilyRevoked is refreshFamilyRevoked through the session cache.
func (s *Store) CachedFamilyRevoked(ctx context.Context, familyID string) (bool, error) {
	now := s.Now()
	key := "f:" + familyID
	e, ok, gen := s.sessions.get(key, now)
	if ok {
		return e.revoked, nil
	}
	revoked, err := s.refreshFamilyRevoked(ctx, familyID)
	if err != nil {
		return false, err
	}
	s.sessions.put(key, sessionEntry{revoked: revoked}, gen, now)
	return revoked, nil
}

// txFlag is the per-transaction "sessions changed" mark InTx checks after the commit.
type txFlag = atomic.Bool
