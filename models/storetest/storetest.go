// Package storetest opens fresh, migrated stores for tests: always SQLite, and PostgreSQL too when
// TEST_DATABASE_URL is set. Each PostgreSQL store gets its own schema, so packages run in parallel.
// It is a test helper (imported from _test.go files and bench only) and may import models.
package storetest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"brobygger/models"

	"github.com/google/uuid"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Dialects lists the databases every store test must run on in this environment.
func Dialects() []models.Dialect {
	if os.Getenv("TEST_DATABASE_URL") != "" {
		return []models.Dialect{models.SQLite, models.Postgres}
	}
	return []models.Dialect{models.SQLite}
}

// Each runs fn as a subtest once per dialect with a fresh migrated store.
func Each(t *testing.T, fn func(t *testing.T, s *models.Store), opts ...models.StoreOption) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(string(d), func(t *testing.T) {
			fn(t, Open(t, d, opts...))
		})
	}
}

// Open returns a fresh migrated store of the given dialect, removed when the test ends.
func Open(t testing.TB, d models.Dialect, opts ...models.StoreOption) *models.Store {
	t.Helper()
	dbURL := URL(t, d)
	s, err := models.Open(context.Background(), dbURL, opts...)
	if err != nil {
		t.Fatalf("open %s store: %v", d, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s store: %v", d, err)
	}
	return s
}

// URL returns a DATABASE_URL for an empty database of the given dialect: a temp SQLite file, or
// a new schema in TEST_DATABASE_URL's database (dropped at cleanup).
func URL(t testing.TB, d models.Dialect) string {
	t.Helper()
	if d == models.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		t.Skip("TEST_DATABASE_URL is not set")
	}
	schema := "t_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:20]
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{})
	if err != nil {
		t.Fatalf("connect TEST_DATABASE_URL: %v", err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin.WithContext(ctx).Exec("DROP SCHEMA " + schema + " CASCADE")
		if db, err := admin.DB(); err == nil {
			_ = db.Close()
		}
	})
	return withSearchPath(t, base, schema)
}

func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return fmt.Sprint(u)
}
