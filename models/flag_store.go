package models

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// NewFlag is a reason for a link worker to look at a citizen.
type NewFlag struct {
	CitizenID *string
	Kind      FlagKind
	Severity  Severity
	// Code and Facts say why, in the reader's language (see RenderFlagReason); Reason is only
	// for a cause the catalogue has no code for.
	Code   string
	Facts  FlagFacts
	Reason string
	RefID  *string
	// DedupeKey, when set, makes raising idempotent: the same key raises one flag.
	DedupeKey string
}

// RaiseFlag adds a flag to the review queue; it reports false when the dedupe key already exists.
func (s *Store) RaiseFlag(ctx context.Context, n NewFlag) (bool, error) {
	f := newFlagRow(n, s.Now())
	res := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&f)
	if res.Error != nil {
		return false, fmt.Errorf("raise flag: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

func newFlagRow(n NewFlag, now time.Time) Flag {
	f := Flag{ID: NewID(), CitizenID: n.CitizenID, Kind: n.Kind, Severity: n.Severity, Reason: n.Reason,
		RefID: n.RefID, CreatedAt: now, Code: n.Code, Facts: "{}"}
	if len(n.Facts) > 0 {
		raw, _ := json.Marshal(n.Facts) // a map of strings always encodes
		f.Facts = string(raw)
	}
	if english, ok := RenderFlagReason(n.Code, n.Facts, LangEN); ok && f.Reason == "" {
		f.Reason = english
	}
	if n.DedupeKey != "" {
		f.DedupeKey = &n.DedupeKey
	}
	return f
}
