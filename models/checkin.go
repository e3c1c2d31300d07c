package models

import "time"

// CheckinStatus is how far a check-in got.
type CheckinStatus string

// Check-in statuses.
const (
	CheckinPending    CheckinStatus = "pending"
	CheckinOpen       CheckinStatus = "open"
	CheckinCompleted  CheckinStatus = "completed"
	CheckinIncomplete CheckinStatus = "incomplete"
	CheckinCancelled  CheckinStatus = "cancelled"
)

// Checkin is one administration of a questionnaire instrument to a citizen.
type Checkin struct {
	ID         string        `gorm:"primaryKey;type:uuid"`
	CitizenID  string        `gorm:"type:uuid;not null;index:idx_checkins_citizen_due,priority:1"`
	Instrument string        `gorm:"size:32;not null"`
	Version    string        `gorm:"size:8;not null"`
	Status     CheckinStatus `gorm:"size:12;not null"`
	// PlanKey makes scheduling idempotent: (citizen, plan item, occurrence) is enqueued once.
	PlanKey     *string   `gorm:"size:160;uniqueIndex:idx_checkins_plan_key"`
	DueAt       time.Time `gorm:"not null;index:idx_checkins_citizen_due,priority:2"`
	OpenedAt    *time.Time
	CompletedAt *time.Time
	Channel     string `gorm:"size:8;not null"`
	Raw         *int
	Score       *float64
	Band        string    `gorm:"size:32;not null"`
	CreatedAt   time.Time `gorm:"not null"`
}

// Answer is one item's answer; (instrument, version, item) is known through the check-in.
type Answer struct {
	ID        string `gorm:"primaryKey;type:uuid"`
	CheckinID string `gorm:"type:uuid;not null;uniqueIndex:idx_answers_checkin_item,priority:1"`
	Item      int    `gorm:"not null;uniqueIndex:idx_answers_checkin_item,priority:2"`
	// Value is nil when the item was skipped after two invalid replies.
	Value      *int
	RawText    string    `gorm:"size:200;not null"`
	Channel    string    `gorm:"size:8;not null"`
	AnsweredAt time.Time `gorm:"not null"`
}
