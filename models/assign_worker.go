package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// assignableWorker returns the staff member a citizen may be assigned to: an active link worker.
// Every path that assigns a citizen (a new referral, a reassignment, an admin moving a departing
// worker's caseload) asks it, so a citizen never lands with an admin or a deactivated account.
// An unknown id or a staff member who is not a link worker is EINVALID on link_worker_id; a
// deactivated link worker is ECONFLICT (the account exists, but no longer takes citizens). Run in
// the assigning transaction.
func (s *Store) assignableWorker(ctx context.Context, id string) (*Staff, error) {
	if !ValidID(id) {
		return nil, Invalid("link_worker_id", "The link worker does not exist.")
	}
	var st Staff
	err := s.q(ctx).Where("id = ?", id).Take(&st).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return nil, Invalid("link_worker_id", "The link worker does not exist.")
	case err != nil:
		return nil, fmt.Errorf("assignable worker: %w", err)
	case st.Role != RoleLinkWorker:
		return nil, Invalid("link_worker_id", "Citizens can only be assigned to a link worker, not to an admin.")
	case !st.Active:
		return nil, &Error{Code: ECONFLICT, Field: "link_worker_id", Message: "This link worker's account is deactivated; choose an active link worker."}
	}
	return &st, nil
}
