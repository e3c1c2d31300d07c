package models

import (
	"context"
	"fmt"
)

// Audit appends one entry to the audit log.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	e.ID = NewID()
	e.At = s.Now()
	if err := s.q(ctx).Create(&e).Error; err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// AuditTrail lists the audit entries about one object, newest first.
func (s *Store) AuditTrail(ctx context.Context, objectID string, limit int) ([]AuditEntry, error) {
	var out []AuditEntry
	if err := s.q(ctx).Where("object_id = ?", objectID).Order("at DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("audit trail: %w", err)
	}
	return out, nil
}
