package models

import (
	"context"
	"fmt"
)

// CreatePrescription attaches an offer to a citizen with the agreed schedule.
func (s *Store) CreatePrescription(ctx context.Context, p *Prescription) error {
	now := s.Now()
	p.ID = NewID()
	p.CreatedAt, p.UpdatedAt = now, now
	if err := s.q(ctx).Create(p).Error; err != nil {
		return fmt.Errorf("create prescription: %w", err)
	}
	return s.RefreshStatus(ctx, p.CitizenID)
}
