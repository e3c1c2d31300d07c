package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// setting returns a site-wide setting's value; ok is false when it has never been set.
func (s *Store) setting(ctx context.Context, key string) (value string, ok bool, err error) {
	var row setting
	err = s.q(ctx).Where("key = ?", key).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("setting %s: %w", key, err)
	}
	return row.Value, true, nil
}

// putSetting stores a site-wide setting, replacing any earlier value.
func (s *Store) putSetting(ctx context.Context, key, value string) error {
	row := setting{Key: key, Value: value, UpdatedAt: s.Now()}
	err := s.q(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "updated_at"}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("put setting %s: %w", key, err)
	}
	return nil
}
