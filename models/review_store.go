package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ReviewQuery selects the review queue for a staff member.
type ReviewQuery struct {
	StaffID string
	Admin   bool
	// IncludeAcked also lists acknowledged flags (history).
	IncludeAcked bool
	CitizenID    string
	Limit        int
}

// ReviewItem is a flag with who it is about.
type ReviewItem struct {
	Flag
	CitizenName string
}

// ReviewQueue lists flags most urgent first, then oldest first. A link worker sees flags about
// their own citizens and flags about no citizen (an unknown sender); an admin sees all.
//
// A link worker's queue is the union of two small lookups (their citizens' flags, and the open
// flags about no one) rather than one join filtered by "no citizen or mine": that OR keeps
// the database from starting at the worker's citizens, so it read every open flag of the site
// (some 45,000 at a million citizens) to keep a worker's dozen. An admin's open flags come in
// queue order from idx_flags_open.
func (s *Store) ReviewQueue(ctx context.Context, q ReviewQuery) ([]ReviewItem, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 100
	}
	var out []ReviewItem
	if err := s.reviewQuery(ctx, q).Order("severity DESC, created_at ASC, id").Limit(q.Limit).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	return out, nil
}

// reviewQuery selects the flags q may see, with their citizens' names, as a table "queue" to
// order and limit.
func (s *Store) reviewQuery(ctx context.Context, q ReviewQuery) *gorm.DB {
	var mine *gorm.DB
	switch {
	case q.Admin:
		mine = s.q(ctx).Table("flags AS f").Select("f.*, COALESCE(c.name, '') AS citizen_name").
			Joins("LEFT JOIN citizens c ON c.id = f.citizen_id")
	default:
		// Citizen by citizen: the worker's few hundred citizens by idx_citizens_worker_status,
		// then each one's flags by idx_flags_citizen (sqldialect's ChildrenOf: a lateral join on
		// PostgreSQL, whose estimates otherwise put a hash join over every open flag of the site
		// ahead of those lookups, 45,000 flags read (21 ms) for a worker's dozen at a million
		// citizens; SQLite's plain join already goes that way).
		acked := ""
		if !q.IncludeAcked {
			acked = " AND f.acked_at IS NULL"
		}
		from, join := s.sql.ChildrenOf("citizens", "c", "flags", "f", "citizen_id", acked)
		mine = s.q(ctx).Table(from).Select("f.*, c.name AS citizen_name").Joins(join).Where("c.link_worker_id = ?", q.StaffID)
	}
	if !q.IncludeAcked {
		mine = mine.Where("f.acked_at IS NULL")
	}
	if q.CitizenID != "" {
		mine = mine.Where("f.citizen_id = ?", q.CitizenID)
	}
	if q.Admin || q.CitizenID != "" { // flags about no one are an admin's already, and no citizen's
		return s.q(ctx).Table("(?) AS queue", mine)
	}
	noOne := s.q(ctx).Table("flags AS f").Select("f.*, '' AS citizen_name").Where("f.citizen_id IS NULL").
		Where("f.kind NOT IN ?", adminOnlyFlagKinds)
	if !q.IncludeAcked {
		noOne = noOne.Where("f.acked_at IS NULL")
	}
	return s.q(ctx).Table("(? UNION ALL ?) AS queue", mine, noOne)
}

// AckFlag records that a person looked at a flag, with their note. Acknowledging a crisis flag
// resumes scheduled check-ins once no crisis flag for the citizen is left open (a person has
// looked). Another worker's flag is "not found". seenMessages, when positive, is how many
// messages the safety case held when the person read it: if more have joined since (an
// emergency may have joined a distress case), the acknowledgement is refused, so nobody closes
// what they have not seen.
func (s *Store) AckFlag(ctx context.Context, flagID, staffID string, admin bool, note string, seenMessages int) (*Flag, error) {
	note = strings.TrimSpace(note)
	if note == "" || len(note) > 4000 {
		return nil, Invalid("note", "Write a note (up to 4000 characters) saying what was done.")
	}
	var f Flag
	err := s.InTx(ctx, func(tx *Store) error {
		items, err := tx.visibleFlag(ctx, flagID, staffID, admin)
		if err != nil {
			return err
		}
		f = items.Flag
		if f.AckedAt != nil {
			return Errorf(ECONFLICT, "This flag was already acknowledged.")
		}
		if now := f.Messages(); seenMessages > 0 && now != seenMessages {
			return Errorf(ECONFLICT, "New messages have come in on this case since you opened it (%d, not %d). Read them before you mark it as seen.", now, seenMessages)
		}
		now := tx.Now()
		if err := tx.q(ctx).Model(&Flag{}).Where("id = ?", f.ID).
			Updates(map[string]any{"acked_at": now, "acked_by_id": staffID, "ack_note": note}).Error; err != nil {
			return err
		}
		f.AckedAt, f.AckedByID, f.AckNote = &now, &staffID, note
		if f.Kind == FlagCrisis && f.CitizenID != nil {
			return tx.resumeIfNoOpenCrisis(ctx, *f.CitizenID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &f, nil
}

func (s *Store) visibleFlag(ctx context.Context, flagID, staffID string, admin bool) (*ReviewItem, error) {
	if !ValidID(flagID) {
		return nil, NotFound("flag")
	}
	db := s.q(ctx).Table("flags AS f").Select("f.*, COALESCE(c.name, '') AS citizen_name").
		Joins("LEFT JOIN citizens c ON c.id = f.citizen_id").Where("f.id = ?", flagID)
	if !admin {
		db = db.Where("((f.citizen_id IS NULL AND f.kind NOT IN ?) OR c.link_worker_id = ?)", adminOnlyFlagKinds, staffID)
	}
	var out ReviewItem
	err := db.Take(&out).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("flag")
	}
	if err != nil {
		return nil, fmt.Errorf("flag: %w", err)
	}
	return &out, nil
}

func (s *Store) resumeIfNoOpenCrisis(ctx context.Context, citizenID string) error {
	var open int64
	if err := s.q(ctx).Model(&Flag{}).Where("citizen_id = ? AND kind = ? AND acked_at IS NULL", citizenID, FlagCrisis).Count(&open).Error; err != nil {
		return err
	}
	if open > 0 {
		return nil
	}
	// Only the safety pause lifts here; a pause a link worker made by hand stays until they resume.
	err := s.writeCitizen(s.q(ctx).Where("id = ? AND paused_by_id IS NULL", citizenID), &Citizen{}, "paused_at").Error
	if err != nil {
		return fmt.Errorf("resume after crisis: %w", err)
	}
	return nil
}

// OverdueSince reports whether an open urgent flag is older than limit (the dashboard highlights it).
func (f *Flag) OverdueSince(now time.Time, limit time.Duration) bool {
	return f.AckedAt == nil && f.Severity >= SeverityUrgent && now.Sub(f.CreatedAt) > limit
}
