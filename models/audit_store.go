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

// AuditShown appends one entry per citizen a list page showed (the caseload, the review queue, the
// inbox), all with e's actor, action and request, in one multi-row INSERT. One row per citizen
// rather than one row per page with a list of ids: "who has seen this citizen?" is then the same
// indexed query (idx_audit_object) as for every other entry, and a page of 50 costs one statement.
func (s *Store) AuditShown(ctx context.Context, e AuditEntry, citizenIDs []string) error {
	if len(citizenIDs) == 0 {
		return nil
	}
	now := s.Now()
	rows := make([]AuditEntry, 0, len(citizenIDs))
	seen := make(map[string]bool, len(citizenIDs))
	for _, id := range citizenIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		r := e
		r.ID, r.At, r.ObjectType, r.ObjectID = NewID(), now, "citizen", id
		rows = append(rows, r)
	}
	if err := s.q(ctx).CreateInBatches(rows, 500).Error; err != nil {
		return fmt.Errorf("audit shown: %w", err)
	}
	return nil
}
