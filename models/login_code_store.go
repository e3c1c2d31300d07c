package models

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"time"

	"gorm.io/gorm"
)

// Login code rules: 6 digits, valid 10 minutes, 5 attempts.
const (
	LoginCodeTTL         = 10 * time.Minute
	LoginCodeMaxAttempts = 5
)

// CreateLoginCode makes a one-time code for the open citizen holding phone. For a number no
// citizen holds it returns (nil, "", nil): the caller answers exactly as for a known number.
// Earlier unused codes for the number stop working.
func (s *Store) CreateLoginCode(ctx context.Context, phone string) (*Citizen, string, error) {
	citizen, err := s.OpenCitizenByPhone(ctx, phone)
	if IsCode(err, ENOTFOUND) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return nil, "", fmt.Errorf("login code: %w", err)
	}
	code := fmt.Sprintf("%06d", n.Int64())
	now := s.Now()
	if err := s.q(ctx).Model(&LoginCode{}).Where("phone = ? AND used_at IS NULL", phone).Update("used_at", now).Error; err != nil {
		return nil, "", fmt.Errorf("login code: retire old codes: %w", err)
	}
	lc := LoginCode{ID: NewID(), Phone: phone, ExpiresAt: now.Add(LoginCodeTTL), CreatedAt: now}
	lc.CodeHash = codeHash(lc.ID, code)
	if err := s.q(ctx).Create(&lc).Error; err != nil {
		return nil, "", fmt.Errorf("login code: %w", err)
	}
	return citizen, code, nil
}

// VerifyLoginCode checks a code for a phone and returns the citizen. Each try counts; after
// LoginCodeMaxAttempts the code is dead. Every failure is the same EUNAUTHORIZED.
func (s *Store) VerifyLoginCode(ctx context.Context, phone, code string) (*Citizen, error) {
	denied := Errorf(EUNAUTHORIZED, "The code is wrong or has expired. Ask for a new code.")
	var lc LoginCode
	now := s.Now()
	err := s.q(ctx).Where("phone = ? AND used_at IS NULL AND expires_at > ?", phone, now).Order("created_at DESC").Take(&lc).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, denied
	}
	if err != nil {
		return nil, fmt.Errorf("verify login code: %w", err)
	}
	// Count the attempt first, atomically, so parallel guesses cannot exceed the limit.
	res := s.q(ctx).Model(&LoginCode{}).Where("id = ? AND attempts < ?", lc.ID, LoginCodeMaxAttempts).
		Update("attempts", gorm.Expr("attempts + 1"))
	if res.Error != nil {
		return nil, fmt.Errorf("verify login code: %w", res.Error)
	}
	if res.RowsAffected == 0 || !hmac.Equal([]byte(codeHash(lc.ID, code)), []byte(lc.CodeHash)) {
		return nil, denied
	}
	res = s.q(ctx).Model(&LoginCode{}).Where("id = ? AND used_at IS NULL", lc.ID).Update("used_at", now)
	if res.Error != nil || res.RowsAffected == 0 {
		return nil, denied
	}
	return s.OpenCitizenByPhone(ctx, phone)
}

// codeHash binds the code to its row, so equal codes do not hash alike.
func codeHash(id, code string) string {
	m := hmac.New(sha256.New, []byte(id))
	m.Write([]byte(code))
	return hex.EncodeToString(m.Sum(nil))
}
