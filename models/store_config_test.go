package models_test

import (
	"testing"

	"brobygger/models"
	"brobygger/models/storetest"
	"gorm.io/gorm"
)

// GORM's prepared-statement cache stays off: in a transaction it prepares every statement again
// (202 prepares for 200 statements), and the inbound benchmark was slower with it on both
// databases (BENCHMARKS.md, "Prepared statements").
func TestStore_NoGormStatementCache(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		db := s.GormDB()
		if _, cached := db.ConnPool.(*gorm.PreparedStmtDB); cached || db.Config.PrepareStmt {
			t.Fatal("the store uses GORM's prepared statement cache (PrepareStmt)")
		}
	})
}
