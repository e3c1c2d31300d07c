package models

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// CheckinForCitizen returns one of the citizen's own check-ins; anyone else's is "not found".
func (s *Store) CheckinForCitizen(ctx context.Context, checkinID, citizenID string) (*Checkin, error) {
	if !ValidID(checkinID) {
		return nil, NotFound("check-in")
	}
	var c Checkin
	err := s.q(ctx).Where("id = ? AND citizen_id = ?", checkinID, citizenID).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("check-in")
	}
	if err != nil {
		return nil, fmt.Errorf("check-in for citizen: %w", err)
	}
	return &c, nil
}

// PendingCheckins lists the citizen's check-ins waiting for answers (open, or pending and due).
func (s *Store) PendingCheckins(ctx context.Context, citizenID string) ([]Checkin, error) {
	var out []Checkin
	err := s.q(ctx).Where("citizen_id = ? AND (status = ? OR (status = ? AND due_at <= ?))", citizenID, CheckinOpen, CheckinPending, s.Now()).
		Order("due_at").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("pending check-ins: %w", err)
	}
	return out, nil
}

// ScoredCheckins lists the citizen's scored check-ins, oldest first (their own score series).
func (s *Store) ScoredCheckins(ctx context.Context, citizenID string) ([]Checkin, error) {
	var out []Checkin
	err := s.q(ctx).Where("citizen_id = ? AND score IS NOT NULL", citizenID).Order("completed_at").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("scored check-ins: %w", err)
	}
	return out, nil
}

// ActivePrescription is a prescription with its offer, for the citizen's own view.
type ActivePrescription struct {
	Prescription
	Offer Offer
}

// CitizenPrescriptions lists a citizen's active prescriptions with their offers.
func (s *Store) CitizenPrescriptions(ctx context.Context, citizenID string) ([]ActivePrescription, error) {
	var ps []Prescription
	if err := s.q(ctx).Where("citizen_id = ? AND active = ?", citizenID, true).Order("created_at").Find(&ps).Error; err != nil {
		return nil, fmt.Errorf("citizen prescriptions: %w", err)
	}
	out := make([]ActivePrescription, 0, len(ps))
	for _, p := range ps {
		var o Offer
		if err := s.q(ctx).Where("id = ?", p.OfferID).Take(&o).Error; err != nil {
			return nil, fmt.Errorf("citizen prescriptions: offer: %w", err)
		}
		out = append(out, ActivePrescription{Prescription: p, Offer: o})
	}
	return out, nil
}

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// validate checks preferences the citizen sets in the app.
func (p *Preferences) validate() error {
	// A reminder says "today" or "tomorrow", so it can come at most a day before.
	if p.ReminderLeadMinutes < 0 || p.ReminderLeadMinutes > 24*60 {
		return Invalid("reminder_lead_minutes", "The reminder lead time must be between 0 and 1440 minutes.")
	}
	if (p.QuietStart == "") != (p.QuietEnd == "") {
		return Invalid("quiet_start", "Give both ends of the quiet hours, or neither.")
	}
	for field, v := range map[string]string{"quiet_start": p.QuietStart, "quiet_end": p.QuietEnd} {
		if v != "" && !hhmm.MatchString(v) {
			return Invalid(field, "Times are written HH:MM, for example 20:00.")
		}
	}
	if p.PreferredChannel != "sms" && p.PreferredChannel != "app" {
		return Invalid("preferred_channel", "The preferred channel must be sms or app.")
	}
	return nil
}

// UpdatePreferences saves the citizen's language and preferences.
func (s *Store) UpdatePreferences(ctx context.Context, citizenID string, lang Lang, p Preferences) error {
	if !lang.Valid() {
		return Invalid("language", "The language must be da or en.")
	}
	if err := p.validate(); err != nil {
		return err
	}
	return s.UpdateCitizen(ctx, citizenID, CitizenUpdate{Language: &lang, Preferences: &p})
}

// RegisterDevice stores a push token for a later push sender; a token moves to its latest owner.
func (s *Store) RegisterDevice(ctx context.Context, citizenID, platform, token string) (*Device, error) {
	if platform != "ios" && platform != "android" && platform != "web" {
		return nil, Invalid("platform", "The platform must be ios, android or web.")
	}
	if len(token) < 8 || len(token) > 512 {
		return nil, Invalid("token", "The device token must be 8 to 512 characters.")
	}
	d := Device{ID: NewID(), CitizenID: citizenID, Platform: platform, Token: token, CreatedAt: s.Now()}
	err := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "token"}},
		DoUpdates: clause.AssignmentColumns([]string{"citizen_id", "platform", "created_at"})}).Create(&d).Error
	if err != nil {
		return nil, fmt.Errorf("register device: %w", err)
	}
	return &d, nil
}

// RequestDeletion records the citizen's wish to have their data deleted. Health records have
// retention rules, so a person (the link worker) actions it; the flag puts it in their queue.
func (s *Store) RequestDeletion(ctx context.Context, citizenID string) (time.Time, error) {
	now := s.Now()
	err := s.InTx(ctx, func(tx *Store) error {
		res := tx.writeCitizen(tx.q(ctx).Where("id = ? AND deletion_requested_at IS NULL", citizenID),
			&Citizen{DeletionRequestedAt: &now, UpdatedAt: now}, "deletion_requested_at")
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		_, err := tx.RaiseFlag(ctx, NewFlag{CitizenID: &citizenID, Kind: FlagDeletionRequest, Severity: SeverityNormal,
			Code:      "deletion_request",
			DedupeKey: "deletion:" + citizenID})
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("request deletion: %w", err)
	}
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return time.Time{}, err
	}
	return *c.DeletionRequestedAt, nil
}
