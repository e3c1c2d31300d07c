package models

import "time"

// ReferralStatus is where a referral stands with the link worker.
type ReferralStatus string

// Referral statuses. Closing carries a CloseReason.
const (
	ReferralReceived ReferralStatus = "received"
	ReferralAccepted ReferralStatus = "accepted"
	ReferralDeclined ReferralStatus = "declined"
	ReferralClosed   ReferralStatus = "closed"
)

// CloseReason says why a referral was closed.
type CloseReason string

// Reasons a referral closes.
const (
	CloseCompleted   CloseReason = "completed"
	CloseDeclined    CloseReason = "declined"
	CloseUnreachable CloseReason = "unreachable"
	CloseMoved       CloseReason = "moved"
)

// Referral is a GP's request that a link worker contacts a citizen.
type Referral struct {
	ID             string `gorm:"primaryKey;type:uuid"`
	CitizenID      string `gorm:"type:uuid;not null;index:idx_referrals_citizen"`
	ReferrerName   string `gorm:"size:200;not null"`
	ReferrerClinic string `gorm:"size:200;not null"`
	Reason         string `gorm:"type:text;not null"`
	// ReferralProfile holds the optional facts the evaluation needs (year of birth, sex, …).
	ReferralProfile
	// ConsentAt is when the referrer recorded the citizen's consent to be referred.
	ConsentAt   time.Time      `gorm:"not null"`
	Status      ReferralStatus `gorm:"size:16;not null"`
	CloseReason CloseReason    `gorm:"size:16;not null"`
	StatusNote  string         `gorm:"type:text;not null"`
	CreatedByID *string        `gorm:"type:uuid"`
	CreatedAt   time.Time      `gorm:"not null"`
	UpdatedAt   time.Time      `gorm:"not null"`
}

// ReferralEvent is one step in a referral's history.
type ReferralEvent struct {
	ID         string         `gorm:"primaryKey;type:uuid"`
	ReferralID string         `gorm:"type:uuid;not null;index:idx_referral_events_referral"`
	Status     ReferralStatus `gorm:"size:16;not null"`
	Note       string         `gorm:"type:text;not null"`
	ActorID    *string        `gorm:"type:uuid"`
	At         time.Time      `gorm:"not null"`
}
