package models

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm/clause"
)

const settingVAPIDKeys = "vapid_keys"

// VAPIDKeys is the server's Web Push identity: a P-256 key pair, both base64url (the public key
// uncompressed, 65 bytes; the private key its 32-byte scalar). Browsers bind each subscription to
// the public key, so it must outlive restarts.
type VAPIDKeys struct {
	Public  string `json:"public"`
	Private string `json:"private"`
}

// StoredVAPIDKeys returns the site's VAPID keys, generating them with generate and storing them
// the first time. Two processes starting at once both read back the pair stored first.
func (s *Store) StoredVAPIDKeys(ctx context.Context, generate func() (VAPIDKeys, error)) (VAPIDKeys, error) {
	var keys VAPIDKeys
	value, ok, err := s.setting(ctx, settingVAPIDKeys)
	if err != nil {
		return keys, err
	}
	if !ok {
		fresh, err := generate()
		if err != nil {
			return keys, fmt.Errorf("generate vapid keys: %w", err)
		}
		raw, _ := json.Marshal(fresh)
		row := setting{Key: settingVAPIDKeys, Value: string(raw), UpdatedAt: s.Now()}
		if err := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return keys, fmt.Errorf("store vapid keys: %w", err)
		}
		if value, _, err = s.setting(ctx, settingVAPIDKeys); err != nil {
			return keys, err
		}
	}
	if err := json.Unmarshal([]byte(value), &keys); err != nil || keys.Public == "" || keys.Private == "" {
		return keys, fmt.Errorf("vapid keys setting is corrupt")
	}
	return keys, nil
}
