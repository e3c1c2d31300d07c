package models_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestStore_SessionCache: the auth middleware's reads are cached for SessionCacheTTL on the
// store's (fake) clock. A change made through this store (deactivation, a revoked login) is seen
// by the very next read, even when a read ran between the write and its commit; the same change
// made behind its back (as another replica would) is seen once the TTL has passed, not before.
func TestStore_SessionCache(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		sqldb, err := s.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		admin := storetest.LinkWorker(t, s, "Admin")
		w := storetest.LinkWorker(t, s, "Lise")
		other := storetest.LinkWorker(t, s, "Per")
		session := func(id string) models.StaffSession {
			t.Helper()
			st, err := s.CachedStaffSession(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		revoked := func(family string) bool {
			t.Helper()
			r, err := s.CachedFamilyRevoked(ctx, family)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}

		// Behind the store's back (another replica): seen only after the TTL.
		before := session(other.ID)
		if _, err := sqldb.Exec("UPDATE staff SET session_version = session_version + 1 WHERE id = $1", other.ID); err != nil {
			t.Fatal(err)
		}
		advance(models.SessionCacheTTL - time.Millisecond)
		if got := session(other.ID); got.SessionVersion != before.SessionVersion {
			t.Fatalf("a cached read changed within the TTL: %+v", got)
		}
		advance(time.Millisecond)
		if got := session(other.ID); got.SessionVersion != before.SessionVersion+1 {
			t.Fatalf("after the TTL the read is still stale: %+v", got)
		}
		fam, err := s.IssueRefreshToken(ctx, other.ID, "link_worker", "", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if revoked(fam.FamilyID) {
			t.Fatal("a fresh login is revoked")
		}
		if _, err := sqldb.Exec("UPDATE refresh_tokens SET revoked_at = created_at WHERE family_id = $1", fam.FamilyID); err != nil {
			t.Fatal(err)
		}
		if revoked(fam.FamilyID) {
			t.Fatal("a change behind the store's back was seen before the TTL (the cache is not used)")
		}
		advance(models.SessionCacheTTL)
		if !revoked(fam.FamilyID) {
			t.Fatal("a revoked login still live after the TTL")
		}

		// Through this store: the next read sees it, no waiting.
		if !session(w.ID).Active {
			t.Fatal("an active worker reads as inactive")
		}
		login, err := s.IssueRefreshToken(ctx, w.ID, "link_worker", "", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if revoked(login.FamilyID) {
			t.Fatal("a fresh login is revoked")
		}
		if _, err := s.DeactivateStaff(ctx, w.ID, admin.ID); err != nil {
			t.Fatal(err)
		}
		if session(w.ID).Active || !revoked(login.FamilyID) {
			t.Fatal("a deactivation in this process was not seen by the next read")
		}

		// A read between a revocation and its commit sees the old row; it must not be kept.
		mine, err := s.IssueRefreshToken(ctx, admin.ID, "admin", "", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		err = s.InTx(ctx, func(tx *models.Store) error {
			if err := tx.RevokeRefreshFamily(ctx, mine.FamilyID); err != nil {
				return err
			}
			if revoked(mine.FamilyID) {
				t.Error("a read outside the transaction saw its uncommitted write")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !revoked(mine.FamilyID) {
			t.Fatal("a read made before the commit was kept after it")
		}
	}, models.WithClock(clock))
}
