package models

import (
	"context"
	"time"
)

// AuditQuery selects a page of the audit log for an admin: every filter is optional.
type AuditQuery struct {
	// ActorID keeps the entries of one staff member.
	ActorID string
	// CitizenID keeps the entries about one citizen.
	CitizenID string
	// Action keeps the entries of one kind ("read_citizen", "erase_citizen", ...).
	Action string
	// From and To bound the time, From inclusive and To exclusive; zero means unbounded.
	From, To time.Time
	Cursor   string
	Limit    int
}

// AuditRow is an audit entry with the name of the person who acted ("" for a citizen or the system).
type AuditRow struct {
	AuditEntry
	ActorName string
}

// AuditPage is a page of the audit log, newest first, and the cursor of the next ("" at the end).
type AuditPage struct {
	Rows       []AuditRow
	NextCursor string
}

// AuditLog lists audit entries newest first, keyset-paginated on (at, id) so a page costs the
// same on page 1 and page 1,000 (idx_audit_at, idx_audit_actor_at, idx_audit_object).
func (s *Store) AuditLog(ctx context.Context, q AuditQuery) (AuditPage, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	db := s.q(ctx).Table("audit_log AS a").Select("a.*, COALESCE(st.name, '') AS actor_name").
		Joins("LEFT JOIN staff st ON st.id = a.actor_id")
	if q.ActorID != "" {
		if !ValidID(q.ActorID) {
			return AuditPage{}, Invalid("staff_id", "The staff id is not valid.")
		}
		db = db.Where("a.actor_id = ?", q.ActorID)
	}
	if q.CitizenID != "" {
		if !ValidID(q.CitizenID) {
			return AuditPage{}, Invalid("citizen_id", "The citizen id is not valid.")
		}
		db = db.Where("a.object_id = ? AND a.object_type = ?", q.CitizenID, "citizen")
	}
	if q.Action != "" {
		if !validAuditAction(q.Action) {
			return AuditPage{}, Invalid("action", "The action is a word of lower-case letters and underscores, such as read_citizen.")
		}
		db = db.Where("a.action = ?", q.Action)
	}
	if !q.From.IsZero() {
		db = db.Where("a.at >= ?", q.From.UTC())
	}
	if !q.To.IsZero() {
		db = db.Where("a.at < ?", q.To.UTC())
	}
	rows, next, err := keysetPage(db, auditCursors, "a.at", "a.id", true, q.Cursor, q.Limit, "audit log",
		func(r AuditRow) (time.Time, string) { return r.At, r.ID })
	if err != nil {
		return AuditPage{}, err
	}
	return AuditPage{Rows: rows, NextCursor: next}, nil
}

// validAuditAction reports whether a is shaped like the actions the API writes (at most 40
// lower-case letters and underscores), so a filter never carries anything else into the query.
func validAuditAction(a string) bool {
	if len(a) > 40 {
		return false
	}
	for _, r := range a {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}
