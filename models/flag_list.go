package models

import (
	"context"
	"fmt"
)

// FlagFilter selects flags.
type FlagFilter struct {
	CitizenID string
	// OpenOnly leaves out acknowledged flags.
	OpenOnly bool
	Limit    int
}

// ListFlags returns flags in creation order.
func (s *Store) ListFlags(ctx context.Context, f FlagFilter) ([]Flag, error) {
	q := s.q(ctx).Model(&Flag{})
	if f.CitizenID != "" {
		q = q.Where("citizen_id = ?", f.CitizenID)
	}
	if f.OpenOnly {
		q = q.Where("acked_at IS NULL")
	}
	if f.Limit <= 0 || f.Limit > 10000 {
		f.Limit = 10000
	}
	var flags []Flag
	if err := q.Order("id").Limit(f.Limit).Find(&flags).Error; err != nil {
		return nil, fmt.Errorf("list flags: %w", err)
	}
	return flags, nil
}
