package models

import "time"

// CaseNote is the link worker's record of a meeting or a call with a citizen. A note is never
// edited: a correction is a new note that names the one it corrects, so the record shows both.
type CaseNote struct {
	ID        string `gorm:"primaryKey;type:uuid"`
	CitizenID string `gorm:"type:uuid;not null;index:idx_case_notes_citizen"`
	AuthorID  string `gorm:"type:uuid;not null"`
	Body      string `gorm:"type:text;not null"`
	// OccurredOn is the civil date of the meeting or call, when the note says; nil: the day written.
	OccurredOn *time.Time
	// CorrectsID names the earlier note this one corrects.
	CorrectsID *string   `gorm:"type:uuid"`
	CreatedAt  time.Time `gorm:"not null"`
}

// PauseEvent records one pause or resume of a citizen's scheduled SMS: who, why and when.
type PauseEvent struct {
	ID        string `gorm:"primaryKey;type:uuid"`
	CitizenID string `gorm:"type:uuid;not null;index:idx_pause_events_citizen"`
	// Paused is true for a pause, false for a resume.
	Paused  bool      `gorm:"not null"`
	Reason  string    `gorm:"type:text;not null"`
	ActorID *string   `gorm:"type:uuid"`
	At      time.Time `gorm:"not null"`
}
