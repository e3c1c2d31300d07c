package models

import (
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"strings"

	"gorm.io/gorm/clause"
)

// MaxDevicesPerCitizen caps a citizen's registered devices. A new one past the cap replaces the
// oldest: a citizen who reinstalls the app or changes phone never gets stuck with a 409, and a
// replaced browser would have answered 410 at the next push anyway.
const MaxDevicesPerCitizen = 10

// WebSubscription is a browser's push subscription (PushSubscription.toJSON()).
type WebSubscription struct {
	Endpoint string
	P256dh   string
	Auth     string
}

// validate checks a subscription: an https endpoint (http only to a loopback host when
// allowLoopbackHTTP, for tests and development), a P-256 public key (65 bytes, uncompressed) and a
// 16-byte auth secret, both base64url.
func (w WebSubscription) validate(allowLoopbackHTTP bool) error {
	u, err := url.Parse(w.Endpoint)
	if err != nil || u.Host == "" || len(w.Endpoint) > 512 || u.User != nil {
		return Invalid("subscription.endpoint", "The endpoint must be an https URL of at most 512 characters.")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && allowLoopbackHTTP && isLoopback(u.Hostname()):
	default:
		return Invalid("subscription.endpoint", "The endpoint must be an https URL of at most 512 characters.")
	}
	if k, err := decodeB64URL(w.P256dh); err != nil || len(k) != 65 || k[0] != 4 {
		return Invalid("subscription.keys.p256dh", "The p256dh key must be an uncompressed P-256 public key in base64url.")
	}
	if a, err := decodeB64URL(w.Auth); err != nil || len(a) != 16 {
		return Invalid("subscription.keys.auth", "The auth secret must be 16 bytes in base64url.")
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// decodeB64URL reads base64url with or without padding (browsers send it without).
func decodeB64URL(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// RegisterWebDevice stores a browser's push subscription for the citizen (the endpoint moves to its
// latest owner) and drops the citizen's oldest devices past MaxDevicesPerCitizen, in one transaction.
func (s *Store) RegisterWebDevice(ctx context.Context, citizenID string, sub WebSubscription, allowLoopbackHTTP bool) (*Device, error) {
	if err := sub.validate(allowLoopbackHTTP); err != nil {
		return nil, err
	}
	p, a := sub.P256dh, sub.Auth
	d := Device{ID: NewID(), CitizenID: citizenID, Platform: "web", Token: sub.Endpoint, P256dh: &p, Auth: &a, CreatedAt: s.Now()}
	err := s.InTx(ctx, func(tx *Store) error {
		err := tx.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "token"}},
			DoUpdates: clause.AssignmentColumns([]string{"citizen_id", "platform", "p256dh", "auth", "created_at"})}).Create(&d).Error
		if err != nil {
			return err
		}
		return tx.capDevices(ctx, citizenID)
	})
	if err != nil {
		return nil, fmt.Errorf("register web device: %w", err)
	}
	return &d, nil
}

// capDevices deletes the citizen's devices beyond the newest MaxDevicesPerCitizen.
func (s *Store) capDevices(ctx context.Context, citizenID string) error {
	var ids []string
	err := s.q(ctx).Model(&Device{}).Where("citizen_id = ?", citizenID).Order("created_at DESC, id DESC").
		Offset(MaxDevicesPerCitizen).Pluck("id", &ids).Error
	if err != nil || len(ids) == 0 {
		return err
	}
	return s.q(ctx).Where("id IN ?", ids).Delete(&Device{}).Error
}

// PushDevices lists the citizen's devices a push can go to, newest first. Only web subscriptions
// are sent to yet; ios and android tokens are kept for the FCM sender (see README, Channels).
func (s *Store) PushDevices(ctx context.Context, citizenID string) ([]Device, error) {
	var out []Device
	err := s.q(ctx).Where("citizen_id = ? AND platform = ?", citizenID, "web").Order("created_at DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("push devices: %w", err)
	}
	return out, nil
}

// PushDeviceCounts counts the push devices of each of the citizens (absent: none).
func (s *Store) PushDeviceCounts(ctx context.Context, citizenIDs []string) (map[string]int, error) {
	out := map[string]int{}
	err := inChunks(citizenIDs, func(part []string) error {
		var rows []struct {
			CitizenID string
			N         int
		}
		err := s.q(ctx).Model(&Device{}).Select("citizen_id, COUNT(*) AS n").
			Where("citizen_id IN ? AND platform = ?", part, "web").Group("citizen_id").Scan(&rows).Error
		for _, r := range rows {
			out[r.CitizenID] = r.N
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("push device counts: %w", err)
	}
	return out, nil
}

// RemoveDevice forgets a device the push service says is gone (404 or 410).
func (s *Store) RemoveDevice(ctx context.Context, id string) error {
	if err := s.q(ctx).Where("id = ?", id).Delete(&Device{}).Error; err != nil {
		return fmt.Errorf("remove device: %w", err)
	}
	return nil
}
