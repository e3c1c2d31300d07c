package models

import (
	"context"
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
	rows, next, err := keysetPage(db, deletionCursors, "c.deletion_requested_at", "c.id", false, cursor, limit, "deletion requests",
		func(r DeletionRequest) (time.Time, string) { return r.RequestedAt, r.CitizenID })
	if err != nil {
		return DeletionRequestPage{}, err
	}
	return DeletionRequestPage{Items: rows, NextCursor: next}, nil
}
