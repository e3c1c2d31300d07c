package models

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib"       // registers the "pgx" database/sql driver for goose
	_ "github.com/ncruces/go-sqlite3/driver" // registers "sqlite3"

	"brobygger/models/migrations"
)

// MigrationResult says what Migrate did (migrations.Result).
type MigrationResult = migrations.Result

// Migrate applies every pending migration for the store's dialect, then the one-off data
// backfills that need Go rather than SQL.
func (s *Store) Migrate(ctx context.Context) (MigrationResult, error) {
	db, err := s.migrationDB()
	if err != nil {
		return MigrationResult{}, fmt.Errorf("migrations: %w", err)
	}
	defer db.Close()
	res, err := migrations.Up(ctx, db, s.migrationDialect())
	if err != nil {
		return res, err
	}
	if res.Version >= phoneOptOutsMigration {
		if err := s.backfillPhoneOptOutsOnce(ctx); err != nil {
			return res, fmt.Errorf("migrate: %w", err)
		}
	}
	return res, nil
}

// PendingMigrations reports how many migrations have not been applied (readiness uses it).
func (s *Store) PendingMigrations(ctx context.Context) (int, error) {
	db, err := s.migrationDB()
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	defer db.Close()
	return migrations.Pending(ctx, db, s.migrationDialect())
}

func (s *Store) migrationDialect() migrations.Dialect { return migrations.Dialect(s.target.Dialect) }

// migrationDB opens a short-lived pool for goose. On SQLite it leaves out our fixed time format:
// goose's version table stores SQLite's own datetime('now') text, which that format cannot read.
func (s *Store) migrationDB() (*sql.DB, error) {
	return sql.Open(s.sql.Driver(), s.target.migrationDSN())
}
