package models

import (
	"errors"

	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
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
	// Search keeps citizens whose name contains it (any case) or, when it is a phone number in
	// any common writing ("+45 12 34 56 78", "12345678"), whose number contains its digits.
	Search string
	// Sort is "created" (newest first, default), "name", "last_contact" (most recent first) or
	// "need" (who needs the link worker first: see NeedRank).
	Sort   string
	Cursor string
	Limit  int
	// Window is the site's send window: its time zone and closed days decide the working days
	// in a flag's due time (FlagDueCutoffs), which the need sort and NeedRank use.
	Window SendWindow
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
	// NeedRank is where the citizen stands in the need sort (NeedUrgentFlag first).
	NeedRank NeedRank
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
	// need is computed per row (need_rank, see needRankSQL) and sorted in an outer query.
	"need": {"cl.need_rank", "ASC"},
}

// Caseload returns one page of citizens with their open flag counts, using keyset pagination so
// deep pages cost the same as the first, with hundreds of thousands of citizens.
func (s *Store) Caseload(ctx context.Context, q CaseloadQuery) (CaseloadPage, error) {
	if q.Sort == "" {
		q.Sort = "created"
	}
	sort, ok := caseloadSorts[q.Sort]
	if !ok {
		return CaseloadPage{}, Invalid("sort", "Sort must be need, created, name or last_contact.")
	}
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	if err := validCaseloadSearch(q.Search); err != nil {
		return CaseloadPage{}, err
	}
	var cur *caseloadCursor
	if q.Cursor != "" {
		c, err := decodeCursor(q.Cursor, q.Sort)
		if err != nil {
			return CaseloadPage{}, err
		}
		cur = &c
	}
	var rows []struct {
		CaseloadRow
		SortKey string
	}
	var err error
	if q.Sort == "need" {
		err = s.caseloadByNeed(ctx, q, cur).Scan(&rows).Error
	} else {
		err = s.caseloadBySort(ctx, q, cur, sort.expr, sort.dir).Scan(&rows).Error
	}
	if err != nil {
		return CaseloadPage{}, fmt.Errorf("caseload: %w", err)
	}
	page := CaseloadPage{}
	for i, r := range rows {
		if i == q.Limit {
			key := rows[i-1].SortKey
			if q.Sort == "need" {
				key = strconv.Itoa(int(rows[i-1].NeedRank))
			}
			page.NextCursor = encodeCursor(caseloadCursor{Key: key, ID: rows[i-1].ID})
			break
		}
		page.Rows = append(page.Rows, r.CaseloadRow)
	}
	return page, nil
}

// caseloadBySort pages in an indexed column's order (id, name, last contact).
func (s *Store) caseloadBySort(ctx context.Context, q CaseloadQuery, cur *caseloadCursor, expr, dir string) *gorm.DB {
	db := s.caseloadScope(ctx, q, expr+" AS sort_key")
	if cur != nil {
		op := ">"
		if dir == "DESC" {
			op = "<"
		}
		db = db.Where(fmt.Sprintf("(%s %s ? OR (%s = ? AND c.id %s ?))", expr, op, expr, op), cur.Key, cur.Key, cur.ID)
	}
	return db.Order(expr + " " + dir + ", c.id " + dir).Limit(q.Limit + 1)
}

// caseloadColumns are the citizen's own columns on a caseload row.
const caseloadColumns = `c.id, c.name, c.phone, c.language, c.link_worker_id, c.status, c.paused_at,
		c.last_inbound_at, c.last_outbound_at, c.created_at`

// caseloadScope selects the citizens q may see, with their flag counts and need rank, plus the
// extra select (the sort key).
func (s *Store) caseloadScope(ctx context.Context, q CaseloadQuery, extra string) *gorm.DB {
	var db *gorm.DB
	if q.Sort == "need" && q.WorkerID == "" {
		db = s.siteNeedScope(ctx, q, extra)
	} else {
		rank, rankArgs := needRankSQL(s.Now(), q.Window)
		args := append([]any{SeverityUrgent}, rankArgs...)
		db = s.q(ctx).Table("citizens AS c").Select(caseloadColumns+`,
		(SELECT COUNT(*) FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL) AS open_flags,
		(SELECT COUNT(*) FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL AND f.severity >= ?) AS urgent_flags,
		`+rank+` AS need_rank, `+extra, args...)
	}
	db = db.Where("c.closed_at IS NULL")
	if q.WorkerID != "" {
		db = db.Where("c.link_worker_id = ?", q.WorkerID)
	}
	if len(q.Statuses) > 0 {
		db = db.Where("c.status IN ?", q.Statuses)
	}
	return s.whereCaseloadSearch(db, q.Search)
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
	case "need":
		if len(c.Key) != 1 || c.Key[0] < '0' || c.Key[0] > '0'+byte(NeedNone) {
			return caseloadCursor{}, badCursor()
		}
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
