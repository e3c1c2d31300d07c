package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// researchKeyHolder is an admin allowed to write the research key file (the map from study IDs
// to people). Being an admin is not enough: the key undoes the pseudonymisation, so the
// permission is granted to named admins, one by one, from the command line, and the API offers
// no way to the key file at all.
type researchKeyHolder struct {
	StaffID   string    `gorm:"primaryKey;type:uuid"`
	GrantedAt time.Time `gorm:"not null"`
}

// GrantResearchKey lets the active admin with this email write the key file, and returns them.
// Granting twice keeps the first grant.
func (s *Store) GrantResearchKey(ctx context.Context, email string) (*Staff, error) {
	st, err := s.activeStaffByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	if st.Role != RoleAdmin {
		return nil, Errorf(EFORBIDDEN, "Only an admin may hold the research key; %s is a %s.", st.Email, st.Role)
	}
	h := researchKeyHolder{StaffID: st.ID, GrantedAt: s.Now()}
	if err := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&h).Error; err != nil {
		return nil, fmt.Errorf("grant research key: %w", err)
	}
	return st, nil
}

// RevokeResearchKey takes the permission away; revoking one never granted is not an error.
func (s *Store) RevokeResearchKey(ctx context.Context, email string) (*Staff, error) {
	st, err := s.activeStaffByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	if err := s.q(ctx).Where("staff_id = ?", st.ID).Delete(&researchKeyHolder{}).Error; err != nil {
		return nil, fmt.Errorf("revoke research key: %w", err)
	}
	return st, nil
}

// HoldsResearchKey reports whether the staff member is an active admin granted the research key.
func (s *Store) HoldsResearchKey(ctx context.Context, staffID string) (bool, error) {
	var n int64
	err := s.q(ctx).Model(&researchKeyHolder{}).
		Joins("JOIN staff ON staff.id = research_key_holders.staff_id").
		Where("research_key_holders.staff_id = ? AND staff.role = ? AND staff.active = ?", staffID, RoleAdmin, true).
		Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("research key holder: %w", err)
	}
	return n > 0, nil
}

func (s *Store) activeStaffByEmail(ctx context.Context, email string) (*Staff, error) {
	var st Staff
	err := s.q(ctx).Where("email = ? AND active = ?", foldEmail(email), true).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("staff member")
	}
	if err != nil {
		return nil, fmt.Errorf("staff by email: %w", err)
	}
	return &st, nil
}
