package models

import "time"

// ConversationKind is what an SMS conversation is about.
type ConversationKind string

// Conversation kinds the bot runs.
const (
	ConvContact  ConversationKind = "contact"
	ConvCheckin  ConversationKind = "checkin"
	ConvFollowup ConversationKind = "followup"
)

// ConversationState is whether the bot is waiting for an answer.
type ConversationState string

// Conversation states. At most one conversation per citizen is open (a unique partial index
// enforces it), so a new check-in never interleaves with an open one.
const (
	ConvOpen    ConversationState = "open"
	ConvClosed  ConversationState = "closed"
	ConvExpired ConversationState = "expired"
)

// Conversation is the bot's state for one exchange with a citizen.
type Conversation struct {
	ID             string            `gorm:"primaryKey;type:uuid"`
	CitizenID      string            `gorm:"type:uuid;not null;index:idx_conversations_citizen"`
	Kind           ConversationKind  `gorm:"size:16;not null"`
	State          ConversationState `gorm:"size:12;not null"`
	CheckinID      *string           `gorm:"type:uuid"`
	PrescriptionID *string           `gorm:"type:uuid"`
	OccurrenceOn   *time.Time
	// Step is the current item number of a check-in (from 1).
	Step int `gorm:"not null"`
	// Reprompts counts invalid answers to the current step.
	Reprompts int       `gorm:"not null"`
	OpenedAt  time.Time `gorm:"not null"`
	ExpiresAt time.Time `gorm:"not null;index:idx_conversations_expiry"`
	ClosedAt  *time.Time
}
