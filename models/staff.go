package models

import "time"

// StaffRole is what a staff member may do.
type StaffRole string

// Staff roles. A link worker sees their own caseload; an admin sees all and configures.
const (
	RoleLinkWorker StaffRole = "link_worker"
	RoleAdmin      StaffRole = "admin"
)

// Valid reports whether r is a known staff role.
func (r StaffRole) Valid() bool { return r == RoleLinkWorker || r == RoleAdmin }

// Staff is a link worker or an administrator.
type Staff struct {
	ID           string    `gorm:"primaryKey;type:uuid"`
	Email        string    `gorm:"size:254;not null;uniqueIndex:idx_staff_email"`
	Name         string    `gorm:"size:200;not null"`
	Role         StaffRole `gorm:"size:16;not null"`
	PasswordHash string    `gorm:"size:200;not null"`
	// Phone is where citizens can reach their link worker; the HELP reply quotes it.
	Phone        string `gorm:"size:20;not null"`
	Active       bool   `gorm:"not null"`
	FailedLogins int    `gorm:"not null"`
	LockedUntil  *time.Time
	// SessionVersion is in every access token; raising it (deactivation, a new password) makes
	// every token issued before invalid on its next request.
	SessionVersion int `gorm:"not null;default:0"`
	// MustChangePassword is set while the password is a one-time password an admin handed out.
	MustChangePassword bool `gorm:"not null;default:false"`
	LastLoginAt        *time.Time
	CreatedAt          time.Time `gorm:"not null"`
	UpdatedAt          time.Time `gorm:"not null"`
}

// FirstName is how the citizen's texts introduce the link worker.
func (s *Staff) FirstName() string {
	for i, r := range s.Name {
		if r == ' ' {
			return s.Name[:i]
		}
	}
	return s.Name
}

// TableName keeps the table called staff.
func (Staff) TableName() string { return "staff" }
