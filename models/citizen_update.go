package models

import (
	"context"
	"fmt"
	"time"
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

// columns lists the fields to write by column name, for GORM's Updates.
func (u CitizenUpdate) columns() map[string]any {
	cols := map[string]any{}
	for col, t := range map[string]*time.Time{
		"contacted_at": u.ContactedAt, "contact_confirmed_at": u.ContactConfirmedAt, "declined_at": u.DeclinedAt,
		"paused_at": u.PausedAt, "unreachable_at": u.UnreachableAt, "phone_invalid_at": u.PhoneInvalidAt,
		"closed_at": u.ClosedAt, "completed_at": u.CompletedAt, "opted_out_at": u.OptedOutAt, "last_inbound_at": u.LastInboundAt,
	} {
		if t != nil {
			cols[col] = t.UTC()
		}
	}
	for col, s := range map[string]*string{"opt_out_source": u.OptOutSource, "link_worker_id": u.LinkWorkerID} {
		if s != nil {
			cols[col] = *s
		}
	}
	if u.Language != nil {
		cols["language"] = *u.Language
	}
	if p := u.Preferences; p != nil {
		cols["reminders_enabled"], cols["reminder_lead_minutes"] = p.RemindersEnabled, p.ReminderLeadMinutes
		cols["quiet_start"], cols["quiet_end"], cols["preferred_channel"] = p.QuietStart, p.QuietEnd, p.PreferredChannel
	}
	return cols
}

// UpdateCitizen writes one change to a citizen (bot and scheduler state changes, test fixtures).
// An empty change writes nothing but updated_at.
func (s *Store) UpdateCitizen(ctx context.Context, id string, u CitizenUpdate) error {
	return s.updateCitizenColumns(ctx, id, u.columns())
}

// updateCitizenColumns writes cols and updated_at; the store's own methods use it for changes
// CitizenUpdate does not offer, such as clearing a moment.
func (s *Store) updateCitizenColumns(ctx context.Context, id string, cols map[string]any) error {
	cols["updated_at"] = s.Now()
	if err := s.q(ctx).Model(&Citizen{}).Where("id = ?", id).Updates(cols).Error; err != nil {
		return fmt.Errorf("update citizen: %w", err)
	}
	return nil
}
