package models

import "time"

// CitizenStatus is a citizen's engagement status. It is derived from events by the store
// (see engagement.go), never typed in by hand; the column is a cache for filtering at scale.
type CitizenStatus string

// Engagement statuses along a citizen's path.
const (
	StatusReferred        CitizenStatus = "referred"
	StatusAwaitingContact CitizenStatus = "awaiting_contact"
	StatusContacted       CitizenStatus = "contacted"
	StatusConfirmed       CitizenStatus = "confirmed"
	StatusEngaged         CitizenStatus = "engaged"
	StatusDrifting        CitizenStatus = "drifting"
	StatusUnreachable     CitizenStatus = "unreachable"
	StatusDeclined        CitizenStatus = "declined"
	StatusOptedOut        CitizenStatus = "opted_out"
	StatusCompleted       CitizenStatus = "completed"
)

// Citizen is a person referred to social prescribing.
type Citizen struct {
	ID   string `gorm:"primaryKey;type:uuid"`
	Name string `gorm:"size:200;not null"`
	// Phone is E.164. Only one open (not closed) citizen may hold a number.
	Phone string `gorm:"size:20;not null;index:idx_citizens_phone"`
	// Email reaches a citizen by e-mail instead of, or beside, the phone (see ChooseChannel).
	Email        *string       `gorm:"size:254"`
	Language     Lang          `gorm:"size:2;not null"`
	LinkWorkerID string        `gorm:"type:uuid;not null;index:idx_citizens_worker_status,priority:1"`
	Status       CitizenStatus `gorm:"size:24;not null;index:idx_citizens_worker_status,priority:2"`

	// Consent flags, each the moment it was given (nil: not given).
	ConsentContactAt  *time.Time
	ConsentDataAt     *time.Time
	ConsentResearchAt *time.Time

	ContactedAt        *time.Time
	ContactConfirmedAt *time.Time
	DeclinedAt         *time.Time
	OptedOutAt         *time.Time
	OptOutSource       string `gorm:"size:16;not null"`
	// PausedAt stops scheduled check-ins: after a safety flag until a person has looked
	// (PausedByID nil), or by a link worker's hand with a reason (see PauseCitizen).
	PausedAt            *time.Time
	PausedByID          *string `gorm:"type:uuid"`
	PauseReason         *string `gorm:"type:text"`
	PhoneInvalidAt      *time.Time
	UnreachableAt       *time.Time
	CompletedAt         *time.Time
	ClosedAt            *time.Time
	DeletionRequestedAt *time.Time `gorm:"index:idx_citizens_deletion_requested"`
	// ErasedAt is when the citizen's identifying data was erased (on request or after the
	// retention period); the row stays so the audit trail and research rows keep their id.
	ErasedAt *time.Time
	// DeliveryFailures counts carrier failures (Twilio 30003–30008) since the last delivered SMS.
	DeliveryFailures int `gorm:"not null"`
	LastInboundAt    *time.Time
	LastOutboundAt   *time.Time

	Preferences
	// CheckinPlan is the citizen's own check-in plan (CheckinPlan as JSON), set by the link
	// worker; nil follows the site's default.
	CheckinPlan *string   `gorm:"type:text"`
	CreatedAt   time.Time `gorm:"not null"`
	UpdatedAt   time.Time `gorm:"not null"`
}

// Preferences are the citizen's own settings (the app's preferences screen).
type Preferences struct {
	RemindersEnabled bool `gorm:"not null"`
	// ReminderLeadMinutes overrides the default reminder rule when positive.
	ReminderLeadMinutes int `gorm:"not null"`
	// QuietStart and QuietEnd ("HH:MM" local) override the site's quiet hours when set.
	QuietStart       string `gorm:"size:5;not null"`
	QuietEnd         string `gorm:"size:5;not null"`
	PreferredChannel string `gorm:"size:8;not null"`
}

// OptedOut reports whether the citizen has said STOP (or Twilio told us they did).
func (c *Citizen) OptedOut() bool { return c.OptedOutAt != nil }
