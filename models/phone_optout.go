package models

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// PhoneOptOut remembers that a phone number said STOP. The opt-out belongs to the number, not to
// a citizen: it outlives a declined or closed referral, a new referral of the same number and the
// erasure of the citizen's data. The number itself is not kept, only a keyed hash of it
// (HMAC-SHA256 under the site's own random key), so the list names no one by itself.
type PhoneOptOut struct {
	PhoneKey   string    `gorm:"primaryKey;size:64"`
	OptedOutAt time.Time `gorm:"not null"`
	Source     string    `gorm:"size:16;not null"`
}

// settingPhoneKey is where the site's phone-hash key lives. It is made on first use, so a new
// site needs no setup; it is never shown by any API and must never change (every stored hash
// depends on it).
const settingPhoneKey = "secret.phone_optout_key"

// OptOutByEarlierStop is the source of an opt-out a new citizen inherits from their number.
const OptOutByEarlierStop = "number"

// phoneKey is the keyed hash of an E.164 number.
func (s *Store) phoneKey(ctx context.Context, phone string) (string, error) {
	key, err := s.phoneHashKey(ctx)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(phone))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// phoneHashKey reads the site's phone-hash key (siteKey).
func (s *Store) phoneHashKey(ctx context.Context) ([]byte, error) {
	return s.siteKey(ctx, settingPhoneKey)
}

// siteKey reads one of the site's own random keys from the settings, creating it the first
// time. Two processes creating it at once both read back the one that was stored first.
func (s *Store) siteKey(ctx context.Context, name string) ([]byte, error) {
	value, ok, err := s.setting(ctx, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		fresh := make([]byte, 32)
		if _, err := rand.Read(fresh); err != nil {
			return nil, fmt.Errorf("make %s: %w", name, err)
		}
		row := setting{Key: name, Value: hex.EncodeToString(fresh), UpdatedAt: s.Now()}
		if err := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return nil, fmt.Errorf("store %s: %w", name, err)
		}
		if value, _, err = s.setting(ctx, name); err != nil {
			return nil, err
		}
	}
	key, err := hex.DecodeString(value)
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("%s setting is corrupt", name)
	}
	return key, nil
}

// MarkPhoneOptedOut records that a number wants no SMS, whoever holds it. It keeps the first
// opt-out's time and source; repeating it changes nothing.
func (s *Store) MarkPhoneOptedOut(ctx context.Context, phone, source string) error {
	if phone == "" {
		return nil // no number (a citizen reached by e-mail only)
	}
	key, err := s.phoneKey(ctx, phone)
	if err != nil {
		return err
	}
	row := PhoneOptOut{PhoneKey: key, OptedOutAt: s.Now(), Source: source}
	if err := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return fmt.Errorf("mark phone opted out: %w", err)
	}
	return nil
}

// MarkPhoneOptedIn forgets a number's opt-out: its holder wrote START. Citizens holding the
// number are opted in by MarkOptedIn.
func (s *Store) MarkPhoneOptedIn(ctx context.Context, phone string) error {
	if phone == "" {
		return nil // no number (a citizen reached by e-mail only)
	}
	key, err := s.phoneKey(ctx, phone)
	if err != nil {
		return err
	}
	if err := s.q(ctx).Where("phone_key = ?", key).Delete(&PhoneOptOut{}).Error; err != nil {
		return fmt.Errorf("mark phone opted in: %w", err)
	}
	return nil
}

// PhoneOptedOut says whether a number has said STOP, and when.
func (s *Store) PhoneOptedOut(ctx context.Context, phone string) (*time.Time, error) {
	if phone == "" {
		return nil, nil // no number (a citizen reached by e-mail only)
	}
	key, err := s.phoneKey(ctx, phone)
	if err != nil {
		return nil, err
	}
	var row PhoneOptOut
	err = s.q(ctx).Where("phone_key = ?", key).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("phone opted out: %w", err)
	}
	return &row.OptedOutAt, nil
}

// phoneOptOutsMigration is the migration that made phone_opt_outs; once it is applied, the
// numbers of citizens who said STOP before are hashed into it (SQL cannot compute the HMAC).
const phoneOptOutsMigration = 6

// settingPhoneOptOutsBackfilled records that the backfill finished. It is kept apart from the
// migration, so a crash between the two runs the backfill again at the next start.
const settingPhoneOptOutsBackfilled = "phone_optouts_backfilled"

// backfillPhoneOptOutsOnce runs BackfillPhoneOptOuts until it has once finished.
func (s *Store) backfillPhoneOptOutsOnce(ctx context.Context) error {
	if _, done, err := s.setting(ctx, settingPhoneOptOutsBackfilled); err != nil || done {
		return err
	}
	if err := s.BackfillPhoneOptOuts(ctx); err != nil {
		return err
	}
	return s.putSetting(ctx, settingPhoneOptOutsBackfilled, "true")
}

// BackfillPhoneOptOuts records the number of every opted-out citizen as opted out.
func (s *Store) BackfillPhoneOptOuts(ctx context.Context) error {
	var rows []struct {
		Phone        string
		OptedOutAt   time.Time
		OptOutSource string
	}
	err := s.q(ctx).Model(&Citizen{}).Select("phone, opted_out_at, opt_out_source").
		Where("opted_out_at IS NOT NULL AND phone <> ''").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("backfill phone opt-outs: %w", err)
	}
	for _, r := range rows {
		key, err := s.phoneKey(ctx, r.Phone)
		if err != nil {
			return err
		}
		row := PhoneOptOut{PhoneKey: key, OptedOutAt: r.OptedOutAt, Source: r.OptOutSource}
		if err := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return fmt.Errorf("backfill phone opt-outs: %w", err)
		}
	}
	return nil
}

// inheritPhoneOptOut opts a new citizen out when their number said STOP before (to an earlier
// referral, or as an unknown number): STOP is for the number, forever, until it writes START.
// The citizen is still created, and the link worker is told why no SMS will go out.
func (s *Store) inheritPhoneOptOut(ctx context.Context, c *Citizen) error {
	if c.Phone == "" {
		return nil // reached by e-mail only: no number to have said STOP
	}
	since, err := s.PhoneOptedOut(ctx, c.Phone)
	if err != nil || since == nil {
		return err
	}
	now := s.Now()
	err = s.writeCitizen(s.q(ctx).Where("id = ?", c.ID), &Citizen{OptedOutAt: since, OptOutSource: OptOutByEarlierStop,
		Status: StatusOptedOut, UpdatedAt: now}, "opted_out_at", "opt_out_source", "status").Error
	if err != nil {
		return fmt.Errorf("inherit opt-out: %w", err)
	}
	c.OptedOutAt, c.OptOutSource, c.Status, c.UpdatedAt = since, OptOutByEarlierStop, StatusOptedOut, now
	_, err = s.RaiseFlag(ctx, NewFlag{CitizenID: &c.ID, Kind: FlagOptedOut, Severity: SeverityNormal,
		DedupeKey: "opted_out_number:" + c.ID, Code: "opted_out_number", Facts: FlagFacts{"date": since.Format("2006-01-02")}})
	return err
}
