package models

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"
)

// NewFlag is a reason for a link worker to look at a citizen.
type NewFlag struct {
	CitizenID *string
	Kind      FlagKind
	Severity  Severity
	Reason    string
	RefID     *string
	// DedupeKey, when set, makes raising idempotent: the same key raises one flag.
	DedupeKey string
}

// RaiseFlag adds a flag to the review queue; it reports false when the dedupe key already exists.
func (s *Store) RaiseFlag(ctx context.Context, n NewFlag) (bool, error) {
	f := Flag{ID: NewID(), CitizenID: n.CitizenID, Kind: n.Kind, Severity: n.Severity, Reason: n.Reason,
		RefID: n.RefID, CreatedAt: s.Now()}
	if n.DedupeKey != "" {
		f.DedupeKey = &n.DedupeKey
	}
	res := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&f)
	if res.Error != nil {
		return false, fmt.Errorf("raise flag: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}
