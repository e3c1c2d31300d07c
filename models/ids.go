package models

import (
	"regexp"

	"github.com/google/uuid"
)

// NewID returns a new opaque identifier: a UUIDv7, so ids sort by creation time in indexes
// without revealing a sequence number.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

var idPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// ValidID reports whether s has the shape of an id we issue; anything else is rejected before it
// reaches a query (PostgreSQL would otherwise fail on a malformed uuid).
func ValidID(s string) bool {
	return idPattern.MatchString(s)
}
