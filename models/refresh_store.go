package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// IssuedRefresh is a new refresh token; Raw is shown to the client once and never stored.
type IssuedRefresh struct {
	Raw      string
	FamilyID string
}

// IssueRefreshToken stores a new refresh token for a subject. An empty familyID starts a new
// login (family); rotation passes the old token's family.
func (s *Store) IssueRefreshToken(ctx context.Context, subjectID, role, familyID string, ttl time.Duration) (IssuedRefresh, error) {
	raw, err := randomToken()
	if err != nil {
		return IssuedRefresh{}, err
	}
	if familyID == "" {
		familyID = NewID()
	}
	now := s.Now()
	rt := RefreshToken{ID: NewID(), FamilyID: familyID, SubjectID: subjectID, Role: role, TokenHash: hashToken(raw),
		ExpiresAt: now.Add(ttl), CreatedAt: now}
	if err := s.q(ctx).Create(&rt).Error; err != nil {
		return IssuedRefresh{}, fmt.Errorf("issue refresh token: %w", err)
	}
	return IssuedRefresh{Raw: raw, FamilyID: familyID}, nil
}

// RefreshGrace is how long after its rotation a refresh token still answers with the same
// successor: two tabs (or a retried request) refreshing at once must not sign each other out.
const RefreshGrace = 10 * time.Second

// RotateRefreshToken exchanges a refresh token for a new one in the same family, living
// ttlFor(role). A token is good once, plus RefreshGrace: presented again within it, it answers
// the same successor (stored sealed under a key only the old token's holder can derive);
// presented later, it was stolen or replayed, so the whole family is revoked and every session
// of that login ends.
func (s *Store) RotateRefreshToken(ctx context.Context, raw string, ttlFor func(role string) time.Duration) (*RefreshToken, IssuedRefresh, error) {
	denied := Errorf(EUNAUTHORIZED, "The refresh token is invalid or expired.")
	var old RefreshToken
	var issued IssuedRefresh
	err := s.InTx(ctx, func(tx *Store) error {
		err := tx.q(ctx).Where("token_hash = ?", hashToken(raw)).Take(&old).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return denied
		}
		if err != nil {
			return err
		}
		now := tx.Now()
		if old.RevokedAt != nil || !old.ExpiresAt.After(now) {
			return denied
		}
		if old.UsedAt != nil {
			return errReused
		}
		issued, err = tx.IssueRefreshToken(ctx, old.SubjectID, old.Role, old.FamilyID, ttlFor(old.Role))
		if err != nil {
			return err
		}
		res := tx.q(ctx).Model(&RefreshToken{}).Where("id = ? AND used_at IS NULL", old.ID).
			Updates(map[string]any{"used_at": now, "successor_sealed": sealSuccessor(raw, issued.Raw)})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errReused // a parallel rotation won: this transaction's successor is rolled back
		}
		return nil
	})
	if errors.Is(err, errReused) {
		if again, ok := s.successorInGrace(ctx, raw); ok {
			return again.old, again.issued, nil
		}
		if rerr := s.RevokeRefreshFamily(ctx, old.FamilyID); rerr != nil {
			return nil, IssuedRefresh{}, rerr
		}
		return nil, IssuedRefresh{}, denied
	}
	if err != nil {
		return nil, IssuedRefresh{}, err
	}
	return &old, issued, nil
}

type rotation struct {
	old    *RefreshToken
	issued IssuedRefresh
}

// successorInGrace returns the successor a used token was rotated into, when the rotation is
// at most RefreshGrace ago and neither token has been revoked since.
func (s *Store) successorInGrace(ctx context.Context, raw string) (rotation, bool) {
	var old RefreshToken
	if err := s.q(ctx).Where("token_hash = ?", hashToken(raw)).Take(&old).Error; err != nil {
		return rotation{}, false
	}
	now := s.Now()
	if old.UsedAt == nil || old.SuccessorSealed == nil || old.RevokedAt != nil || now.Sub(*old.UsedAt) > RefreshGrace {
		return rotation{}, false
	}
	next, ok := unsealSuccessor(raw, *old.SuccessorSealed)
	if !ok {
		return rotation{}, false
	}
	var succ RefreshToken
	err := s.q(ctx).Where("token_hash = ? AND family_id = ?", hashToken(next), old.FamilyID).Take(&succ).Error
	if err != nil || succ.RevokedAt != nil || !succ.ExpiresAt.After(now) {
		return rotation{}, false
	}
	return rotation{old: &old, issued: IssuedRefresh{Raw: next, FamilyID: old.FamilyID}}, true
}

// successorPad is the one-time pad a successor is sealed with: derived from the old token, which
// only its holder has (the database keeps just its hash), and different for every token.
func successorPad(oldRaw string) [32]byte {
	return sha256.Sum256([]byte("brobygger refresh successor\x00" + oldRaw))
}

// sealSuccessor hides the successor's raw value (32 random bytes) under the old token's pad.
func sealSuccessor(oldRaw, nextRaw string) string {
	b, err := base64.RawURLEncoding.DecodeString(nextRaw)
	if err != nil || len(b) != 32 {
		return ""
	}
	pad := successorPad(oldRaw)
	for i := range b {
		b[i] ^= pad[i]
	}
	return hex.EncodeToString(b)
}

func unsealSuccessor(oldRaw, sealed string) (string, bool) {
	b, err := hex.DecodeString(sealed)
	if err != nil || len(b) != 32 {
		return "", false
	}
	pad := successorPad(oldRaw)
	for i := range b {
		b[i] ^= pad[i]
	}
	return base64.RawURLEncoding.EncodeToString(b), true
}

// refreshFamilyRevoked reports whether a login (refresh family) has ended: logout, detected
// reuse, deactivation or a new password. Access tokens name their family and are checked
// against it on every request, so these end the login's sessions at once.
func (s *Store) refreshFamilyRevoked(ctx context.Context, familyID string) (bool, error) {
	var ids []string
	err := s.q(ctx).Model(&RefreshToken{}).Where("family_id = ? AND revoked_at IS NOT NULL", familyID).
		Limit(1).Pluck("id", &ids).Error
	if err != nil {
		return false, fmt.Errorf("refresh family revoked: %w", err)
	}
	return len(ids) > 0, nil
}

var errReused = errors.New("refresh token reused")

// RevokeRefreshFamily ends every token of one login (logout, or detected reuse).
func (s *Store) RevokeRefreshFamily(ctx context.Context, familyID string) error {
	err := s.q(ctx).Model(&RefreshToken{}).Where("family_id = ? AND revoked_at IS NULL", familyID).
		Update("revoked_at", s.Now()).Error
	s.sessionsChanged()
	if err != nil {
		return fmt.Errorf("revoke refresh family: %w", err)
	}
	return nil
}

// RevokeRefreshToken logs out the login a refresh token belongs to. Unknown tokens are ignored.
func (s *Store) RevokeRefreshToken(ctx context.Context, raw string) error {
	var rt RefreshToken
	err := s.q(ctx).Where("token_hash = ?", hashToken(raw)).Take(&rt).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("revoke refresh token: %w", err)
	}
	return s.RevokeRefreshFamily(ctx, rt.FamilyID)
}

// randomToken is 256 bits from the system's CSPRNG, URL-safe.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// hashToken stores tokens as SHA-256: they carry 256 bits of entropy, so a fast hash suffices.
func hashToken(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}
