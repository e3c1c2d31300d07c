package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// CitizenUpdate is one change to a citizen's path, written by UpdateCitizen: each non-nil field
// is stored, every nil field is left as it is. The fields are the moments of the path, who
// follows the citizen and their settings, so a caller names what happened rather than a column. Clearing a moment
// is its own store method with its own rule (acknowledging the last crisis flag, MarkOptedIn).
type CitizenUpdate struct {
	ContactedAt        *time.Time
	ContactConfirmedAt *time.Time
	DeclinedAt         *time.Time
	PausedAt           *time.Time
	UnreachableAt      *time.Time
	PhoneInvalidAt     *time.Time
	ClosedAt           *time.Time
	CompletedAt        *time.Time
	OptedOutAt         *time.Time
	OptOutSource       *string
	LastInboundAt      *time.Time
	LinkWorkerID       *string
	Language           *Lang
	// Preferences writes all five preference columns as given; UpdatePreferences validates first.
	Preferences *Preferences
}

// fields gives the change as a citizen row and the columns of it to write.
func (u CitizenUpdate) fields() (Citizen, []string) {
	var row Citizen
	var cols []string
	moment := func(col string, t *time.Time, dst **time.Time) {
		if t != nil {
			utc := t.UTC()
			*dst, cols = &utc, append(cols, col)
		}
	}
	moment("contacted_at", u.ContactedAt, &row.ContactedAt)
	moment("contact_confirmed_at", u.ContactConfirmedAt, &row.ContactConfirmedAt)
	moment("declined_at", u.DeclinedAt, &row.DeclinedAt)
	moment("paused_at", u.PausedAt, &row.PausedAt)
	moment("unreachable_at", u.UnreachableAt, &row.UnreachableAt)
	moment("phone_invalid_at", u.PhoneInvalidAt, &row.PhoneInvalidAt)
	moment("closed_at", u.ClosedAt, &row.ClosedAt)
	moment("completed_at", u.CompletedAt, &row.CompletedAt)
	moment("opted_out_at", u.OptedOutAt, &row.OptedOutAt)
	moment("last_inbound_at", u.LastInboundAt, &row.LastInboundAt)
	if u.OptOutSource != nil {
		row.OptOutSource, cols = *u.OptOutSource, append(cols, "opt_out_source")
	}
	if u.LinkWorkerID != nil {
		row.LinkWorkerID, cols = *u.LinkWorkerID, append(cols, "link_worker_id")
	}
	if u.Language != nil {
		row.Language, cols = *u.Language, append(cols, "language")
	}
	if u.Preferences != nil {
		row.Preferences = *u.Preferences
		cols = append(cols, "reminders_enabled", "reminder_lead_minutes", "quiet_start", "quiet_end", "preferred_channel")
	}
	return row, cols
}

// UpdateCitizen writes one change to a citizen (bot and scheduler state changes, test fixtures).
// An empty change writes nothing but updated_at.
func (s *Store) UpdateCitizen(ctx context.Context, id string, u CitizenUpdate) error {
	row, cols := u.fields()
	if err := s.writeCitizen(s.q(ctx).Where("id = ?", id), &row, cols...).Error; err != nil {
		return fmt.Errorf("update citizen: %w", err)
	}
	return nil
}

// writeCitizen writes the named columns of row, and its updated_at (the store's clock when
// zero), to the citizens q selects: typed values under named columns, and nothing else.
// UpdateColumns (not Updates) because GORM's own updated_at stamp would read the wall clock.
func (s *Store) writeCitizen(q *gorm.DB, row *Citizen, cols ...string) *gorm.DB {
	if row.UpdatedAt.IsZero() {
		row.UpdatedAt = s.Now()
	}
	return q.Model(&Citizen{}).Select(append(cols, "updated_at")).UpdateColumns(row)
}
