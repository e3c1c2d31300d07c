package models

import "gorm.io/gorm"

// GormDB lets external tests reach the GORM handle (the schema-drift test needs the migrator).
func (s *Store) GormDB() *gorm.DB { return s.db }

// SchedulableQuery is the scheduler's keyset SQL, for the test that explains its plan.
func SchedulableQuery(afterID string, limit int) (string, []any) {
	return schedulableQuery(afterID, limit)
}
