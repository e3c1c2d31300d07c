package models

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// SettingRetentionMonths is how many months after a citizen's case is closed their identifying
// data is kept before the retention job erases it.
const SettingRetentionMonths = "retention_months"

// DefaultRetentionMonths is the retention period when no admin has set one.
const DefaultRetentionMonths = 24

// RetentionMonths reads the retention setting (DefaultRetentionMonths when unset).
func (s *Store) RetentionMonths(ctx context.Context) (int, error) {
	v, ok, err := s.setting(ctx, SettingRetentionMonths)
	if err != nil || !ok {
		return DefaultRetentionMonths, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("retention setting %q: %w", v, err)
	}
	return n, nil
}

// SetRetentionMonths stores the retention period: 1 to 240 months (twenty years).
func (s *Store) SetRetentionMonths(ctx context.Context, months int) error {
	if months < 1 || months > 240 {
		return Invalid("months", "The retention period must be between 1 and 240 months.")
	}
	return s.putSetting(ctx, SettingRetentionMonths, strconv.Itoa(months))
}

// RetentionDue lists the citizens whose case was closed before cutoff and who are not yet
// erased, oldest closure first: the retention job's work (and its dry-run report).
func (s *Store) RetentionDue(ctx context.Context, cutoff time.Time) ([]string, error) {
	var ids []string
	err := s.q(ctx).Model(&Citizen{}).Where("closed_at IS NOT NULL AND closed_at < ? AND erased_at IS NULL", cutoff.UTC()).
		Order("closed_at, id").Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("retention due: %w", err)
	}
	return ids, nil
}
