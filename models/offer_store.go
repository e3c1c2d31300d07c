package models

import (
	"context"
	"fmt"
)

// CreateOffer stores a community offer with its weekly schedule.
func (s *Store) CreateOffer(ctx context.Context, o *Offer) error {
	now := s.Now()
	if o.ID == "" {
		o.ID = NewID()
	}
	o.CreatedAt, o.UpdatedAt = now, now
	for i := range o.Schedules {
		o.Schedules[i].ID = NewID()
		o.Schedules[i].OfferID = o.ID
	}
	if err := s.q(ctx).Create(o).Error; err != nil {
		return fmt.Errorf("create offer: %w", err)
	}
	return nil
}
