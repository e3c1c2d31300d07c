package models

import "gorm.io/gorm"

// GormDB lets external tests reach the GORM handle (the schema-drift test needs the migrator).
func (s *Store) GormDB() *gorm.DB { return s.db }
