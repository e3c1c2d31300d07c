package models

import (
	"errors"

	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// CaseloadQuery selects a page of citizens for a link worker's caseload.
type CaseloadQuery struct {
	// WorkerID scopes the page to one link worker's citizens; empty means all (admins only:
	// the API decides who may leave it empty).
	WorkerID string
	Statuses []CitizenStatus
	// Sort is "created" (newest first, default), "name" or "last_contact" (most recent first).
	Sort   string
	Cursor string
	Limit  int
}

// CaseloadRow is one citizen on the caseload page.
type CaseloadRow struct {
	ID             string
	Name           string
	Phone          string
	Language       Lang
	LinkWorkerID   string
	Status         CitizenStatus
	PausedAt       *time.Time
	LastInboundAt  *time.Time
	LastOutboundAt *time.Time
	CreatedAt      time.Time
	OpenFlags      int
	UrgentFlags    int
}

// CaseloadPage is a page and the cursor for the next one ("" at the end).
type CaseloadPage struct {
	Rows       []CaseloadRow
	NextCursor string
}

// caseloadCursor is the keyset position: the last row's sort value and id.
type caseloadCursor struct {
	Key string `json:"k"`
	ID  string `json:"i"`
}

var caseloadSorts = map[string]struct{ expr, dir string }{
	"created":      {"c.id", "DESC"},
	"name":         {"c.name", "ASC"},
	"last_contact": {"COALESCE(c.last_inbound_at, c.created_at)", "DESC"},
}

// Caseload returns one page of citizens with their open flag counts, using keyset pagination so
// deep pages cost the same as the first, with hundreds of thousands of citizens.
func (s *Store) Caseload(ctx context.Context, q CaseloadQuery) (CaseloadPage, error) {
	sort, ok := caseloadSorts[q.Sort]
	if q.Sort == "" {
		sort, ok = caseloadSorts["created"], true
	}
	if !ok {
		return CaseloadPage{}, Invalid("sort", "Sort must be created, name or last_contact.")
	}
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	db := s.q(ctx).Table("citizens AS c").Select(`c.id, c.name, c.phone, c.language, c.link_worker_id, c.status, c.paused_at,
		c.last_inbound_at, c.last_outbound_at, c.created_at,
		(SELECT COUNT(*) FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL) AS open_flags,
		(SELECT COUNT(*) FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL AND f.severity >= ?) AS urgent_flags,
		`+sort.expr+` AS sort_key`, SeverityUrgent).Where("c.closed_at IS NULL")
	if q.WorkerID != "" {
		db = db.Where("c.link_worker_id = ?", q.WorkerID)
	}
	if len(q.Statuses) > 0 {
		db = db.Where("c.status IN ?", q.Statuses)
	}
	if q.Cursor != "" {
		cur, err := decodeCursor(q.Cursor, q.Sort)
		if err != nil {
			return CaseloadPage{}, err
		}
		op := ">"
		if sort.dir == "DESC" {
			op = "<"
		}
		db = db.Where(fmt.Sprintf("(%s %s ? OR (%s = ? AND c.id %s ?))", sort.expr, op, sort.expr, op), cur.Key, cur.Key, cur.ID)
	}
	var rows []struct {
		CaseloadRow
		SortKey string
	}
	err := db.Order(sort.expr + " " + sort.dir + ", c.id " + sort.dir).Limit(q.Limit + 1).Scan(&rows).Error
	if err != nil {
		return CaseloadPage{}, fmt.Errorf("caseload: %w", err)
	}
	page := CaseloadPage{}
	for i, r := range rows {
		if i == q.Limit {
			page.NextCursor = encodeCursor(caseloadCursor{Key: rows[i-1].SortKey, ID: rows[i-1].ID})
			break
		}
		page.Rows = append(page.Rows, r.CaseloadRow)
	}
	return page, nil
}

func encodeCursor(c caseloadCursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// badCursor is the one answer to a cursor we did not write: it never repeats the cursor.
func badCursor() error {
	return Invalid("cursor", "The cursor is not valid for this sort; load the first page again without a cursor.")
}

// decodeCursor reads a cursor and checks its key fits the sort, so that what reaches the query
// is always a value of the sort column's type: a crafted key used to reach PostgreSQL as a uuid
// or a timestamp it could not read (a 500, with the key quoted in the log).
func decodeCursor(s, sort string) (caseloadCursor, error) {
	var c caseloadCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || !ValidID(c.ID) {
		return caseloadCursor{}, badCursor()
	}
	switch sort {
	case "", "created":
		if c.Key != c.ID {
			return caseloadCursor{}, badCursor()
		}
	case "last_contact":
		// PostgreSQL reads years 1 to 9999 here; time.Parse also takes year 0.
		if t, err := time.Parse(time.RFC3339Nano, c.Key); err != nil || t.Year() < 1 {
			return caseloadCursor{}, badCursor()
		}
	default: // name, an offer's title
		if len(c.Key) > 4*200 || !utf8.ValidString(c.Key) || strings.IndexByte(c.Key, 0) >= 0 {
			return caseloadCursor{}, badCursor()
		}
	}
	return c, nil
}

// CitizenForStaff returns a citizen if the staff member may see them: a link worker only their
// own caseload, an admin everyone. The scope is in the query, so anyone else's citizen is "not
// found", never "forbidden", and the API never reveals that they exist.
func (s *Store) CitizenForStaff(ctx context.Context, citizenID, staffID string, admin bool) (*Citizen, error) {
	if !ValidID(citizenID) {
		return nil, NotFound("citizen")
	}
	q := s.q(ctx).Where("id = ?", citizenID)
	if !admin {
		q = q.Where("link_worker_id = ?", staffID)
	}
	var c Citizen
	err := q.Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("citizen")
	}
	if err != nil {
		return nil, fmt.Errorf("citizen for staff: %w", err)
	}
	return &c, nil
}
