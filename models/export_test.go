package models

import (
	"context"

	"gorm.io/gorm"
)

// GormDB lets external tests reach the GORM handle (the schema-drift test needs the migrator).
func (s *Store) GormDB() *gorm.DB { return s.db }

// SchedulableQueries are the scheduler's two keyset reads (the SMS citizens, and those after STOP
// bounded by upTo), for the test that explains their plans.
func SchedulableQueries(afterID, upTo string, limit int) (sms, beyond string, smsArgs, beyondArgs []any) {
	sms, smsArgs = schedulableQuery(schedulable, afterID, "", limit)
	beyond, beyondArgs = schedulableQuery(schedulableBeyondSMS, afterID, upTo, limit)
	return sms, beyond, smsArgs, beyondArgs
}

// SchedulableSMSOnly is the keyset read as it was before STOP was split from the other channels
// (one range read along idx_citizens_schedulable): the benchmark's baseline.
func (s *Store) SchedulableSMSOnly(ctx context.Context, afterID string, limit int) ([]Citizen, error) {
	return s.schedulableRange(ctx, schedulable, afterID, "", limit)
}
