package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Ways a citizen's research consent is withdrawn.
const (
	WithdrawnInApp        = "app"
	WithdrawnBySMS        = "sms"
	WithdrawnByLinkWorker = "link_worker"
)

// ResearchWithdrawal records that a citizen withdrew their consent to research: when, through
// which channel and, for a link worker, by whom. It is kept apart from the citizen's row so it
// outlives erasure of the identifying data: a withdrawn citizen stays out of every later export.
type ResearchWithdrawal struct {
	CitizenID   string    `gorm:"primaryKey;type:uuid"`
	WithdrawnAt time.Time `gorm:"not null"`
	Source      string    `gorm:"size:16;not null"`
	ActorID     *string   `gorm:"type:uuid"`
}

// WithdrawResearchConsent records the withdrawal. A second withdrawal changes nothing: the first
// moment stays the one that counts. It answers the withdrawal as stored.
func (s *Store) WithdrawResearchConsent(ctx context.Context, citizenID, source string, actorID *string) (*ResearchWithdrawal, error) {
	w := ResearchWithdrawal{CitizenID: citizenID, WithdrawnAt: s.Now(), Source: source, ActorID: actorID}
	if err := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&w).Error; err != nil {
		return nil, fmt.Errorf("withdraw research consent: %w", err)
	}
	return s.ResearchWithdrawalOf(ctx, citizenID)
}

// ResearchWithdrawalOf returns the citizen's withdrawal, or ENOTFOUND when they have not withdrawn.
func (s *Store) ResearchWithdrawalOf(ctx context.Context, citizenID string) (*ResearchWithdrawal, error) {
	var w ResearchWithdrawal
	err := s.q(ctx).Where("citizen_id = ?", citizenID).Take(&w).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("research consent withdrawal")
	}
	if err != nil {
		return nil, fmt.Errorf("research withdrawal: %w", err)
	}
	return &w, nil
}

// ResearchConsentState is the citizen's research consent as the app and the link worker see it.
type ResearchConsentState struct {
	// GivenAt is when consent was given on the referral (nil: never given).
	GivenAt     *time.Time
	WithdrawnAt *time.Time
	Source      string
}

// Active reports whether the citizen's data may go into a research export.
func (r ResearchConsentState) Active() bool { return r.GivenAt != nil && r.WithdrawnAt == nil }

// ResearchConsentOf reads a citizen's research consent.
func (s *Store) ResearchConsentOf(ctx context.Context, c *Citizen) (ResearchConsentState, error) {
	st := ResearchConsentState{GivenAt: c.ConsentResearchAt}
	w, err := s.ResearchWithdrawalOf(ctx, c.ID)
	if IsCode(err, ENOTFOUND) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	st.WithdrawnAt, st.Source = &w.WithdrawnAt, w.Source
	return st, nil
}
