package models

import "time"

// loginCode is a one-time SMS code for a citizen's app login. Only its hash is stored.
type loginCode struct {
	ID string `gorm:"primaryKey;type:uuid"`
	// Phone is the number the code was asked for; '' when it was asked for by Email.
	Phone     string    `gorm:"size:20;not null;index:idx_login_codes_phone"`
	Email     *string   `gorm:"size:254;index:idx_login_codes_email"`
	CodeHash  string    `gorm:"size:128;not null"`
	Attempts  int       `gorm:"not null"`
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	CreatedAt time.Time `gorm:"not null"`
}

// RefreshToken is one opaque refresh token (hashed). Tokens of one login form a family: reusing
// a rotated token revokes the whole family.
type RefreshToken struct {
	ID        string    `gorm:"primaryKey;type:uuid"`
	FamilyID  string    `gorm:"type:uuid;not null;index:idx_refresh_family"`
	SubjectID string    `gorm:"type:uuid;not null"`
	Role      string    `gorm:"size:16;not null"`
	TokenHash string    `gorm:"size:128;not null;uniqueIndex:idx_refresh_hash"`
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time `gorm:"not null"`
	// SuccessorSealed is the token this one was rotated into, sealed with a key derived from
	// this token's raw value (sealSuccessor): within the grace window a second refresh with it
	// gets the same successor, and nobody who lacks the old token can read it.
	SuccessorSealed *string `gorm:"size:128"`
}

// Device is a citizen's registered push target: an FCM token (ios, android) or a web push
// subscription (web: Token is the endpoint, P256dh and Auth its keys).
type Device struct {
	ID        string    `gorm:"primaryKey;type:uuid"`
	CitizenID string    `gorm:"type:uuid;not null;index:idx_devices_citizen"`
	Platform  string    `gorm:"size:16;not null"`
	Token     string    `gorm:"size:512;not null;uniqueIndex:idx_devices_token"`
	P256dh    *string   `gorm:"size:100"`
	Auth      *string   `gorm:"size:40"`
	CreatedAt time.Time `gorm:"not null"`
}

// setting is one site-wide configuration value an admin can change (for example the default
// check-in plan), stored as JSON.
type setting struct {
	Key       string    `gorm:"primaryKey;size:64"`
	Value     string    `gorm:"type:text;not null"`
	UpdatedAt time.Time `gorm:"not null"`
}
