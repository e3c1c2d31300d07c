package models

import (
	"errors"

	"context"
	"fmt"
	"strconv"
	"time"

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

// caseloadSorts are the caseload's orders, each with its own cursors (its own list: a cursor of
// one sort is refused by another).
var caseloadSorts = map[string]struct {
	expr, dir string
	cursors   cursorCodec[string]
}{
	"created":      {"c.id", "DESC", idCursors("caseload_created")},
	"name":         {"c.name", "ASC", textCursors("caseload_name")},
	"last_contact": {"COALESCE(c.last_inbound_at, c.created_at)", "DESC", lastContactCursors},
	// need is computed per row (need_rank, see needRankSQL) and sorted in an outer query.
	"need": {"cl.need_rank", "ASC", needCursors},
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
	codec := sort.cursors
	var cur *keyset[string]
	if q.Cursor != "" {
		c, err := codec.decode(q.Cursor)
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
			page.NextCursor = codec.encode(key, rows[i-1].ID)
			break
		}
		page.Rows = append(page.Rows, r.CaseloadRow)
	}
	return page, nil
}

// caseloadBySort pages in an indexed column's order (id, name, last contact).
func (s *Store) caseloadBySort(ctx context.Context, q CaseloadQuery, cur *keyset[string], expr, dir string) *gorm.DB {
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
