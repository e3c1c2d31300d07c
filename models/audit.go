package models

import "time"

// AuditEntry records who read or changed what, and when. Every staff read of a citizen's record
// writes one.
type AuditEntry struct {
	ID         string  `gorm:"primaryKey;type:uuid"`
	ActorID    *string `gorm:"type:uuid;index:idx_audit_actor_at,priority:1"`
	ActorRole  string  `gorm:"size:16;not null"`
	Action     string  `gorm:"size:40;not null"`
	ObjectType string  `gorm:"size:24;not null"`
	ObjectID   string  `gorm:"size:64;not null;index:idx_audit_object,priority:1"`
	RequestID  string  `gorm:"size:64;not null"`
	// At leads idx_audit_at (the admin's unfiltered log, newest first) and follows the actor or
	// object in the other two, so every filter of the audit page reads one index range.
	At time.Time `gorm:"not null;index:idx_audit_actor_at,priority:2;index:idx_audit_object,priority:2;index:idx_audit_at"`
}

// TableName keeps the table called audit_log.
func (AuditEntry) TableName() string { return "audit_log" }
