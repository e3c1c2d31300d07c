package models

import "time"

// OutboxStatus is where a queued SMS is in its life.
type OutboxStatus string

// Outbox statuses. Sending rows carry a lease; when it runs out they are claimable again.
const (
	OutboxPending    OutboxStatus = "pending"
	OutboxSending    OutboxStatus = "sending"
	OutboxSent       OutboxStatus = "sent"
	OutboxFailed     OutboxStatus = "failed"
	OutboxSuppressed OutboxStatus = "suppressed"
)

// OutboxItem is an SMS waiting to be sent. Whoever wants to send writes one in its own
// transaction; the dispatcher is the only reader. That table is the seam between bot and notify.
type OutboxItem struct {
	ID        string  `gorm:"primaryKey;type:uuid"`
	CitizenID *string `gorm:"type:uuid;index:idx_outbox_citizen"`
	Phone     string  `gorm:"size:20;not null"`
	Body      string  `gorm:"type:text;not null"`
	Kind      string  `gorm:"size:24;not null"`
	// DedupeKey makes enqueueing idempotent: the same key is queued once.
	DedupeKey *string `gorm:"size:160;uniqueIndex:idx_outbox_dedupe"`
	// Priority orders due rows: higher first (safety replies before a check-in wave).
	Priority  int          `gorm:"not null;index:idx_outbox_claim,priority:2,sort:desc"`
	Status    OutboxStatus `gorm:"size:12;not null;index:idx_outbox_claim,priority:1"`
	NotBefore time.Time    `gorm:"not null;index:idx_outbox_claim,priority:3"`
	// NotAfter drops a row that would arrive too late to be useful (a reminder after the activity began).
	NotAfter   *time.Time
	Attempts   int `gorm:"not null"`
	LeaseUntil *time.Time
	LastError  string    `gorm:"type:text;not null"`
	ErrorCode  int       `gorm:"not null"`
	MessageID  *string   `gorm:"type:uuid"`
	Segments   int       `gorm:"not null"`
	CreatedAt  time.Time `gorm:"not null"`
	SentAt     *time.Time
	// Channel is the channel of this attempt (ChannelSMS, ChannelPush, ChannelEmail).
	Channel string `gorm:"size:8;not null;default:sms"`
	// Ref points at what the row is about: a check-in's id for a check-in push.
	Ref *string `gorm:"size:64"`
	// FallbackAt is when a push row not opened by then falls back to SMS or e-mail; it is
	// cleared in the transaction that queues the fallback, so the fallback is queued once.
	FallbackAt *time.Time `gorm:"index:idx_outbox_fallback"`
	// OpenedAt is when the citizen's app fetched the notification (GET /v1/me/notifications/{id}).
	OpenedAt *time.Time
	// OutcomeUnknown is set by ClaimOutbox on a row whose lease ran out while it was being sent:
	// the carrier may have accepted it, so it must be looked up before it is sent again.
	OutcomeUnknown bool `gorm:"-"`
}

// TableName keeps the table called outbox.
func (OutboxItem) TableName() string { return "outbox" }

// CitizenIDOr is the row's citizen, or def for an SMS to no citizen (a login code to a stranger).
func (o *OutboxItem) CitizenIDOr(def string) string {
	if o.CitizenID == nil {
		return def
	}
	return *o.CitizenID
}
