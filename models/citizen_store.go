package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// CitizenByID returns a citizen by id.
func (s *Store) CitizenByID(ctx context.Context, id string) (*Citizen, error) {
	if !ValidID(id) {
		return nil, NotFound("citizen")
	}
	var c Citizen
	err := s.q(ctx).Where("id = ?", id).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("citizen")
	}
	if err != nil {
		return nil, fmt.Errorf("citizen by id: %w", err)
	}
	return &c, nil
}

// OpenCitizenByPhone returns the open (not closed) citizen holding an E.164 number, or ENOTFOUND.
func (s *Store) OpenCitizenByPhone(ctx context.Context, phone string) (*Citizen, error) {
	if phone == "" {
		return nil, NotFound("citizen") // "" is "no number", never a number some citizen holds
	}
	var c Citizen
	err := s.q(ctx).Where("phone = ? AND closed_at IS NULL", phone).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("citizen")
	}
	if err != nil {
		return nil, fmt.Errorf("citizen by phone: %w", err)
	}
	return &c, nil
}

// Opt-out sources: who told us the citizen wants no more SMS.
const (
	OptOutBySMS    = "sms"
	OptOutByTwilio = "twilio"
	OptOutByApp    = "app"
)

// MarkOptedOut records that a citizen wants no more SMS, and that their number does (see
// PhoneOptOut): it cancels their queued SMS (not their pushes or e-mails: STOP stops SMS only),
// closes open conversations and raises a flag so the link worker knows. It is idempotent. Run it inside InTx with whatever else belongs to the same
// event.
func (s *Store) MarkOptedOut(ctx context.Context, citizenID, source string) error {
	now := s.Now()
	if err := s.markCitizenPhoneOptedOut(ctx, citizenID, source); err != nil {
		return err
	}
	res := s.writeCitizen(s.q(ctx).Where("id = ? AND opted_out_at IS NULL", citizenID),
		&Citizen{OptedOutAt: &now, OptOutSource: source, Status: StatusOptedOut, UpdatedAt: now}, "opted_out_at", "opt_out_source", "status")
	if res.Error != nil {
		return fmt.Errorf("mark opted out: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil
	}
	if err := s.suppressQueuedSMS(ctx, citizenID, "opted out"); err != nil {
		return err
	}
	if err := s.CloseOpenConversations(ctx, citizenID, ConvClosed); err != nil {
		return err
	}
	_, err := s.RaiseFlag(ctx, NewFlag{CitizenID: &citizenID, Kind: FlagOptedOut, Severity: SeverityNormal,
		Code: "opted_out", Facts: FlagFacts{"source": source}})
	return err
}

// markCitizenPhoneOptedOut records the citizen's number as opted out.
func (s *Store) markCitizenPhoneOptedOut(ctx context.Context, citizenID, source string) error {
	var phones []string
	if err := s.q(ctx).Model(&Citizen{}).Where("id = ?", citizenID).Pluck("phone", &phones).Error; err != nil {
		return fmt.Errorf("mark opted out: %w", err)
	}
	for _, phone := range phones {
		if err := s.MarkPhoneOptedOut(ctx, phone, source); err != nil {
			return err
		}
	}
	return nil
}

// MarkOptedIn clears an opt-out (the citizen wrote START), for them and for their number.
// Returns whether they were opted out.
func (s *Store) MarkOptedIn(ctx context.Context, citizenID string) (bool, error) {
	var phones []string
	if err := s.q(ctx).Model(&Citizen{}).Where("id = ?", citizenID).Pluck("phone", &phones).Error; err != nil {
		return false, fmt.Errorf("mark opted in: %w", err)
	}
	for _, phone := range phones {
		if err := s.MarkPhoneOptedIn(ctx, phone); err != nil {
			return false, err
		}
	}
	res := s.writeCitizen(s.q(ctx).Where("id = ? AND opted_out_at IS NOT NULL", citizenID), &Citizen{}, "opted_out_at", "opt_out_source")
	if res.Error != nil {
		return false, fmt.Errorf("mark opted in: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil
	}
	return true, s.RefreshStatus(ctx, citizenID)
}

// touchCitizen records the time of the last message in one direction.
func (s *Store) touchCitizen(ctx context.Context, citizenID string, dir Direction, at time.Time) error {
	row, col := Citizen{LastOutboundAt: &at}, "last_outbound_at"
	if dir == Inbound {
		row, col = Citizen{LastInboundAt: &at}, "last_inbound_at"
	}
	err := s.writeCitizen(s.q(ctx).Where("id = ?", citizenID), &row, col).Error
	if err != nil {
		return fmt.Errorf("touch citizen: %w", err)
	}
	return nil
}
