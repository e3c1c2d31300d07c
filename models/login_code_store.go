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
	loginCodeTTL         = 10 * time.Minute
	loginCodeMaxAttempts = 5
)

// CreateLoginCode makes a one-time code for the open citizen holding phone. For a number no
// citizen holds it returns (nil, "", nil): the caller answers exactly as for a known number.
// Earlier unused codes for the number stop working.
func (s *Store) CreateLoginCode(ctx context.Context, phone string) (*Citizen, string, error) {
	return s.createLoginCode(ctx, loginByPhone(phone))
}

// CreateEmailLoginCode is CreateLoginCode for a citizen who signs in by e-mail address (lower
// case, as ParseEmail returns it).
func (s *Store) CreateEmailLoginCode(ctx context.Context, email string) (*Citizen, string, error) {
	return s.createLoginCode(ctx, loginByEmail(email))
}

// VerifyLoginCode checks a code for a phone and returns the citizen. Each try counts; after
// loginCodeMaxAttempts the code is dead. Every failure is the same EUNAUTHORIZED.
func (s *Store) VerifyLoginCode(ctx context.Context, phone, code string) (*Citizen, error) {
	return s.verifyLoginCode(ctx, loginByPhone(phone), code)
}

// VerifyEmailLoginCode is VerifyLoginCode for a code asked for by e-mail address.
func (s *Store) VerifyEmailLoginCode(ctx context.Context, email, code string) (*Citizen, error) {
	return s.verifyLoginCode(ctx, loginByEmail(email), code)
}

// loginKey is what a code was asked for by: a phone number or an e-mail address.
type loginKey struct {
	column, value string
	citizen       func(*Store, context.Context) (*Citizen, error)
}

func loginByPhone(phone string) loginKey {
	return loginKey{"phone", phone, func(s *Store, ctx context.Context) (*Citizen, error) { return s.OpenCitizenByPhone(ctx, phone) }}
}

func loginByEmail(email string) loginKey {
	return loginKey{"email", email, func(s *Store, ctx context.Context) (*Citizen, error) { return s.OpenCitizenByEmail(ctx, email) }}
}

func (s *Store) createLoginCode(ctx context.Context, k loginKey) (*Citizen, string, error) {
	citizen, err := k.citizen(s, ctx)
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
	if err := s.q(ctx).Model(&loginCode{}).Where(k.column+" = ? AND used_at IS NULL", k.value).Update("used_at", now).Error; err != nil {
		return nil, "", fmt.Errorf("login code: retire old codes: %w", err)
	}
	lc := loginCode{ID: NewID(), ExpiresAt: now.Add(loginCodeTTL), CreatedAt: now}
	if k.column == "email" {
		lc.Email = &k.value
	} else {
		lc.Phone = k.value
	}
	lc.CodeHash = codeHash(lc.ID, code)
	if err := s.q(ctx).Create(&lc).Error; err != nil {
		return nil, "", fmt.Errorf("login code: %w", err)
	}
	return citizen, code, nil
}

func (s *Store) verifyLoginCode(ctx context.Context, k loginKey, code string) (*Citizen, error) {
	denied := Errorf(EUNAUTHORIZED, "The code is wrong or has expired. Ask for a new code.")
	if k.value == "" {
		return nil, denied
	}
	var lc loginCode
	now := s.Now()
	err := s.q(ctx).Where(k.column+" = ? AND used_at IS NULL AND expires_at > ?", k.value, now).Order("created_at DESC").Take(&lc).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, denied
	}
	if err != nil {
		return nil, fmt.Errorf("verify login code: %w", err)
	}
	// Count the attempt first, atomically, so parallel guesses cannot exceed the limit.
	res := s.q(ctx).Model(&loginCode{}).Where("id = ? AND attempts < ?", lc.ID, loginCodeMaxAttempts).
		Update("attempts", gorm.Expr("attempts + 1"))
	if res.Error != nil {
		return nil, fmt.Errorf("verify login code: %w", res.Error)
	}
	if res.RowsAffected == 0 || !hmac.Equal([]byte(codeHash(lc.ID, code)), []byte(lc.CodeHash)) {
		return nil, denied
	}
	res = s.q(ctx).Model(&loginCode{}).Where("id = ? AND used_at IS NULL", lc.ID).Update("used_at", now)
	if res.Error != nil || res.RowsAffected == 0 {
		return nil, denied
	}
	return k.citizen(s, ctx)
}

// codeHash binds the code to its row, so equal codes do not hash alike.
func codeHash(id, code string) string {
	m := hmac.New(sha256.New, []byte(id))
	m.Write([]byte(code))
	return hex.EncodeToString(m.Sum(nil))
}
