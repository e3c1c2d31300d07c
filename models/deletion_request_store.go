package models

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
)

// DeletionRequest is a citizen's request to have their data erased. Its id is the citizen's id:
// a citizen asks at most once (RequestDeletion keeps the first moment).
type DeletionRequest struct {
	CitizenID   string
	RequestedAt time.Time
	// ErasedAt is nil while the request waits for an admin.
	ErasedAt *time.Time
	// UrgentFlagOpen says the erasure would be refused until a link worker has looked.
	UrgentFlagOpen bool
}

// DeletionRequestPage is a page of deletion requests, oldest first, and the next page's cursor.
type DeletionRequestPage struct {
	Items      []DeletionRequest
	NextCursor string
}

type deletionCursor struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

// DeletionRequests lists deletion requests oldest first (the one waiting longest on top),
// keyset-paginated on (deletion_requested_at, id) over idx_citizens_deletion_requested.
// pendingOnly leaves out the requests already carried out.
func (s *Store) DeletionRequests(ctx context.Context, pendingOnly bool, cursor string, limit int) (DeletionRequestPage, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	urgent := s.q(ctx).Model(&Flag{}).Select("1").
		Where("flags.citizen_id = c.id AND flags.acked_at IS NULL AND flags.severity >= ?", SeverityUrgent)
	db := s.q(ctx).Table("citizens AS c").
		Select("c.id AS citizen_id, c.deletion_requested_at AS requested_at, c.erased_at, EXISTS (?) AS urgent_flag_open", urgent).
		Where("c.deletion_requested_at IS NOT NULL")
	if pendingOnly {
		db = db.Where("c.erased_at IS NULL")
	}
	if cursor != "" {
		var cur deletionCursor
		b, err := base64.RawURLEncoding.DecodeString(cursor)
		if err != nil || json.Unmarshal(b, &cur) != nil || !ValidID(cur.ID) {
			return DeletionRequestPage{}, Invalid("cursor", "The cursor is not valid; load the first page again without a cursor.")
		}
		db = db.Where("(c.deletion_requested_at > ? OR (c.deletion_requested_at = ? AND c.id > ?))", cur.At, cur.At, cur.ID)
	}
	var rows []DeletionRequest
	if err := db.Order("c.deletion_requested_at, c.id").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return DeletionRequestPage{}, fmt.Errorf("deletion requests: %w", err)
	}
	page := DeletionRequestPage{Items: rows}
	if len(rows) > limit {
		page.Items = rows[:limit]
		last := rows[limit-1]
		b, _ := json.Marshal(deletionCursor{At: last.RequestedAt.UTC(), ID: last.CitizenID})
		page.NextCursor = base64.RawURLEncoding.EncodeToString(b)
	}
	return page, nil
}
