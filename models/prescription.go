package models

import "time"

// Prescription is one agreed activity in a citizen's social prescription: an offer and when the
// citizen plans to go. It drives reminders and follow-ups.
type Prescription struct {
	ID        string `gorm:"primaryKey;type:uuid"`
	CitizenID string `gorm:"type:uuid;not null;index:idx_prescriptions_citizen"`
	OfferID   string `gorm:"type:uuid;not null;index:idx_prescriptions_offer"`
	// Weekday is ISO (1 Monday … 7 Sunday) for a weekly activity, 0 for a one-off session on OnceOn.
	Weekday     int    `gorm:"not null"`
	StartTime   string `gorm:"size:5;not null"`
	EndTime     string `gorm:"size:5;not null"`
	OnceOn      *time.Time
	StartsOn    time.Time `gorm:"not null"`
	EndsOn      *time.Time
	Note        string    `gorm:"type:text;not null"`
	Active      bool      `gorm:"not null"`
	CreatedByID *string   `gorm:"type:uuid"`
	CreatedAt   time.Time `gorm:"not null"`
	UpdatedAt   time.Time `gorm:"not null"`
}

// Attendance is the citizen's answer to "did you go?" for one occurrence of a prescription.
type Attendance struct {
	ID             string    `gorm:"primaryKey;type:uuid"`
	PrescriptionID string    `gorm:"type:uuid;not null;uniqueIndex:idx_attendance_occurrence,priority:1"`
	CitizenID      string    `gorm:"type:uuid;not null;index:idx_attendance_citizen"`
	OccurrenceOn   time.Time `gorm:"not null;uniqueIndex:idx_attendance_occurrence,priority:2"`
	Answer         string    `gorm:"size:12;not null"`
	AnsweredAt     *time.Time
	CreatedAt      time.Time `gorm:"not null"`
}

// Attendance answers.
const (
	AttendedYes     = "yes"
	AttendedNo      = "no"
	AttendedLater   = "later"
	AttendedNoReply = "no_reply"
)
