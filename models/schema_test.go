package models_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// ddlRecorder keeps every schema-changing statement GORM would run.
type ddlRecorder struct {
	logger.Interface
	mu   sync.Mutex
	seen []string
}

func (r *ddlRecorder) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	sql, _ := fc()
	head := strings.ToUpper(strings.TrimSpace(sql))
	for _, verb := range []string{"CREATE", "ALTER", "DROP"} {
		if strings.HasPrefix(head, verb) {
			r.mu.Lock()
			r.seen = append(r.seen, sql)
			r.mu.Unlock()
		}
	}
}

var errRollback = errors.New("roll back the dry run")

// TestSchemaMatchesModels fails when GORM's AutoMigrate would still change the migrated schema:
// the models and the migrations have drifted apart.
func TestSchemaMatchesModels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		rec := &ddlRecorder{Interface: logger.Discard}
		err := s.GormDB().Session(&gorm.Session{Logger: rec}).Transaction(func(tx *gorm.DB) error {
			if err := tx.AutoMigrate(models.AllModels()...); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatalf("auto-migrate dry run: %v", err)
		}
		for _, stmt := range rec.seen {
			t.Errorf("models and migrations disagree; AutoMigrate would run:\n%s", stmt)
		}
	})
}

// TestMigrate_Idempotent shows a second migrate is a no-op and nothing stays pending.
func TestMigrate_Idempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		res, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Applied) != 0 || res.Version < 1 {
			t.Fatalf("second migrate applied %v at version %d", res.Applied, res.Version)
		}
		pending, err := s.PendingMigrations(context.Background())
		if err != nil || pending != 0 {
			t.Fatalf("pending = %d, %v", pending, err)
		}
	})
}
