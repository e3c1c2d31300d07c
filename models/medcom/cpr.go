package medcom

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// cprKeyBytes is the length of CPR_ENCRYPTION_KEY once decoded (hex or base64).
const cprKeyBytes = 32

// CPRVault encrypts CPR numbers (AES-256-GCM) and keys them for lookup (HMAC-SHA256). The two
// keys are derived from the one secret, so the lookup hash cannot be used to decrypt.
type CPRVault struct {
	aead    cipher.AEAD
	hashKey []byte
}

// ParseCPRKey reads CPR_ENCRYPTION_KEY: 32 bytes written as 64 hex digits or in base64.
func ParseCPRKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == cprKeyBytes {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == cprKeyBytes {
			return b, nil
		}
	}
	return nil, errors.New("CPR_ENCRYPTION_KEY must be 32 random bytes, written as 64 hex digits or in base64 (openssl rand -hex 32)")
}

// NewCPRVault builds the vault from the 32-byte secret.
func NewCPRVault(secret []byte) (*CPRVault, error) {
	if len(secret) != cprKeyBytes {
		return nil, fmt.Errorf("cpr key: want %d bytes, got %d", cprKeyBytes, len(secret))
	}
	block, err := aes.NewCipher(derive(secret, "brobygger cpr encryption v1"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &CPRVault{aead: aead, hashKey: derive(secret, "brobygger cpr lookup v1")}, nil
}

func derive(secret []byte, label string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// Seal encrypts a CPR number; the result (base64 of nonce and ciphertext) differs every time.
func (v *CPRVault) Seal(cpr string) string {
	nonce := make([]byte, v.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.StdEncoding.EncodeToString(v.aead.Seal(nonce, nonce, []byte(cpr), []byte("cpr")))
}

// Open decrypts what Seal wrote.
func (v *CPRVault) Open(sealed string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil || len(raw) < v.aead.NonceSize() {
		return "", errors.New("open cpr: not a sealed value")
	}
	n := v.aead.NonceSize()
	plain, err := v.aead.Open(nil, raw[:n], raw[n:], []byte("cpr"))
	if err != nil {
		return "", errors.New("open cpr: wrong key or damaged value")
	}
	return string(plain), nil
}

// Hash is the CPR number's lookup key: equal numbers give equal hashes, and without the key
// nobody can test a guess.
func (v *CPRVault) Hash(cpr string) string {
	m := hmac.New(sha256.New, v.hashKey)
	m.Write([]byte(cpr))
	return hex.EncodeToString(m.Sum(nil))
}

// MaskCPR shows the date of birth and hides the rest: ddmmyy-xxxx.
func MaskCPR(cpr string) string {
	if len(cpr) < 6 {
		return "xxxxxx-xxxx"
	}
	return cpr[:6] + "-xxxx"
}

// FormatCPR writes a CPR number as ddmmyy-nnnn.
func FormatCPR(cpr string) string {
	if len(cpr) != 10 {
		return cpr
	}
	return cpr[:6] + "-" + cpr[6:]
}
