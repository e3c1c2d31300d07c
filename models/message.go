package models

import "time"

// Direction says who wrote a message.
type Direction string

// Message directions.
const (
	Inbound  Direction = "in"
	Outbound Direction = "out"
)

// Message is one SMS in either direction, as stored for the timeline.
type Message struct {
	ID        string    `gorm:"primaryKey;type:uuid"`
	CitizenID *string   `gorm:"type:uuid;index:idx_messages_citizen_created,priority:1"`
	Phone     string    `gorm:"size:20;not null;index:idx_messages_phone"`
	Direction Direction `gorm:"size:3;not null"`
	Body      string    `gorm:"type:text;not null"`
	// TwilioSID is unique: a second delivery of the same inbound webhook is recognised by it.
	TwilioSID *string `gorm:"column:twilio_sid;size:64;uniqueIndex:idx_messages_twilio_sid"`
	Status    string  `gorm:"size:24;not null"`
	ErrorCode int     `gorm:"not null"`
	Segments  int     `gorm:"not null"`
	// NeedsReply marks free text a link worker should answer; cleared when handled.
	NeedsReply bool `gorm:"not null"`
	// ProcessedAt is set once the bot has handled an inbound message. An inbound message is
	// committed even if the bot step fails, and a sweep retries the unprocessed ones.
	ProcessedAt    *time.Time
	ConversationID *string   `gorm:"type:uuid"`
	OutboxID       *string   `gorm:"type:uuid"`
	CreatedAt      time.Time `gorm:"not null;index:idx_messages_citizen_created,priority:2"`
	UpdatedAt      time.Time `gorm:"not null"`
}

// messageStatusEvent records each delivery status callback once: (MessageSID, Status) is unique.
type messageStatusEvent struct {
	ID         string    `gorm:"primaryKey;type:uuid"`
	MessageSID string    `gorm:"column:message_sid;size:64;not null;uniqueIndex:idx_status_events_sid_status,priority:1"`
	Status     string    `gorm:"size:24;not null;uniqueIndex:idx_status_events_sid_status,priority:2"`
	ErrorCode  int       `gorm:"not null"`
	ReceivedAt time.Time `gorm:"not null"`
}
