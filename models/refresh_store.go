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

// RotateRefreshToken exchanges a refresh token for a new one in the same family, living
// ttlFor(role). A token is good
// once: presenting a used token again means it was stolen or replayed, so the whole family is
// revoked and every session of that login ends.
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
		res := tx.q(ctx).Model(&RefreshToken{}).Where("id = ? AND used_at IS NULL", old.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errReused
		}
		issued, err = tx.IssueRefreshToken(ctx, old.SubjectID, old.Role, old.FamilyID, ttlFor(old.Role))
		return err
	})
	if errors.Is(err, errReused) {
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

var errReused = errors.New("refresh token reused")

// RevokeRefreshFamily ends every token of one login (logout, or detected reuse).
func (s *Store) RevokeRefreshFamily(ctx context.Context, familyID string) error {
	err := s.q(ctx).Model(&RefreshToken{}).Where("family_id = ? AND revoked_at IS NULL", familyID).
		Update("revoked_at", s.Now()).Error
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
